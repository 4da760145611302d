"""Who hears of what happens to a report: outbox rows written in the service's transaction.

Messages name a report by number and category only; the people in it stay on the report page.
"""

from django.db.models import Prefetch
from django.urls import reverse

from accounts.models import Agency
from accounts.selectors import agency_members, supervisors_of
from notifications.models import OutboxMessage
from notifications.outbox import choice_label, message_enqueue_many
from people.models import mask_passport
from reports import rules
from reports.models import Report, ReportPerson

Kind = OutboxMessage.Kind
Status = Report.Status
# A digest lists at most this many reports, newest first, and counts the rest.
DIGEST_REPORTS = 200


def status_changed(*, report: Report, event) -> int:
    """Tell the people a status change concerns; `event` (a StatusEvent) keys the message."""
    written = 0
    if event.to_status == Status.SUBMITTED:
        supervisors = [user for user in supervisors_of(report.office_id)
                       if user.pk != event.actor_id]
        written += report_event(recipients=supervisors, kind=Kind.REPORT_SUBMITTED,
                                report=report, event_key=str(event.pk))
    elif event.to_status == Status.RETURNED:
        written += report_event(recipients=[report.author], kind=Kind.REPORT_RETURNED,
                                report=report, event_key=str(event.pk))
    elif event.to_status == Status.VERIFIED:
        written += report_event(recipients=[report.author], kind=Kind.REPORT_VERIFIED,
                                report=report, event_key=str(event.pk))
    if event.to_status in Report.SHAREABLE_STATUSES:
        written += shared(report=report)
    return written


def shared(*, report: Report) -> int:
    """Tell the members of each agency that can now read the report, once per person."""
    if report.status not in Report.SHAREABLE_STATUSES:
        return 0  # agencies see a report from its verification on; they are told then
    agencies = [
        agency.pk for agency in Agency.objects.active().partners()
        if Report.objects.filter(pk=report.pk).filter(Report.objects.shared_with_q(agency))
        .exists()
    ]
    recipients = [user for user in agency_members(agencies) if user.pk != report.author_id]
    return report_event(recipients=recipients, kind=Kind.REPORT_SHARED, report=report,
                        event_key="shared")


def reports_digest_section(*, user, start, end) -> dict:
    """Reports new or changed in [start, end) that the user may read, passports masked for
    partner agencies."""
    show_passports = rules.can_see_passports(user)
    changed = Report.objects.visible_to(user).filter(updated_at__gte=start, updated_at__lt=end)
    reports = list(
        changed.prefetch_related(Prefetch(
            "people_links", queryset=ReportPerson.objects.select_related("mention")))
        .order_by("-updated_at")[:DIGEST_REPORTS + 1]
    )
    # The newest DIGEST_REPORTS are listed; the message says how many more there are.
    more = changed.count() - DIGEST_REPORTS if len(reports) > DIGEST_REPORTS else 0
    items = []
    for report in reports[:DIGEST_REPORTS]:
        people = []
        for link in report.people_links.all():
            passport = link.mention.passport_number
            if passport and not show_passports:
                passport = mask_passport(passport)
            people.append(f"{link.mention.full_name}" + (f" ({passport})" if passport else ""))
        items.append({
            "number": report.number or "",
            "title": report.title,
            "status": report.get_status_display(),
            "link": report.get_absolute_url(),
            "people": people,
        })
    return {"title_key": "reports", "items": items, "more": more,
            "more_link": reverse("reports:list")}


def report_event(*, recipients, kind: str, report, event_key: str) -> int:
    """A notification about a report; the context names the report by number and category only,
    never by the people in it."""
    return message_enqueue_many(
        recipients=[user for user in recipients if user.is_active],
        kind=kind,
        key=f"{kind}:{report.code}:{event_key}",
        context={
            "report_code": report.code,
            "number": report.number or "",
            # Labels are looked up at delivery, in the recipient's language.
            "category": choice_label(report, "category"),
            "priority": choice_label(report, "priority"),
        },
        link=report.get_absolute_url(),
    )
