"""The register in a real browser: an officer links a waiting mention to the suggested person and
accepts the permit it proposes (the current permit changes), a supervisor merges two records of
one person, and Polres sees none of it."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from people import services as register
from people.models import Merge, Mention, Permit
from reports import services as report_services
from reports.models import Report
from tests.e2e.conftest import assert_accessible, screenshot, sign_in
from tests.reports.factories import PersonFactory, ReportFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _agency_report_naming(author, **person):
    """A partner agency's report: submitted as soon as it is written."""
    return report_services.report_create(author=author, people=[{"role": "subject", **person}],
                                         fields={
        "title": "Pemeriksaan di Kras", "narrative": "n", "observed_at": timezone.now(),
        "category": Report.Category.OTHER, "source_reliability": "B",
        "information_credibility": 2})


def test_an_officer_links_a_mention_and_accepts_the_permit_it_proposes(page, office, officer,
                                                                      polres_member):
    liu = PersonFactory(office=office, full_name="LIU YANG", nationality="CN",
                        passport_number="EJ4821937", date_of_birth=dt.date(1986, 3, 14))
    register.fact_add(user=officer, person=liu,
                      fact=Permit(kind="itk", expires_on=dt.date(2024, 5, 30)))
    report = _agency_report_naming(
        polres_member, full_name="YANG LIU", nationality="CN",
        date_of_birth=dt.date(1986, 3, 14), permit_kind="itas", visa_index="E33G",
        permit_number="2C11KR0457", permit_expires_on=dt.date(2027, 1, 17))
    mention = report.people_links.get().mention

    sign_in(page, "officer")
    page.goto(page.base_url + "/people/matching/")
    assert_accessible(page)
    page.get_by_role("link", name="YANG LIU").click()
    page.wait_for_url(re.compile(r"/people/mentions/[a-z0-9]{12}/$"))
    assert_accessible(page)
    candidate = page.locator("article.card").first
    assert "LIU YANG" in candidate.inner_text()
    assert candidate.locator("tr.table-warning").count() == 1  # the name, written the other way
    screenshot(page, "register-mention-candidates")
    candidate.locator("form[action$='/link/'] button").click()
    page.wait_for_url(page.base_url + f"/people/{liu.code}/")
    mention.refresh_from_db()
    assert (mention.state, mention.person) == ("linked", liu)
    assert "2024" in page.locator(".current-permit").inner_text()
    assert_accessible(page)
    page.locator(".proposed-fact").filter(has_text="2C11KR0457").locator(
        "form[action$='/accept/'] button").click()
    page.wait_for_load_state()
    assert "2C11KR0457" in page.locator(".current-permit").inner_text()
    liu.refresh_from_db()
    assert liu.current_permit.number == "2C11KR0457"
    screenshot(page, "register-permit-accepted")

    page.context.clear_cookies()
    sign_in(page, "polres")
    for path in ("/people/", "/people/matching/", f"/people/{liu.code}/",
                 f"/people/mentions/{mention.code}/"):
        response = page.goto(page.base_url + path)
        assert response.status == 404, path
    page.goto(page.base_url + f"/reports/{report.code}/")
    assert "YANG LIU" in page.content() and liu.code not in page.content()
    assert page.get_by_role("link", name="LIU YANG").count() == 0


def test_a_supervisor_merges_two_records_of_one_person(page, office, officer, supervisor):
    survivor = PersonFactory(office=office, full_name="AHMED KHAN", nationality="PK",
                             passport_number="AB9930417")
    twin = PersonFactory(office=office, full_name="AHMAD KHAN", nationality="PK",
                         passport_number="", date_of_birth=dt.date(1979, 1, 2))
    report = ReportFactory(author=officer, status=Report.Status.SUBMITTED)
    mention = Mention.objects.create(office=office, full_name="AHMAD KHAN", nationality="PK",
                                     state="linked", person=twin)
    report.people_links.create(mention=mention)

    sign_in(page, "supervisor")
    page.goto(page.base_url + f"/people/{survivor.code}/merge/")
    assert_accessible(page)
    page.fill("[name=other]", twin.code)
    page.click("main form[method=get] button[type=submit]")
    page.wait_for_load_state()
    assert_accessible(page)
    page.check("input[name=date_of_birth][value=merged]")
    page.click("form[method=post] button.btn-danger")
    page.wait_for_url(page.base_url + f"/people/{survivor.code}/")
    twin.refresh_from_db()
    survivor.refresh_from_db()
    assert twin.merged_into == survivor and survivor.date_of_birth == dt.date(1979, 1, 2)
    assert survivor.mentions.get() == mention
    assert Merge.objects.get().merged_by == supervisor
    assert_accessible(page)
    screenshot(page, "register-merged")
