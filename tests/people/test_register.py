"""The register is the office's: reports only write mentions, office staff link them, facts are
proposed and accepted, people are merged and unmerged, and nothing of a person reaches a partner
agency or another office. The first two tests are the attacks of the register issue."""

import datetime as dt

import pytest
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditEvent
from core.rules import Refused
from people import services as register
from people.models import Address, FactState, Mention, Merge, Permit, Person, Sponsor
from reports import services as report_services
from reports.models import Report
from tests.factories import ImmigrationOfficeFactory, make_user
from tests.reports.factories import PersonFactory, name_person, report_in
from tests.reports.test_pages import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def miller(office, officer, supervisor):
    """The office's registry person JAMES MILLER, named in an office-only report."""
    report = report_in(Report.Status.VERIFIED, author=officer, supervisor=supervisor)
    person = PersonFactory(office=office, full_name="JAMES MILLER", nationality="GB",
                           passport_number="548213907", occupation="Pengajar")
    name_person(report, person)
    return person


def _agency_report_naming(client, user, **person):
    client.force_login(user)
    data = form_data(**{"people-TOTAL_FORMS": "1"})
    for name, value in person.items():
        data[f"people-0-{name}"] = value
    response = client.post(reverse("reports:create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Report.objects.filter(author=user).latest("pk")


@pytest.fixture
def second_office_officer(db):
    other = ImmigrationOfficeFactory(name="Kantor Imigrasi Kelas I TPI Surabaya",
                                     short_name="Kanim Surabaya")
    return make_user("officer_sby", Role.OFFICER, other)


@pytest.mark.parametrize("attacker", ["polres_member", "outsider", "second_office_officer"])
def test_naming_a_known_passport_links_nothing_and_changes_nobody(client, request, miller,
                                                                  attacker):
    user = request.getfixturevalue(attacker)
    before = {name: getattr(miller, name) for name in Person.IDENTITY_FIELDS}
    report = _agency_report_naming(
        client, user, full_name="JAMES MILLER", nationality="GB", passport_number="548213907",
        address="Jl. Polres 1", employer="Polres", role="subject")
    mention = report.people_links.get().mention
    assert (mention.state, mention.person) == ("pending", None)
    assert client.get(reverse("people:detail", args=[miller.code])).status_code == 404
    page = client.get(reverse("reports:detail", args=[report.code])).content.decode()
    assert miller.code not in page and "Pengajar" not in page
    miller.refresh_from_db()
    assert {name: getattr(miller, name) for name in Person.IDENTITY_FIELDS} == before
    assert not Address.objects.filter(person=miller).exists()
    # Still named only by the office's own report.
    assert [mention.report_link.report.author.username
            for mention in miller.mentions.all()] == ["officer"]


def test_an_agency_editing_a_returned_report_cannot_rewrite_the_person(
        client, miller, polres_member, officer, supervisor):
    report = _agency_report_naming(client, polres_member, full_name="JAMES MILLER",
                                   nationality="GB", passport_number="548213907")
    # Office staff link the mention to their registry person, then return the report.
    register.mention_link(user=officer, mention=report.people_links.get().mention,
                          person=miller)
    report_services.report_return(report=report, user=supervisor, reason="More detail.")
    edit = client.get(reverse("reports:edit", args=[report.code])).content.decode()
    assert miller.code not in edit and "person_code" not in edit
    data = form_data(**{"people-TOTAL_FORMS": "1", "people-INITIAL_FORMS": "1",
                        "people-0-person_code": miller.code, "people-0-person": miller.code,
                        "people-0-mention": "1",
                        "people-0-full_name": "SOMEONE ELSE", "people-0-nationality": "US",
                        "people-0-passport_number": "X9999999"})
    assert client.post(reverse("reports:edit", args=[report.code]), data).status_code == 302
    miller.refresh_from_db()
    assert (miller.full_name, str(miller.nationality), miller.passport_number) == (
        "JAMES MILLER", "GB", "548213907")
    mention = report.people_links.get().mention
    assert (mention.full_name, mention.state, mention.person) == ("SOMEONE ELSE", "pending", None)


def test_only_office_staff_of_the_office_link(client, miller, polres_member, officer,
                                              second_office_officer):
    mention = register.mention_record(office=officer.profile.agency, values={
        "full_name": "JAMES MILLER", "nationality": "GB", "passport_number": "548213907"})
    url = reverse("people:mention_link", args=[mention.code])
    for intruder in (polres_member, second_office_officer):
        client.force_login(intruder)
        assert client.get(reverse("people:mention", args=[mention.code])).status_code == 404
        assert client.post(url, {"person": miller.code}).status_code == 404
    mention.refresh_from_db()
    assert mention.state == "pending"
    client.force_login(officer)
    page = client.get(reverse("people:mention", args=[mention.code]))
    assert page.status_code == 200
    assert [candidate.person for candidate in page.context["candidates"]] == [miller]
    assert client.post(url, {"person": miller.code}).status_code == 302
    mention.refresh_from_db()
    assert (mention.state, mention.person, mention.decided_by) == ("linked", miller, officer)
    assert AuditEvent.objects.filter(action="change", detail__step="link").exists()


def test_a_person_code_of_another_register_is_refused(client, officer, second_office_officer):
    elsewhere = PersonFactory(office=second_office_officer.profile.agency)
    mention = register.mention_record(office=officer.profile.agency,
                                      values={"full_name": "X", "nationality": "CN"})
    client.force_login(officer)
    response = client.post(reverse("people:mention_link", args=[mention.code]),
                           {"person": elsewhere.code}, follow=True)
    assert "No person of your office" in response.content.decode() or \
        "Tidak ada orang" in response.content.decode()
    mention.refresh_from_db()
    assert mention.state == "pending"


def test_a_new_fact_is_proposed_and_accepting_it_changes_the_current_permit(
        client, office, officer):
    person = PersonFactory(office=office, full_name="NGUYEN VAN AN", nationality="VN",
                           passport_number="C7712045")
    register.fact_add(user=officer, person=person,
                      fact=Permit(kind="itk", expires_on=dt.date(2024, 5, 30)))
    mention = register.mention_record(office=office, values={
        "full_name": "NGUYEN VAN AN", "nationality": "VN", "passport_number": "C7712045",
        "permit_kind": "itas", "visa_index": "e33g", "permit_number": "2C11KR0457",
        "permit_expires_on": dt.date(2027, 1, 17), "employer": "PT Kras Garmen Indonesia",
        "address": "Jl. Raya Kras 12"})
    proposed = register.mention_link(user=officer, mention=mention, person=person)
    assert {type(fact).__name__ for fact in proposed} == {"Permit", "Address", "Employment"}
    person.refresh_from_db()
    assert person.current_permit.kind == "itk"  # nothing changes until someone accepts
    client.force_login(officer)
    page = client.get(person.get_absolute_url()).content.decode()
    assert "2C11KR0457" in page and "proposed-fact" in page
    itas = Permit.objects.get(state=FactState.PROPOSED)
    response = client.post(reverse("people:fact_decide", args=["permit", itas.pk, "accept"]))
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.current_permit.number, person.current_permit.visa_index) == (
        "2C11KR0457", "E33G")
    assert person.current_permit.sponsor == Sponsor.objects.get(name="PT Kras Garmen Indonesia")
    # The same fact from a second mention is not proposed again.
    again = register.mention_record(office=office, values={
        "full_name": "NGUYEN VAN AN", "nationality": "VN", "permit_kind": "itas",
        "permit_number": "2C11KR0457", "permit_expires_on": dt.date(2027, 1, 17)})
    assert [type(fact).__name__ for fact in
            register.mention_link(user=officer, mention=again, person=person)] == []


def test_rejecting_keeps_the_register_as_it_was(office, officer, polres_member):
    person = PersonFactory(office=office)
    mention = register.mention_record(office=office, values={
        "full_name": person.full_name, "nationality": "CN", "address": "Somewhere else"})
    register.mention_link(user=officer, mention=mention, person=person)
    address = Address.objects.get(person=person)
    with pytest.raises(Refused):
        register.fact_accept(user=polres_member, fact=address)
    register.fact_reject(user=officer, fact=address)
    address.refresh_from_db()
    person.refresh_from_db()
    assert (address.state, person.current_address) == ("rejected", None)


def test_merge_moves_everything_and_a_supervisor_undoes_it(client, office, officer,
                                                          supervisor):
    survivor = PersonFactory(office=office, full_name="LIU YANG", passport_number="EJ4821937",
                             date_of_birth=None)
    merged = PersonFactory(office=office, full_name="YANG LIU", passport_number="",
                           date_of_birth=dt.date(1986, 3, 14))
    report = report_in(Report.Status.DRAFT, author=officer)
    name_person(report, merged)
    register.fact_add(user=officer, person=merged,
                      fact=Permit(kind="itk", expires_on=dt.date(2024, 5, 30)))
    client.force_login(officer)
    page = client.get(reverse("people:merge", args=[survivor.code]), {"other": merged.code})
    assert page.status_code == 200 and "1986" in page.content.decode()
    response = client.post(reverse("people:merge", args=[survivor.code]), {
        "other": merged.code, "full_name": "survivor", "date_of_birth": "merged",
        "passport_number": "survivor"})
    assert response.status_code == 302
    survivor.refresh_from_db()
    merged.refresh_from_db()
    assert merged.merged_into == survivor
    assert survivor.date_of_birth == dt.date(1986, 3, 14) and survivor.full_name == "LIU YANG"
    assert survivor.mentions.count() == 1 and survivor.current_permit is not None
    assert client.get(merged.get_absolute_url()).status_code == 404
    merge = Merge.objects.get()
    assert merge.choices["date_of_birth"] == {"from": "merged", "value": "1986-03-14"}
    # An officer may not undo; a supervisor may, once.
    undo = reverse("people:merge_undo", args=[merge.pk])
    client.post(undo)
    assert Merge.objects.get().undone_at is None
    client.force_login(supervisor)
    assert client.post(undo).status_code == 302
    survivor.refresh_from_db()
    merged.refresh_from_db()
    assert merged.merged_into is None and survivor.date_of_birth is None
    assert merged.mentions.count() == 1 and survivor.mentions.count() == 0
    assert merged.current_permit is not None and survivor.current_permit is None
    assert client.get(merged.get_absolute_url()).status_code == 200


def test_the_admin_merge_action_calls_the_same_service(client, office, admin_user):
    first = PersonFactory(office=office, full_name="AHMED KHAN")
    second = PersonFactory(office=office, full_name="AHMAD KHAN", passport_number="")
    client.force_login(admin_user)
    response = client.post("/admin/people/person/", {
        "action": "merge_people", "_selected_action": [first.pk, second.pk]})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.merged_into == first
    assert Merge.objects.get().merged_by == admin_user


def test_agencies_see_what_their_report_says_never_the_register(client, miller, polres_member,
                                                                officer, supervisor):
    report = report_in(Report.Status.VERIFIED, author=officer, supervisor=supervisor)
    name_person(report, miller)
    report_services.report_share(report=report, user=supervisor,
                                 sharing=Report.Sharing.AGENCIES,
                                 agencies=[polres_member.profile.agency])
    client.force_login(polres_member)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "JAMES MILLER" in page and "*****3907" in page
    assert miller.code not in page and "548213907" not in page
    for url in ("/people/", "/people/matching/", reverse("people:detail", args=[miller.code]),
                reverse("people:mention", args=[miller.mentions.first().code])):
        assert client.get(url).status_code == 404, url


def test_the_register_is_per_office(client, miller, second_office_officer, officer):
    client.force_login(second_office_officer)
    assert client.get("/people/").context["page"].object_list == []
    client.force_login(officer)
    listed = client.get("/people/", {"q": "548213907"}).context["page"].object_list
    assert listed == [miller]
    assert AuditEvent.objects.filter(action="search", detail__results=1).exists()


def test_the_queue_lists_the_offices_waiting_mentions(client, office, officer,
                                                     second_office_officer):
    waiting = register.mention_record(office=office, values={"full_name": "TANAKA HIROSHI",
                                                             "nationality": "JP"})
    register.mention_record(office=second_office_officer.profile.agency,
                            values={"full_name": "ELSEWHERE", "nationality": "JP"})
    decided = register.mention_record(office=office, values={"full_name": "DONE",
                                                             "nationality": "JP"})
    register.mention_leave_unlinked(user=officer, mention=decided)
    client.force_login(officer)
    assert list(client.get("/people/matching/").context["page"].object_list) == [waiting]
    client.post(reverse("people:mention_create", args=[waiting.code]))
    waiting.refresh_from_db()
    assert waiting.state == "linked" and waiting.person.full_name == "TANAKA HIROSHI"
    assert Mention.objects.filter(state="pending", office=office).count() == 0
