"""The start of the day in the browser: the dashboard, the map (its tiles cannot load, so the
fallback shows) and the search, for an officer in Indonesian and a Polres member in English,
each page checked with axe-core."""

import pytest
from django.conf import settings as django_settings

from tests.dashboard.conftest import world  # noqa: F401  (the shared fixture of that folder)
from tests.e2e.conftest import assert_accessible, screenshot, sign_in

pytestmark = pytest.mark.browser


def open_map(page, markers: int) -> None:
    page.locator("nav a[href='/map/']").click()
    page.wait_for_url("**/map/")
    # No base map here: the message says so and the markers are drawn on the plain background.
    page.locator("#map-status").wait_for(state="visible")
    page.wait_for_selector(f"#map[data-marker-count='{markers}']")
    assert page.locator("#map .leaflet-interactive").count() == markers


def search_from_the_menu(page, text: str) -> None:
    page.fill("#navbar-search", text)
    page.press("#navbar-search", "Enter")
    page.wait_for_url("**/search/?q=*")


@pytest.mark.django_db(transaction=True)
def test_officer_and_polres_start_their_day(page, world, live_server, settings):  # noqa: F811
    # A local address that answers 404: the tiles fail as they would offline, and no request
    # leaves the machine.
    settings.MAP_TILE_URL = live_server.url + "/no-tiles/{z}/{x}/{y}.png"

    sign_in(page, "officer")
    assert page.locator("html").get_attribute("lang") == "id"
    page.locator("#waiting-heading").wait_for()
    assert page.get_by_text("Officer own draft").is_visible()
    assert page.locator("figure.chart svg[role=img]").count() == 3
    assert page.get_by_text("Colleague secret draft").count() == 0
    assert_accessible(page)
    screenshot(page, "dashboard-officer")

    open_map(page, markers=4)  # Bleber and three located reports
    assert page.locator("table").filter(has_text="Office only finding").is_visible()
    assert_accessible(page)
    screenshot(page, "map-officer-without-tiles")

    search_from_the_menu(page, "WNA")
    assert page.get_by_role("link", name="EXPIRING WNA").is_visible()
    assert page.get_by_text("HIDDEN WNA").count() == 0
    assert_accessible(page)
    screenshot(page, "search-officer")

    page.context.clear_cookies()
    page.context.add_cookies([{"name": django_settings.LANGUAGE_COOKIE_NAME, "value": "en",
                               "url": live_server.url}])
    sign_in(page, "polres")
    page.get_by_role("heading", name="Reports shared with your agency").wait_for()
    assert page.get_by_role("link", name=f"{world.shared.number} · Shared with Polres").is_visible()
    assert page.get_by_text("Waiting for your action").count() == 0
    assert_accessible(page)
    screenshot(page, "dashboard-polres")

    open_map(page, markers=2)  # Bleber and the one report shared with Polres
    assert page.get_by_text("Office only finding").count() == 0
    assert_accessible(page)
    # Should the markers fail to load, the page says so and the table still lists them.
    page.route("**/map/markers.json", lambda route: route.abort())
    page.reload()
    page.get_by_text("The markers could not be loaded on the map").wait_for()
    assert page.get_by_role("link", name="Shared with Polres").is_visible()
    page.unroute("**/map/markers.json")

    # A passport number finds nothing for Polres, and the register is not searched at all: the
    # report shared with Polres is what a name finds.
    search_from_the_menu(page, "SH7654321")
    assert page.get_by_text("No report found.").is_visible()
    search_from_the_menu(page, "WNA")
    assert page.get_by_role("link", name="Shared with Polres").is_visible()
    assert page.get_by_text("No person found.").count() == 0
    assert page.get_by_text("EXPIRING WNA").count() == 0
    assert_accessible(page)
    screenshot(page, "search-polres")
