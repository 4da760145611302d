"""Keyset pages of the report and people lists: every row once, in order, whatever the sort."""

import datetime as dt
import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model

from core import pagination
from people.models import Permit, Person
from reports import selectors
from reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor_client(small_scale, client):
    client.force_login(get_user_model().objects.get(username="scale-supervisor-01"))
    return client


def _walk(client, url, params):
    """Follow the Next links from the first page; the rows of every page, in order."""
    rows, pages = [], 0
    response = client.get(url, params)
    while True:
        pages += 1
        rows += list(response.context["page"].object_list)
        link = re.search(r'href="\?([^"]*after=[^"]*)"', response.content.decode())
        if link is None:
            return rows, pages
        response = client.get(f"{url}?{unescape(link.group(1))}")
        assert "Halaman pertama" in response.content.decode()


@pytest.mark.parametrize("sort", ["-observed", "observed", "-priority", "number", "-number"])
def test_report_pages_list_every_visible_report_once_in_order(supervisor_client, sort):
    user = get_user_model().objects.get(username="scale-supervisor-01")
    expected = list(selectors.report_list(user=user, filters={"sort": sort}))
    assert len(expected) > 2 * 25
    rows, pages = _walk(supervisor_client, "/reports/", {"sort": sort})
    assert rows == expected
    assert pages == -(-len(expected) // 25)


def test_filters_stay_on_the_next_pages(supervisor_client):
    rows, _pages = _walk(supervisor_client, "/reports/", {"status": "verified"})
    assert rows
    assert {report.status for report in rows} == {Report.Status.VERIFIED}


def test_people_pages_list_everyone_visible_once(supervisor_client):
    user = get_user_model().objects.get(username="scale-supervisor-01")
    rows, _pages = _walk(supervisor_client, "/people/", {})
    assert [person.pk for person in rows] == list(
        Person.objects.visible_to(user).order_by("full_name", "pk").values_list("pk", flat=True))


def test_a_forged_or_broken_cursor_shows_the_first_page(supervisor_client):
    first = supervisor_client.get("/reports/").context["page"].object_list
    salt = pagination._salt(Report, ["observed_at", "pk"])
    for cursor in ["x", "W10:forged:sig", pagination.signing.dumps('["not a date", 1]',
                                                                     salt=salt)]:
        response = supervisor_client.get("/reports/", {"after": cursor})
        assert response.status_code == 200
        assert response.context["page"].object_list == first


def test_a_cursor_of_another_list_shows_the_first_page(supervisor_client):
    """The permit watch's cursor (a date and a key) given to the report list (a time and a
    key) does not verify there: read as a time it would be a date without a time zone."""
    cursor = pagination._encode(Permit(pk=1, expires_on=dt.date(2026, 12, 20)),
                                ["expires_on", "pk"])
    first = supervisor_client.get("/reports/").context["page"].object_list
    response = supervisor_client.get("/reports/", {"after": cursor})
    assert response.status_code == 200
    assert response.context["page"].object_list == first


def test_the_count_stops_at_the_cap(supervisor_client, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 10)
    page = supervisor_client.get("/reports/").context["page"]
    assert page.count_capped and page.count == 10
    assert "Lebih dari 10 laporan" in supervisor_client.get("/reports/").content.decode()


def test_district_suggestions_give_codes_for_the_filter(supervisor_client):
    results = supervisor_client.get("/reports/district-suggestions/", {"q": "kra"}).json()[
        "results"]
    kras = [row for row in results if row["code"] == "35.06.03"]
    assert kras and kras[0]["label"] == "35.06.03" and kras[0]["district"].startswith("Kras, ")
    assert supervisor_client.get("/reports/district-suggestions/", {"q": "k"}).json() == {
        "results": []}


def test_admin_report_list_pages_without_a_full_count(small_scale, admin_client):
    response = admin_client.get("/admin/reports/report/")
    changelist = response.context["cl"]
    assert changelist.paginator.__class__.__name__ == "EstimatedCountPaginator"
    assert changelist.show_full_result_count is False
    # On SQLite (and below EXACT_BELOW rows on PostgreSQL) the count is exact: every report the
    # administrator may read, that is all but other authors' drafts.
    admin = response.wsgi_request.user
    assert changelist.result_count == Report.objects.visible_to(admin).count()
    assert changelist.result_count > 0
