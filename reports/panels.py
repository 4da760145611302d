"""What the reports app adds to other apps' pages: the meeting page (reports on the agenda and
the situation brief), the Desa Binaan page (reports located in the village) and the person page
(reports naming the person)."""

from datetime import timedelta

from django.db.models import Count
from django.template.loader import render_to_string

from accounts.roles import is_office_staff
from meetings.models import Meeting
from reports.models import AgendaItemReport, Report, ReportPerson

# Without an earlier meeting of the team, the brief looks this far back.
BRIEF_DEFAULT_SPAN = timedelta(days=90)
BRIEF_LIST_LIMIT = 25


def situation_brief(*, user, meeting: Meeting) -> dict:
    """Reports in the team's area since the team's previous meeting: counted by category and
    listed — what the meeting should discuss."""
    previous = (Meeting.objects.filter(team=meeting.team, starts_at__lt=meeting.starts_at)
                .exclude(status=Meeting.Status.CANCELLED).order_by("-starts_at").first())
    since = previous.starts_at if previous else meeting.starts_at - BRIEF_DEFAULT_SPAN
    reports = Report.objects.visible_to(user).filter(
        village__code__startswith=f"{meeting.team.area.code}.",
        observed_at__gte=since,
        observed_at__lt=meeting.starts_at,
    )
    labels = dict(Report.Category.choices)
    counts = [
        {"category": labels.get(row["category"], row["category"]), "count": row["count"]}
        for row in reports.values("category").annotate(count=Count("pk")).order_by("-count")
    ]
    listed = reports.select_related("village").order_by("-observed_at")[:BRIEF_LIST_LIMIT]
    return {"since": since, "previous": previous, "counts": counts, "reports": listed,
            "total": sum(row["count"] for row in counts)}


def meeting_panel(request, meeting: Meeting) -> str:
    user = request.user
    links = (AgendaItemReport.objects
             .filter(agenda_item__meeting=meeting, report__in=Report.objects.visible_to(user))
             .select_related("report", "agenda_item").order_by("agenda_item__position", "pk"))
    by_item = {}
    for link in links:
        by_item.setdefault(link.agenda_item_id, []).append(link)
    staff = is_office_staff(user)
    items = [(item, by_item.get(item.pk, [])) for item in meeting.agenda_items.all()]
    if not staff and not by_item:
        return ""
    return render_to_string("reports/panels/meeting.html", {
        "meeting": meeting,
        "items": items,
        "can_link": staff and meeting.status != Meeting.Status.CANCELLED,
        "brief": situation_brief(user=user, meeting=meeting) if staff else None,
    }, request=request)


def village_panel(request, desa) -> str:
    reports = (Report.objects.visible_to(request.user).filter(village=desa.region)
               .order_by("-observed_at")[:10])
    return render_to_string("reports/panels/village.html", {"reports": reports},
                            request=request)


def person_panel(request, person) -> str:
    """The person page's reports: those the reader may read that name the person, with the part
    they play and what each wrote."""
    links = (ReportPerson.objects
             .filter(mention__person=person, report__in=Report.objects.visible_to(request.user))
             .select_related("report__village", "mention")
             .order_by("-report__observed_at", "-pk"))
    return render_to_string("reports/panels/person.html", {"links": links}, request=request)


def mention_panel(request, mention) -> str:
    """The report a mention is part of, when the reader may read it."""
    link = (ReportPerson.objects.filter(mention=mention,
                                        report__in=Report.objects.visible_to(request.user))
            .select_related("report__author").first())
    if link is None:
        return ""
    return render_to_string("reports/panels/mention.html", {"link": link}, request=request)
