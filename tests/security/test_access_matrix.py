"""Every URL, every role, GET and POST: the answers against the one table at the end.

A row lists what each role gets, in the order of ROLES, as "GET/POST" pairs: a status code, or
"L" for a redirect to a sign-in page. A URL with objects in its path has one row per object it is
tried on (the keys of `world.objects` in tests/security/conftest.py). A URL name missing from the
table fails the test, so that every new page gets its expected answers written down.
"""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.conftest import count

ROLES = ["anonymous", "officer", "other_officer", "supervisor", "polres", "disnaker", "admin"]

REPORTS = ["draft", "shared", "submitted"]
PEOPLE = ["shared_person", "submitted_person"]
MENTIONS = ["draft_mention", "shared_mention", "submitted_mention"]
MEETINGS = ["meeting_invited", "meeting_private", "meeting_published"]

# Which objects a URL with a <code> is tried on, by namespace, then by full name.
TARGETS_BY_NAMESPACE = {"reports": REPORTS, "people": PEOPLE, "meetings": MEETINGS,
                        "villages": ["desa"], "notifications": ["notification"]}
TARGETS_BY_NAME = {
    "reports:attachment": ["draft_attachment", "shared_attachment"],
    "villages:attachment": ["outreach_attachment"],
    "meetings:action_update": ["action_polres"],
    "reports:agenda_link_add": MEETINGS,
    "reports:agenda_link_remove": MEETINGS,
    "meetings:calendar_feed": ["token", "wrong_token"],
    "password_reset_confirm": ["bad_link"],
    "monthly:pdf": ["2024-06"],
    "monthly:xlsx": ["2024-06"],
    **{f"people:{name}": MENTIONS for name in (
        "mention", "mention_link", "mention_create", "mention_leave", "mention_unlink")},
    "people:fact_decide": ["proposed_permit"],
    "people:merge_undo": ["merge"],
}
# These answer with a PDF rendered by WeasyPrint for the roles that may read them.
PDF_URLS = {"meetings:minutes_pdf", "monthly:pdf"}


