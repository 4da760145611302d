"""Every write to reports: creation, editing, the review workflow, sharing, notes and attachments.

Each function is keyword-only, checks who may act (reports.rules), validates with full_clean(),
and runs in one transaction together with the StatusEvent it records. `_move` is the single place a
report changes status: whatever must happen on a transition (outbox rows, for instance) belongs
there, inside the same transaction.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Agency
from accounts.roles import is_office_staff
from core.rules import ensure
from core.uploads import check_upload, clean_file_name, storage_name
from meetings.models import Meeting
from people import services as register
from people.models import Mention
from reports import dashboard, notify, rules
from reports.models import (
    AgendaItemReport,
    Attachment,
    Note,
    Report,
    ReportNumberCounter,
    ReportPerson,
    StatusEvent,
    report_number,
    user_agency,
)

# Report fields an author fills in; the rest are set by the workflow.
AUTHOR_FIELDS = (
    "title", "narrative", "observed_at", "location_text", "village", "latitude", "longitude",
    "category", "source_type", "source_agency", "source_reliability", "information_credibility",
    "priority", "assigned_to", "recommended_action",
)
# What an author writes about each person the report names (a register mention).
PERSON_FIELDS = Mention.WRITTEN_FIELDS
Status = Report.Status


def _refuse(message: str):
    raise ValidationError(message, code="not_allowed")


def _office_for(user) -> Agency:
    """Office staff report to their own office; partner agencies to the immigration office."""
    agency = user_agency(user)
    if is_office_staff(user):
        if agency is None or not agency.is_immigration_office:
            _refuse(_("Your profile names no immigration office; ask an administrator."))
        return agency
    office = (Agency.objects.active().filter(kind=Agency.Kind.IMMIGRATION_OFFICE)
              .order_by("pk").first())
    if office is None:
        _refuse(_("No immigration office is set up to receive reports."))
    return office


def _record(*, report: Report, actor, from_status: str, note: str = "") -> StatusEvent:
    """Every write to a report records its event here, and so renews the dashboard's figures."""
    dashboard.statistics_changed()
    return StatusEvent.objects.create(
        report=report, actor=actor, from_status=from_status, to_status=report.status, note=note
    )


def _move(*, report: Report, actor, to_status: str, note: str = "", extra_fields=()) -> None:
    from_status = report.status
    report.status = to_status
    report.full_clean()
    report.save(update_fields=["status", "updated_at", *extra_fields])
    event = _record(report=report, actor=actor, from_status=from_status, note=note)
    notify.status_changed(report=report, event=event)


def _lock(report: Report) -> Report:
    """Reload the report locked, so two reviewers cannot move it at the same time."""
    return Report.objects.select_for_update().get(pk=report.pk)


