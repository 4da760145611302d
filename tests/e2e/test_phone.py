"""The pages officers use in the field, on a 360-pixel-wide phone: nothing scrolls sideways and
axe-core finds nothing, on the demo data (Desa Jambean and its report); and on a 390-pixel phone
the dashboard, lists and meeting page do not scroll sideways either."""

import re

import pytest
from django.contrib.auth import get_user_model

from reports.models import Report
from tests.e2e.conftest import assert_accessible, screenshot, sign_in
from tests.e2e.test_accessibility_sweep import DEMO_PASSWORD, demo  # noqa: F401 - the fixture
from tests.reports.factories import report_in
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


SMALL_PHONE = {"width": 390, "height": 844}


def assert_no_sideways_scroll(page, width: int) -> None:
    """The page as a whole does not scroll sideways: screen-reader-only tables and labels stay
    inside the viewport instead of stretching the document."""
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    wide = page.evaluate(f"""() => Array.from(document.querySelectorAll('body *'))
        .filter((e) => e.getBoundingClientRect().right > {width + 1})
        .slice(0, 5).map((e) => e.tagName + '.' + e.className)""")
    assert scroll_width <= width, (page.url, scroll_width, wide)


@pytest.mark.parametrize("username", ["officer", "polres"])
@pytest.mark.parametrize("language", ["en", "id"])
def test_dashboard_and_meeting_fit_a_390_pixel_phone(page, demo, username, language):  # noqa: F811
    page.set_viewport_size(SMALL_PHONE)
    page.set_extra_http_headers({"Accept-Language": language})
    # A report in every category: the chart's hidden table gets all its columns.
    officer = get_user_model().objects.get(username="officer")
    for category in Report.Category.values:
        report_in(Report.Status.SUBMITTED, author=officer, category=category)
    sign_in(page, username, DEMO_PASSWORD)
    for path in ("/", "/reports/", "/meetings/", "/villages/", "/map/"):
        page.goto(page.base_url + path)
        assert_no_sideways_scroll(page, SMALL_PHONE["width"])

    page.goto(page.base_url + "/meetings/")
    page.locator("main table a[href*='/meetings/']").first.click()  # the next meeting
    page.wait_for_url(re.compile(r"/meetings/[a-z0-9]{12}/$"))
    assert_no_sideways_scroll(page, SMALL_PHONE["width"])
    screenshot(page, f"phone-meeting-{username}")


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_register_fits_a_390_pixel_phone(page, demo, language):  # noqa: F811
    from people.models import Mention, Person

    page.set_viewport_size(SMALL_PHONE)
    page.set_extra_http_headers({"Accept-Language": language})
    liu = Person.objects.get(full_name="LIU YANG")
    nguyen = Person.objects.get(full_name="NGUYEN VAN AN")
    waiting = Mention.objects.get(full_name="TANAKA HIROSHI")
    sign_in(page, "officer", DEMO_PASSWORD)
    for path in ("/people/", "/people/matching/", "/people/watch/", "/people/watch/?list=expired",
                 f"/people/{liu.code}/", f"/people/{nguyen.code}/",
                 f"/people/mentions/{waiting.code}/", f"/people/{liu.code}/merge/",
                 f"/people/{liu.code}/merge/?other={nguyen.code}",
                 f"/people/{liu.code}/permit/new/"):
        response = page.goto(page.base_url + path)
        assert response.status == 200, path
        assert_no_sideways_scroll(page, SMALL_PHONE["width"])
        assert_accessible(page)
    screenshot(page, f"phone-register-{language}")
