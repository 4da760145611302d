"""Two-factor sign-in: a stolen password is not enough. Codes are computed from the device's key
the way an authenticator app does, at times set with time-machine."""

import datetime as dt
import runpy
from base64 import b32encode
from pathlib import Path

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import PENDING_LIFETIME_SECONDS, recovery_codes_regenerate

PASSWORD = "timpora-test"
START = dt.datetime(2026, 3, 2, 1, 0, 0, tzinfo=dt.UTC)
ADDRESS = "10.0.0.7"
TEST_KEY = "".join(chr(33 + (index * 7) % 90) for index in range(60))  # long, varied, not real
WRONG_CODE_ID = "Kode itu salah"  # the start of the translated message for a wrong code


@pytest.fixture
def required(settings):
    settings.OTP_REQUIRED = True


@pytest.fixture
def clock():
    """A stopped clock that tests move on: TOTP codes and django-otp's throttle both read it."""
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def code_of(device: TOTPDevice) -> str:
    """The code an authenticator app shows now for this device."""
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def a_wrong_code(device: TOTPDevice) -> str:
    right = int(code_of(device))
    return f"{(right + 500_000) % 1_000_000:06d}"


def enrol(user) -> tuple[TOTPDevice, list[str]]:
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return device, recovery_codes_regenerate(user=user)


