"""The villages' panel of the dashboard (registered in core.registry.dashboard_panels): outreach
held in the Desa Binaan this quarter, for the users who record outreach."""

from datetime import date

from django.db.models import Count, Sum
from django.template.loader import render_to_string
from django.utils import timezone

from villages import rules
from villages.models import OutreachEvent

LIST_LENGTH = 5


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def outreach_this_quarter(user, today=None):
    today = today or timezone.localdate()
    return OutreachEvent.objects.visible_to(user).filter(
        date__gte=quarter_start(today), date__lte=today
    )


def outreach_panel(request) -> str:
    if not rules.can_record_outreach(request.user):
        return ""
    events = outreach_this_quarter(request.user)
    totals = events.aggregate(
        events=Count("pk"), villages=Count("desa_binaan", distinct=True),
        men=Sum("participants_men", default=0), women=Sum("participants_women", default=0),
    )
    return render_to_string("dashboard/outreach.html", {
        "totals": totals,
        "events": events.select_related("desa_binaan__region").order_by("-date", "-pk")[
            :LIST_LENGTH],
        "since": quarter_start(timezone.localdate()),
    })
