"""Invitations, updates, cancellations and reminders of meetings, written through the services."""

from datetime import timedelta

import icalendar
import pytest

from meetings import services
from meetings.calendar import meeting_uid
from meetings.models import Meeting
from meetings.notify import reminders_send_due
from notifications.models import OutboxMessage
from tests.meetings.factories import MeetingFactory, TeamFactory, add_members

Kind = OutboxMessage.Kind


@pytest.fixture
def meeting(officer, supervisor, police, manpower, polres_member, outsider):
    team = TeamFactory()
    add_members(team, police, manpower)
    return MeetingFactory(team=team, status=Meeting.Status.DRAFT, created_by=officer,
                          chair=supervisor, invited=[police])


def rows(kind):
    return OutboxMessage.objects.filter(kind=kind)


@pytest.mark.django_db
def test_scheduling_invites_the_invited_agencies_and_the_chair_with_the_ics(
        meeting, officer, supervisor, polres_member, outsider):
    services.meeting_schedule(meeting=meeting, by=officer)
    invited = rows(Kind.MEETING_INVITATION)
    assert set(invited.values_list("recipient__username", flat=True)) == {"polres", "supervisor"}
    message = invited.first()
    calendar = icalendar.Calendar.from_ical(message.attachment_content)
    event = calendar.walk("VEVENT")[0]
    assert str(event["UID"]) == meeting_uid(meeting)
    assert "method=REQUEST" in message.attachment_type


@pytest.mark.django_db
def test_rescheduling_sends_an_update_and_moves_the_reminders(meeting, officer):
    services.meeting_schedule(meeting=meeting, by=officer)
    start = meeting.starts_at
    # 24 hours before the original start, the first reminder is written.
    assert reminders_send_due(now=start - timedelta(hours=24)) == 2
    services.meeting_reschedule(meeting=meeting, by=officer, starts_at=start + timedelta(days=2),
                                ends_at=meeting.ends_at + timedelta(days=2))
    assert rows(Kind.MEETING_UPDATED).count() == 2
    # Nothing is due any more at the old time; at the new time the reminders come again.
    assert reminders_send_due(now=start - timedelta(hours=1)) == 0
    new_start = start + timedelta(days=2)
    assert reminders_send_due(now=new_start - timedelta(hours=24)) == 2
    assert reminders_send_due(now=new_start - timedelta(minutes=59)) == 2
    assert rows(Kind.MEETING_REMINDER).count() == 6


@pytest.mark.django_db
def test_reminders_once_per_recipient_and_offset_however_often_the_beat_ticks(meeting, officer):
    services.meeting_schedule(meeting=meeting, by=officer)
    start = meeting.starts_at
    for minutes_before in (24 * 60, 24 * 60 - 1, 23 * 60, 13 * 60, 60, 59, 45, 31):
        reminders_send_due(now=start - timedelta(minutes=minutes_before))
        reminders_send_due(now=start - timedelta(minutes=minutes_before))
    reminders = rows(Kind.MEETING_REMINDER)
    assert reminders.count() == 4  # two recipients, two offsets each
    assert sorted(r.context["offset_minutes"] for r in reminders) == [60, 60, 1440, 1440]


@pytest.mark.django_db
def test_short_notice_gets_no_stale_reminder_and_past_meetings_none(meeting, officer):
    services.meeting_schedule(meeting=meeting, by=officer)
    start = meeting.starts_at
    # Three hours before: the 24-hour reminder's window (until 12 hours before) has passed.
    assert reminders_send_due(now=start - timedelta(hours=3)) == 0
    assert reminders_send_due(now=start + timedelta(minutes=1)) == 0


@pytest.mark.django_db
def test_cancelling_sends_a_cancellation_and_no_reminder_after_it(meeting, officer):
    services.meeting_schedule(meeting=meeting, by=officer)
    services.meeting_cancel(meeting=meeting, by=officer, reason="Bentrok dengan operasi")
    cancelled = rows(Kind.MEETING_CANCELLED)
    assert cancelled.count() == 2
    assert "method=CANCEL" in cancelled.first().attachment_type
    assert "STATUS:CANCELLED" in cancelled.first().attachment_content
    assert reminders_send_due(now=meeting.starts_at - timedelta(hours=1)) == 0


@pytest.mark.django_db
def test_minutes_published_and_action_assigned_reach_the_agency_members(
        meeting, officer, supervisor, police, polres_member, outsider):
    services.meeting_schedule(meeting=meeting, by=officer)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    meeting.refresh_from_db()
    services.minutes_save(meeting=meeting, editor=officer, summary="Ringkasan rapat.")
    services.minutes_publish(meeting=meeting, by=supervisor)
    assert list(rows(Kind.MINUTES_PUBLISHED).values_list("recipient__username", flat=True)) == [
        "polres"]
    services.follow_up_action_create(
        meeting=meeting, by=officer, description="Patroli gabungan di Kras", agency=police,
        due_date=meeting.starts_at.date() + timedelta(days=30))
    assert list(rows(Kind.ACTION_ASSIGNED).values_list("recipient__username", flat=True)) == [
        "polres"]


@pytest.mark.django_db
def test_overdue_actions_are_told_once_to_the_responsible_agency(police, polres_member, outsider):
    from meetings.notify import actions_overdue
    from tests.meetings.factories import FollowUpActionFactory

    action = FollowUpActionFactory(agency=police)
    assert actions_overdue(today=action.due_date) == 0
    assert actions_overdue(today=action.due_date + timedelta(days=1)) == 1
    assert actions_overdue(today=action.due_date + timedelta(days=2)) == 0
    assert list(rows(Kind.ACTION_OVERDUE).values_list("recipient__username", flat=True)) == [
        "polres"]
