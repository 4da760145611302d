"""Hostile input: script payloads in every text, file-name and Markdown field, SQL-like strings in
searches and filters, malformed codes, oversized and disguised uploads, broken import files. None
gives a 500, none runs, none leaks."""

import io
import zipfile
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import Meeting
from reports import services as report_services
from reports.models import Report
from tests.meetings.test_pages import meeting_form
from tests.reports.factories import png_bytes
from tests.reports.test_pages import form_data
from tests.security.conftest import count

pytestmark = pytest.mark.django_db

XSS = [
    "<script>alert('x1')</script>",
    "<img src=x onerror=alert('x2')>",
    "<svg/onload=alert('x3')>",
    "\"><script>alert('x4')</script>",
    "'><img src=x onerror=alert('x5')>",
    "javascript:alert('x6')",
    "<a href=\"javascript:alert('x7')\">klik</a>",
    "<iframe src=\"javascript:alert('x8')\"></iframe>",
    "<body onload=alert('x9')>",
    "<details open ontoggle=alert('x10')>",
    "[klik](javascript:alert('x11'))",
    "![gambar](x\" onerror=\"alert('x12'))",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('x13')>",
    "{{ 7|add:7 }}{% csrf_token %}",
    "</textarea><script>alert('x15')</script>",
    "<scr<script>ipt>alert('x16')</script>",
]
SQL = [
    "' OR '1'='1", "1; DROP TABLE reports_report;--", "\" OR 1=1 --", "%' OR 1=1 --",
    "' UNION SELECT password FROM auth_user --", "\\", "%", "_", "'; SELECT pg_sleep(5);--",
    "\x00", "ø" * 300,
]
class ExecutableMarkup(HTMLParser):
    """What a browser would run in a page: inline scripts that call the payloads' alert, event
    handler attributes, javascript: URLs. The page's own scripts are files (CSP forbids inline)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction", "data") and value.startswith(
                    "javascript:"):
                self.found.append(f"<{tag} {name}={value[:30]}>")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert" in data:
            self.found.append(f"<script>{data[:30]}")


def assert_inert(response, where: str):
    assert response.status_code < 500, where
    parser = ExecutableMarkup()
    parser.feed(response.content.decode("utf-8", "replace"))
    assert not parser.found, f"{where}: {parser.found[:3]}"


def test_script_payloads_in_reports_and_people_are_shown_inert(client, world):
    officer = world.users["officer"]
    client.force_login(officer)
    for payload in XSS:
        data = form_data(title=payload[:200], narrative=f"# {payload}\n\n{payload}",
                         location_text=payload[:200], recommended_action=payload,
                         **{"people-0-full_name": payload[:200], "people-0-address": payload,
                            "people-0-employer": payload[:200],
                            "people-0-occupation": payload[:100]})
        data["attachments"] = [SimpleUploadedFile(f"{payload[:80]}.png", png_bytes(),
                                                  content_type="image/png")]
        response = client.post(reverse("reports:create"), data)
        assert response.status_code in (200, 302), payload
        count("input attack payloads tried")
        if response.status_code != 302:
            assert_inert(response, f"report form with {payload}")
            continue
        report = Report.objects.get(code=response.url.split("/")[-2])
        assert_inert(client.get(report.get_absolute_url()), f"report page with {payload}")
        # Submitted, its mentions reach the register's matching pages.
        report_services.report_submit(report=report, user=officer)
        for link in report.people_links.all():
            page = client.get(reverse("people:mention", args=[link.mention.code]))
            assert page.status_code == 200
            assert_inert(page, f"mention page with {payload}")
            assert_inert(client.get(reverse("people:mention", args=[link.mention.code])),
                         f"mention page with {payload}")
    assert_inert(client.get(reverse("reports:list")), "report list")
    assert_inert(client.get(reverse("people:list")), "people list")


def test_script_payloads_in_meetings_and_minutes_are_shown_inert(client, world):
    officer, supervisor = world.users["officer"], world.users["supervisor"]
    team = world.objects["meeting_invited"].team
    client.force_login(officer)
    for payload in XSS:
        data = meeting_form(team, title=payload[:200], venue=payload[:200])
        response = client.post(reverse("meetings:create"), data)
        count("input attack payloads tried")
        assert response.status_code in (200, 302), payload
        if response.status_code == 200:
            assert_inert(response, f"meeting form with {payload}")
            continue
        meeting = Meeting.objects.get(code=response.url.split("/")[-2])
        assert_inert(client.get(meeting.get_absolute_url()), f"meeting page with {payload}")
    meeting = world.objects["meeting_published"]
    minutes = meeting.minutes
    client.force_login(supervisor)
    for payload in XSS:
        minutes.summary = f"{payload}\n\n**{payload}**"
        minutes.decisions = payload
        minutes.save()
        count("input attack payloads tried")
        assert_inert(client.get(meeting.get_absolute_url()), f"minutes with {payload}")
        assert_inert(client.get(reverse("meetings:minutes_print", args=[meeting.code])),
                     f"printed minutes with {payload}")
    assert_inert(client.get(reverse("meetings:list")), "meeting list")


def test_script_payloads_in_outreach_are_shown_inert(client, world):
    desa = world.objects["desa"]
    client.force_login(world.users["officer"])
    for payload in XSS:
        data = {"date": "2024-06-20", "kind": "safe_migration", "topic": payload[:200],
                "audience": payload[:200], "participants_men": "1", "participants_women": "1",
                "notes": payload}
        response = client.post(reverse("villages:outreach_new", args=[desa.code]), data)
        count("input attack payloads tried")
        assert response.status_code in (200, 302), payload
        assert_inert(response if response.status_code == 200 else client.get(response.url),
                     f"outreach with {payload}")


URLS_WITH_QUERIES = [
    ("reports:list", ["q", "status", "category", "village", "priority", "page", "sort"]),
    ("people:list", ["q", "nationality", "after"]),
    ("people:queue", ["q", "after"]),
    ("people:watch", ["list", "after"]),
    ("meetings:list", ["q", "when", "status", "team", "page"]),
    ("villages:list", ["q", "status", "page"]),
    ("overview:search", ["q", "page"]),
    ("reports:village_autocomplete", ["q"]),
    ("reports:export_csv", ["q", "status"]),
    ("notifications:list", ["page"]),
]


def test_sql_like_strings_in_searches_and_filters(client, world):
    for role in ("officer", "polres", "disnaker"):
        client.force_login(world.users[role])
        for name, parameters in URLS_WITH_QUERIES:
            for value in SQL + XSS[:4]:
                response = client.get(reverse(name), dict.fromkeys(parameters, value))
                count("input attack payloads tried")
                # The register's pages are the office's: a partner agency gets 404 whatever
                # it asks.
                allowed = (404,) if name.startswith("people:") and role != "officer" else (
                    200, 302)
                assert response.status_code in allowed, (role, name, value)
                if response.get("Content-Type", "").startswith("text/html"):
                    assert_inert(response, f"{name} with {value!r}")
                secrets = world.secrets.get(role, [])
                body = response.content.decode("utf-8", "replace")
                assert not [s for s in secrets if s in body], (role, name, value)


@pytest.mark.parametrize("path", [
    "/reports/AAAA/", "/reports/' OR 1=1 --/", "/reports/%00/", "/reports/../../etc/passwd/",
    "/people/" + "A" * 300 + "/", "/meetings/<script>/", "/villages/;select/",
    "/reports/attachments/%2e%2e%2f/", "/meetings/feed/'.ics", "/notifications/x/open/",
    "/reports/monthly/2024-13.pdf", "/reports/monthly/abcd-ef.xlsx",
])
def test_malformed_codes_answer_404(client, world, path):
    client.force_login(world.users["officer"])
    response = client.post(path) if path.startswith("/notifications/") else client.get(path)
    count("input attack payloads tried")
    assert response.status_code == 404, path


def upload_attempts():
    zip_bytes = io.BytesIO()
    with zipfile.ZipFile(zip_bytes, "w") as archive:
        archive.writestr("word/evil.js", "alert(1)")
    return [
        ("too-large.png", png_bytes() + b"\0" * (11 * 1024 * 1024), "image/png"),
        ("empty.pdf", b"", "application/pdf"),
        ("photo.png", b"<html><script>alert(1)</script></html>", "image/png"),
        ("scan.pdf", b"MZ\x90\x00\x03" + b"\0" * 200, "application/pdf"),
        ("page.html", b"<script>alert(1)</script>", "text/html"),
        ("image.svg", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
         "image/svg+xml"),
        ("report.docx", zip_bytes.getvalue(), "application/vnd.openxmlformats-officedocument."
         "wordprocessingml.document"),
        ("run.exe", b"MZ" + b"\0" * 100, "application/octet-stream"),
    ]


def test_oversized_and_disguised_uploads_are_refused(client, world, settings):
    settings.MAX_UPLOAD_SIZE = 10 * 1024 * 1024
    officer = world.users["officer"]
    client.force_login(officer)
    before = Report.objects.count()
    for name, content, content_type in upload_attempts():
        data = form_data(attachments=[SimpleUploadedFile(name, content,
                                                         content_type=content_type)])
        response = client.post(reverse("reports:create"), data)
        assert response.status_code == 200, name  # the form again, with the reason
        assert response.context["form"].errors, name
        count("uploads refused")
    assert Report.objects.count() == before
    desa = world.objects["desa"]
    for name, content, content_type in upload_attempts():
        data = {"date": "2024-06-20", "kind": "safe_migration", "topic": "Migrasi aman",
                "participants_men": "1", "participants_women": "1",
                "attachments": [SimpleUploadedFile(name, content, content_type=content_type)]}
        response = client.post(reverse("villages:outreach_new", args=[desa.code]), data)
        assert response.status_code == 200, name
        count("uploads refused")
