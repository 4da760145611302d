"""Every page, for every demo role, is valid HTML by the W3C Nu Html Checker (vnu.jar from the
npm package vnu-jar, run with the machine's Java).

The crawl follows the accessibility sweep (tests/e2e/test_accessibility_sweep.py) without a
browser: the links of the main navigation, the links in those pages' <main>, and from there one
more level into detail pages; pages of the same shape (`/reports/<code>/`) are fetched once.
The register's own pages are added explicitly: its lists, the watch lists, a person, a mention,
the merge steps and a new permit. Every HTML answer is written to one directory and the checker
runs once over all of it.
"""

import io
import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from people.models import Mention, Person
from tests.conftest import require
from tests.crawl import MAX_DEPTH, followable, shape
from tests.system import install_hint

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ROLES = ["officer", "supervisor", "polres", "disnaker", "admin"]
# The roles that work in the register (the navigation's "Register"): its pages must answer 200.
REGISTER_ROLES = {"officer", "supervisor"}
WATCH_LISTS = ["30", "60", "90", "expired"]


class Links(HTMLParser):
    """The hrefs of the links inside <nav aria-label> and inside <main>, as the sweep reads them."""

    def __init__(self):
        super().__init__()
        self.nav, self.main = [], []
        self._open = []  # the nav and main elements we are inside, innermost last

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav":
            self._open.append("nav" if "aria-label" in attrs else "other")
        elif tag == "main":
            self._open.append("main")
        elif tag == "a" and (attrs.get("href") or "").startswith("/"):
            if "nav" in self._open:
                self.nav.append(attrs["href"])
            if "main" in self._open:
                self.main.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag in ("nav", "main") and self._open:
            self._open.pop()


def links(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser


@pytest.fixture
def demo(settings, db):
    settings.MAP_TILE_URL = "/no-tiles/{z}/{x}/{y}.png"
    settings.DEBUG = True  # seed_demo refuses to run otherwise; it imports the demo's regions
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False


def register_pages() -> list[str]:
    person = Person.objects.filter(merged_into__isnull=True).order_by("pk").first()
    other = (Person.objects.filter(merged_into__isnull=True, office_id=person.office_id)
             .exclude(pk=person.pk).order_by("pk").first())
    mention = Mention.objects.filter(held=False, office_id=person.office_id).order_by("pk").first()
    assert other is not None and mention is not None, "the demo has two people and a mention"
    return [
        "/people/", "/people/matching/", "/people/watch/",
        *[f"/people/watch/?list={name}" for name in WATCH_LISTS],
        f"/people/{person.code}/", f"/people/mentions/{mention.code}/",
        f"/people/{person.code}/merge/", f"/people/{person.code}/merge/?other={other.code}",
        f"/people/{person.code}/permit/new/",
    ]


class Pages:
    """The HTML answers, each written to its own file in `directory`, remembering its URL."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.url_of: dict[str, str] = {}
        self.per_role: dict[str, int] = {}

    def keep(self, role: str, url: str, response) -> None:
        if "text/html" not in response.get("Content-Type", ""):
            return
        path = self.directory / f"{len(self.url_of):04d}.html"
        path.write_bytes(response.content)
        self.url_of[path.name] = f"{role} {url}"
        self.per_role[role] = self.per_role.get(role, 0) + 1


def crawl(client: Client, role: str, pages: Pages) -> set[str]:
    """Fetch the pages the sweep would; returns the shapes fetched."""
    start = client.get("/", follow=True)
    assert start.status_code == 200
    nav = links(start.content.decode()).nav
    queue = [(path, 0) for path in dict.fromkeys(filter(None, map(followable, nav)))]
    assert len(queue) >= 3, nav
    seen = set()
    while queue:
        path, depth = queue.pop(0)
        if shape(path) in seen:
            continue
        seen.add(shape(path))
        response = client.get(path, follow=True)
        assert response.status_code == 200, (role, path, response.status_code)
        pages.keep(role, path, response)
        if depth >= MAX_DEPTH or "text/html" not in response.get("Content-Type", ""):
            continue
        for href in links(response.content.decode()).main:
            target = followable(href)
            if target and shape(target) not in seen and (depth == 0 or "<code>" in shape(target)):
                queue.append((target, depth + 1))
    return seen


@pytest.fixture
def vnu() -> list[str]:
    """The checker's command: skipped on a laptop without Java or the jar, a failure in CI."""
    java = shutil.which("java")
    require(java is not None, f"Java is not installed; {install_hint(['default-jre-headless'])}")
    require(VNU_JAR.exists(), "vnu-jar is not installed (make browser-tools, or npm install)")
    return [java, "-jar", str(VNU_JAR)]


def vnu_errors(vnu: list[str], directory: Path) -> list[dict]:
    result = subprocess.run(
        [*vnu, "--errors-only", "--format", "json", "--skip-non-html", str(directory)],
        capture_output=True, text=True, timeout=300, check=False)
    # The report goes to stderr; the exit status is 1 when there are errors.
    report = json.loads(result.stderr)
    return [message for message in report["messages"] if message["type"] != "info"]


def test_every_page_of_every_role_is_valid_html(vnu, demo, tmp_path):
    pages = Pages(tmp_path)
    pages.keep("anonymous", "/accounts/login/", Client().get("/accounts/login/"))
    register = register_pages()
    users = get_user_model().objects.in_bulk(ROLES, field_name="username")
    for role in ROLES:
        client = Client()
        client.force_login(users[role])
        shapes = crawl(client, role, pages)
        if role in ("officer", "supervisor", "polres"):
            assert {"/reports/<code>/", "/meetings/<code>/"} <= shapes, (role, shapes)
        for url in register:
            response = client.get(url)
            if role in REGISTER_ROLES:
                assert response.status_code == 200, (role, url, response.status_code)
            pages.keep(role, url, response)

    errors = vnu_errors(vnu, tmp_path)
    print(f"\nHTML validity: {len(pages.url_of)} pages checked: {pages.per_role}")
    report = [f"{pages.url_of.get(Path(urlsplit(error.get('url', '')).path).name)}"
              f" line {error.get('lastLine')}: {error['message']}\n    {error.get('extract', '')!r}"
              for error in errors]
    assert errors == [], "\n".join(report)


def test_the_checker_reports_invalid_html(vnu, tmp_path):
    """The check above can fail: a duplicate id and a stray end tag are reported."""
    (tmp_path / "page.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head>'
        '<body><p id="a"></p><p id="a"></p></div></body></html>', encoding="utf-8")
    messages = {error["message"] for error in vnu_errors(vnu, tmp_path)}
    assert any("Duplicate ID" in message for message in messages), messages
    assert any("Stray end tag" in message for message in messages), messages

