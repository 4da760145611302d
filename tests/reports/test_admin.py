"""Django admin: exact passport search, name search, history, and visible rows only."""

import pytest

from reports.models import Report
from tests.reports.factories import PersonFactory, ReportFactory, name_person, report_in

pytestmark = pytest.mark.django_db


def test_admin_finds_a_passport_exactly_and_names_in_part(client, admin_user, officer):
    report = report_in(Report.Status.SUBMITTED, author=officer)
    name_person(report, PersonFactory(full_name="LIU YANG", passport_number="EJ4821937"))
    PersonFactory(full_name="OTHER", passport_number="EJ48219370")
    client.force_login(admin_user)
    people = client.get("/admin/people/person/", {"q": "ej 482-1937"}).context["cl"].result_list
    assert [person.full_name for person in people] == ["LIU YANG"]
    people = client.get("/admin/people/person/", {"q": "liu"}).context["cl"].result_list
    assert [person.full_name for person in people] == ["LIU YANG"]
    reports = client.get("/admin/reports/report/", {"q": "EJ4821937"}).context["cl"].result_list
    assert list(reports) == [report]


def test_admin_lists_only_visible_reports_to_staff_who_are_not_superusers(client, officer,
                                                                        other_officer):
    ReportFactory(author=officer, title="a draft of someone else")
    other_officer.is_staff = True
    other_officer.save()
    client.force_login(other_officer)
    response = client.get("/admin/reports/report/")
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


def test_admin_keeps_the_history_of_reports_and_people(client, admin_user, officer):
    report = ReportFactory(author=officer)
    report.title = "Changed"
    report.save()
    assert report.history.count() == 2
    client.force_login(admin_user)
    assert client.get(f"/admin/reports/report/{report.pk}/history/").status_code == 200
    person = PersonFactory()
    assert client.get(f"/admin/people/person/{person.pk}/history/").status_code == 200
