"""Panels: the meeting page's extension point, and the meetings' own panel on the village page.

Other apps register `panel(request, meeting) -> safe HTML` ("" shows nothing) in
`meeting_page_panels` from their AppConfig.ready(), e.g. the reports' situation brief.
"""

from django.template.loader import render_to_string

from core.registry import Registry
from meetings.models import Meeting

meeting_page_panels = Registry(
    "meeting page panels", signature="panel(request, meeting) -> safe HTML"
)


def village_panel(request, desa) -> str:
    """The meetings held, or to be held, in a Desa Binaan that the user may see."""
    meetings = (Meeting.objects.visible_to(request.user).filter(village=desa.region)
                .select_related("team").order_by("-starts_at")[:10])
    return render_to_string("meetings/panels/village.html", {"meetings": meetings},
                            request=request)
