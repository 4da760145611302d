import os

import pytest

from accounts.models import Agency
from accounts.roles import Role
from tests.factories import AgencyFactory, ImmigrationOfficeFactory, make_user
from tests.system import install_hint, weasyprint_problem

IN_CI = os.environ.get("CI", "").lower() == "true"


def page_queries(client, url: str) -> int:
    """The queries of one page view, measured on a second visit: the first one may write the
    session (sign-in time, last seen), which is not the page's own cost."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def require(available: bool, reason: str) -> None:
    """Skip a test whose service is missing on a laptop; in CI the same absence is a failure."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"CI must run this test, but {reason}", pytrace=False)
    pytest.skip(reason)


def pytest_runtest_setup(item):
    """Tests marked `pdf` render with WeasyPrint: without its libraries (deploy/system-packages.sh
    installs them) they skip with the reason on a laptop and fail in CI. Probed once per run."""
    if item.get_closest_marker("pdf") is not None:
        problem = weasyprint_problem()
        require(problem is None, problem or "")


@pytest.fixture(autouse=True)
def fast_tests(settings):
    """Tasks run in the test's own process unless a test starts real workers (they switch this
    off), passwords are hashed quickly (the suite creates many users) and the cache starts empty."""
    from django.core.cache import cache

    from timpora.celery import app

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    app.conf.task_always_eager = True
    # Cached counts are keyed by ids, which a rolled-back test hands out again.
    cache.clear()
    yield
    app.conf.task_always_eager = False


@pytest.fixture
def office(db):
    return ImmigrationOfficeFactory()


@pytest.fixture
def police(db):
    return AgencyFactory(name="Kepolisian Resor Kediri", short_name="Polres Kediri",
                         kind=Agency.Kind.POLICE)


@pytest.fixture
def manpower(db):
    return AgencyFactory(name="Dinas Tenaga Kerja Kabupaten Kediri",
                         short_name="Disnaker Kab. Kediri", kind=Agency.Kind.MANPOWER)


@pytest.fixture
def officer(office):
    return make_user("officer", Role.OFFICER, office)


@pytest.fixture
def other_officer(office):
    return make_user("officer2", Role.OFFICER, office)


@pytest.fixture
def supervisor(office):
    return make_user("supervisor", Role.SUPERVISOR, office)


@pytest.fixture
def polres_member(police):
    return make_user("polres", Role.AGENCY_MEMBER, police)


@pytest.fixture
def outsider(manpower):
    """A member of an agency that nothing was shared with."""
    return make_user("disnaker", Role.AGENCY_MEMBER, manpower)


@pytest.fixture
def admin_user(office):
    return make_user("admin", None, office, is_staff=True, is_superuser=True)


def _chromium_path():
    from tests.e2e.conftest import chromium_path

    return chromium_path()


# One browser for the whole run: Playwright's sync API allows one at a time.
@pytest.fixture(scope="session")
def browser():
    executable = _chromium_path()
    require(executable is not None, f"Chromium is not installed; {install_hint(['chromium'])}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        from tests.e2e.conftest import CHROMIUM_FLAGS

        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()
