"""One search across reports, people, meetings and villages: a result only if the user may see
it, passports for office staff only, bad input answered with a message, constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import assign_role
from reports.models import Report
from tests.meetings.factories import MeetingFactory
from tests.reports.factories import PersonFactory, name_person, report_in
from tests.villages.factories import DesaBinaanFactory, VillageFactory

pytestmark = pytest.mark.django_db


def search(client, user, text) -> str:
    client.force_login(user)
    response = client.get(reverse("overview:search"), {"q": text})
    assert response.status_code == 200
    return response.content.decode()


def test_officer_finds_reports_by_title_and_number_but_not_a_colleague_draft(english, world):
    page = search(english, world.officer, "draft")
    assert "Officer own draft" in page
    assert "Colleague secret draft" not in page
    page = search(english, world.officer, world.submitted.number)
    assert "Awaiting review at the market" in page


def test_agency_member_finds_only_shared_reports(english, world):
    page = search(english, world.polres_member, "Polres")
    assert "Shared with Polres" in page
    page = search(english, world.polres_member, "finding")
    assert "Office only finding" not in page and "No report found." in page


def test_people_of_the_register_for_office_staff_only(english, world):
    page = search(english, world.officer, "WNA")
    assert "EXPIRING WNA" in page and "SHARED WNA" in page
    assert "HIDDEN WNA" not in page  # only written in a colleague's draft
    # A partner agency finds no register person; the report shared with it names SHARED WNA,
    # and that report is what it finds.
    page = search(english, world.polres_member, "WNA")
    assert "No person found." not in page and "More people" not in page
    assert "Shared with Polres" in page
    assert "EXPIRING WNA" not in page and "HIDDEN WNA" not in page


def test_passports_are_searched_for_office_staff_only(english, world):
    page = search(english, world.officer, "ex 123-4567")
    assert "EXPIRING WNA" in page and "EX1234567" in page
    page = search(english, world.officer, "HD1111111")
    assert "HIDDEN WNA" not in page
    # Polres finds the report naming SHARED WNA by the name, never by the passport number.
    page = search(english, world.polres_member, "SH7654321")
    assert "SHARED WNA" not in page and "No report found." in page
    assert "SH7654321" not in search(english, world.polres_member, "SHARED")


def test_meetings_only_when_visible(english, world):
    page = search(english, world.officer, "Rapat")
    assert "Rapat still in draft" in page and "Rapat TIMPORA with Polres" in page
    page = search(english, world.polres_member, "Rapat")
    assert "Rapat TIMPORA with Polres" in page and "Rapat still in draft" not in page
    page = search(english, world.outsider, "Rapat")
    assert "No meeting found." in page


def test_villages_for_the_team_only(english, world):
    assert "Bleber" in search(english, world.polres_member, "Bleb")
    assign_role(world.outsider, None)
    assert "Bleber" not in search(english, world.outsider, "Bleb")


def test_too_short_and_too_long_queries_get_a_message(english, world):
    page = search(english, world.officer, "a")
    assert "at least 2 characters" in page
    page = search(english, world.officer, "x" * 500)
    assert "at most 100 characters" in page
    assert 'value="' + "x" * 500 in page  # the input is kept


def test_navbar_search_field_is_labelled(english, world):
    english.force_login(world.officer)
    page = english.get("/").content.decode()
    assert '<label for="navbar-search" class="visually-hidden">' in page
    assert 'id="navbar-search"' in page and f'action="{reverse("overview:search")}"' in page


def test_search_query_count_is_the_same_for_2_and_40_matches(client, world,
                                                            django_assert_num_queries):
    client.force_login(world.officer)
    url = reverse("overview:search")
    client.get(url, {"q": "Match"})  # a first visit may write the session; measure the next
    with CaptureQueriesContext(connection) as two:
        client.get(url, {"q": "Match"})
    for number in range(40):
        report = report_in(Report.Status.SUBMITTED, author=world.other_officer,
                           title=f"Match report {number}")
        name_person(report, PersonFactory(full_name=f"MATCH PERSON {number}"))
        MeetingFactory(team=world.team, title=f"Match meeting {number}")
        DesaBinaanFactory(region=VillageFactory(code=f"35.06.03.{3000 + number}",
                                                name=f"Match village {number}"))
    with django_assert_num_queries(len(two.captured_queries)):
        page = client.get(url, {"q": "Match"}).content.decode()
    assert page.count("Match report") == 20 and page.count("MATCH PERSON") == 20
