"""What reports add to the meeting page (agenda links, situation brief) and the village page."""

from datetime import timedelta

import pytest
from django.urls import reverse

from meetings.models import Meeting
from reports.models import AgendaItemReport, Report
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, TeamFactory, add_members
from tests.reports.factories import report_in, village
from tests.villages.factories import DesaBinaanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def jambean():
    return village("35.06.03.2016", "Jambean")


@pytest.fixture
def meetings(office, officer, police, jambean):
    team = TeamFactory(chair_agency=office)
    add_members(team, police)
    previous = MeetingFactory(team=team, created_by=officer, status=Meeting.Status.HELD,
                              starts_at=jambean_time(-30), ends_at=jambean_time(-30, 12))
    current = MeetingFactory(team=team, created_by=officer, invited=[police], village=jambean,
                             starts_at=jambean_time(5), ends_at=jambean_time(5, 12))
    AgendaItemFactory(meeting=current, title="Pengawasan WNA di Kras", position=1)
    return previous, current


def jambean_time(days, hour=9):
    from tests.meetings.factories import at

    return at(days, hour)


def page_of(client, user, meeting):
    client.force_login(user)
    return client.get(meeting.get_absolute_url()).content.decode()


def test_the_brief_counts_the_reports_of_the_area_since_the_previous_meeting(
        client, officer, supervisor, meetings, jambean):
    previous, current = meetings
    recent = report_in(Report.Status.VERIFIED, author=officer, supervisor=supervisor,
                       village=jambean, title="Recent overstay in Jambean",
                       observed_at=previous.starts_at + timedelta(days=2))
    report_in(Report.Status.SUBMITTED, author=officer, village=jambean, title="Before the last",
              observed_at=previous.starts_at - timedelta(days=2))
    report_in(Report.Status.SUBMITTED, author=officer, title="Outside the area",
              village=village("36.01.01.2001", "Elsewhere"),
              observed_at=previous.starts_at + timedelta(days=3))
    page = page_of(client, officer, current)
    assert "Ringkasan situasi" in page
    assert recent.title in page
    assert "Before the last" not in page
    assert "Outside the area" not in page


def test_agency_members_get_no_brief_and_see_only_linked_reports_they_may_read(
        client, officer, supervisor, police, polres_member, meetings, jambean):
    _previous, current = meetings
    item = current.agenda_items.get()
    shared = report_in(Report.Status.VERIFIED, author=officer, supervisor=supervisor,
                       village=jambean, title="Shared with the police")
    from reports import services

    services.report_share(report=shared, user=supervisor, sharing=Report.Sharing.AGENCIES,
                          agencies=[police])
    private = report_in(Report.Status.VERIFIED, author=officer, supervisor=supervisor,
                        title="Office only")
    for report in (shared, private):
        AgendaItemReport.objects.create(agenda_item=item, report=report, linked_by=officer)
    page = page_of(client, polres_member, current)
    assert "Ringkasan situasi" not in page
    assert "Shared with the police" in page
    assert "Office only" not in page
    assert "Put on this agenda item" not in page and "Tautkan" not in page


def test_officers_link_and_unlink_reports_by_number(client, officer, supervisor, polres_member,
                                                    meetings):
    _previous, current = meetings
    item = current.agenda_items.get()
    report = report_in(Report.Status.SUBMITTED, author=officer)
    url = reverse("reports:agenda_link_add", args=[current.code])
    client.force_login(officer)
    response = client.post(url, {"agenda_item": item.pk, "number": report.number.lower()})
    assert response.status_code == 302
    link = AgendaItemReport.objects.get()
    assert link.report == report
    # An unknown number, and a malformed item, are refused without a 500.
    response = client.post(url, {"agenda_item": item.pk, "number": "LI/1999/999999"}, follow=True)
    assert "LI/1999/999999" in response.content.decode()
    assert client.post(url, {"agenda_item": "1; DROP TABLE", "number": "x"}).status_code == 404
    # Partner agencies may read the meeting but not change its agenda.
    client.force_login(polres_member)
    assert client.post(url, {"agenda_item": item.pk, "number": report.number}).status_code == 403
    unlink = reverse("reports:agenda_link_remove", args=[current.code])
    assert client.post(unlink, {"link": link.pk}).status_code == 403
    client.force_login(officer)
    assert client.post(unlink, {"link": link.pk}).status_code == 302
    assert not AgendaItemReport.objects.exists()


def test_a_meeting_the_user_may_not_see_answers_404(client, outsider, meetings):
    _previous, current = meetings
    client.force_login(outsider)
    url = reverse("reports:agenda_link_add", args=[current.code])
    assert client.post(url, {"agenda_item": 1, "number": "x"}).status_code == 404


def test_the_village_page_lists_its_reports_and_meetings(client, officer, supervisor,
                                                         polres_member, meetings, jambean):
    _previous, current = meetings
    desa = DesaBinaanFactory(region=jambean)
    report_in(Report.Status.SUBMITTED, author=officer, village=jambean, title="Seen in Jambean")
    client.force_login(officer)
    page = client.get(reverse("villages:detail", args=[desa.code])).content.decode()
    assert "Seen in Jambean" in page
    assert current.title in page
    client.force_login(polres_member)
    page = client.get(reverse("villages:detail", args=[desa.code])).content.decode()
    assert "Seen in Jambean" not in page  # not shared with the police
    assert current.title in page  # the police are invited
