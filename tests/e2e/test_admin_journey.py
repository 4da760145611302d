"""The administrator's journey in a real browser: a new Desa Binaan and its PIMPASA in Django
admin, with the region chosen through the autocomplete and the PIMPASA in the inline row."""

import pytest

from tests.e2e.conftest import screenshot, sign_in
from tests.villages.factories import VillageFactory
from villages.models import DesaBinaan

pytestmark = pytest.mark.browser


def choose(page, field_id: str, text: str, option: str) -> None:
    """Pick `option` in the admin autocomplete (select2) of the field after typing `text`."""
    page.click(f"[aria-labelledby='select2-{field_id}-container']")
    page.fill(".select2-container--open .select2-search__field", text)
    page.locator(".select2-results__option", has_text=option).first.click()


@pytest.mark.django_db(transaction=True)
def test_admin_adds_a_desa_binaan_with_its_pimpasa(page, admin_user, officer):
    officer.first_name, officer.last_name = "Rina", "Pratiwi"
    officer.save()
    VillageFactory(code="35.06.03.2016", name="Jambean")
    VillageFactory(code="35.06.03.2017", name="Jabang")

    sign_in(page, "admin")
    page.goto(page.base_url + "/admin/villages/desabinaan/add/")
    choose(page, "id_region", "Jamb", "Jambean")
    page.fill("#id_active_from", "2024-06-20")
    page.fill("#id_decree_number", "W15.IMI.IMI.8-GR.01.01-0620")
    page.fill("#id_decree_date", "2024-06-14")
    page.fill("#id_issuing_office", "Kantor Imigrasi Kelas II Non TPI Kediri")

    page.locator("#pimpasa_assignments-group .add-row a").click()
    # Office staff are offered by name (accounts.forms.StaffChoiceField).
    page.select_option("#id_pimpasa_assignments-0-officer", label="Rina Pratiwi")
    page.fill("#id_pimpasa_assignments-0-start", "2024-06-20")
    screenshot(page, "admin-desa-binaan-form")

    page.click("input[name=_save]")
    page.wait_for_load_state()
    assert page.locator(".messagelist .success").count() == 1, page.content()[:3000]
    screenshot(page, "admin-desa-binaan-saved")

    desa = DesaBinaan.objects.get()
    assert desa.region.name == "Jambean"
    assert desa.decree_number == "W15.IMI.IMI.8-GR.01.01-0620"
    assignment = desa.pimpasa_assignments.get()
    assert assignment.officer == officer
    assert str(assignment.start) == "2024-06-20" and assignment.end is None
    # The list shows the new village with its PIMPASA.
    row = page.locator("#result_list tbody tr", has_text="Jambean")
    assert "Rina Pratiwi" in row.inner_text()


@pytest.mark.django_db(transaction=True)
def test_the_export_pages_select_all_works_under_the_content_security_policy(page, admin_user):
    """django-import-export's toggle was an inline handler the CSP blocked; now js/admin-export.js
    binds it, and the page reports no violation of the policy."""
    console = []
    page.on("console", lambda message: console.append(message.text))
    sign_in(page, "admin")
    page.goto(page.base_url + "/admin/villages/desabinaan/export/")
    fields = page.locator('.selectable-field-export-row input[type="checkbox"]:not(.select-toggle)')
    assert fields.count() > 3
    page.uncheck(".select-toggle")
    assert all(not fields.nth(i).is_checked() for i in range(fields.count()))
    page.check(".select-toggle")
    assert all(fields.nth(i).is_checked() for i in range(fields.count()))
    page.goto(page.base_url + "/admin/villages/desabinaan/")
    assert [text for text in console if "Content Security Policy" in text] == []