def url_names() -> list[str]:
    """Every named URL of the project; of the admin's own, only its index."""
    names = []

    def walk(patterns, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = entry.namespace or namespace
                if inner == "admin":
                    names.append("admin:index")
                    continue
                walk(entry.url_patterns, inner)
            elif isinstance(entry, URLPattern) and entry.name:
                names.append(f"{namespace}:{entry.name}" if namespace else entry.name)

    walk(get_resolver().url_patterns, None)
    return sorted(set(names))


def targets(name: str) -> list[str]:
    if name in TARGETS_BY_NAME:
        return TARGETS_BY_NAME[name]
    try:
        reverse(name)
    except Exception:  # noqa: BLE001 - needs arguments: an object URL
        return TARGETS_BY_NAMESPACE[name.split(":")[0]]
    return ["-"]


def url_of(name: str, target: str, world) -> str:
    if target == "-":
        return reverse(name)
    if name == "meetings:calendar_feed":
        token = world.calendar_token if target == "token" else "not-a-real-token"
        return reverse(name, kwargs={"token": token})
    if name.startswith("monthly:"):
        return reverse(name, kwargs={"month": target})
    if name == "password_reset_confirm":
        return reverse(name, kwargs={"uidb64": "MQ", "token": "set-password"})
    if name == "people:fact_decide":
        return reverse(name, kwargs={"kind": "permit", "pk": world.objects[target].pk,
                                     "decision": "accept"})
    if name == "people:merge_undo":
        return reverse(name, kwargs={"pk": world.objects[target].pk})
    if name == "people:fact_add":
        return reverse(name, kwargs={"code": world.objects[target].code, "kind": "permit"})
    return reverse(name, kwargs={"code": world.objects[target].code})


def answer(response) -> str:
    if response.status_code == 302 and "/login/" in response.url:
        return "L"
    return str(response.status_code)


def leaks(response, secrets: list[str]) -> list[str]:
    """The secrets found in a response: its body when it is text, its headers always. A
    download is read to the end: the test client then closes its file (closing it by hand would
    also close the test's database connection)."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").split(";")[0] in (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/pdf"):
        body = b""  # compressed; the CSV export and the HTML pages run the same selectors
    text = body.decode("utf-8", "replace") + str(response.headers)
    return [secret for secret in secrets if secret in text]


def signed_in_cookies(world) -> dict:
    """One session per role, opened once per test (outside the savepoints below)."""
    cookies = {}
    for role, user in world.users.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        cookies[role] = client.cookies
    return cookies


def actual_row(name: str, target: str, world, client: Client, cookies: dict) -> str:
    """What each role gets; every request runs in a savepoint rolled back after it, so that a
    POST that changed something (or signed out) does not change what the next cell sees."""
    url = url_of(name, target, world)
    pairs = []
    for role in ROLES:
        got = []
        for method in ("get", "post"):
            with transaction.atomic():
                client.cookies = cookies[role].__class__(cookies[role])
                response = getattr(client, method)(url)
                got.append(answer(response))
                # The feed shows its token's owner's meetings to whoever holds the token.
                leaked = leaks(response, world.secrets.get(role, []))
                if name == "meetings:calendar_feed":
                    leaked = []
                transaction.set_rollback(True)
            count("access matrix cells tested")
            count("access matrix leaks found", len(leaked))
            if leaked:
                got[-1] += f"!LEAK{leaked}"
        pairs.append("/".join(got))
    return " ".join(pairs)


def test_every_url_is_in_the_table():
    missing = [name for name in url_names() if name not in EXPECTED]
    assert not missing, f"add these URL names to EXPECTED: {missing}"
    gone = [name for name in EXPECTED if name not in url_names()]
    assert not gone, f"these URL names no longer exist: {gone}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", [
    pytest.param(name, marks=pytest.mark.pdf) if name in PDF_URLS else name for name in url_names()
])
def test_access(name, world):
    expected = EXPECTED.get(name, {})
    client = Client()
    cookies = signed_in_cookies(world)
    wrong = {}
    for target in targets(name):
        got = actual_row(name, target, world, client, cookies)
        if expected.get(target) != got:
            wrong[target] = got
    assert not wrong, f"{name}: roles {ROLES} got {wrong}, expected {expected}"


EXPECTED = {
    # URL name: {object: 'anonymous officer other_officer supervisor polres disnaker admin'}
    "admin:index": {"-": "L/L L/L L/L L/L L/L L/L 200/200"},
    # The admin's own sign-in form is replaced: anonymous visitors go to the app's sign-in.
    "admin_login": {"-": "L/L 403/403 403/403 403/403 403/403 403/403 302/302"},
    # The audit log: supervisors and admins only; the others do not learn that it exists.
    "audit:changes": {"-": "L/L 404/405 404/405 200/405 404/405 404/405 200/405"},
    "audit:export_csv": {"-": "L/L 404/405 404/405 200/405 404/405 404/405 200/405"},
    "audit:list": {"-": "L/L 404/405 404/405 200/405 404/405 404/405 200/405"},
    "dashboard": {"-": "L/L 200/405 200/405 200/405 200/405 200/405 200/405"},
    # The icon is public: a permanent redirect to the static file, for every page.
    "favicon": {"-": "301/405 301/405 301/405 301/405 301/405 301/405 301/405"},
    "healthz": {"-": "200/405 200/405 200/405 200/405 200/405 200/405 200/405"},
    "login": {"-": "200/200 200/200 200/200 200/200 200/200 200/200 200/200"},
    "logout": {"-": "L/L 405/L 405/L 405/L 405/L 405/L 405/L"},
    "meetings:action_update": {
        "action_polres": "L/L 200/200 200/200 200/200 200/200 404/404 200/200",
    },
    "meetings:actions": {
        "meeting_invited": "L/L 200/200 200/200 200/200 403/403 404/404 403/403",
        "meeting_private": "L/L 200/200 200/200 200/200 404/404 404/404 403/403",
        "meeting_published": "L/L 200/200 200/200 200/200 403/403 404/404 403/403",
    },
    "meetings:agenda": {
        "meeting_invited": "L/L 200/200 200/200 200/200 403/403 404/404 403/403",
        "meeting_private": "L/L 200/200 200/200 200/200 404/404 404/404 403/403",
        "meeting_published": "L/L 200/200 200/200 200/200 403/403 404/404 403/403",
    },
    "meetings:attendance": {
        "meeting_invited": "L/L 200/200 200/200 200/200 403/403 404/404 403/403",
        "meeting_private": "L/L 200/200 200/200 200/200 404/404 404/404 403/403",
        "meeting_published": "L/L 200/200 200/200 200/200 403/403 404/404 403/403",
    },
    "meetings:calendar_feed": {
        "token": "200/405 200/405 200/405 200/405 200/405 200/405 200/405",
        "wrong_token": "404/405 404/405 404/405 404/405 404/405 404/405 404/405",
    },
    "meetings:calendar_settings": {"-": "L/L 200/200 200/200 200/200 200/200 200/200 200/200"},
    "meetings:cancel": {
        "meeting_invited": "L/L 200/200 200/200 200/200 403/403 404/404 403/403",
        "meeting_private": "L/L 200/200 200/200 200/200 404/404 404/404 403/403",
        "meeting_published": "L/L 200/200 200/200 200/200 403/403 404/404 403/403",
    },
    "meetings:create": {"-": "L/L 200/200 200/200 200/200 403/403 403/403 403/403"},
    "meetings:detail": {
        "meeting_invited": "L/L 200/200 200/200 200/200 200/200 404/404 200/200",
        "meeting_private": "L/L 200/200 200/200 200/200 404/404 404/404 200/200",
        "meeting_published": "L/L 200/200 200/200 200/200 200/200 404/404 200/200",
    },
    "meetings:edit": {
        "meeting_invited": "L/L 200/200 200/200 200/200 403/403 404/404 403/403",
        "meeting_private": "L/L 200/200 200/200 200/200 404/404 404/404 403/403",
        "meeting_published": "L/L 200/200 200/200 200/200 403/403 404/404 403/403",
    },
    "meetings:export_csv": {"-": "L/L 200/405 200/405 200/405 200/405 200/405 200/405"},
    "meetings:export_xlsx": {"-": "L/L 200/405 200/405 200/405 200/405 200/405 200/405"},
    "meetings:ics": {
        "meeting_invited": "L/L 200/405 200/405 200/405 200/405 404/405 200/405",
        "meeting_private": "L/L 200/405 200/405 200/405 404/405 404/405 200/405",
        "meeting_published": "L/L 200/405 200/405 200/405 200/405 404/405 200/405",
    },
    "meetings:list": {"-": "L/L 200/200 200/200 200/200 200/200 200/200 200/200"},
    "meetings:mark_held": {
        "meeting_invited": "L/L 405/302 405/302 405/302 405/403 405/404 405/403",
        "meeting_private": "L/L 405/302 405/302 405/302 405/404 405/404 405/403",
        "meeting_published": "L/L 405/302 405/302 405/302 405/403 405/404 405/403",
    },
    "meetings:minutes": {
        "meeting_invited": "L/L 200/200 200/200 200/200 403/403 404/404 403/403",
        "meeting_private": "L/L 200/200 200/200 200/200 404/404 404/404 403/403",
        "meeting_published": "L/L 302/302 302/302 200/200 403/403 404/404 403/403",
    },
    "meetings:minutes_pdf": {
        "meeting_invited": "L/L 404/405 404/405 404/405 404/405 404/405 404/405",
        "meeting_private": "L/L 404/405 404/405 404/405 404/405 404/405 404/405",
        "meeting_published": "L/L 200/405 200/405 200/405 200/405 404/405 200/405",
    },
    "meetings:minutes_print": {
        "meeting_invited": "L/L 404/405 404/405 404/405 404/405 404/405 404/405",
        "meeting_private": "L/L 404/405 404/405 404/405 404/405 404/405 404/405",
        "meeting_published": "L/L 200/405 200/405 200/405 200/405 404/405 200/405",
    },
    "meetings:my_actions": {"-": "L/L 200/200 200/200 200/200 200/200 200/200 200/200"},
    "meetings:publish": {
        "meeting_invited": "L/L 405/403 405/403 405/302 405/403 405/404 405/403",
        "meeting_private": "L/L 405/403 405/403 405/302 405/404 405/404 405/403",
        "meeting_published": "L/L 405/403 405/403 405/302 405/403 405/404 405/403",
    },
    "meetings:reschedule": {
        "meeting_invited": "L/L 200/200 200/200 200/200 403/403 404/404 403/403",
        "meeting_private": "L/L 200/200 200/200 200/200 404/404 404/404 403/403",
        "meeting_published": "L/L 200/200 200/200 200/200 403/403 404/404 403/403",
    },
    "meetings:schedule": {
        "meeting_invited": "L/L 405/302 405/302 405/302 405/403 405/404 405/403",
        "meeting_private": "L/L 405/302 405/302 405/302 405/404 405/404 405/403",
        "meeting_published": "L/L 405/302 405/302 405/302 405/403 405/404 405/403",
    },
    "meetings:signin_sheet": {
        "meeting_invited": "L/L 200/405 200/405 200/405 403/405 404/405 403/405",
        "meeting_private": "L/L 200/405 200/405 200/405 404/405 404/405 403/405",
        "meeting_published": "L/L 200/405 200/405 200/405 403/405 404/405 403/405",
    },
    "monthly:page": {"-": "L/L 200/405 200/405 200/405 404/405 404/405 404/405"},
    "monthly:pdf": {"2024-06": "L/L 200/405 200/405 200/405 404/405 404/405 404/405"},
    "monthly:xlsx": {"2024-06": "L/L 200/405 200/405 200/405 404/405 404/405 404/405"},
    "notifications:list": {"-": "L/L 200/200 200/200 200/200 200/200 200/200 200/200"},
    "notifications:open": {
        "notification": "L/L 405/404 405/404 405/404 405/302 405/404 405/404",
    },
    "notifications:read_all": {"-": "L/L 405/302 405/302 405/302 405/302 405/302 405/302"},
    "notifications:settings": {"-": "L/L 200/200 200/200 200/200 200/200 200/200 200/200"},
    "overview:map": {"-": "L/L 200/405 200/405 200/405 200/405 200/405 200/405"},
    "overview:map_markers": {"-": "L/L 200/405 200/405 200/405 200/405 200/405 200/405"},
    "overview:search": {"-": "L/L 200/405 200/405 200/405 200/405 200/405 200/405"},
    "password_change": {"-": "L/L 200/200 200/200 200/200 200/200 200/200 200/200"},
    "password_change_done": {"-": "L/L 200/405 200/405 200/405 200/405 200/405 200/405"},
    "password_reset": {"-": "200/200 200/200 200/200 200/200 200/200 200/200 200/200"},
    "password_reset_complete": {"-": "200/405 200/405 200/405 200/405 200/405 200/405 200/405"},
    "password_reset_confirm": {
        "bad_link": "200/200 200/200 200/200 200/200 200/200 200/200 200/200",
    },
    "password_reset_done": {"-": "200/405 200/405 200/405 200/405 200/405 200/405 200/405"},
    # The register is the office's: partner agencies get 404 for every page of it.
    "people:detail": {
        "shared_person": "L/L 200/405 200/405 200/405 404/405 404/405 200/405",
        "submitted_person": "L/L 200/405 200/405 200/405 404/405 404/405 200/405",
    },
    "people:export_csv": {"-": "L/L 200/405 200/405 200/405 404/405 404/405 200/405"},
    "people:export_xlsx": {"-": "L/L 200/405 200/405 200/405 404/405 404/405 200/405"},
    "people:fact_add": {
        "shared_person": "L/L 200/200 200/200 200/200 404/404 404/404 404/404",
        "submitted_person": "L/L 200/200 200/200 200/200 404/404 404/404 404/404",
    },
    "people:fact_decide": {
        "proposed_permit": "L/L 405/302 405/302 405/302 405/404 405/404 405/302",
    },
    "people:list": {"-": "L/L 200/405 200/405 200/405 404/405 404/405 200/405"},
    "people:merge": {
        "shared_person": "L/L 200/200 200/200 200/200 404/404 404/404 404/404",
        "submitted_person": "L/L 200/200 200/200 200/200 404/404 404/404 404/404",
    },
    "people:merge_undo": {"merge": "L/L 405/302 405/302 405/302 405/404 405/404 405/302"},
    # A draft's mention is held back from the register until the report is submitted.
    "people:mention": {
        "draft_mention": "L/L 404/405 404/405 404/405 404/405 404/405 404/405",
        "shared_mention": "L/L 200/405 200/405 200/405 404/405 404/405 200/405",
        "submitted_mention": "L/L 200/405 200/405 200/405 404/405 404/405 200/405",
    },
    "people:mention_create": {
        "draft_mention": "L/L 405/404 405/404 405/404 405/404 405/404 405/404",
        "shared_mention": "L/L 405/302 405/302 405/302 405/404 405/404 405/302",
        "submitted_mention": "L/L 405/302 405/302 405/302 405/404 405/404 405/302",
    },
    "people:mention_leave": {
        "draft_mention": "L/L 405/404 405/404 405/404 405/404 405/404 405/404",
        "shared_mention": "L/L 405/302 405/302 405/302 405/404 405/404 405/302",
        "submitted_mention": "L/L 405/302 405/302 405/302 405/404 405/404 405/302",
    },
    "people:mention_link": {
        "draft_mention": "L/L 405/404 405/404 405/404 405/404 405/404 405/404",
        "shared_mention": "L/L 405/302 405/302 405/302 405/404 405/404 405/302",
        "submitted_mention": "L/L 405/302 405/302 405/302 405/404 405/404 405/302",
    },
    "people:mention_unlink": {
        "draft_mention": "L/L 405/404 405/404 405/404 405/404 405/404 405/404",
        "shared_mention": "L/L 405/302 405/302 405/302 405/404 405/404 405/302",
        "submitted_mention": "L/L 405/302 405/302 405/302 405/404 405/404 405/302",
    },
    "people:photo": {
        "shared_person": "L/L 404/405 404/405 404/405 404/405 404/405 404/405",
        "submitted_person": "L/L 404/405 404/405 404/405 404/405 404/405 404/405",
    },
    "people:queue": {"-": "L/L 200/405 200/405 200/405 404/405 404/405 200/405"},
    "people:watch": {"-": "L/L 200/405 200/405 200/405 404/405 404/405 200/405"},
    "people:watch_export_csv": {"-": "L/L 200/405 200/405 200/405 404/405 404/405 200/405"},
    "people:watch_export_xlsx": {"-": "L/L 200/405 200/405 200/405 404/405 404/405 200/405"},
    "ping": {"-": "L/L 200/405 200/405 200/405 200/405 200/405 200/405"},
    "reports:agenda_link_add": {
        "meeting_invited": "L/L 405/404 405/404 405/404 405/404 405/404 405/404",
        "meeting_private": "L/L 405/404 405/404 405/404 405/404 405/404 405/404",
        "meeting_published": "L/L 405/404 405/404 405/404 405/404 405/404 405/404",
    },
    "reports:agenda_link_remove": {
        "meeting_invited": "L/L 405/404 405/404 405/404 405/404 405/404 405/404",
        "meeting_private": "L/L 405/404 405/404 405/404 405/404 405/404 405/404",
        "meeting_published": "L/L 405/404 405/404 405/404 405/404 405/404 405/404",
    },
    "reports:attachment": {
        "draft_attachment": "L/L 200/405 404/405 404/405 404/405 404/405 404/405",
        "shared_attachment": "L/L 200/405 200/405 200/405 200/405 404/405 200/405",
    },
    "reports:close": {
        "draft": "L/L 405/403 405/404 405/404 405/404 405/404 405/404",
        "shared": "L/L 405/403 405/403 405/403 405/403 405/404 405/403",
        "submitted": "L/L 405/403 405/403 405/403 405/404 405/404 405/403",
    },
    "reports:create": {"-": "L/L 200/200 200/200 200/200 200/200 200/200 404/404"},
    "reports:decide": {
        "draft": "L/L 405/400 405/404 405/404 405/404 405/404 405/404",
        "shared": "L/L 405/400 405/400 405/400 405/400 405/404 405/400",
        "submitted": "L/L 405/400 405/400 405/400 405/404 405/404 405/400",
    },
    "reports:detail": {
        "draft": "L/L 200/405 404/405 404/405 404/405 404/405 404/405",
        "shared": "L/L 200/405 200/405 200/405 200/405 404/405 200/405",
        "submitted": "L/L 200/405 200/405 200/405 404/405 404/405 200/405",
    },
    "reports:dismiss": {
        "draft": "L/L 405/403 405/404 405/404 405/404 405/404 405/404",
        "shared": "L/L 405/403 405/403 405/302 405/403 405/404 405/403",
        "submitted": "L/L 405/403 405/403 405/302 405/404 405/404 405/403",
    },
    "reports:edit": {
        "draft": "L/L 200/200 404/404 404/404 404/404 404/404 404/404",
        "shared": "L/L 302/302 302/302 302/302 302/302 404/404 302/302",
        "submitted": "L/L 302/302 302/302 302/302 404/404 404/404 302/302",
    },
    "reports:export_csv": {"-": "L/L 200/405 200/405 200/405 200/405 200/405 200/405"},
    "reports:export_xlsx": {"-": "L/L 200/405 200/405 200/405 200/405 200/405 200/405"},
    # Re-grading during review: an empty form is refused before the rule is asked, as for return.
    "reports:grade": {
        "draft": "L/L 405/400 405/404 405/404 405/404 405/404 405/404",
        "shared": "L/L 405/400 405/400 405/400 405/400 405/404 405/400",
        "submitted": "L/L 405/400 405/400 405/400 405/404 405/404 405/400",
    },
    "reports:list": {"-": "L/L 200/405 200/405 200/405 200/405 200/405 200/405"},
    "reports:note": {
        "draft": "L/L 405/400 405/404 405/404 405/404 405/404 405/404",
        "shared": "L/L 405/400 405/400 405/400 405/400 405/404 405/400",
        "submitted": "L/L 405/400 405/400 405/400 405/404 405/404 405/400",
    },
    "reports:region_autocomplete": {"-": "L/L 200/405 200/405 200/405 200/405 200/405 200/405"},
    "reports:return": {
        "draft": "L/L 405/400 405/404 405/404 405/404 405/404 405/404",
        "shared": "L/L 405/400 405/400 405/400 405/400 405/404 405/400",
        "submitted": "L/L 405/400 405/400 405/400 405/404 405/404 405/400",
    },
    "reports:share": {
        "draft": "L/L 405/400 405/404 405/404 405/404 405/404 405/404",
        "shared": "L/L 405/400 405/400 405/400 405/400 405/404 405/400",
        "submitted": "L/L 405/400 405/400 405/400 405/404 405/404 405/400",
    },
    "reports:submit": {
        "draft": "L/L 405/302 405/404 405/404 405/404 405/404 405/404",
        "shared": "L/L 405/403 405/403 405/403 405/403 405/404 405/403",
        "submitted": "L/L 405/403 405/403 405/403 405/404 405/404 405/403",
    },
    "reports:verify": {
        "draft": "L/L 405/403 405/404 405/404 405/404 405/404 405/404",
        "shared": "L/L 405/403 405/403 405/403 405/403 405/404 405/403",
        "submitted": "L/L 405/403 405/403 405/302 405/404 405/404 405/403",
    },
    "reports:village_autocomplete": {"-": "L/L 200/405 200/405 200/405 200/405 200/405 200/405"},
    "set_language": {"-": "405/302 405/302 405/302 405/302 405/302 405/302 405/302"},
    # Two-factor pages, for users without a device (OTP_REQUIRED is off in the suite): the code
    # step sends them to their set-up page, the changes to it say that nothing is set up yet.
    "two_factor:disable": {"-": "L/L 405/302 405/302 405/302 405/302 405/302 405/302"},
    "two_factor:overview": {"-": "L/L 200/405 200/405 200/405 200/405 200/405 200/405"},
    "two_factor:recovery_codes": {"-": "L/L 405/302 405/302 405/302 405/302 405/302 405/302"},
    "two_factor:setup": {"-": "L/L 302/302 302/302 302/302 302/302 302/302 302/302"},
    "two_factor:start": {"-": "L/L 405/302 405/302 405/302 405/302 405/302 405/302"},
    "two_factor:verify": {"-": "L/L 302/302 302/302 302/302 302/302 302/302 302/302"},
    "villages:attachment": {
        "outreach_attachment": "L/L 200/405 200/405 200/405 200/405 200/405 200/405",
    },
    "villages:detail": {
        "desa": "L/L 200/405 200/405 200/405 200/405 200/405 200/405",
    },
    "villages:list": {"-": "L/L 200/405 200/405 200/405 200/405 200/405 200/405"},
    "villages:outreach_new": {
        "desa": "L/L 200/200 200/200 200/200 403/403 403/403 200/200",
    },
}
