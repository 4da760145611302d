"""Writes of the meetings part: keyword-only functions that validate, save and own transactions.

Each state change of a meeting (schedule, reschedule, cancel, minutes publication) and each
action assignment runs in one transaction together with the outbox rows that tell people of it
(meetings/notify.py).
"""

import hashlib
import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.rules import ensure
from meetings import notify, rules
from meetings.models import (
    ActionUpdate,
    AgendaItem,
    Attendee,
    CalendarFeedToken,
    FollowUpAction,
    Meeting,
    MeetingReschedule,
    Minutes,
    MinutesRevision,
)

MINUTES_FIELDS = ("summary", "decisions", "recommendations")


def _require_status(meeting: Meeting, allowed: Iterable[str], message: str) -> None:
    if meeting.status not in allowed:
        raise ValidationError(message)


def _lock(meeting: Meeting) -> Meeting:
    """Re-read the meeting under a row lock, so that two concurrent transitions cannot both pass."""
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


# --- meetings --------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *, team, title, kind, starts_at, ends_at, venue, created_by, village=None, chair=None,
    minute_taker=None, invited_agencies=None,
) -> Meeting:
    """Create a draft meeting; the team's active members are invited unless agencies are given."""
    ensure(rules.can_manage(created_by), rules.ONLY_OFFICE)
    meeting = Meeting(
        team=team, title=title, kind=kind, starts_at=starts_at, ends_at=ends_at, venue=venue,
        village=village, chair=chair, minute_taker=minute_taker, created_by=created_by,
    )
    meeting.full_clean()
    meeting.save()
    if invited_agencies is None:
        invited_agencies = team.members.filter(team_memberships__is_active=True)
    meeting.invited_agencies.set(invited_agencies)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, editor, invited_agencies=None, **fields) -> Meeting:
    """Change the details of a draft or scheduled meeting. The time of a scheduled meeting
    changes only through `meeting_reschedule`, so that calendars and the record follow."""
    ensure(rules.can_manage(editor), rules.ONLY_OFFICE)
    meeting = _lock(meeting)
    _require_status(
        meeting, (Meeting.Status.DRAFT, Meeting.Status.SCHEDULED),
        _("Only a draft or scheduled meeting can be edited."),
    )
    if meeting.status == Meeting.Status.SCHEDULED and (
        fields.get("starts_at", meeting.starts_at) != meeting.starts_at
        or fields.get("ends_at", meeting.ends_at) != meeting.ends_at
    ):
        raise ValidationError(_("Reschedule a scheduled meeting to change its time."))
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    if meeting.status == Meeting.Status.SCHEDULED:
        meeting.sequence += 1
    meeting.save()
    if invited_agencies is not None:
        meeting.invited_agencies.set(invited_agencies)
    return meeting


@transaction.atomic
def meeting_schedule(*, meeting: Meeting, by) -> Meeting:
    """Draft → scheduled: the meeting becomes visible to the invited agencies."""
    ensure(rules.can_manage(by), rules.ONLY_OFFICE)
    meeting = _lock(meeting)
    _require_status(meeting, (Meeting.Status.DRAFT,), _("Only a draft meeting can be scheduled."))
    meeting.status = Meeting.Status.SCHEDULED
    meeting.full_clean()
    meeting.save(update_fields=["status", "updated_at"])
    notify.meeting_scheduled(meeting)
    return meeting


@transaction.atomic
def meeting_reschedule(*, meeting: Meeting, by, starts_at, ends_at, reason="") -> Meeting:
    """Move a scheduled meeting; the move is recorded and calendars get a higher SEQUENCE."""
    ensure(rules.can_manage(by), rules.ONLY_OFFICE)
    meeting = _lock(meeting)
    _require_status(
        meeting, (Meeting.Status.SCHEDULED,), _("Only a scheduled meeting can be rescheduled.")
    )
    if starts_at == meeting.starts_at and ends_at == meeting.ends_at:
        raise ValidationError(_("The new time is the same as the current one."))
    record = MeetingReschedule(
        meeting=meeting, old_starts_at=meeting.starts_at, old_ends_at=meeting.ends_at,
        new_starts_at=starts_at, new_ends_at=ends_at, reason=reason, rescheduled_by=by,
    )
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.sequence += 1
    meeting.full_clean()
    meeting.save(update_fields=["starts_at", "ends_at", "sequence", "updated_at"])
    record.full_clean()
    record.save()
    notify.meeting_rescheduled(meeting)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by, reason: str) -> Meeting:
    ensure(rules.can_manage(by), rules.ONLY_OFFICE)
    meeting = _lock(meeting)
    _require_status(
        meeting, (Meeting.Status.DRAFT, Meeting.Status.SCHEDULED),
        _("Only a draft or scheduled meeting can be cancelled."),
    )
    was_scheduled = meeting.status == Meeting.Status.SCHEDULED
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancel_reason = reason.strip()
    meeting.sequence += 1
    meeting.full_clean()
    meeting.save(update_fields=["status", "cancel_reason", "sequence", "updated_at"])
    if was_scheduled:  # a draft invited nobody, so nobody is told it is off
        notify.meeting_cancelled(meeting)
    return meeting


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting, by, now=None) -> Meeting:
    ensure(rules.can_manage(by), rules.ONLY_OFFICE)
    meeting = _lock(meeting)
    _require_status(
        meeting, (Meeting.Status.SCHEDULED,), _("Only a scheduled meeting can be marked as held.")
    )
    if meeting.starts_at > (now or timezone.now()):
        raise ValidationError(_("A meeting cannot be marked as held before it starts."))
    meeting.status = Meeting.Status.HELD
    meeting.save(update_fields=["status", "updated_at"])
    return meeting


