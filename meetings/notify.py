"""Who hears of a meeting or a follow-up action: invitations, changes, minutes, reminders, overdue
actions, and the meetings' sections of the digest. Every function writes outbox rows inside the
caller's transaction and returns how many it wrote; none sends anything itself.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.selectors import agency_members
from meetings.calendar import invitation_method, meeting_invitation
from meetings.models import FollowUpAction, Meeting
from notifications.models import OutboxMessage
from notifications.outbox import message_enqueue_many

Kind = OutboxMessage.Kind


# --- meetings ----------------------------------------------------------------------------------

def meeting_recipients(meeting: Meeting) -> list:
    """The members of the invited agencies and the chair, each once."""
    users = {user.pk: user for user in agency_members(
        meeting.invited_agencies.values_list("pk", flat=True))}
    if meeting.chair_id and meeting.chair.is_active:
        users.setdefault(meeting.chair_id, meeting.chair)
    return list(users.values())


def _meeting_context(meeting: Meeting) -> dict:
    return {
        "meeting_code": meeting.code,
        "title": meeting.title,
        "team": str(meeting.team),
        "venue": meeting.venue,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "cancel_reason": meeting.cancel_reason,
        "sequence": meeting.sequence,
    }


def _calendar_attachment(meeting: Meeting):
    """Each invitee's own invitation file (the invitee is its ATTENDEE), written once each."""
    method = invitation_method(meeting)

    def for_invitee(user) -> tuple[str, str, str]:
        content = meeting_invitation(meeting, base_url=settings.SITE_URL, invitee=user)
        return ("rapat.ics", f"text/calendar; method={method}; charset=utf-8",
                content.decode("utf-8"))

    return for_invitee


def _meeting_notice(meeting: Meeting, kind: str, key: str) -> int:
    return message_enqueue_many(
        recipients=meeting_recipients(meeting),
        kind=kind,
        key=key,
        context=_meeting_context(meeting),
        link=meeting.get_absolute_url(),
        attachment=_calendar_attachment(meeting),
    )


def meeting_scheduled(meeting: Meeting) -> int:
    return _meeting_notice(meeting, Kind.MEETING_INVITATION, f"invite:{meeting.code}")


def meeting_rescheduled(meeting: Meeting) -> int:
    return _meeting_notice(meeting, Kind.MEETING_UPDATED,
                           f"update:{meeting.code}:{meeting.sequence}")


def meeting_cancelled(meeting: Meeting) -> int:
    return _meeting_notice(meeting, Kind.MEETING_CANCELLED, f"cancel:{meeting.code}")


def minutes_published(meeting: Meeting) -> int:
    return message_enqueue_many(
        recipients=list(agency_members(meeting.invited_agencies.values_list("pk", flat=True))),
        kind=Kind.MINUTES_PUBLISHED,
        key=f"minutes:{meeting.code}",
        context=_meeting_context(meeting),
        link=meeting.get_absolute_url(),
    )


def _action_context(action: FollowUpAction) -> dict:
    return {
        "action_code": action.code,
        "description": action.description,
        "agency": str(action.agency),
        "due_date": action.due_date.isoformat(),
        "meeting_title": action.meeting.title,
    }


def action_assigned(action: FollowUpAction) -> int:
    return message_enqueue_many(
        recipients=list(agency_members([action.agency_id])),
        kind=Kind.ACTION_ASSIGNED,
        key=f"action:{action.code}:{action.agency_id}",
        context=_action_context(action),
        link=action.meeting.get_absolute_url(),
    )


def actions_overdue(*, today: date) -> int:
    """Tell each responsible agency once about each action that passed its due date."""
    written = 0
    actions = (FollowUpAction.objects.overdue(today)
               .filter(meeting__status=Meeting.Status.MINUTES_PUBLISHED)
               .select_related("agency", "meeting"))
    for action in actions:
        written += message_enqueue_many(
            recipients=list(agency_members([action.agency_id])),
            kind=Kind.ACTION_OVERDUE,
            key=f"overdue:{action.code}:{action.due_date.isoformat()}",
            context=_action_context(action),
            link=action.meeting.get_absolute_url(),
        )
    return written


def reminder_offsets() -> list[timedelta]:
    return [timedelta(minutes=minutes) for minutes in settings.MEETING_REMINDER_OFFSETS]


def reminders_send_due(*, now: datetime | None = None) -> int:
    """Write the reminders due now. A reminder at offset O is due from O before the start until
    half of O has passed, so a meeting scheduled at short notice gets no stale "tomorrow" notice
    and a tick missed while workers were down is caught up by the next."""
    now = now or timezone.now()
    offsets = reminder_offsets()
    if not offsets:
        return 0
    written = 0
    upcoming = Meeting.objects.filter(
        status=Meeting.Status.SCHEDULED, starts_at__gt=now, starts_at__lte=now + max(offsets)
    ).select_related("team", "chair")
    for meeting in upcoming:
        for offset in offsets:
            due = meeting.starts_at - offset
            if due <= now < due + offset / 2:
                minutes = int(offset.total_seconds() // 60)
                with transaction.atomic():
                    written += message_enqueue_many(
                        recipients=meeting_recipients(meeting),
                        kind=Kind.MEETING_REMINDER,
                        key=f"reminder:{meeting.code}:{meeting.sequence}:{minutes}",
                        context=_meeting_context(meeting) | {"offset_minutes": minutes},
                        link=meeting.get_absolute_url(),
                    )
    return written


def meetings_digest_section(*, user, start: datetime, end: datetime) -> dict:
    """Upcoming meetings the user may see, in the two weeks after the digest's end."""
    meetings = (Meeting.objects.visible_to(user)
                .filter(status=Meeting.Status.SCHEDULED, starts_at__gte=end,
                        starts_at__lt=end + timedelta(days=14))
                .select_related("team").order_by("starts_at")[:50])
    return {
        "title_key": "meetings",
        "items": [
            {"title": meeting.title, "starts_at": timezone.localtime(meeting.starts_at)
             .strftime("%d-%m-%Y %H:%M"), "venue": meeting.venue,
             "link": meeting.get_absolute_url()}
            for meeting in meetings
        ],
    }


def actions_digest_section(*, user, start: datetime, end: datetime) -> dict:
    """Open follow-up actions of the user's agency that are due within a week or overdue."""
    agency_id = getattr(user.profile, "agency_id", None)
    if agency_id is None:
        return {}
    due_by = timezone.localtime(end).date() + timedelta(days=7)
    actions = (FollowUpAction.objects.visible_to(user).still_open()
               .filter(agency_id=agency_id, due_date__lte=due_by)
               .select_related("meeting").order_by("due_date")[:50])
    today = timezone.localtime(end).date()
    return {
        "title_key": "actions",
        "items": [
            {"title": action.description, "due_date": action.due_date.strftime("%d-%m-%Y"),
             "overdue": action.due_date < today, "link": action.meeting.get_absolute_url()}
            for action in actions
        ],
    }
