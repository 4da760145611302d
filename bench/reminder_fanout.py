"""Benchmark: the reminders of one meeting with 500 invited members, written and delivered to a
local SMTP sink. Prints messages per second and queries per message.

Usage: DEBUG=true .venv/bin/python bench/reminder_fanout.py [--members 500]
Runs on a throw-away test database next to the one DATABASE_URL names (SQLite by default) and
delivers in this process, one message per SMTP connection as the Celery task does.
"""

import argparse
import logging
import os
import socket
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timpora.settings")


class Sink:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=500)
    members = parser.parse_args().members

    import django

    django.setup()
    from aiosmtpd.controller import Controller
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from accounts.models import Agency, Profile
    from meetings.models import Meeting, Team
    from meetings.notify import reminders_send_due
    from notifications.models import OutboxMessage
    from notifications.outbox import message_deliver
    from villages.models import Region

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # The dispatch after commit goes to an in-memory broker: this measures writing and sending,
    # and leaves no tasks behind for a real worker.
    from timpora.celery import app

    app.conf.broker_url = "memory://"
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    test_database = connection.creation.create_test_db(verbosity=0, autoclobber=True,
                                                       serialize=False)
    try:
        User = get_user_model()
        office = Agency.objects.create(name="Kantor Imigrasi", short_name="Kanim",
                                       kind=Agency.Kind.IMMIGRATION_OFFICE)
        police = Agency.objects.create(name="Polres", short_name="Polres",
                                       kind=Agency.Kind.POLICE)
        password = make_password("benchmark")
        users = User.objects.bulk_create(
            User(username=f"member{n}", email=f"member{n}@example.go.id", password=password)
            for n in range(members)
        )
        Profile.objects.bulk_create(Profile(user=user, agency=police) for user in users)
        regency = Region.objects.create(code="35.06", name="Kabupaten Kediri", level=2)
        team = Team.objects.create(name="TIMPORA", level=Team.Level.REGENCY, area=regency,
                                   chair_agency=office)
        start = timezone.now() + timedelta(hours=1)
        meeting = Meeting.objects.create(
            team=team, title="Rapat koordinasi", starts_at=start,
            ends_at=start + timedelta(hours=2),
            venue="Aula", status=Meeting.Status.SCHEDULED, created_by=users[0])
        meeting.invited_agencies.set([police])

        with CaptureQueriesContext(connection) as written_queries:
            started = time.perf_counter()
            with transaction.atomic():
                written = reminders_send_due(now=start - timedelta(minutes=60))
            write_seconds = time.perf_counter() - started
        ids = list(OutboxMessage.objects.values_list("pk", flat=True))
        with CaptureQueriesContext(connection) as sent_queries:
            started = time.perf_counter()
            results = [message_deliver(pk) for pk in ids]
            send_seconds = time.perf_counter() - started
        sent = results.count("sent")
        print(f"{connection.vendor}: {written} reminders written in {write_seconds:.2f} s "
              f"({written / write_seconds:.0f}/s, {len(written_queries) / written:.3f} queries "
              f"per message)")
        print(f"delivered {sent} to the SMTP sink ({sink.count} received) in {send_seconds:.2f} s: "
              f"{sent / send_seconds:.0f} messages/s, "
              f"{len(sent_queries) / sent:.1f} queries per message")
        total = write_seconds + send_seconds
        print(f"fan-out end to end: {sent / total:.0f} messages/s")
    finally:
        connection.creation.destroy_test_db(test_database, verbosity=0)
        controller.stop()


if __name__ == "__main__":
    main()
