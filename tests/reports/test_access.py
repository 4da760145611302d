"""The visibility matrix: every report, person, attachment and export URL, per persona."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from reports import services
from people.models import Mention, Person
from reports.models import Report
from tests.reports.factories import (
    PersonFactory,
    ReportFactory,
    drain,
    name_person,
    png_bytes,
    report_in,
)

pytestmark = pytest.mark.django_db
Status = Report.Status
PNG = png_bytes()

PERSONAS = ["officer", "other_officer", "supervisor", "polres_member", "outsider", "anonymous"]
OFFICE_STAFF = {"officer", "other_officer", "supervisor"}
# Which personas may read each report of the scenario below.
EXPECTED = {
    "draft": {"officer"},
    "submitted": {"officer", "other_officer", "supervisor"},
    "returned": {"officer", "other_officer", "supervisor"},
    "verified_office": {"officer", "other_officer", "supervisor"},
    "verified_police": {"officer", "other_officer", "supervisor", "polres_member"},
    "verified_team": {"officer", "other_officer", "supervisor", "polres_member", "outsider"},
    "submitted_police": {"officer", "other_officer", "supervisor"},
    "dismissed_police": {"officer", "other_officer", "supervisor"},
    "closed_police": {"officer", "other_officer", "supervisor", "polres_member"},
    "from_polres": {"officer", "other_officer", "supervisor", "polres_member"},
}


def _share(report, supervisor, police=None):
    sharing = Report.Sharing.AGENCIES if police else Report.Sharing.TEAM
    return services.report_share(report=report, user=supervisor, sharing=sharing,
                                 agencies=[police] if police else [])


@pytest.fixture
def scenario(officer, other_officer, supervisor, police, polres_member, outsider):
    def make(status, **kwargs):
        report = report_in(status, author=officer, supervisor=supervisor, **kwargs)
        if report.status == Status.DRAFT:
            services.attachment_add(report=report, user=officer,
                                    upload=SimpleUploadedFile("scan.png", PNG))
        else:
            _attach_directly(report, officer)
        name_person(report, PersonFactory(full_name=f"Person of {report.title}"))
        return report

    reports = {
        "draft": make(Status.DRAFT, title="draft"),
        "submitted": make(Status.SUBMITTED, title="submitted"),
        "returned": make(Status.RETURNED, title="returned"),
        "verified_office": make(Status.VERIFIED, title="verified_office"),
        "verified_police": _share(make(Status.VERIFIED, title="verified_police"), supervisor,
                                  police),
        "verified_team": _share(make(Status.VERIFIED, title="verified_team"), supervisor),
        "submitted_police": _share(make(Status.SUBMITTED, title="submitted_police"), supervisor,
                                   police),
        "closed_police": _share(make(Status.CLOSED, title="closed_police"), supervisor, police),
    }
    dismissed = _share(make(Status.VERIFIED, title="dismissed_police"), supervisor, police)
    reports["dismissed_police"] = services.report_dismiss(report=dismissed, user=supervisor)
    from_polres = services.report_create(author=polres_member, people=[], fields={
        "title": "from_polres", "narrative": "n", "observed_at": timezone.now(),
        "category": Report.Category.OTHER, "source_reliability": "B",
        "information_credibility": 2,
    })
    _attach_directly(from_polres, polres_member)
    name_person(from_polres, PersonFactory(full_name="Person of from_polres"))
    reports["from_polres"] = from_polres
    return reports


def _attach_directly(report, user):
    """Attach a file to a report past its draft stage (the service allows drafts only)."""
    from reports.models import Attachment

    attachment = Attachment(report=report, original_name="scan.png", content_type="image/png",
                            size=len(PNG), uploaded_by=user)
    attachment.file.save("x.png", SimpleUploadedFile("x.png", PNG), save=False)
    attachment.save()


def _client_for(client, request, persona):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    return client


@pytest.mark.parametrize("persona", PERSONAS)
def test_report_pages_answer_404_to_whoever_may_not_read(client, request, scenario, persona):
    client = _client_for(client, request, persona)
    for name, report in scenario.items():
        attachment = report.attachments.get()
        person = Person.objects.get(full_name=f"Person of {name}")
        urls = [reverse("reports:detail", args=[report.code]),
                reverse("reports:attachment", args=[attachment.code])]
        for url in urls:
            response = client.get(url)
            drain(response)
            if persona == "anonymous":
                assert response.status_code == 302 and "/accounts/login/" in response.url
            elif persona in EXPECTED[name]:
                assert response.status_code == 200, (name, url)
            else:
                assert response.status_code == 404, (name, url)
        # The register person is the office's, whichever report names them.
        response = client.get(reverse("people:detail", args=[person.code]))
        if persona == "anonymous":
            assert response.status_code == 302
        else:
            assert response.status_code == (200 if persona in OFFICE_STAFF else 404), name


@pytest.mark.parametrize("persona", PERSONAS[:-1])
def test_lists_and_exports_hold_exactly_the_visible_reports(client, request, scenario, persona):
    client = _client_for(client, request, persona)
    expected = {name for name, seen_by in EXPECTED.items() if persona in seen_by}
    listed = {report.title for report in client.get("/reports/").context["page"].object_list}
    assert listed == expected
    rows = list(csv.reader(io.StringIO(client.get("/reports/export.csv").content.decode())))
    assert {row[2] for row in rows[1:]} == expected
    workbook = load_workbook(io.BytesIO(client.get("/reports/export.xlsx").content))
    assert {row[2] for row in workbook.active.iter_rows(min_row=2, values_only=True)} == expected
    response = client.get("/people/")
    if persona in OFFICE_STAFF:
        people = {person.full_name for person in response.context["page"].object_list}
        assert people == {f"Person of {name}" for name in EXPECTED}
    else:
        assert response.status_code == 404


def test_anonymous_gets_the_sign_in_page_for_lists_and_exports(client, scenario):
    for url in ["/reports/", "/reports/export.csv", "/reports/export.xlsx", "/people/",
                "/reports/new/", "/reports/village-suggestions/?q=ja"]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


def test_attachment_download_is_an_attachment_never_sniffed(client, officer, scenario):
    client.force_login(officer)
    report = scenario["submitted"]
    response = client.get(reverse("reports:attachment", args=[report.attachments.get().code]))
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"
    assert drain(response) == PNG


def test_passports_are_masked_for_partner_agencies_everywhere(client, officer, supervisor,
                                                              police, polres_member):
    report = report_in(Status.VERIFIED, author=officer, supervisor=supervisor)
    person = name_person(report, PersonFactory(passport_number="EJ4821937"))
    _share(report, supervisor, police)
    pages = [reverse("reports:detail", args=[report.code]), "/reports/export.csv"]
    client.force_login(polres_member)
    for url in pages:
        body = client.get(url).content.decode()
        assert "EJ4821937" not in body, url
        assert "*****1937" in body, url
    for url in ("/people/", reverse("people:detail", args=[person.code])):
        assert client.get(url).status_code == 404
    xlsx = client.get("/reports/export.xlsx").content
    cells = [c for row in load_workbook(io.BytesIO(xlsx)).active.iter_rows(values_only=True)
             for c in row]
    assert any("*****1937" in str(c) for c in cells)
    assert not any("EJ4821937" in str(c) for c in cells)
    # Nor can a partner confirm a guessed passport number through search.
    assert not client.get("/reports/", {"q": "EJ4821937"}).context["page"].object_list
    client.force_login(officer)
    for url in [*pages, reverse("people:detail", args=[person.code])]:
        assert "EJ4821937" in client.get(url).content.decode(), url
    assert client.get("/people/", {"q": "ej 482 1937"}).context["page"].object_list


def test_drafts_of_others_never_show_in_lists(client, officer, other_officer):
    ReportFactory(author=officer, title="mine")
    client.force_login(other_officer)
    assert not client.get("/reports/").context["page"].object_list


def test_a_persons_photo_is_served_only_to_who_may_see_the_person(client, officer, outsider):
    report = report_in(Status.SUBMITTED, author=officer)
    person = name_person(report)
    person.photo.save("face.png", SimpleUploadedFile("face.png", PNG))
    url = reverse("people:photo", args=[person.code])
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(officer)
    response = client.get(url)
    assert (response.status_code, response["Content-Type"]) == (200, "image/png")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert drain(response) == PNG
    page = client.get(reverse("people:detail", args=[person.code]))
    assert f'src="{url}"' in page.content.decode()


def test_an_administrator_reads_no_one_elses_draft(officer, supervisor, admin_user):
    """Drafts belong to their author alone: a superuser sees the office's other reports, their own
    drafts and every register person, but not what another author's draft names."""
    draft = report_in(Status.DRAFT, author=officer)
    draft = services.report_update(report=draft, user=officer, fields={}, people=[
        {"full_name": "Only In A Draft", "nationality": "CN", "role": "subject"}])
    submitted = report_in(Status.SUBMITTED, author=officer, supervisor=supervisor)
    own_draft = report_in(Status.DRAFT, author=admin_user)
    unnamed = PersonFactory(full_name="Entered Through The Admin")

    reports = set(Report.objects.visible_to(admin_user))
    people = set(Person.objects.visible_to(admin_user))

    assert draft not in reports
    assert {submitted, own_draft} <= reports
    assert not Mention.objects.visible_to(admin_user).filter(full_name="Only In A Draft")
    assert unnamed in people