def password_step(client, username, password=PASSWORD, next_url=None):
    url = reverse("login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ADDRESS)


def code_step(client, token, query=""):
    return client.post(reverse("two_factor:verify") + query, {"token": token},
                       REMOTE_ADDR=ADDRESS)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def verified(client) -> bool:
    return DEVICE_ID_SESSION_KEY in client.session


def sign_in_fully(client, user, device):
    assert password_step(client, user.username).status_code == 302
    response = code_step(client, code_of(device))
    assert response.status_code == 302 and signed_in(client) and verified(client)
    return response


@pytest.fixture
def logins():
    """The users for whom `user_logged_in` was sent, in order."""
    seen = []

    def receiver(sender, request, user, **kwargs):
        seen.append(user.username)

    user_logged_in.connect(receiver)
    yield seen
    user_logged_in.disconnect(receiver)


@pytest.mark.parametrize(("environment", "expected"), [
    ({"DEBUG": "true"}, False),
    ({"DEBUG": "true", "OTP_REQUIRED": "yes"}, True),
    ({"DEBUG": "false", "SECRET_KEY": TEST_KEY, "ALLOWED_HOSTS": "timpora.example"}, True),
    ({"DEBUG": "false", "SECRET_KEY": TEST_KEY, "ALLOWED_HOSTS": "timpora.example",
      "OTP_REQUIRED": "off"}, False),
])
def test_the_setting_is_on_unless_debug_and_read_from_the_environment(
        monkeypatch, environment, expected):
    for name in ("DEBUG", "OTP_REQUIRED", "SECRET_KEY", "ALLOWED_HOSTS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    values = runpy.run_path(str(Path(django_settings.BASE_DIR) / "timpora" / "settings.py"))
    assert values["OTP_REQUIRED"] is expected


def test_a_bad_value_of_the_setting_stops_start_up(monkeypatch):
    monkeypatch.setenv("DEBUG", "true")
    monkeypatch.setenv("OTP_REQUIRED", "sometimes")
    with pytest.raises(ImproperlyConfigured, match="OTP_REQUIRED"):
        runpy.run_path(str(Path(django_settings.BASE_DIR) / "timpora" / "settings.py"))


def test_the_otp_middleware_follows_authentication_and_precedes_enforcement():
    middleware = django_settings.MIDDLEWARE
    auth = middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware")
    assert middleware[auth + 1] == "accounts.two_factor.CachedOTPMiddleware"
    assert middleware.index("accounts.two_factor.TwoFactorMiddleware") > auth + 1


@pytest.mark.django_db
def test_an_officer_with_a_password_only_is_sent_to_enrolment_and_reaches_nothing_else(
        client, officer, required, admin_user):
    response = password_step(client, "officer")
    assert response.status_code == 302 and signed_in(client)
    overview = reverse("two_factor:overview")
    for url in [reverse("dashboard"), reverse("reports:list"), reverse("reports:create"),
                "/admin/", reverse("password_change"), reverse("meetings:create")]:
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 302, (method, url)
            assert response.url.startswith(overview + "?next="), (method, url, response.url)
    page = client.get(overview)
    assert page.status_code == 200
    assert "Peran Anda mewajibkan" in page.content.decode()  # translated: your role requires it
    assert client.get(reverse("healthz")).status_code in (200, 503)
    assert client.get(reverse("ping")).status_code == 200

    # An admin with a password only fares no better in the admin.
    admin_client = client.__class__()
    assert password_step(admin_client, "admin").status_code == 302
    response = admin_client.get("/admin/auth/user/")
    assert response.status_code == 302 and response.url.startswith(overview)


@pytest.mark.django_db
def test_enrolment_confirms_the_device_only_with_a_right_code(client, officer, required, clock):
    password_step(client, "officer")
    assert client.get(reverse("two_factor:setup")).status_code == 302  # nothing started yet
    assert client.post(reverse("two_factor:start")).url == reverse("two_factor:setup")
    device = TOTPDevice.objects.get(user=officer)
    assert not device.confirmed

    page = client.get(reverse("two_factor:setup"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "style=" not in html and "<script>" not in html
    secret = b32encode(device.bin_key).decode()
    assert " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)) in html
    assert "script-src 'self'" in page["Content-Security-Policy"]

    response = client.post(reverse("two_factor:setup"), {"token": a_wrong_code(device)})
    assert response.status_code == 200
    assert WRONG_CODE_ID in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(reverse("dashboard")).status_code == 302

    clock.shift(5)  # django-otp's throttle wants a second after one wrong code
    response = client.post(reverse("two_factor:setup"), {"token": code_of(device)})
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    codes = list(StaticToken.objects.filter(device__user=officer)
             .values_list("token", flat=True))
    assert len(codes) == 10
    assert all(code in response.content.decode() for code in codes)
    assert response["Cache-Control"].startswith("max-age=0")
    assert verified(client)
    assert client.get(reverse("dashboard")).status_code == 200


@pytest.mark.django_db
def test_a_user_with_a_device_needs_the_code_and_a_wrong_one_counts_for_axes(
        client, officer, clock, logins):
    device, _codes = enrol(officer)  # OTP_REQUIRED is off: a device asks for its code anyway
    client.get(reverse("login"))
    before = client.session.session_key
    response = password_step(client, "officer", next_url=reverse("reports:list"))
    assert response.status_code == 302 and response.url == reverse("two_factor:verify")
    assert not signed_in(client) and logins == []
    after_password = client.session.session_key
    assert after_password != before
    dashboard = client.get(reverse("dashboard"))
    assert dashboard.status_code == 302 and dashboard.url.startswith(reverse("login"))

    assert client.get(reverse("two_factor:verify")).status_code == 200
    response = code_step(client, a_wrong_code(device))
    assert response.status_code == 200
    assert WRONG_CODE_ID in response.content.decode()
    assert AccessAttempt.objects.get(username="officer", ip_address=ADDRESS
                                     ).failures_since_start == 1
    assert not signed_in(client) and logins == []

    response = code_step(client, "not a code")
    assert response.status_code == 200
    assert "6 angka" in response.content.decode()  # says what a code looks like

    clock.shift(10)
    response = code_step(client, code_of(device))
    assert response.status_code == 302 and response.url == reverse("reports:list")
    assert signed_in(client) and verified(client)
    assert logins == ["officer"]  # once, after both factors
    assert client.session.session_key not in (before, after_password)
    assert not AccessAttempt.objects.filter(username="officer").exists()  # reset on success
    assert client.get(reverse("reports:list")).status_code == 200


@pytest.mark.django_db
def test_wrong_codes_lock_the_sign_in_after_the_failure_limit(client, officer, settings, clock):
    settings.AXES_FAILURE_LIMIT = 3
    device, codes = enrol(officer)
    password_step(client, "officer")
    for attempt in range(3):
        clock.shift(30)
        response = code_step(client, a_wrong_code(device))
        assert response.status_code == (429 if attempt == 2 else 200)
    assert "Masuk dikunci" in response.content.decode()
    # The right code, a recovery code and the password are all refused during the cool-off.
    clock.shift(30)
    response = code_step(client, code_of(device))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert not signed_in(client)
    assert password_step(client, "officer").status_code == 429
    assert code_step(client, codes[0]).url.startswith(reverse("login"))
    assert StaticToken.objects.filter(token=codes[0]).exists()


@pytest.mark.django_db
def test_a_code_that_was_used_is_refused(client, officer, clock):
    device, _codes = enrol(officer)
    sign_in_fully(client, officer, device)
    used = code_of(device)
    client.post(reverse("logout"))

    clock.shift(3)  # still the same 30-second step: the app shows the same code
    assert code_of(device) == used
    password_step(client, "officer")
    response = code_step(client, used)
    assert response.status_code == 200 and WRONG_CODE_ID in response.content.decode()
    assert not signed_in(client)

    clock.shift(60)
    assert code_step(client, code_of(device)).status_code == 302
    assert signed_in(client)


@pytest.mark.django_db
def test_a_recovery_code_signs_in_once(client, officer, required, clock):
    _device, codes = enrol(officer)
    password_step(client, "officer")
    response = code_step(client, codes[0])
    assert response.status_code == 302 and signed_in(client) and verified(client)
    assert client.get(reverse("dashboard")).status_code == 200
    assert StaticToken.objects.filter(device__user=officer).count() == 9
    client.post(reverse("logout"))

    clock.shift(5)
    password_step(client, "officer")
    assert code_step(client, codes[0]).status_code == 200
    assert not signed_in(client)
    clock.shift(5)
    # Typed as people copy it: upper case, with a dash in the middle.
    typed = f"{codes[1][:4].upper()}-{codes[1][4:].upper()}"
    assert code_step(client, typed).status_code == 302
    assert signed_in(client)


@pytest.mark.django_db
def test_new_recovery_codes_replace_the_old_ones(client, officer, clock):
    device, codes = enrol(officer)
    sign_in_fully(client, officer, device)
    response = client.post(reverse("two_factor:recovery_codes"))
    assert response.status_code == 200
    new = list(StaticToken.objects.filter(device__user=officer).values_list("token", flat=True))
    assert len(new) == 10 and not set(new) & set(codes)
    assert all(code in response.content.decode() for code in new)
    # The set-up page shows how many are left, never the codes themselves.
    overview = client.get(reverse("two_factor:overview")).content.decode()
    assert not any(code in overview for code in new)


@pytest.mark.django_db
def test_an_agency_member_is_not_forced_but_may_enrol_and_turn_it_off(
        client, polres_member, required, clock):
    assert password_step(client, "polres").status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200

    client.post(reverse("two_factor:start"))
    device = TOTPDevice.objects.get(user=polres_member)
    assert client.post(reverse("two_factor:setup"), {"token": code_of(device)}).status_code == 200
    device.refresh_from_db()
    assert device.confirmed

    page = client.get(reverse("two_factor:overview")).content.decode()
    assert 'name="password"' in page  # may turn it off
    response = client.post(reverse("two_factor:disable"), {"password": "wrong"})
    assert response.status_code == 200 and TOTPDevice.objects.filter(user=polres_member).exists()
    response = client.post(reverse("two_factor:disable"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=polres_member).exists()
    assert not StaticDevice.objects.filter(user=polres_member).exists()
    assert client.get(reverse("dashboard")).status_code == 200


@pytest.mark.django_db
def test_an_officer_cannot_turn_it_off_when_it_is_required(client, officer, required, clock):
    device, _codes = enrol(officer)
    sign_in_fully(client, officer, device)
    page = client.get(reverse("two_factor:overview")).content.decode()
    assert 'name="password"' not in page
    assert client.post(reverse("two_factor:disable"), {"password": PASSWORD}).status_code == 403
    assert TOTPDevice.objects.filter(user=officer).exists()


@pytest.mark.django_db
def test_without_otp_required_the_password_alone_signs_in(client, officer, admin_user):
    response = password_step(client, "officer")
    assert response.status_code == 302 and response.url == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200
    admin_client = client.__class__()
    password_step(admin_client, "admin")
    assert admin_client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_the_admin_sign_in_form_cannot_sign_in_without_the_second_factor(
        client, admin_user, required, clock):
    device, _codes = enrol(admin_user)
    response = client.post("/admin/login/?next=/admin/auth/user/",
                           {"username": "admin", "password": PASSWORD}, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 302
    assert response.url == reverse("login") + "?next=/admin/auth/user/"
    assert not signed_in(client)
    # Its next is checked like the app's.
    response = client.get("/admin/login/?next=https://evil.example/admin/")
    assert response.url == reverse("login") + "?next=/admin/"

    response = password_step(client, "admin", next_url="/admin/auth/user/")
    assert response.url == reverse("two_factor:verify") and not signed_in(client)
    response = code_step(client, code_of(device))
    assert response.url == "/admin/auth/user/"
    assert client.get("/admin/auth/user/").status_code == 200

    # A session signed in some other way but never verified is sent to the code step.
    other = client.__class__()
    other.force_login(admin_user)
    response = other.get("/admin/")
    assert response.status_code == 302 and response.url.startswith(reverse("two_factor:verify"))


@pytest.mark.django_db
def test_an_admin_removes_a_lost_device_and_the_user_enrols_again(
        client, admin_user, officer, required, clock):
    admin_device, _codes = enrol(admin_user)
    lost, _officer_codes = enrol(officer)
    sign_in_fully(client, admin_user, admin_device)

    listing = client.get("/admin/otp_totp/totpdevice/")
    assert listing.status_code == 200
    change = client.get(f"/admin/otp_totp/totpdevice/{lost.pk}/change/")
    assert change.status_code == 200
    secret = b32encode(lost.bin_key).decode()
    for page in (listing, change, client.get("/admin/otp_static/staticdevice/")):
        assert lost.key not in page.content.decode() and secret not in page.content.decode()
    assert client.get(f"/admin/otp_totp/totpdevice/{lost.pk}/config/").status_code == 403

    response = client.post(f"/admin/otp_totp/totpdevice/{lost.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=officer).exists()

    officer_client = client.__class__()
    assert password_step(officer_client, "officer").status_code == 302
    assert signed_in(officer_client)  # no device: the password signs in, then enrolment
    response = officer_client.get(reverse("dashboard"))
    assert response.url.startswith(reverse("two_factor:overview"))


@pytest.mark.django_db
def test_the_pending_sign_in_expires_and_stays_in_its_session(client, officer, clock):
    device, _codes = enrol(officer)
    password_step(client, "officer")

    stranger = client.__class__()  # another browser, without this session's cookie
    response = code_step(stranger, code_of(device))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert not signed_in(stranger)

    clock.shift(PENDING_LIFETIME_SECONDS + 1)
    response = code_step(client, code_of(device))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert not signed_in(client)
    page = client.get(response.url).content.decode()
    assert "terlalu lama" in page  # translated: the sign-in took too long


@pytest.mark.django_db
def test_a_password_changed_meanwhile_ends_the_pending_sign_in(client, officer, clock):
    device, _codes = enrol(officer)
    password_step(client, "officer")
    officer.set_password("Kediri-baru-2026!")
    officer.save()
    response = code_step(client, code_of(device))
    assert response.url.startswith(reverse("login")) and not signed_in(client)


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x",
                                    "http://testserver.evil.example/"])
def test_a_next_to_another_site_is_refused(client, officer, required, clock, target):
    device, _codes = enrol(officer)
    password_step(client, "officer", next_url=target)
    response = code_step(client, code_of(device))
    assert response.status_code == 302 and response.url == reverse("dashboard")

    # The same for a signed-in session that is verified later.
    other = client.__class__()
    other.force_login(officer)
    clock.shift(60)
    response = code_step(other, code_of(device), query=f"?next={target}")
    assert response.status_code == 302 and response.url == reverse("dashboard")
    assert verified(other)


@pytest.mark.django_db
def test_signing_in_as_someone_else_in_a_signed_in_browser_needs_their_code(
        client, officer, polres_member, clock, logins):
    device, _codes = enrol(officer)
    password_step(client, "polres")
    assert client.session["_auth_user_id"] == str(polres_member.pk)
    assert password_step(client, "officer").url == reverse("two_factor:verify")
    assert client.session["_auth_user_id"] == str(polres_member.pk)  # not officer's yet
    code_step(client, code_of(device))
    assert client.session["_auth_user_id"] == str(officer.pk) and verified(client)
    assert logins == ["polres", "officer"]


@pytest.mark.django_db
def test_a_verified_session_costs_no_query_for_its_device(client, officer, settings, clock):
    """The device that verified the session is read from the cache, not on every page: a verified
    page runs the queries of the same page signed in with the password alone."""
    from tests.conftest import page_queries

    settings.OTP_REQUIRED = True
    device, _codes = enrol(officer)
    sign_in_fully(client, officer, device)
    verified_queries = page_queries(client, reverse("notifications:list"))
    settings.OTP_REQUIRED = False
    password_only = client.__class__()
    password_only.force_login(officer)
    assert verified_queries == page_queries(password_only, reverse("notifications:list"))


@pytest.mark.django_db
def test_removing_a_device_ends_the_verification_of_its_sessions_at_once(
        client, officer, required, clock):
    device, _codes = enrol(officer)
    StaticDevice.objects.filter(user=officer).delete()
    sign_in_fully(client, officer, device)
    assert client.get(reverse("dashboard")).status_code == 200  # the device is cached now
    device.delete()
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and not verified(client)
