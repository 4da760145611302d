import datetime

import pytest

from tests.e2e.conftest import assert_accessible, screenshot, sign_in
from tests.villages.conftest import png_bytes
from tests.villages.factories import DesaBinaanFactory, FigureFactory, jambean
from villages import services
from villages.models import OutreachEvent

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_officer_opens_jambean_and_records_an_outreach(page, officer, police, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    desa = DesaBinaanFactory(region=jambean())
    services.pimpasa_assign(desa_binaan=desa, officer=officer, start=datetime.date(2024, 3, 4))
    FigureFactory(desa_binaan=desa, year=2024, destination="TW")
    photo = tmp_path / "sosialisasi.png"
    photo.write_bytes(png_bytes())

    sign_in(page, "officer")
    page.goto(page.base_url + "/villages/")
    assert_accessible(page)
    page.get_by_role("link", name="Jambean").click()
    page.wait_for_url(f"**/villages/{desa.code}/")
    assert page.locator("h1").inner_text() == "Desa Jambean"
    assert_accessible(page)

    page.locator(f"a[href='/villages/{desa.code}/outreach/new/']").click()
    page.wait_for_url("**/outreach/new/")
    assert_accessible(page)
    page.fill("input[name=date]", "2024-06-20")
    page.select_option("select[name=kind]", "safe_migration")
    page.fill("input[name=topic]", "Paspor dan migrasi aman")
    page.fill("input[name=participants_men]", "38")
    page.fill("input[name=participants_women]", "-2")
    page.check(f"input[name=partner_agencies][value='{police.pk}']")
    page.set_input_files("input[name=attachments]", str(photo))
    page.locator("form[enctype] button[type=submit]").click()
    # A negative count is refused at the field; the rest of the input is kept.
    assert page.locator("#error-summary").is_visible()
    assert page.input_value("input[name=topic]") == "Paspor dan migrasi aman"
    assert_accessible(page)

    page.fill("input[name=participants_women]", "47")
    page.set_input_files("input[name=attachments]", str(photo))
    page.locator("form[enctype] button[type=submit]").click()
    page.wait_for_url(f"**/villages/{desa.code}/")
    assert page.get_by_text("Paspor dan migrasi aman").is_visible()
    assert page.get_by_role("link", name="Foto: sosialisasi.png").is_visible()
    screenshot(page, "village-jambean")
    assert_accessible(page)
    event = OutreachEvent.objects.get()
    assert (event.participants_men, event.participants_women) == (38, 47)
    assert list(event.partner_agencies.all()) == [police]
