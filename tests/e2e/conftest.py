"""Browser tests: Playwright driving Debian's Chromium against the live test server.

No request may leave the machine: every request to another host is aborted and recorded, and a
test that made one fails. Screenshots go to test-artifacts/ for people to look at.
"""

import json
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import require

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the tests
# themselves are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium",
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    outside = []

    def keep_local(route):
        host = urlsplit(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", keep_local)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    yield page
    context.close()
    assert outside == [], f"requests left the machine: {outside}"


def sign_in(page, username: str, password: str = "timpora-test") -> None:
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_load_state()


def axe_violations(page) -> list[dict]:
    """Run axe-core on the current page; returns the violations (an empty list is a pass)."""
    require(AXE_SCRIPT.exists(), "axe-core is not installed (npm install)")
    # Evaluated through the DevTools protocol, which the pages' Content-Security-Policy (no
    # inline scripts) does not govern, so the policy stays on for the rest of the test.
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document)")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
