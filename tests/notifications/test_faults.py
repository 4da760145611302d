"""Fault tests with real processes: a Redis broker, Celery workers and an SMTP server.

Each test prints how many messages were lost and duplicated; both must be 0.
"""

from collections import Counter
from datetime import timedelta

import pytest
from django.db.models import Q
from django.utils import timezone

from meetings import services
from meetings.models import Meeting
from meetings.tasks import send_meeting_reminders
from notifications.models import OutboxMessage
from notifications.outbox import message_id_for
from notifications.tasks import sweep_outbox
from tests.meetings.factories import MeetingFactory, TeamFactory, add_members
from tests.notifications.conftest import wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def tally(lab, kind=None) -> tuple[int, int]:
    """(lost, duplicated) of the outbox rows of `kind` against what the SMTP server received."""
    rows = OutboxMessage.objects.exclude(status=OutboxMessage.Status.IN_APP_ONLY)
    if kind:
        rows = rows.filter(kind=kind)
    expected = {message_id_for(row) for row in rows}
    received = Counter(lab.smtp.sink.message_ids())
    lost = len(expected - set(received))
    duplicated = sum(count - 1 for message_id, count in received.items()
                     if message_id in expected and count > 1)
    return lost, duplicated


def report(name, lab, kind=None):
    lost, duplicated = tally(lab, kind)
    print(f"\n[fault test] {name}: {len(lab.smtp.sink.messages)} received, "
          f"{lost} lost, {duplicated} duplicated")
    return lost, duplicated


def all_sent(kind=None):
    def check():
        rows = OutboxMessage.objects.all()
        if kind:
            rows = rows.filter(kind=kind)
        return rows.exists() and not rows.exclude(
            status__in=[OutboxMessage.Status.SENT, OutboxMessage.Status.IN_APP_ONLY]).exists()
    return check


def keep_sweeping(condition, timeout=90):
    """What beat does every minute, done every second so the test is quick."""
    def swept():
        if condition():
            return True
        sweep_outbox.delay()
        return False
    wait_for(swept, timeout=timeout, interval=1.0, message="every message sent")


@pytest.fixture
def big_meeting(officer, supervisor, police, manpower):
    from accounts.roles import Role
    from tests.factories import make_user

    for index in range(6):
        make_user(f"polisi{index}", Role.AGENCY_MEMBER, police)
        make_user(f"naker{index}", Role.AGENCY_MEMBER, manpower)
    team = TeamFactory()
    add_members(team, police, manpower)
    return MeetingFactory(team=team, status=Meeting.Status.DRAFT, created_by=officer,
                          chair=supervisor, invited=[police, manpower],
                          starts_at=timezone.now() + timedelta(minutes=50),
                          ends_at=timezone.now() + timedelta(minutes=170))


def test_invitations_and_reminders_arrive_exactly_once(fault_lab, big_meeting, officer):
    fault_lab.worker("w1")
    services.meeting_schedule(meeting=big_meeting, by=officer)
    # The beat tick, twice in a row, as after a restart of beat.
    send_meeting_reminders.delay()
    send_meeting_reminders.delay()
    wait_for(lambda: OutboxMessage.objects.filter(kind="meeting_reminder").count() == 13,
             message="13 reminders written")
    keep_sweeping(all_sent())
    assert OutboxMessage.objects.filter(kind="meeting_invitation").count() == 13
    assert report("reminders through a real worker", fault_lab) == (0, 0)
    assert len(fault_lab.smtp.sink.messages) == 26


def test_smtp_server_down_then_back(fault_lab, big_meeting, officer):
    fault_lab.smtp.stop()
    fault_lab.worker("w1")
    services.meeting_schedule(meeting=big_meeting, by=officer)
    # A claimed message counts its attempt before the send fails: wait until none is still
    # being sent, not only until each has been claimed.
    wait_for(lambda: not OutboxMessage.objects.filter(Q(attempts=0) | Q(status="sending")).exists(),
             message="every invitation tried once")
    assert OutboxMessage.objects.filter(status="pending").exclude(last_error="").count() == 13
    fault_lab.smtp.start()
    keep_sweeping(all_sent())
    assert report("SMTP server down, then back", fault_lab) == (0, 0)


def test_worker_killed_while_sending_then_restarted(fault_lab, big_meeting, officer):
    fault_lab.smtp.sink.stall = 4.0
    worker = fault_lab.worker("w1")
    services.meeting_schedule(meeting=big_meeting, by=officer)
    wait_for(lambda: OutboxMessage.objects.filter(status="sending").exists(),
             message="a message in the middle of sending")
    worker.kill()
    fault_lab.smtp.sink.stall = 0.0
    # The killed worker never got past RCPT, so the server accepted nothing from it; a send
    # that had reached the server's acceptance before the kill would be sent again — the one
    # duplicate this design tolerates — and the count below would show it.
    fault_lab.worker("w2")
    keep_sweeping(all_sent())
    assert report("worker killed while sending", fault_lab) == (0, 0)


def test_same_beat_tick_run_twice_at_once(fault_lab, big_meeting, officer):
    fault_lab.worker("w1")
    fault_lab.worker("w2")
    Meeting.objects.filter(pk=big_meeting.pk).update(status=Meeting.Status.SCHEDULED)
    for _ in range(4):
        send_meeting_reminders.delay()
    wait_for(lambda: OutboxMessage.objects.filter(kind="meeting_reminder").count() >= 13,
             message="reminders written")
    keep_sweeping(all_sent("meeting_reminder"))
    assert OutboxMessage.objects.filter(kind="meeting_reminder").count() == 13
    assert report("same beat tick run four times", fault_lab, "meeting_reminder") == (0, 0)


def test_redis_down_while_a_report_is_submitted(fault_lab, client, officer, supervisor):
    from django.urls import reverse

    from reports.models import Report
    from tests.reports.factories import ReportFactory

    draft = ReportFactory(author=officer)
    fault_lab.redis.stop()
    client.force_login(officer)
    response = client.post(reverse("reports:submit", args=[draft.code]))
    # The officer's submission is saved although the broker is down …
    assert response.status_code == 302
    assert Report.objects.get(pk=draft.pk).status == Report.Status.SUBMITTED
    message = OutboxMessage.objects.get(kind="report_submitted")
    assert (message.recipient, message.status) == (supervisor, "pending")
    # … and the supervisor's notification arrives once Redis and the workers are back.
    fault_lab.redis.start()
    fault_lab.worker("w1")
    keep_sweeping(all_sent())
    assert report("Redis down while a report is submitted", fault_lab) == (0, 0)
    assert len(fault_lab.smtp.sink.messages) == 1