def _next_number(office: Agency) -> str:
    """The next report_number of the office: its counter row for the year is locked until
    commit."""
    year = timezone.localdate().year
    ReportNumberCounter.objects.get_or_create(office=office, year=year)
    counter = ReportNumberCounter.objects.select_for_update().get(office=office, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return report_number(year, counter.last_number)


def _same_words(mention: Mention, row: dict) -> bool:
    """Whether a row of the form says exactly what the mention says (then it is the mention)."""
    for name in PERSON_FIELDS:
        theirs = row.get(name)
        mine = getattr(mention, name)
        if name == "nationality":
            mine, theirs = str(mine or ""), str(theirs or "")
        elif name not in ("date_of_birth", "permit_expires_on", "village"):
            mine, theirs = mine or "", theirs or ""
        if mine != theirs:
            return False
    return True


def _name_people(report: Report, rows: list[dict]) -> None:
    """The report's mentions become what the form's rows say. A row that says exactly what a
    mention of the report says keeps that mention (and whatever office staff decided about it);
    any other row is a new mention, waiting for matching; mentions no row repeats go. Nothing
    here reads or writes a register person: the form carries no person and no mention id."""
    links = list(report.people_links.select_related("mention"))
    kept = set()
    observed_on = timezone.localdate(report.observed_at) if report.observed_at else None
    for row in rows:
        role = row.get("role") or ReportPerson.Role.SUBJECT
        same = next((link for link in links
                     if link.pk not in kept and _same_words(link.mention, row)), None)
        if same is not None:
            kept.add(same.pk)
            if same.role != role:
                same.role = role
                same.save(update_fields=["role"])
            continue
        mention = register.mention_record(office=report.office, values=row,
                                          observed_on=observed_on,
                                          held=report.status == Status.DRAFT)
        link = ReportPerson.objects.create(report=report, mention=mention, role=role)
        kept.add(link.pk)
    for link in links:
        if link.pk not in kept:
            register.mention_forget(link.mention)


def attachment_add(*, report: Report, user, upload) -> Attachment:
    ensure(rules.can_attach(user, report),
           _("Only the author may attach files to a draft or returned report."))
    content_type = check_upload(upload)
    original_name = clean_file_name(upload.name or "")
    attachment = Attachment(
        report=report, original_name=original_name, content_type=content_type,
        size=upload.size, uploaded_by=user,
    )
    attachment.file.save(storage_name(original_name), upload, save=False)
    attachment.full_clean()
    attachment.save()
    return attachment


def _apply_fields(report: Report, fields: dict) -> None:
    for name in AUTHOR_FIELDS:
        if name in fields:
            setattr(report, name, fields[name])


@transaction.atomic
def report_create(*, author, fields: dict, people: list[dict], uploads=()) -> Report:
    """A new report: a draft for office staff; from a partner agency, submitted at once."""
    ensure(rules.can_create(author),
           _("Your account has no role or agency; ask an administrator."))
    report = Report(author=author, office=_office_for(author))
    _apply_fields(report, fields)
    if rules.submits_directly(author):
        report.source_type = Report.SourceType.AGENCY
        report.source_agency = user_agency(author)
        report.assigned_to = None
        report.recommended_action = ""
    report.full_clean()
    report.save()
    _record(report=report, actor=author, from_status="", note="")
    _name_people(report, people)
    for upload in uploads:
        attachment_add(report=report, user=author, upload=upload)
    if rules.submits_directly(author):
        report = report_submit(report=report, user=author)
    return report


@transaction.atomic
def report_update(*, report: Report, user, fields: dict, people: list[dict], uploads=()) -> Report:
    report = _lock(report)
    ensure(rules.can_edit(user, report),
           _("Only the author may edit a report, and only while it is a draft or returned."))
    _apply_fields(report, fields)
    if rules.submits_directly(user):
        report.source_type = Report.SourceType.AGENCY
        report.source_agency = user_agency(user)
    report.full_clean()
    report.save()
    _record(report=report, actor=user, from_status=report.status, note=_("Report edited."))
    _name_people(report, people)
    for upload in uploads:
        attachment_add(report=report, user=user, upload=upload)
    return report


@transaction.atomic
def report_submit(*, report: Report, user) -> Report:
    report = _lock(report)
    ensure(rules.can_submit(user, report),
           _("Only the author may submit a draft or returned report."))
    if not report.number:
        report.number = _next_number(report.office)
    report.submitted_at = timezone.now()
    register.mentions_release(Mention.objects.filter(report_link__report=report))
    _move(report=report, actor=user, to_status=Status.SUBMITTED,
          extra_fields=["number", "submitted_at"])
    return report


@transaction.atomic
def report_verify(*, report: Report, user, note: str = "") -> Report:
    report = _lock(report)
    ensure(rules.can_verify(user, report),
           _("Only a supervisor of the office may verify a submitted report."))
    _move(report=report, actor=user, to_status=Status.VERIFIED, note=note)
    return report


@transaction.atomic
def report_regrade(*, report: Report, user, source_reliability: str,
                   information_credibility: int, note: str = "") -> Report:
    """The reviewer's grading replaces the author's; the timeline keeps both."""
    report = _lock(report)
    ensure(rules.can_regrade(user, report),
           _("Only a supervisor of the office may grade a submitted report anew."))
    before = report.grading
    report.source_reliability = source_reliability
    report.information_credibility = information_credibility
    report.full_clean()
    if report.grading == before:
        raise ValidationError(_("The grading is %(grading)s already.") % {"grading": before})
    report.save(update_fields=["source_reliability", "information_credibility", "updated_at"])
    change = _("Grading changed from %(before)s to %(after)s.") % {
        "before": before, "after": report.grading}
    _record(report=report, actor=user, from_status=report.status,
            note=f"{change} {note.strip()}".strip())
    return report


@transaction.atomic
def report_return(*, report: Report, user, reason: str) -> Report:
    report = _lock(report)
    ensure(rules.can_return(user, report),
           _("Only a supervisor of the office may return a submitted report."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say what the author should revise.")})
    _move(report=report, actor=user, to_status=Status.RETURNED, note=reason.strip())
    return report


@transaction.atomic
def report_dismiss(*, report: Report, user, note: str = "") -> Report:
    report = _lock(report)
    ensure(rules.can_dismiss(user, report),
           _("Only a supervisor of the office may dismiss a submitted or verified report."))
    _move(report=report, actor=user, to_status=Status.DISMISSED, note=note.strip())
    return report


@transaction.atomic
def report_decide_action(*, report: Report, user, action: str, decided_on, note: str = ""
                         ) -> Report:
    report = _lock(report)
    ensure(rules.can_decide_action(user, report),
           _("Only a supervisor of the office may decide the action on a verified report."))
    errors = {}
    if action not in Report.Action.values:
        errors["action"] = _("Choose the action decided.")
    if decided_on is None:
        errors["decided_on"] = _("Give the date of the decision.")
    elif decided_on > timezone.localdate():
        errors["decided_on"] = _("The decision date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    report.decided_action = action
    report.action_decided_on = decided_on
    report.action_note = note.strip()
    _move(report=report, actor=user, to_status=Status.ACTIONED,
          note=f"{Report.Action(action).label}. {report.action_note}".strip(),
          extra_fields=["decided_action", "action_decided_on", "action_note"])
    return report


@transaction.atomic
def report_close(*, report: Report, user, note: str = "") -> Report:
    report = _lock(report)
    ensure(rules.can_close(user, report),
           _("Only a supervisor of the office may close a report whose action is decided."))
    _move(report=report, actor=user, to_status=Status.CLOSED, note=note.strip())
    return report


@transaction.atomic
def report_share(*, report: Report, user, sharing: str, agencies=()) -> Report:
    report = _lock(report)
    ensure(rules.can_share(user, report),
           _("Only a supervisor of the office may choose whom a report is shared with."))
    agencies = list(agencies) if sharing == Report.Sharing.AGENCIES else []
    if sharing not in Report.Sharing.values:
        raise ValidationError({"sharing": _("Choose how widely to share the report.")})
    if sharing == Report.Sharing.AGENCIES and not agencies:
        raise ValidationError({"agencies": _("Choose at least one agency to share with.")})
    if any(agency.is_immigration_office or not agency.is_active for agency in agencies):
        raise ValidationError({"agencies": _("Choose active partner agencies only.")})
    report.sharing = sharing
    report.full_clean()
    report.save(update_fields=["sharing", "updated_at"])
    report.shared_with.set(agencies)
    label = Report.Sharing(sharing).label
    if agencies:
        label = f"{label}: {', '.join(sorted(str(agency) for agency in agencies))}"
    _record(report=report, actor=user, from_status=report.status,
            note=_("Sharing: %(sharing)s") % {"sharing": label})
    notify.shared(report=report)
    return report


@transaction.atomic
def report_add_note(*, report: Report, user, body: str) -> Note:
    visible = Report.objects.visible_to(user).filter(pk=report.pk).exists()
    ensure(visible and rules.can_add_note(user, report),
           _("Notes can be added to submitted reports only."))
    note = Note(report=report, author=user, body=(body or "").strip())
    note.full_clean()
    note.save()
    return note


AGENDA_LINKED = gettext_lazy("Report %(number)s is on the agenda now.")
AGENDA_UNLINKED = gettext_lazy("The report was taken off the agenda.")


def _require_agenda_editable(agenda_item, user) -> None:
    ensure(rules.can_edit_agenda(user),
           _("Only the immigration office puts reports on an agenda."))
    if agenda_item.meeting.status == Meeting.Status.CANCELLED:
        _refuse(_("The agenda of a cancelled meeting cannot change."))


@transaction.atomic
def report_link_to_agenda(*, agenda_item, number: str, user) -> AgendaItemReport:
    """Put a report, found by its number among those the user may read, on an agenda item."""
    _require_agenda_editable(agenda_item, user)
    number = (number or "").strip().upper()
    report = Report.objects.visible_to(user).filter(number=number).first() if number else None
    if report is None:
        raise ValidationError({"number": _("There is no report numbered %(number)s that you may "
                                           "read.") % {"number": number or "—"}})
    link, _created = AgendaItemReport.objects.get_or_create(
        agenda_item=agenda_item, report=report, defaults={"linked_by": user}
    )
    return link


@transaction.atomic
def report_unlink_from_agenda(*, link: AgendaItemReport, user) -> None:
    _require_agenda_editable(link.agenda_item, user)
    link.delete()
