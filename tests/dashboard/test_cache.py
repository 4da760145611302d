"""The dashboard's cached figures: a change shows on the next visit to whoever may see it, and a
figure is never shown to a user whose query would not count the same rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from reports import services
from reports.models import Report
from tests.dashboard.test_dashboard import page_of
from tests.factories import ImmigrationOfficeFactory, make_user
from tests.reports.factories import report_in

pytestmark = pytest.mark.django_db

SURABAYA = "Kantor Imigrasi Kelas I TPI Surabaya"  # another office than the world's



def _aggregates_run(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    # The charts' aggregates: reports by month, people by nationality, reports by district.
    return sum(1 for query in queries.captured_queries
               if "GROUP BY" in query["sql"] and "reports_report" in query["sql"])


def test_a_new_report_shows_at_once_to_its_office_and_never_elsewhere(english, world):
    far_officer = make_user("far-officer", Role.OFFICER, ImmigrationOfficeFactory(name=SURABAYA))
    assert "4 new reports this week" in page_of(english, world.officer)
    assert "4 new reports this week" in page_of(english, world.other_officer)
    assert "0 new reports this week" in page_of(english, far_officer)

    report_in(Report.Status.SUBMITTED, author=world.other_officer, title="Fresh at the harbour")

    page = page_of(english, world.officer)
    assert "5 new reports this week" in page
    supervisor_page = page_of(english, world.supervisor)
    assert "2 reports wait for you." in supervisor_page
    assert "Fresh at the harbour" in supervisor_page
    far_page = page_of(english, far_officer)
    assert "0 new reports this week" in far_page and "Fresh at the harbour" not in far_page
    assert "Fresh at the harbour" not in page_of(english, world.polres_member)


def test_figures_are_computed_once_until_a_report_changes(client, world):
    client.force_login(world.officer)
    assert _aggregates_run(client) == 3
    assert _aggregates_run(client) == 0
    services.report_verify(report=world.submitted, user=world.supervisor)
    assert _aggregates_run(client) == 3


def test_a_user_moved_to_another_office_sees_that_office_at_once(english, world):
    assert "4 new reports this week" in page_of(english, world.officer)
    profile = world.officer.profile
    profile.agency = ImmigrationOfficeFactory(name=SURABAYA)
    profile.save(update_fields=["agency"])
    page = page_of(english, world.officer)
    # Nothing was invalidated: the cached figures are keyed by the query, which names the office.
    assert "0 new reports this week" in page
    assert "Awaiting review at the market" not in page


def test_the_cached_charts_follow_the_language(english, world):
    assert "Reports per month by category" in page_of(english, world.officer)
    english.cookies.pop("django_language")
    page = page_of(english, world.officer)
    assert "Laporan per bulan menurut kategori" in page
    assert "Reports per month by category" not in page
