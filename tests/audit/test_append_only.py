"""The trail cannot be changed or deleted through the app; prune_audit removes only old events."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from audit.models import AppendOnlyError, AuditEvent
from tests.conftest import require

pytestmark = pytest.mark.django_db


def event(days_ago: int = 0, **fields) -> AuditEvent:
    return AuditEvent.objects.create(
        action="read", actor_username="officer", object_code="abc",
        occurred_at=timezone.now() - timedelta(days=days_ago), **fields)


def test_the_model_refuses_to_save_an_existing_event_or_delete_one():
    saved = event()
    saved.action = "export"
    with pytest.raises(AppendOnlyError):
        saved.save()
    with pytest.raises(AppendOnlyError):
        saved.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=saved.pk).update(action="export")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get().action == "read"


def test_the_admin_lists_events_but_cannot_add_change_or_delete(client, admin_user):
    saved = event()
    client.force_login(admin_user)
    changelist = reverse("admin:audit_auditevent_changelist")
    page = client.get(changelist)
    assert page.status_code == 200 and "abc" in page.content.decode()
    assert 'name="action"' not in page.content.decode()  # no bulk actions, so no bulk delete
    change = reverse("admin:audit_auditevent_change", args=[saved.pk])
    assert client.get(change).status_code == 200  # read-only view
    assert client.post(change, {"action": "export", "actor_username": "x"}).status_code == 403
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    assert client.post(reverse("admin:audit_auditevent_add"), {"action": "read"}).status_code == 403
    delete = reverse("admin:audit_auditevent_delete", args=[saved.pk])
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.post(changelist, {"action": "delete_selected", "_selected_action": [saved.pk],
                                    "post": "yes"}).status_code == 200
    assert AuditEvent.objects.filter(pk=saved.pk, action="read", actor_username="officer").exists()


def test_prune_removes_only_events_older_than_the_retention(settings):
    settings.AUDIT_RETENTION_DAYS = 30
    old, kept = event(days_ago=31), event(days_ago=29)
    call_command("prune_audit")
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [kept.pk]
    call_command("prune_audit", "--older-than-days", "28")
    assert not AuditEvent.objects.exists()
    assert old.pk != kept.pk


def test_prune_refuses_a_retention_below_one_day():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("prune_audit", "--older-than-days", "0")


def test_deleting_a_user_keeps_their_events_by_username(officer):
    event(actor=officer)
    officer.delete()
    kept = AuditEvent.objects.get()
    assert (kept.actor_id, kept.actor_username, kept.object_code) == (None, "officer", "abc")


def postgresql() -> None:
    require(connection.vendor == "postgresql", "the trigger exists on PostgreSQL only")


def test_on_postgresql_the_trigger_refuses_raw_updates_and_deletes(officer):
    postgresql()
    saved = event(actor=officer)
    for sql in ("UPDATE audit_auditevent SET action = 'export' WHERE id = %s",
                "UPDATE audit_auditevent SET actor_id = NULL, path = '/x' WHERE id = %s",
                "DELETE FROM audit_auditevent WHERE id = %s"):
        with (pytest.raises(DatabaseError, match="append-only"), transaction.atomic(),
              connection.cursor() as cursor):
            cursor.execute(sql, [saved.pk])
    assert AuditEvent.objects.filter(pk=saved.pk, action="read", path="").exists()


def test_on_postgresql_prune_lifts_the_guard_for_its_own_transaction_only():
    postgresql()
    old, kept = event(days_ago=800), event(days_ago=1)
    assert AuditEvent.objects.prune(before=timezone.now() - timedelta(days=730)) == 1
    with (pytest.raises(DatabaseError, match="append-only"), transaction.atomic(),
          connection.cursor() as cursor):
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [kept.pk])
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [kept.pk]
    assert old.pk != kept.pk


def test_the_trail_is_pruned_every_night_by_the_scheduled_task(settings):
    from django_celery_beat.models import PeriodicTask

    from audit.tasks import prune_audit_events

    schedule = PeriodicTask.objects.get(task="audit.tasks.prune_audit_events")
    assert schedule.enabled and (schedule.crontab.hour, schedule.crontab.minute) == ("2", "30")
    settings.AUDIT_RETENTION_DAYS = 30
    old, kept = event(days_ago=31), event(days_ago=29)
    assert prune_audit_events.delay().get() == 1
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [kept.pk]
    assert old.pk != kept.pk
