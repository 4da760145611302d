import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.e2e.conftest import assert_accessible, screenshot, sign_in

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_officer_sets_up_two_factor_sign_in_and_reaches_the_dashboard(page, officer, settings):
    settings.OTP_REQUIRED = True
    sign_in(page, "officer")
    assert "/accounts/two-factor/" in page.url  # the password alone leads only here
    page.goto(page.base_url + "/reports/")
    assert "/accounts/two-factor/" in page.url

    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/accounts/two-factor/setup/")
    assert page.locator("main svg.segno").is_visible()
    screenshot(page, "two-factor-setup")
    assert_accessible(page)

    # What the phone's app would show for the key behind the QR code.
    device = TOTPDevice.objects.get(user=officer)
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.fill("input[name=token]", f"{code:06d}")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#recovery-codes li").count() == 10
    screenshot(page, "two-factor-recovery-codes")

    page.locator("main a.btn-primary").click()
    page.wait_for_load_state()
    assert page.url == page.base_url + "/"
    assert page.locator("h1").inner_text().startswith("Selamat datang")

    # The account page now says it is on; the officer's role may not turn it off.
    page.goto(page.base_url + "/accounts/two-factor/")
    assert page.locator("main .alert-success").is_visible()
    assert page.locator("input[name=password]").count() == 0
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_officer_with_an_authenticator_signs_in_with_its_code(page, officer, settings):
    settings.OTP_REQUIRED = True
    device = TOTPDevice.objects.create(user=officer, name="Authenticator app")
    sign_in(page, "officer")
    assert page.url.endswith("/accounts/two-factor/verify/")
    assert_accessible(page)
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.fill("input[name=token]", f"{code:06d}")
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    assert page.url == page.base_url + "/"
