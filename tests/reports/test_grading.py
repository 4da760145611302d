"""The grading of a report (source reliability A to F, information credibility 1 to 6): the author
chooses it, nothing is preset; the reviewing supervisor may grade the report anew."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from core.rules import Refused
from reports import services
from reports.models import Report, StatusEvent
from tests.reports.factories import report_in
from tests.reports.test_pages import form_data

pytestmark = pytest.mark.django_db
Status = Report.Status


@pytest.mark.parametrize("user_fixture", ["officer", "polres_member"])
def test_the_new_report_form_presets_no_grading(english, request, user_fixture):
    english.force_login(request.getfixturevalue(user_fixture))
    form = english.get(reverse("reports:create")).context["form"]
    for name in ("source_reliability", "information_credibility"):
        html = str(form[name])
        assert form[name].value() in (None, ""), name
        assert html.count("selected") == 1 and '<option value="" selected>' in html, name


@pytest.mark.parametrize("blank", ["source_reliability", "information_credibility"])
def test_a_report_without_grading_is_refused_with_a_message(english, officer, blank):
    english.force_login(officer)
    response = english.post(reverse("reports:create"), form_data(**{blank: ""}))
    assert response.status_code == 200
    assert not Report.objects.exists()
    expected = {"source_reliability": "Grade how reliable the source is (A to F).",
                "information_credibility": "Grade how credible the information is (1 to 6)."}
    assert response.context["form"].errors[blank] == [expected[blank]]
    assert expected[blank] in response.content.decode()


def test_the_supervisor_grades_a_submitted_report_anew(english, officer, supervisor):
    report = report_in(Status.SUBMITTED, author=officer)  # graded B2 by its author
    english.force_login(supervisor)
    page = english.get(reverse("reports:detail", args=[report.code])).content.decode()
    assert f'action="{reverse("reports:grade", args=[report.code])}"' in page

    response = english.post(reverse("reports:grade", args=[report.code]), {
        "grade-source_reliability": "D", "grade-information_credibility": "4",
        "grade-note": "The informant was wrong twice this year."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.grading, report.status) == ("D4", Status.SUBMITTED)
    event = StatusEvent.objects.filter(report=report).latest("pk")
    assert event.actor == supervisor
    assert event.note == ("Grading changed from B2 to D4. "
                          "The informant was wrong twice this year.")
    audit = AuditEvent.objects.filter(object_id=report.pk).latest("pk")
    assert audit.detail.get("step") == "grade"
    # The report can be verified with its new grading.
    services.report_verify(report=report, user=supervisor)


def test_a_regrade_needs_a_complete_grading(english, officer, supervisor):
    report = report_in(Status.SUBMITTED, author=officer)
    english.force_login(supervisor)
    response = english.post(reverse("reports:grade", args=[report.code]),
                            {"grade-source_reliability": "", "grade-information_credibility": "9"})
    assert response.status_code == 400
    report.refresh_from_db()
    assert report.grading == "B2"


@pytest.mark.parametrize("user_fixture", ["officer", "other_officer", "polres_member"])
def test_only_the_reviewing_supervisor_grades_anew(client, request, user_fixture, officer,
                                                     supervisor, police):
    report = report_in(Status.VERIFIED, author=officer, supervisor=supervisor)
    services.report_share(report=report, user=supervisor, sharing=Report.Sharing.AGENCIES,
                          agencies=[police])
    report = report_in(Status.SUBMITTED, author=officer)
    user = request.getfixturevalue(user_fixture)
    with pytest.raises(Refused):
        services.report_regrade(report=report, user=user, source_reliability="E",
                                information_credibility=5)
    client.force_login(user)
    response = client.post(reverse("reports:grade", args=[report.code]), {
        "grade-source_reliability": "E", "grade-information_credibility": "5"})
    assert response.status_code in (403, 404)
    report.refresh_from_db()
    assert report.grading == "B2"


def test_a_verified_report_keeps_its_grading(officer, supervisor):
    report = report_in(Status.VERIFIED, author=officer, supervisor=supervisor)
    with pytest.raises(Refused):
        services.report_regrade(report=report, user=supervisor, source_reliability="E",
                                information_credibility=5)


def test_the_same_grading_again_changes_nothing(officer, supervisor):
    report = report_in(Status.SUBMITTED, author=officer)
    with pytest.raises(ValidationError):
        services.report_regrade(report=report, user=supervisor, source_reliability="B",
                                information_credibility=2)
    assert StatusEvent.objects.filter(report=report).count() == 1  # its submission only
