"""The pages officers use in the field, on a 360-pixel-wide phone: nothing scrolls sideways and
axe-core finds nothing, on the demo data (Desa Jambean and its report)."""

import re

import pytest

from tests.e2e.conftest import assert_accessible, screenshot, sign_in
from tests.e2e.test_accessibility_sweep import DEMO_PASSWORD, demo  # noqa: F401 - the fixture
from villages.models import DesaBinaan

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def assert_fits(page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    wide = page.evaluate("""() => Array.from(document.querySelectorAll('main *'))
        .filter((e) => e.getBoundingClientRect().right > 361 && !e.closest('.table-responsive'))
        .slice(0, 5).map((e) => e.tagName + '.' + e.className)""")
    assert width <= PHONE["width"], (page.url, width, wide)


def test_field_pages_fit_a_phone(page, demo):  # noqa: F811 - the imported fixture
    page.set_viewport_size(PHONE)
    sign_in(page, "officer", DEMO_PASSWORD)

    page.goto(page.base_url + "/reports/new/")
    assert_fits(page)
    assert_accessible(page)
    screenshot(page, "phone-report-new")

    page.goto(page.base_url + "/reports/")
    page.locator("main a[href]").filter(has_text=re.compile(r"\S")).and_(
        page.locator("main table a")).first.click()
    page.wait_for_url(re.compile(r"/reports/[a-z0-9]{12}/$"))
    assert_fits(page)
    assert_accessible(page)
    screenshot(page, "phone-report-detail")

    jambean = DesaBinaan.objects.get(region__name="Jambean")
    page.goto(page.base_url + f"/villages/{jambean.code}/")
    assert page.get_by_role("heading", level=1).inner_text().strip()
    assert_fits(page)
    assert_accessible(page)
    screenshot(page, "phone-village")
