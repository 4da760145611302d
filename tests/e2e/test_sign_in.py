import pytest

from tests.e2e.conftest import assert_accessible, screenshot, sign_in

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_officer_signs_in_and_sees_the_dashboard_in_indonesian(page, officer):
    sign_in(page, "officer")
    assert page.url == page.base_url + "/"
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.locator("h1").inner_text().startswith("Selamat datang")
    assert page.get_by_text("Kantor Imigrasi Kelas II Non TPI Kediri").is_visible()
    assert page.get_by_role("link", name="Beranda").is_visible()
    screenshot(page, "officer-dashboard")
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_sign_in_page_is_accessible_and_refuses_a_wrong_password(page, officer):
    sign_in(page, "officer", password="wrong-password")
    assert "/accounts/login/" in page.url
    assert page.locator("#error-summary").is_visible()
    assert_accessible(page)
