"""Guessing passwords is slowed by a lock per username and address that lifts by itself; signed-in
sessions end when idle, when too old, on a password change and when the account is disabled."""

import time

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.middleware import SessionLimitsMiddleware

PASSWORD = "timpora-test"


def sign_in(client, username, password, address="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password},
                       REMOTE_ADDR=address)


@pytest.mark.django_db
def test_failures_lock_that_username_at_that_address_for_the_cool_off(client, officer, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _attempt in range(3):
        assert sign_in(client, "officer", "wrong").status_code in (200, 429)
    locked = sign_in(client, "officer", PASSWORD)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Masuk dikunci" in page  # translated (Indonesian by default)
    assert "15" in page  # minutes of the cool-off, from the setting
    assert "_auth_user_id" not in client.session

    # The same account from another address, and another account from the same address, still
    # sign in: a guesser cannot lock an officer out everywhere.
    other = client.__class__()
    assert sign_in(other, "officer", PASSWORD, address="10.0.0.2").status_code == 302

    # After the cool-off the lock lifts by itself.
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME
                                 - timezone.timedelta(seconds=1))
    assert sign_in(client, "officer", PASSWORD).status_code == 302


def test_cool_off_defaults_to_fifteen_minutes():
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


@pytest.mark.django_db
def test_successful_and_failed_sign_ins_are_logged(client, officer):
    sign_in(client, "officer", "wrong", address="10.0.0.9")
    assert AccessFailureLog.objects.filter(username="officer", ip_address="10.0.0.9").exists()
    assert sign_in(client, "officer", PASSWORD, address="10.0.0.9").status_code == 302
    assert AccessLog.objects.filter(username="officer", ip_address="10.0.0.9").exists()


@pytest.mark.django_db
def test_signing_in_starts_a_new_session(client, officer):
    session = client.session
    session["before"] = "anonymous"
    session.save()
    before = session.session_key
    client.cookies[settings.SESSION_COOKIE_NAME] = before
    assert sign_in(client, "officer", PASSWORD).status_code == 302
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != before


def age_session(client, *, started_ago=0, seen_ago=0):
    session = client.session
    now = int(time.time())
    session[SessionLimitsMiddleware.STARTED] = now - started_ago
    session[SessionLimitsMiddleware.SEEN] = now - seen_ago
    session.save()


@pytest.mark.django_db
def test_an_idle_session_ends(client, officer):
    client.force_login(officer)
    assert client.get(reverse("dashboard")).status_code == 200
    age_session(client, seen_ago=settings.SESSION_IDLE_TIMEOUT - 30)
    assert client.get(reverse("dashboard")).status_code == 200
    age_session(client, seen_ago=settings.SESSION_IDLE_TIMEOUT + 1)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert client.get(reverse("dashboard")).status_code == 302  # signed out for good


@pytest.mark.django_db
def test_a_busy_session_still_ends_at_its_absolute_lifetime(client, officer):
    client.force_login(officer)
    age_session(client, started_ago=settings.SESSION_ABSOLUTE_LIFETIME - 60)
    assert client.get(reverse("dashboard")).status_code == 200
    age_session(client, started_ago=settings.SESSION_ABSOLUTE_LIFETIME + 1)
    assert client.get(reverse("dashboard")).status_code == 302


@pytest.mark.django_db
def test_a_password_change_ends_the_other_sessions(client, officer):
    from django.test import Client

    other_device = Client()
    other_device.force_login(officer)
    client.force_login(officer)
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "Kediri-baru-2024!",
        "new_password2": "Kediri-baru-2024!"})
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200  # this session goes on
    assert other_device.get(reverse("dashboard")).status_code == 302


@pytest.mark.django_db
def test_disabling_an_account_ends_its_sessions(client, officer):
    client.force_login(officer)
    assert client.get(reverse("dashboard")).status_code == 200
    officer.is_active = False
    officer.save(update_fields=["is_active"])
    response = client.get(reverse("reports:list"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
