"""Every workflow transition, allowed and refused, per role; enforced in the services."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.rules import Refused
from reports import services
from reports.models import Report, StatusEvent
from tests.reports.factories import ReportFactory, report_in

pytestmark = pytest.mark.django_db
Status = Report.Status


def test_the_whole_path_records_every_step(officer, supervisor):
    report = ReportFactory(author=officer)
    report = services.report_submit(report=report, user=officer)
    assert report.status == Status.SUBMITTED
    assert report.number == f"LI/{timezone.localdate().year}/000001"
    report = services.report_verify(report=report, user=supervisor, note="Checked on site.")
    report = services.report_decide_action(report=report, user=supervisor,
                                           action=Report.Action.DEPORTATION,
                                           decided_on=timezone.localdate(), note="Gelar kasus")
    assert report.decided_action == Report.Action.DEPORTATION
    report = services.report_close(report=report, user=supervisor)
    steps = list(StatusEvent.objects.filter(report=report)
                 .values_list("actor__username", "from_status", "to_status"))
    assert steps == [
        ("officer", "draft", "submitted"),
        ("supervisor", "submitted", "verified"),
        ("supervisor", "verified", "actioned"),
        ("supervisor", "actioned", "closed"),
    ]
    assert StatusEvent.objects.get(report=report, to_status="verified").note == "Checked on site."


def test_returned_report_is_revised_and_resubmitted_with_its_number(officer, supervisor):
    report = report_in(Status.RETURNED, author=officer, supervisor=supervisor)
    number = report.number
    assert StatusEvent.objects.get(report=report, to_status="returned").note == "Add the address."
    services.report_update(report=report, user=officer, fields={"title": "Revised"}, people=[])
    report = services.report_submit(report=report, user=officer)
    assert (report.status, report.number, report.title) == (Status.SUBMITTED, number, "Revised")


def test_return_needs_a_reason(officer, supervisor):
    report = report_in(Status.SUBMITTED, author=officer)
    with pytest.raises(ValidationError) as error:
        services.report_return(report=report, user=supervisor, reason="  ")
    assert "reason" in error.value.message_dict
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.VERIFIED])
def test_supervisor_dismisses_submitted_or_verified(officer, supervisor, status):
    report = report_in(status, author=officer, supervisor=supervisor)
    assert services.report_dismiss(report=report, user=supervisor).status == Status.DISMISSED


SUPERVISOR_ACTIONS = {
    "verify": (Status.SUBMITTED, lambda r, u: services.report_verify(report=r, user=u)),
    "return": (Status.SUBMITTED, lambda r, u: services.report_return(report=r, user=u,
                                                                     reason="Why")),
    "dismiss": (Status.SUBMITTED, lambda r, u: services.report_dismiss(report=r, user=u)),
    "decide": (Status.VERIFIED, lambda r, u: services.report_decide_action(
        report=r, user=u, action=Report.Action.NO_ACTION, decided_on=timezone.localdate())),
    "close": (Status.ACTIONED, lambda r, u: services.report_close(report=r, user=u)),
    "share": (Status.VERIFIED, lambda r, u: services.report_share(
        report=r, user=u, sharing=Report.Sharing.TEAM)),
}


@pytest.mark.parametrize("action", SUPERVISOR_ACTIONS)
@pytest.mark.parametrize("who", ["officer", "other_officer", "polres_member", "outsider"])
def test_only_supervisors_review(request, officer, supervisor, action, who):
    status, call = SUPERVISOR_ACTIONS[action]
    report = report_in(status, author=officer, supervisor=supervisor)
    events = StatusEvent.objects.filter(report=report).count()
    with pytest.raises(Refused):
        call(report, request.getfixturevalue(who))
    report.refresh_from_db()
    assert report.status == status
    assert StatusEvent.objects.filter(report=report).count() == events


def test_a_supervisor_of_another_office_may_not_review(officer):
    from accounts.roles import Role
    from tests.factories import ImmigrationOfficeFactory, make_user

    elsewhere = ImmigrationOfficeFactory(name="Kantor Imigrasi Blitar", short_name="Kanim Blitar")
    stranger = make_user("blitar", Role.SUPERVISOR, elsewhere)
    report = report_in(Status.SUBMITTED, author=officer)
    with pytest.raises(Refused):
        services.report_verify(report=report, user=stranger)


@pytest.mark.parametrize(("status", "action"), [
    (Status.DRAFT, "verify"), (Status.DRAFT, "share"), (Status.VERIFIED, "verify"),
    (Status.VERIFIED, "close"), (Status.SUBMITTED, "decide"), (Status.SUBMITTED, "close"),
    (Status.DISMISSED, "verify"), (Status.CLOSED, "dismiss"), (Status.ACTIONED, "decide"),
    (Status.RETURNED, "verify"),
])
def test_transitions_out_of_order_are_refused(officer, supervisor, status, action):
    report = report_in(status, author=officer, supervisor=supervisor)
    with pytest.raises(Refused):
        SUPERVISOR_ACTIONS[action][1](report, supervisor)
    report.refresh_from_db()
    assert report.status == status


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.VERIFIED, Status.CLOSED])
def test_only_drafts_and_returned_reports_are_submitted_or_edited(officer, supervisor, status):
    report = report_in(status, author=officer, supervisor=supervisor)
    with pytest.raises(Refused):
        services.report_submit(report=report, user=officer)
    with pytest.raises(Refused):
        services.report_update(report=report, user=officer, fields={"title": "x"}, people=[])


@pytest.mark.parametrize("who", ["other_officer", "supervisor", "polres_member"])
def test_only_the_author_edits_or_submits_a_draft(request, officer, who):
    report = ReportFactory(author=officer)
    user = request.getfixturevalue(who)
    with pytest.raises(Refused):
        services.report_update(report=report, user=user, fields={"title": "x"}, people=[])
    with pytest.raises(Refused):
        services.report_submit(report=report, user=user)
    report.refresh_from_db()
    assert (report.status, report.title) != (Status.SUBMITTED, "x")


def test_agency_information_goes_straight_to_submitted(office, polres_member, police):
    report = services.report_create(author=polres_member, people=[], fields={
        "title": "WNA offers investments", "narrative": "Seen at the market.",
        "observed_at": timezone.now(), "category": Report.Category.SUSPICIOUS,
        "source_reliability": "B", "information_credibility": 3,
        # An agency member cannot pose as another source.
        "source_type": Report.SourceType.MEDIA,
    })
    assert report.status == Status.SUBMITTED and report.number
    assert (report.office, report.source_type, report.source_agency) == (
        office, Report.SourceType.AGENCY, police)


def test_sharing_takes_active_partner_agencies_only(officer, supervisor, office, police):
    report = report_in(Status.VERIFIED, author=officer, supervisor=supervisor)
    with pytest.raises(ValidationError):
        services.report_share(report=report, user=supervisor, sharing=Report.Sharing.AGENCIES,
                              agencies=[])
    with pytest.raises(ValidationError):
        services.report_share(report=report, user=supervisor, sharing=Report.Sharing.AGENCIES,
                              agencies=[office])
    services.report_share(report=report, user=supervisor, sharing=Report.Sharing.AGENCIES,
                          agencies=[police])
    assert list(report.shared_with.all()) == [police]
    assert "Polres Kediri" in StatusEvent.objects.filter(report=report).last().note


def test_notes_on_shared_reports_by_partner_members(officer, supervisor, police, polres_member,
                                                   outsider):
    report = report_in(Status.VERIFIED, author=officer, supervisor=supervisor)
    services.report_share(report=report, user=supervisor, sharing=Report.Sharing.AGENCIES,
                          agencies=[police])
    services.report_add_note(report=report, user=polres_member, body="Seen again on Monday.")
    with pytest.raises(Refused):
        services.report_add_note(report=report, user=outsider, body="I should not be here")
    with pytest.raises(Refused):
        services.report_add_note(report=ReportFactory(author=officer), user=officer, body="x")
    assert list(report.notes.values_list("body", flat=True)) == ["Seen again on Monday."]


def test_transition_pages_take_post_only(client, officer, supervisor):
    report = report_in(Status.SUBMITTED, author=officer)
    client.force_login(supervisor)
    url = reverse("reports:verify", args=[report.code])
    assert client.get(url).status_code == 405
    response = client.post(url, {"verify-note": ""})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.VERIFIED


def test_a_refused_transition_is_explained_to_the_user(client, officer, supervisor):
    """The rules refuse (core.rules.Refused): 403, with the rule's reason on the page."""
    report = report_in(Status.SUBMITTED, author=officer)
    client.force_login(officer)
    response = client.post(reverse("reports:verify", args=[report.code]), {"verify-note": ""})
    assert response.status_code == 403
    assert "Hanya supervisor kantor yang dapat memverifikasi" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED


def test_return_without_reason_through_the_page_shows_the_field_error(client, officer,
                                                                      supervisor):
    report = report_in(Status.SUBMITTED, author=officer)
    client.force_login(supervisor)
    response = client.post(reverse("reports:return", args=[report.code]), {"return-reason": ""})
    assert response.status_code == 400
    assert response.context["return_form"].errors["reason"]
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