# --- agenda and attendance -------------------------------------------------------------------


@transaction.atomic
def agenda_items_save(
    *, meeting: Meeting, editor, items: Iterable[AgendaItem], deleted: Iterable[AgendaItem] = ()
) -> None:
    """Save the agenda as edited in a formset: `items` in their new order, `deleted` removed."""
    ensure(rules.can_manage(editor), rules.ONLY_OFFICE)
    meeting = _lock(meeting)
    _require_status(
        meeting, (Meeting.Status.DRAFT, Meeting.Status.SCHEDULED, Meeting.Status.HELD),
        _("The agenda of a cancelled meeting or of published minutes cannot be changed."),
    )
    for item in deleted:
        if item.pk and item.meeting_id == meeting.pk:
            item.delete()
    for position, item in enumerate(items, start=1):
        item.meeting = meeting
        item.position = position
        item.full_clean()
        item.save()


@transaction.atomic
def attendees_save(
    *, meeting: Meeting, editor, attendees: Iterable[Attendee], deleted: Iterable[Attendee] = ()
) -> None:
    """Save the attendance list; every person belongs to an invited agency or the office."""
    ensure(rules.can_manage(editor), rules.ONLY_OFFICE)
    meeting = _lock(meeting)
    _require_status(
        meeting, (Meeting.Status.SCHEDULED, Meeting.Status.HELD),
        _("Attendance is recorded for a scheduled or held meeting."),
    )
    allowed = set(meeting.invited_agencies.values_list("pk", flat=True))
    allowed.add(meeting.team.chair_agency_id)
    for attendee in deleted:
        if attendee.pk and attendee.meeting_id == meeting.pk:
            attendee.delete()
    for attendee in attendees:
        if attendee.agency_id not in allowed:
            raise ValidationError(
                {"agency": _("%(agency)s is not invited to this meeting.")
                 % {"agency": attendee.agency}}
            )
        attendee.meeting = meeting
        attendee.full_clean()
        attendee.save()


# --- minutes ---------------------------------------------------------------------------------


def _minutes_text(minutes: Minutes, items: Iterable[AgendaItem]) -> dict:
    text = {name: getattr(minutes, name) for name in MINUTES_FIELDS}
    text["agenda"] = [
        {"id": item.pk, "title": item.title, "discussion": item.discussion,
         "outcome": item.outcome}
        for item in items
    ]
    return text


def _apply_minutes(minutes: Minutes, fields: dict, discussions: dict, items) -> None:
    for name in MINUTES_FIELDS:
        if name in fields:
            setattr(minutes, name, fields[name])
    for item in items:
        if item.pk in discussions:
            item.discussion, item.outcome = discussions[item.pk]
            item.full_clean()
            item.save(update_fields=["discussion", "outcome"])


@transaction.atomic
def minutes_save(*, meeting: Meeting, editor, discussions=None, **fields) -> Minutes:
    """Write the minutes of a held meeting. `discussions` maps agenda item ids to
    (discussion, outcome). Published minutes are locked: see `minutes_correct`."""
    ensure(rules.can_manage(editor), rules.ONLY_OFFICE)
    meeting = _lock(meeting)
    if meeting.status == Meeting.Status.MINUTES_PUBLISHED:
        raise ValidationError(
            _("The minutes are published and locked; a supervisor may record a correction.")
        )
    _require_status(
        meeting, (Meeting.Status.HELD,), _("Minutes are written once the meeting is held.")
    )
    minutes = Minutes.objects.filter(meeting=meeting).first() or Minutes(meeting=meeting)
    minutes.updated_by = editor
    _apply_minutes(minutes, fields, discussions or {}, meeting.agenda_items.all())
    minutes.full_clean()
    minutes.save()
    return minutes


