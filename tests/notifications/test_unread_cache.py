"""The menu's unread count is cached per user and follows every message written or read."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications.models import OutboxMessage
from notifications.outbox import message_enqueue_many

pytestmark = pytest.mark.django_db


def _notify(user, key):
    message_enqueue_many(
        recipients=[user], kind=OutboxMessage.Kind.REPORT_VERIFIED, key=key, link="/reports/",
        context={"number": "LI/2026/000001", "category": "Overstay", "priority": "High"})


def _badge(count: int) -> str:
    """What the menu's badge tells a screen reader."""
    return f'<span class="visually-hidden">{count} notifikasi belum dibaca</span>'


def test_the_count_is_read_once_and_follows_new_and_read_messages(client, officer, supervisor):
    client.force_login(officer)
    _notify(officer, "evt:1")
    client.get("/reports/")
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/reports/").content.decode()
    assert not [q for q in queries.captured_queries if "notifications_outboxmessage" in q["sql"]]
    assert _badge(1) in page

    _notify(officer, "evt:2")
    _notify(supervisor, "evt:3")  # someone else's message changes nothing here
    assert _badge(2) in client.get("/reports/").content.decode()

    message = OutboxMessage.objects.filter(recipient=officer).first()
    client.post(reverse("notifications:open", args=[message.code]))
    assert _badge(1) in client.get("/reports/").content.decode()

    client.post(reverse("notifications:read_all"))
    assert "notifikasi belum dibaca" not in client.get("/reports/").content.decode()

    client.force_login(supervisor)
    assert _badge(1) in client.get("/reports/").content.decode()
