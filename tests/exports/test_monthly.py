"""The monthly report (laporan bulanan): built from recorded meetings, decisions and outreach of
the month, for the office's staff only, as a page, an XLSX workbook and a PDF in Indonesian."""

import datetime
import io
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from openpyxl import load_workbook
from pypdf import PdfReader

from meetings.models import Meeting, Team
from reports import services
from people.models import Person
from reports.models import Report
from tests.factories import ImmigrationOfficeFactory, make_user
from tests.meetings.factories import MeetingFactory, MinutesFactory, TeamFactory, kediri_regions
from tests.reports.factories import PersonFactory, name_person, report_in, village
from tests.villages.factories import DesaBinaanFactory, OutreachEventFactory, jambean

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")
# "Today" for these tests: the report of June 2024 is filed early in July.
TODAY = datetime.datetime(2024, 7, 3, 10, tzinfo=WIB)


@pytest.fixture(autouse=True)
def in_july_2024():
    with time_machine.travel(TODAY, tick=False):
        yield


def _at(day: int, month: int = 6, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(2024, month, day, hour, tzinfo=WIB)


def _meeting(team, officer, **fields):
    starts = fields.pop("starts_at", _at(20))
    return MeetingFactory(team=team, created_by=officer, starts_at=starts,
                          ends_at=starts + timedelta(hours=3), **fields)


def _decide(officer, supervisor, action, day, *sexes):
    report = report_in("verified", author=officer, supervisor=supervisor, village=village(),
                       observed_at=_at(1))
    for sex in sexes:
        name_person(report, PersonFactory(sex=sex))
    name_person(report, PersonFactory(sex=Person.Sex.MALE), role="witness")
    return services.report_decide_action(report=report, user=supervisor, action=action,
                                         decided_on=datetime.date(2024, 6, day), note="SP-1")


@pytest.fixture
def june(office, officer, supervisor):
    regions = kediri_regions()
    regency = TeamFactory(chair_agency=office, area=regions["regency"])
    district = TeamFactory(name="TIMPORA Kecamatan Kras", level=Team.Level.DISTRICT,
                           chair_agency=office, area=regions["district"])
    held = _meeting(regency, officer, title="Rapat TIMPORA Jambean",
                    status=Meeting.Status.MINUTES_PUBLISHED, village=regions["village"])
    MinutesFactory(meeting=held, summary="Rapat membahas **pengawasan** WNA di Kras.",
                   updated_by=officer)
    _meeting(regency, officer, title="Operasi gabungan Pare", status=Meeting.Status.HELD,
             kind=Meeting.Kind.OPERATION_BRIEFING, starts_at=_at(25))
    _meeting(district, officer, title="Rapat TIMPORA Kecamatan Kras",
             status=Meeting.Status.HELD, starts_at=_at(5))
    # Not in the report: cancelled, a draft, another month, another office's team.
    _meeting(regency, officer, title="Rapat batal", status=Meeting.Status.CANCELLED,
             cancel_reason="Banjir", starts_at=_at(10))
    _meeting(regency, officer, title="Rapat draf", status=Meeting.Status.DRAFT)
    _meeting(regency, officer, title="Rapat Juli", status=Meeting.Status.HELD,
             starts_at=_at(1, month=7))
    other = ImmigrationOfficeFactory(name="Kantor Imigrasi Kelas I TPI Malang",
                                     short_name="Kanim Malang")
    malang = TeamFactory(name="TIMPORA Kota Malang", chair_agency=other,
                         area=regions["regency"])
    _meeting(malang, officer, title="Rapat Malang", status=Meeting.Status.HELD)

    _decide(officer, supervisor, Report.Action.DEPORTATION, 12, "male", "female", "female")
    _decide(officer, supervisor, Report.Action.DEPORTATION, 28, "male")
    _decide(officer, supervisor, Report.Action.PERMIT_CHANGE, 3, "unknown")
    _decide(officer, supervisor, Report.Action.PRO_JUSTITIA, 14, "male")
    _decide(officer, supervisor, Report.Action.NO_ACTION, 14, "female")
    may = report_in("verified", author=officer, supervisor=supervisor, observed_at=_at(1, 5))
    services.report_decide_action(report=may, user=supervisor, action="deportation",
                                  decided_on=datetime.date(2024, 5, 30))

    desa = DesaBinaanFactory(region=jambean())
    OutreachEventFactory(desa_binaan=desa, date=datetime.date(2024, 6, 20),
                         participants_men=30, participants_women=45)
    OutreachEventFactory(desa_binaan=desa, date=datetime.date(2024, 6, 27),
                         participants_men=5, participants_women=7, topic="Modus penipuan")
    OutreachEventFactory(desa_binaan=desa, date=datetime.date(2024, 7, 2))


def test_the_report_counts_what_was_recorded_in_the_month(officer, june):
    from portal.monthly import monthly_report

    report = monthly_report(user=officer, month=datetime.date(2024, 6, 1))
    regency, district = report.levels
    assert [row.title for row in regency.meetings] == ["Rapat TIMPORA Jambean"]
    assert regency.meetings[0].notes == "Rapat membahas pengawasan WNA di Kras."
    assert regency.meetings[0].place.endswith(", Jambean")
    assert [row.title for row in regency.operations] == ["Operasi gabungan Pare"]
    assert [row.title for row in district.meetings] == ["Rapat TIMPORA Kecamatan Kras"]
    assert district.operations == []

    counts = {row.label: (row.reports, row.men, row.women, row.unknown) for row in report.actions}
    assert counts[Report.Action.DEPORTATION.label] == (2, 2, 2, 0)
    assert counts[Report.Action.PERMIT_CHANGE.label] == (1, 0, 0, 1)
    assert counts[Report.Action.PLACE_BAN.label] == (0, 0, 0, 0)
    assert len(report.actions) == 6  # the six forms of TAK, pro justitia apart
    total = report.action_total
    assert (total.reports, total.people) == (3, 5)

    assert [case.note for case in report.cases] == ["SP-1"]
    assert [(row.topic, row.total) for row in report.outreach] == [
        ("Sosialisasi migrasi aman", 75), ("Modus penipuan", 12)]
    assert (report.outreach_men, report.outreach_women) == (35, 52)


def test_the_page_shows_the_month_in_indonesian(client, officer, june):
    client.force_login(officer)
    response = client.get("/reports/monthly/", {"month": "2024-06"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Juni 2024" in page
    assert "Rapat TIMPORA Jambean" in page
    assert "20 Juni 2024" in page
    assert "Rapat Malang" not in page and "Rapat batal" not in page
    assert 'href="/reports/monthly/2024-06.pdf"' in page
    assert 'href="/reports/monthly/2024-06.xlsx"' in page


def test_the_page_starts_with_this_month_chosen(client, supervisor):
    client.force_login(supervisor)
    response = client.get("/reports/monthly/")
    assert response.status_code == 200
    assert 'value="2024-07"' in response.content.decode()
    assert response.context["report"] is None


@pytest.mark.parametrize(("month", "message"), [
    ("2024-08", "hanya dapat dibuat untuk bulan ini atau sebelumnya"),
    ("2024-13", "contoh 2024-06"),
    ("juni", "contoh 2024-06"),
    ("", "Bidang ini tidak boleh kosong"),
    ("1999-12", "contoh 2024-06"),
])
def test_a_future_or_malformed_month_gets_a_clear_message(client, officer, month, message):
    client.force_login(officer)
    response = client.get("/reports/monthly/", {"month": month})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'id="error-summary"' in page


@pytest.mark.parametrize("url", ["/reports/monthly/2024-13.pdf", "/reports/monthly/2024-08.xlsx",
                                 "/reports/monthly/x.pdf"])
def test_downloads_of_a_bad_month_are_not_found(client, officer, url):
    client.force_login(officer)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", ["/reports/monthly/", "/reports/monthly/2024-06.xlsx",
                                 "/reports/monthly/2024-06.pdf"])
def test_only_office_staff_may_open_the_monthly_report(client, polres_member, admin_user,
                                                       office, url):
    nobody = make_user("norole", None, office)
    for user in (polres_member, admin_user, nobody):
        client.force_login(user)
        assert client.get(url).status_code == 404, user
    client.logout()
    assert client.get(url).status_code == 302


def test_xlsx_holds_the_four_sections(client, officer, june):
    client.force_login(officer)
    response = client.get("/reports/monthly/2024-06.xlsx")
    assert response.status_code == 200
    assert 'filename="laporan-bulanan-timpora-2024-06.xlsx"' in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 4
    cells = {name: list(workbook[name].iter_rows(values_only=True))
             for name in workbook.sheetnames}
    meetings, actions, cases, outreach = cells.values()
    assert meetings[0][0] == officer.profile.agency.name
    assert meetings[2][0] == "Bulan: Juni 2024"
    assert any(row[2] == "Operasi gabungan Pare" for row in meetings)
    deportation = next(row for row in actions if row[0] == "Deportasi")
    assert deportation[1:] == (2, 2, 2, 0, 4)
    assert any(row[-1] == "SP-1" for row in cases)
    assert next(row for row in outreach if row[2] == "Jumlah")[5:] == (35, 52, 87)


@pytest.mark.pdf
def test_pdf_is_in_indonesian_with_a_signature_block(client, supervisor, june):
    client.force_login(supervisor)
    response = client.get("/reports/monthly/2024-06.pdf", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert supervisor.profile.agency.name.upper() in text
    assert "Bulan: Juni 2024" in text
    assert "Operasi gabungan Pare" in text
    assert "Kepala " in text
    assert "30 Juni 2024" in text  # signed on the month's last day, as it is over


def test_an_english_user_reads_the_page_in_english(client, officer, june):
    officer.profile.language = "en"
    officer.profile.save()
    client.force_login(officer)
    client.cookies["django_language"] = "en"
    page = client.get("/reports/monthly/", {"month": "2024-06"}).content.decode()
    assert "June 2024" in page
    assert "Joint operations" in page


def test_the_report_runs_a_fixed_number_of_queries(client, officer, supervisor, june,
                                                   django_assert_max_num_queries):
    client.force_login(officer)
    client.get("/reports/monthly/", {"month": "2024-06"})
    for day in range(1, 15):
        _decide(officer, supervisor, Report.Action.DEPORTATION, day, "male")
    with django_assert_max_num_queries(20):
        client.get("/reports/monthly/", {"month": "2024-06"})
