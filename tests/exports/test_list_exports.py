"""CSV and XLSX of the people and meeting lists: visible rows only, the list's filters, passports
masked for partner agencies, no cell a spreadsheet would run as a formula."""

import csv
import datetime as dt
import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from core.exports import as_csv, safe_cell
from meetings.models import Meeting
from people import services as register
from people.models import Permit
from reports import services
from reports.models import Report
from tests.meetings.factories import MeetingFactory, TeamFactory, add_members, kediri_regions
from tests.reports.factories import PersonFactory, name_person, report_in, village

pytestmark = pytest.mark.django_db


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return list(csv.reader(io.StringIO(response.content.decode())))


def _xlsx(response) -> list[tuple]:
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    return list(sheet.iter_rows(values_only=True))


@pytest.fixture
def people(officer, supervisor):
    """Li Wei in a report shared with the whole team; Siti only in an office-only report."""
    place = village()
    shared = report_in("verified", author=officer, supervisor=supervisor, village=place)
    services.report_share(report=shared, user=supervisor, sharing=Report.Sharing.TEAM)
    private = report_in("verified", author=officer, supervisor=supervisor, village=place)
    li = name_person(shared, PersonFactory(full_name="LI WEI", passport_number="E12345678"))
    siti = name_person(private, PersonFactory(full_name="SITI AMINAH", nationality="MY",
                                              passport_number="A9876543"))
    return {"li": li, "siti": siti}


def test_office_staff_export_the_register_with_full_passports(client, officer, people):
    client.force_login(officer)
    rows = _csv(client.get("/people/export.csv"))
    assert rows[0][1] == "Nama"  # Indonesian by default
    assert [row[1] for row in rows[1:]] == ["LI WEI", "SITI AMINAH"]
    assert rows[1][0] == people["li"].code and rows[1][5] == "E12345678"


def test_agency_members_export_nothing_of_the_register(client, polres_member, people):
    client.force_login(polres_member)
    for url in ("/people/export.csv", "/people/export.xlsx"):
        response = client.get(url)
        assert response.status_code == 404
        assert b"E12345678" not in response.content


def test_people_export_keeps_the_filters(client, officer, people):
    client.force_login(officer)
    rows = _csv(client.get("/people/export.csv", {"nationality": "MY"}))
    assert [row[1] for row in rows[1:]] == ["SITI AMINAH"]
    rows = _csv(client.get("/people/export.csv", {"q": "li"}))
    assert [row[1] for row in rows[1:]] == ["LI WEI"]


def test_people_export_xlsx_carries_the_current_permit(client, officer, people):
    Permit.objects.create(person=people["li"], kind="itas", visa_index="E33G",
                          number="2C11KR0457", expires_on=dt.date(2027, 1, 17))
    register.person_refresh(people["li"])
    client.force_login(officer)
    rows = _xlsx(client.get("/people/export.xlsx"))
    assert rows[1][1] == "LI WEI"
    assert rows[1][7:10] == ("E33G", "2C11KR0457", "2027-01-17")


def test_formulas_are_neutralised_in_both_formats(client, officer, supervisor):
    report = report_in("verified", author=officer, supervisor=supervisor, village=village())
    name_person(report, PersonFactory(full_name='=HYPERLINK("http://evil","x")'))
    client.force_login(officer)
    assert _csv(client.get("/people/export.csv"))[1][1] == "'=HYPERLINK(\"http://evil\",\"x\")"
    cell = _xlsx(client.get("/people/export.xlsx"))[1][1]
    assert cell.startswith("'=")


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_every_formula_start_is_neutralised(value):
    assert safe_cell(value) == "'" + value
    assert as_csv(["h"], [[value]]).splitlines()[1].strip('"').startswith("'")


def test_plain_values_are_kept():
    assert safe_cell("Jambean") == "Jambean"
    assert safe_cell(None) == ""
    assert safe_cell(3) == 3


@pytest.fixture
def meetings(office, police, officer):
    regions = kediri_regions()
    team = TeamFactory(chair_agency=office, area=regions["regency"])
    add_members(team, police)
    upcoming = MeetingFactory(team=team, created_by=officer, title="Rapat koordinasi Juli",
                              village=regions["village"])
    MeetingFactory(team=team, created_by=officer, title="Rapat draf",
                   status=Meeting.Status.DRAFT)
    past = MeetingFactory(team=team, created_by=officer, title="Rapat Jambean",
                          status=Meeting.Status.HELD,
                          starts_at=upcoming.starts_at - timedelta(days=60),
                          ends_at=upcoming.starts_at - timedelta(days=60, hours=-2))
    return {"upcoming": upcoming, "past": past}


def test_meeting_export_follows_the_list(client, officer, meetings):
    client.force_login(officer)
    rows = _csv(client.get("/meetings/export.csv"))
    assert rows[0][2] == "Rapat"
    assert sorted(row[2] for row in rows[1:]) == ["Rapat draf", "Rapat koordinasi Juli"]
    assert rows[1][7] == "Jambean" or rows[2][7] == "Jambean"
    rows = _csv(client.get("/meetings/export.csv", {"when": "past"}))
    assert [row[2] for row in rows[1:]] == ["Rapat Jambean"]


def test_agency_members_export_no_draft_meetings(client, polres_member, outsider, meetings):
    client.force_login(polres_member)
    rows = _xlsx(client.get("/meetings/export.xlsx"))
    assert [row[2] for row in rows[1:]] == ["Rapat koordinasi Juli"]
    client.force_login(outsider)
    assert _xlsx(client.get("/meetings/export.xlsx"))[1:] == []


def test_a_bad_filter_is_summarised_on_the_list_and_ignored_by_the_export(client, officer,
                                                                         meetings):
    client.force_login(officer)
    bad = {"team": "not-a-team", "when": "x"}
    page = client.get("/meetings/", bad).content.decode()
    assert 'id="error-summary"' in page
    response = client.get("/meetings/export.csv", bad)
    assert response.status_code == 200
    assert len(_csv(response)) == 3  # the header and the two upcoming meetings


def test_exports_need_a_sign_in(client, people):
    for url in ("/people/export.csv", "/meetings/export.xlsx"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        response.content  # noqa: B018 - the body is written inside the response
    return len(context.captured_queries)


def test_exports_run_the_same_queries_for_2_and_40_rows(client, officer, supervisor, office):
    team = TeamFactory(chair_agency=office, area=kediri_regions()["regency"])
    place = village()

    def add(count):
        for _ in range(count):
            name_person(report_in("verified", author=officer, supervisor=supervisor,
                                  village=place))
            MeetingFactory(team=team, created_by=officer)

    client.force_login(officer)
    add(2)
    client.get("/people/export.xlsx")  # the first request of the session loads more
    few = {url: _queries(client, url) for url in ("/people/export.xlsx", "/meetings/export.csv")}
    add(38)
    assert {url: _queries(client, url) for url in few} == few