@transaction.atomic
def minutes_publish(*, meeting: Meeting, by) -> Minutes:
    """A supervisor's act: locks the minutes and opens them to the invited agencies."""
    ensure(rules.can_publish_minutes(by), rules.ONLY_SUPERVISOR_PUBLISHES)
    meeting = _lock(meeting)
    if meeting.status == Meeting.Status.MINUTES_PUBLISHED:
        raise ValidationError(_("These minutes are already published."))
    _require_status(
        meeting, (Meeting.Status.HELD,), _("Only the minutes of a held meeting can be published.")
    )
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None or not minutes.summary.strip():
        raise ValidationError(_("Write at least the summary before publishing the minutes."))
    minutes.published_by = by
    minutes.published_at = timezone.now()
    minutes.save(update_fields=["published_by", "published_at"])
    meeting.status = Meeting.Status.MINUTES_PUBLISHED
    meeting.save(update_fields=["status", "updated_at"])
    notify.minutes_published(meeting)
    # Agencies see their actions from publication on, so that is when they are told of them.
    for action in meeting.actions.select_related("agency", "meeting"):
        notify.action_assigned(action)
    return minutes


@transaction.atomic
def minutes_correct(*, meeting: Meeting, by, reason: str, discussions=None, **fields) -> Minutes:
    """Correct published minutes: the previous text is kept in a MinutesRevision."""
    ensure(rules.can_correct_minutes(by), rules.ONLY_SUPERVISOR_CORRECTS)
    meeting = _lock(meeting)
    _require_status(
        meeting, (Meeting.Status.MINUTES_PUBLISHED,), _("Only published minutes are corrected.")
    )
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the correction.")})
    minutes = Minutes.objects.get(meeting=meeting)
    items = list(meeting.agenda_items.all())
    before = _minutes_text(minutes, items)
    _apply_minutes(minutes, fields, discussions or {}, items)
    if _minutes_text(minutes, items) == before:
        raise ValidationError(_("Nothing was changed."))
    minutes.updated_by = by
    minutes.full_clean()
    minutes.save()
    MinutesRevision.objects.create(
        minutes=minutes, previous_text=before, reason=reason.strip(), revised_by=by
    )
    return minutes


# --- follow-up actions -----------------------------------------------------------------------


@transaction.atomic
def follow_up_action_create(*, meeting: Meeting, by, description, agency, due_date, today=None):
    ensure(rules.can_manage(by), rules.ONLY_OFFICE)
    meeting = _lock(meeting)
    _require_status(
        meeting, (Meeting.Status.HELD, Meeting.Status.MINUTES_PUBLISHED),
        _("Follow-up actions are decided in a meeting that was held."),
    )
    if due_date is not None and due_date < (today or timezone.localdate()):
        raise ValidationError({"due_date": _("The due date cannot be in the past.")})
    action = FollowUpAction(
        meeting=meeting, description=description, agency=agency, due_date=due_date,
        created_by=by,
    )
    action.full_clean()
    action.save()
    if meeting.status == Meeting.Status.MINUTES_PUBLISHED:
        notify.action_assigned(action)
    return action


@transaction.atomic
def follow_up_action_edit(*, action: FollowUpAction, by, **fields) -> FollowUpAction:
    """Office staff correct an action's description, agency or due date."""
    ensure(rules.can_manage(by), rules.ONLY_OFFICE)
    for name, value in fields.items():
        setattr(action, name, value)
    action.full_clean()
    action.save()
    if action.meeting.status == Meeting.Status.MINUTES_PUBLISHED:
        # Written once per agency: only a newly responsible agency hears of it.
        notify.action_assigned(action)
    return action


@transaction.atomic
def follow_up_action_update(*, action: FollowUpAction, by, status, note="") -> ActionUpdate:
    """Record progress: a new status and a note, by the responsible agency or the office."""
    ensure(rules.can_update_action(by, action), rules.ONLY_RESPONSIBLE_AGENCY)
    action = FollowUpAction.objects.select_for_update().get(pk=action.pk)
    if status == action.status and not note.strip():
        raise ValidationError({"note": _("Write a progress note or change the status.")})
    update = ActionUpdate(action=action, status=status, note=note.strip(), author=by)
    update.full_clean()
    update.save()
    action.status = status
    action.save(update_fields=["status", "updated_at"])
    return update


# --- calendar feed ---------------------------------------------------------------------------


def hash_feed_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def calendar_token_issue(*, user) -> str:
    """Revoke the user's current feed token and issue a new one; the secret is returned once."""
    calendar_token_revoke(user=user)
    token = secrets.token_urlsafe(32)
    CalendarFeedToken.objects.create(user=user, token_hash=hash_feed_token(token))
    return token


@transaction.atomic
def calendar_token_revoke(*, user) -> int:
    return CalendarFeedToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
