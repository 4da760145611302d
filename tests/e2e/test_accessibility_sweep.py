"""An axe-core sweep of every page reachable from the navigation, for each role, on the demo data;
and the keyboard: the skip link and the main navigation.

From the links of the main navigation, the sweep follows the links of those pages one level
further (new-item forms, sub-lists, and one detail page of each kind: a report, a meeting, a
village, a person) and from there one more level into detail pages. Pages of the same shape
(`/reports/<code>/`) are visited once. Downloads, filter and page links are left out.
"""

import io
import json

import pytest
from django.core.management import call_command

from tests.crawl import MAX_DEPTH, followable, shape
from tests.e2e.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "timpora-demo"
ROLES = ["officer", "supervisor", "polres", "admin"]
LINKS_SCRIPT = """
(selector) => Array.from(document.querySelectorAll(selector))
    .map((a) => a.getAttribute('href'))
    .filter((href) => href && href.startsWith('/'))
"""


@pytest.fixture
def demo(settings, transactional_db):
    # No tile server in tests: the map shows its markers on the plain background.
    settings.MAP_TILE_URL = "/no-tiles/{z}/{x}/{y}.png"
    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False


def sweep(page, username: str) -> tuple[list[str], dict[str, list]]:
    sign_in(page, username, DEMO_PASSWORD)
    nav = page.evaluate(LINKS_SCRIPT, "nav[aria-label] a[href]")
    queue = [(path, 0) for path in dict.fromkeys(filter(None, map(followable, nav)))]
    assert len(queue) >= 3, nav
    seen, swept, failures = set(), [], {}
    while queue:
        path, depth = queue.pop(0)
        if shape(path) in seen:
            continue
        seen.add(shape(path))
        response = page.goto(page.base_url + path)
        assert response is not None and response.status == 200, (path, response and response.status)
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        swept.append(path)
        violations = axe_violations(page)
        if violations:
            failures[path] = violations
        if depth >= MAX_DEPTH:
            continue
        # Beyond the navigation's own pages, only detail pages are followed.
        for href in page.evaluate(LINKS_SCRIPT, "main a[href]"):
            target = followable(href)
            if target and shape(target) not in seen and (depth == 0 or "<code>" in shape(target)):
                queue.append((target, depth + 1))
    return swept, failures


@pytest.mark.parametrize("username", ROLES)
def test_every_page_from_the_navigation_passes_axe(page, demo, username):
    swept, failures = sweep(page, username)
    print(f"\naccessibility sweep: {username}: {len(swept)} pages swept")
    for path in swept:
        print(f"  {path}")
    assert failures == {}, json.dumps(failures, indent=1)
    detail_shapes = {shape(path) for path in swept}
    if username != "admin":
        assert {"/reports/<code>/", "/meetings/<code>/"} <= detail_shapes
    if username in ("officer", "supervisor", "polres"):
        assert "/villages/<code>/" in detail_shapes
    if username in ("officer", "supervisor"):
        assert "/people/<code>/" in detail_shapes
        assert "/reports/monthly/" in detail_shapes


def test_the_skip_link_and_the_navigation_work_with_the_keyboard(page, demo):
    sign_in(page, "officer", DEMO_PASSWORD)
    page.goto(page.base_url + "/reports/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.className")
    assert "skip-link" in focused
    assert page.locator(".skip-link").is_visible()  # shown when it has the focus
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main"
    assert page.evaluate("() => document.activeElement.id") == "main"

    page.goto(page.base_url + "/reports/")
    menu = "nav[aria-label] .navbar-nav > .nav-item > a.nav-link"
    wanted = set(page.evaluate(LINKS_SCRIPT, menu))
    reached = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        href = page.evaluate("() => document.activeElement.getAttribute('href')")
        if href:
            reached.add(href)
        if wanted <= reached:
            break
    assert wanted and wanted <= reached, wanted - reached
    # The focused link shows a visible focus ring.
    outline = page.evaluate(
        "() => getComputedStyle(document.activeElement).outlineStyle"
        " + getComputedStyle(document.activeElement).boxShadow")
    assert outline not in ("none", "nonenone")
