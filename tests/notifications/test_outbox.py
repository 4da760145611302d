"""The outbox in one process, against a real SMTP server (aiosmtpd)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from notifications import outbox
from notifications.models import OutboxMessage
from notifications.outbox import message_deliver, message_enqueue_many, message_retry, outbox_sweep
from tests.conftest import page_queries

Kind = OutboxMessage.Kind


def enqueue(users, key="evt:1", kind=Kind.REPORT_VERIFIED, **context):
    return message_enqueue_many(
        recipients=users, kind=kind, key=key, link="/reports/",
        context={"number": "LI/2026/000001", "category": "Overstay", "priority": "High"}
        | context,
    )


@pytest.mark.django_db
def test_a_message_is_written_once_per_recipient_and_key(officer, supervisor):
    assert enqueue([officer, supervisor]) == 2
    assert enqueue([officer, supervisor]) == 0
    assert enqueue([officer], key="evt:2") == 1
    assert OutboxMessage.objects.count() == 3
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"pending"}


@pytest.mark.django_db
def test_inactive_users_and_muted_kinds(officer, supervisor):
    supervisor.is_active = False
    supervisor.save()
    officer.profile.email_muted_kinds = [Kind.REPORT_VERIFIED]
    officer.profile.save()
    assert enqueue([officer, supervisor]) == 1
    message = OutboxMessage.objects.get()
    # Muted by e-mail, still listed in the app.
    assert message.status == OutboxMessage.Status.IN_APP_ONLY
    assert message_deliver(message.pk) == "not claimed"


@pytest.mark.django_db
def test_delivery_sends_once_in_the_recipient_language_with_a_stable_message_id(
        officer, supervisor, smtp_server):
    supervisor.profile.language = "en"
    supervisor.profile.save()
    enqueue([officer, supervisor])
    for message in OutboxMessage.objects.all():
        assert message_deliver(message.pk) == "sent"
        # A second attempt finds nothing to claim.
        assert message_deliver(message.pk) == "not claimed"
    received = {m["To"]: m for m in smtp_server.sink.messages}
    assert len(smtp_server.sink.messages) == 2
    assert received[officer.email]["Subject"] == "Laporan LI/2026/000001 telah diverifikasi"
    assert received[supervisor.email]["Subject"] == "Report LI/2026/000001 verified"
    for message in OutboxMessage.objects.all():
        assert message.status == OutboxMessage.Status.SENT
        assert message.attempts == 1
        assert received[message.recipient.email]["Message-ID"] == outbox.message_id_for(message)
    assert received[officer.email].is_multipart()


@pytest.mark.django_db
def test_a_permanent_smtp_error_fails_the_row_and_admin_can_retry(officer, smtp_server):
    smtp_server.sink.refuse = "550 No such user here"
    enqueue([officer])
    message = OutboxMessage.objects.get()
    assert message_deliver(message.pk) == "failed"
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert "550" in message.last_error
    smtp_server.sink.refuse = None
    assert message_retry(message=message)
    assert message_deliver(message.pk) == "sent"
    assert len(smtp_server.sink.messages) == 1


@pytest.mark.django_db
def test_a_temporary_error_retries_with_backoff(officer, smtp_server):
    smtp_server.sink.refuse = "451 Try again later"
    enqueue([officer])
    message = OutboxMessage.objects.get()
    now = timezone.now()
    assert message_deliver(message.pk, now=now) == "retry"
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.next_attempt_at >= now + timedelta(seconds=29)
    # Not due yet: nobody may claim it before its time.
    assert message_deliver(message.pk, now=now) == "not claimed"
    smtp_server.sink.refuse = None
    assert message_deliver(message.pk, now=message.next_attempt_at) == "sent"


@pytest.mark.django_db
def test_a_server_that_is_down_is_a_temporary_error(officer, smtp_server):
    smtp_server.stop()
    enqueue([officer])
    message = OutboxMessage.objects.get()
    assert message_deliver(message.pk) == "retry"
    assert "Connection" in OutboxMessage.objects.get().last_error


@pytest.mark.django_db
def test_the_sweep_frees_rows_of_dead_workers_and_redispatches(officer, settings, mailoutbox):
    enqueue([officer])
    message = OutboxMessage.objects.get()
    stale = timezone.now() - timedelta(seconds=settings.OUTBOX_STALE_CLAIM_SECONDS + 5)
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.SENDING, claimed_at=stale, created_at=stale)
    later = timezone.now() + timedelta(seconds=settings.OUTBOX_SWEEP_GRACE_SECONDS + 1)
    assert outbox_sweep(now=later) == 1
    # Tasks run in this process here: the re-dispatched message went out once.
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.SENT
    assert len(mailoutbox) == 1
    assert outbox_sweep(now=later) == 0


@pytest.mark.django_db
def test_file_backend_writes_one_file_per_message(officer, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    enqueue([officer])
    assert message_deliver(OutboxMessage.objects.get().pk) == "sent"
    assert len(list(tmp_path.iterdir())) == 1


@pytest.mark.django_db
def test_notifications_page_lists_in_the_viewers_language_and_counts_unread(
        client, officer, supervisor):
    enqueue([officer, supervisor])
    enqueue([officer], key="evt:2", kind=Kind.REPORT_RETURNED)
    client.force_login(officer)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Laporan LI/2026/000001 telah diverifikasi" in page
    assert '<span class="visually-hidden">2 notifikasi belum dibaca</span>' in page
    message = OutboxMessage.objects.filter(recipient=officer).first()
    response = client.post(reverse("notifications:open", args=[message.code]))
    assert response.status_code == 302 and response.url == "/reports/"
    assert OutboxMessage.objects.filter(recipient=officer, read_at__isnull=True).count() == 1
    # Someone else's notification does not exist for this user.
    theirs = OutboxMessage.objects.get(recipient=supervisor)
    assert client.post(reverse("notifications:open", args=[theirs.code])).status_code == 404
    client.post(reverse("notifications:read_all"))
    assert not OutboxMessage.objects.filter(recipient=officer, read_at__isnull=True).exists()


@pytest.mark.django_db
def test_notifications_page_has_constant_queries(client, officer):
    client.force_login(officer)

    def count_for(n):
        OutboxMessage.objects.all().delete()
        for index in range(n):
            enqueue([officer], key=f"evt:{index}")
        return page_queries(client, reverse("notifications:list"))

    assert count_for(2) == count_for(40)


@pytest.mark.django_db
def test_preferences_choose_digest_and_e_mails(client, officer, supervisor):
    client.force_login(officer)
    page = client.get(reverse("notifications:settings")).content.decode()
    # Officers get a weekly digest unless they choose otherwise.
    assert 'value="weekly" checked' in page or 'value="weekly" selected' in page
    response = client.post(reverse("notifications:settings"), {
        "digest_frequency": "daily", "email_kinds": [Kind.MEETING_REMINDER]})
    assert response.status_code == 302
    officer.profile.refresh_from_db()
    assert officer.profile.digest_frequency == "daily"
    assert Kind.MEETING_REMINDER not in officer.profile.email_muted_kinds
    assert Kind.REPORT_RETURNED in officer.profile.email_muted_kinds
    response = client.post(reverse("notifications:settings"), {"digest_frequency": "hourly"})
    assert response.status_code == 200
    assert "Masukkan pilihan yang valid" in response.content.decode()
    assert len(mail.outbox) == 0


@pytest.mark.django_db
def test_admin_lists_failed_messages_and_retries_them(client, admin_user, officer, smtp_server):
    smtp_server.sink.refuse = "550 No such user here"
    enqueue([officer])
    message = OutboxMessage.objects.get()
    message_deliver(message.pk)
    client.force_login(admin_user)
    page = client.get("/admin/notifications/outboxmessage/", {"status": "failed"}).content.decode()
    assert "officer" in page
    smtp_server.sink.refuse = None
    response = client.post("/admin/notifications/outboxmessage/", {
        "action": "retry_failed", "_selected_action": [message.pk]})
    assert response.status_code == 302
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.PENDING
    # No one edits a message by hand.
    assert client.get(f"/admin/notifications/outboxmessage/{message.pk}/change/").status_code == 200
    assert client.post(f"/admin/notifications/outboxmessage/{message.pk}/change/",
                       {"status": "sent"}).status_code == 403
