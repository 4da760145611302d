"""Turning two-factor sign-in off asks for the password: wrong ones count for axes like the
sign-in's, so a session taken over cannot try passwords there without limit."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent
from tests.security.test_two_factor import clock, enrol, sign_in_fully  # noqa: F401

ADDRESS = "10.0.0.7"


@pytest.mark.django_db
def test_wrong_passwords_to_turn_it_off_lock_the_account_and_end_the_session(
        client, polres_member, settings, clock):  # noqa: F811
    settings.AXES_FAILURE_LIMIT = 3
    device, _codes = enrol(polres_member)
    sign_in_fully(client, polres_member, device)
    url = reverse("two_factor:disable")
    for _attempt in range(2):
        response = client.post(url, {"password": "not-the-password"}, REMOTE_ADDR=ADDRESS)
        assert response.status_code == 200 and "_auth_user_id" in client.session
    response = client.post(url, {"password": "not-the-password"}, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert TOTPDevice.objects.filter(user=polres_member).exists()
    assert AuditEvent.objects.filter(action="sign_in_failed", actor_username="polres").count() == 3
    assert AuditEvent.objects.filter(action="locked_out", actor_username="polres").exists()
