"""Outreach attachments are attachments too: downloading one is a read in the audit log."""

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_downloading_an_outreach_attachment_is_recorded_once(world):
    attachment = world.objects["outreach_attachment"]
    client = Client(REMOTE_ADDR="10.1.2.3")
    client.force_login(world.users["officer"])
    assert not AuditEvent.objects.filter(action="read").exists()
    response = client.get(reverse("villages:attachment", args=[attachment.code]))
    assert response.status_code == 200
    b"".join(response.streaming_content)
    event = AuditEvent.objects.get(action="read")
    assert (event.actor_username, event.object_code, event.object_id, event.content_type.model,
            event.path) == ("officer", attachment.code, attachment.pk, "outreachattachment",
                            reverse("villages:attachment", args=[attachment.code]))
    assert event.detail == {} and not event.object_label
