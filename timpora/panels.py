"""What the coordination core adds to other apps' pages."""

from django.template.loader import render_to_string

from timpora.models import Meeting


def village_panel(request, desa) -> str:
    """The meetings held, or to be held, in a Desa Binaan that the user may see."""
    meetings = (Meeting.objects.visible_to(request.user).filter(village=desa.region)
                .select_related("team").order_by("-starts_at")[:10])
    return render_to_string("meetings/panels/village.html", {"meetings": meetings},
                            request=request)
