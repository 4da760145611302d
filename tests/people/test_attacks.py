"""Attacks on the register through its pages by users with a valid account: partner agencies,
officers of another office, officers trying supervisor-only steps, and odd or broken input.
Each finding of the review is a test here; the rest prove rules no other test covers."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from people import matching
from people import services as register
from people.models import Address, Employment, Entry, Merge, Permit, Person, Sponsor
from reports import services as report_services
from reports.models import Report
from tests.factories import ImmigrationOfficeFactory, make_user
from tests.people.test_register import _agency_report_naming
from tests.reports.factories import PersonFactory, drain, name_person, report_in, village
from tests.reports.test_pages import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def miller(office):
    return PersonFactory(office=office, full_name="JAMES MILLER", nationality="GB",
                         passport_number="548213907")


@pytest.fixture
def second_office_officer(db):
    return make_user("officer_sby", Role.OFFICER,
                     ImmigrationOfficeFactory(name="Kantor Imigrasi Surabaya",
                                              short_name="Kanim Surabaya"))


def _merged(office, officer, *, survivor_passport, merged_passport, keep="survivor"):
    survivor = PersonFactory(office=office, full_name="WANG WEI", nationality="CN",
                             passport_number=survivor_passport)
    merged = PersonFactory(office=office, full_name="WANG WEI", nationality="CN",
                           passport_number=merged_passport)
    merge = register.person_merge(user=officer, survivor=survivor, merged=merged,
                                  choices={"passport_number": keep})
    return survivor, merged, merge


def test_undoing_a_merge_whose_survivor_took_the_passport_gives_it_back(
        client, office, officer, supervisor):
    """The survivor had no passport and took the merged person's: undoing the merge used to
    unmerge the merged person while the survivor still held the number (a 500)."""
    survivor, merged, merge = _merged(office, officer, survivor_passport="",
                                      merged_passport="E48213907", keep="merged")
    client.force_login(supervisor)
    assert client.post(reverse("people:merge_undo", args=[merge.pk])).status_code == 302
    survivor.refresh_from_db()
    merged.refresh_from_db()
    assert (survivor.passport_number, merged.passport_number) == ("", "E48213907")
    assert merged.merged_into is None and Merge.objects.get().is_undone


def test_undoing_a_merge_is_refused_when_someone_else_took_the_merged_passport(
        client, office, officer, supervisor):
    """While merged, the merged person's passport was free, and a new person took it: the undo
    is refused with a message (it was a 500) and nothing changes."""
    survivor, merged, merge = _merged(office, officer, survivor_passport="G11223344",
                                      merged_passport="E48213907")
    PersonFactory(office=office, full_name="WANG WEI JR", nationality="CN",
                  passport_number="E48213907")
    client.force_login(supervisor)
    response = client.post(reverse("people:merge_undo", args=[merge.pk]), follow=True)
    assert response.status_code == 200
    assert [str(message) for message in response.context["messages"]]
    merged.refresh_from_db()
    assert merged.merged_into == survivor and not Merge.objects.get().is_undone


def test_a_merge_is_undone_once_and_only_by_a_supervisor_of_its_office(
        client, office, officer, supervisor, second_office_officer):
    *_people, merge = _merged(office, officer, survivor_passport="G11223344",
                              merged_passport="E48213907")
    url = reverse("people:merge_undo", args=[merge.pk])
    client.force_login(second_office_officer)
    assert client.post(url).status_code == 404
    client.force_login(supervisor)
    assert client.post(url).status_code == 302
    undone_at = Merge.objects.get().undone_at
    # A second undo (replayed, or from a stale page) changes nothing.
    assert client.post(url).status_code == 302
    assert Merge.objects.get().undone_at == undone_at


def test_related_reports_do_not_tell_an_agency_who_the_register_linked(
        client, miller, polres_member, officer, supervisor):
    """Staff linked Polres's "J. MILLAR" to the register's JAMES MILLER: the shared report
    naming JAMES MILLER used to list Polres's own report as related, telling Polres the
    register's decision that the two are one person."""
    shared = report_in(Report.Status.VERIFIED, author=officer, supervisor=supervisor,
                       village=village())
    name_person(shared, miller)
    report_services.report_share(report=shared, user=supervisor,
                                 sharing=Report.Sharing.AGENCIES,
                                 agencies=[polres_member.profile.agency])
    own = _agency_report_naming(client, polres_member, full_name="J. MILLAR",
                                nationality="GB")
    register.mention_link(user=officer, mention=own.people_links.get().mention, person=miller)
    client.force_login(polres_member)
    assert own not in client.get(shared.get_absolute_url()).context["related"]
    assert shared not in client.get(own.get_absolute_url()).context["related"]
    # Office staff still see the reports naming the same person.
    client.force_login(officer)
    assert own in client.get(shared.get_absolute_url()).context["related"]


def test_a_drafts_mentions_stay_off_the_register_until_it_is_submitted(
        client, miller, officer, other_officer):
    client.force_login(officer)
    client.post(reverse("reports:create"), form_data(**{
        "people-TOTAL_FORMS": "1", "people-0-full_name": "JAMES MILLER",
        "people-0-nationality": "GB", "people-0-passport_number": "548213907"}))
    report = Report.objects.get(author=officer, status=Report.Status.DRAFT)
    mention = report.people_links.get().mention
    assert mention.held
    for user in (officer, other_officer):
        client.force_login(user)
        assert client.get(mention.get_absolute_url()).status_code == 404
        for action in ("link", "create", "leave"):
            response = client.post(reverse(f"people:mention_{action}", args=[mention.code]),
                                   {"person": miller.code})
            assert response.status_code == 404
        assert mention.code not in client.get("/people/matching/").content.decode()
        assert mention.code not in client.get("/").content.decode()
    mention.refresh_from_db()
    assert (mention.state, mention.person) == ("pending", None)
    report_services.report_submit(report=report, user=officer)
    assert client.get(mention.get_absolute_url()).status_code == 200


def test_fact_decisions_name_the_fact_by_kind_and_pk_of_the_readers_register(
        client, office, officer, polres_member, second_office_officer):
    person = PersonFactory(office=office)
    mention = register.mention_record(office=office, values={
        "full_name": person.full_name, "nationality": "CN", "address": "Jl. Kras 1"})
    register.mention_link(user=officer, mention=mention, person=person)
    address = Address.objects.get(person=person)
    for intruder in (polres_member, second_office_officer):
        client.force_login(intruder)
        url = reverse("people:fact_decide", args=["address", address.pk, "accept"])
        assert client.post(url).status_code == 404
    client.force_login(officer)
    for kind, decision in (("permit", "accept"), ("entry", "accept"), ("address", "approve"),
                           ("Address", "accept"), ("sponsor", "accept")):
        url = reverse("people:fact_decide", args=[kind, address.pk, decision])
        assert client.post(url).status_code == 404
    address.refresh_from_db()
    assert address.state == "proposed"


@pytest.mark.parametrize(("kind", "data"), [
    ("permit", {"kind": "itas", "issued_on": "2025-03-01", "expires_on": "2025-01-31"}),
    ("permit", {"kind": "itas", "expires_on": "2025-02-30"}),
    ("permit", {"kind": "visa_free"}),
    ("permit", {"kind": "itas", "visa_index": "E33G" * 10, "number": "9" * 500}),
    ("address", {"street": "", "village": ""}),
    ("address", {"street": "Jl. Kras", "since": "2025-03-01", "until": "2025-01-31"}),
    ("address", {"village": "35.06"}),
    ("address", {"village": "99.99.99.9999"}),
    ("entry", {"mode": "submarine", "entered_on": "31-12-2024"}),
])
def test_a_wrong_fact_is_refused_at_its_field_and_saves_nothing(client, office, officer, kind,
                                                               data):
    village()
    person = PersonFactory(office=office)
    client.force_login(officer)
    response = client.post(reverse("people:fact_add", args=[person.code, kind]), data)
    assert response.status_code == 200 and response.context["form"].errors
    assert not any(model.objects.filter(person=person).exists()
                   for model in (Permit, Entry, Address))


def test_employment_and_unknown_kinds_have_no_add_page(client, office, officer):
    person = PersonFactory(office=office)
    client.force_login(officer)
    for kind in ("employment", "Permit", "merge"):
        assert client.get(reverse("people:fact_add", args=[person.code, kind])).status_code == 404


def test_merging_with_a_merged_or_another_offices_person_is_refused(
        client, office, officer, second_office_officer):
    survivor = PersonFactory(office=office)
    folded, into = PersonFactory(office=office), PersonFactory(office=office)
    register.person_merge(user=officer, survivor=into, merged=folded, choices={})
    elsewhere = PersonFactory(office=second_office_officer.profile.agency)
    client.force_login(officer)
    for code in (folded.code, elsewhere.code, survivor.code, "x" * 500, "\u00e9\u00e8"):
        response = client.post(reverse("people:merge", args=[survivor.code]),
                               {"other": code, "full_name": "merged"})
        assert response.status_code == 200 and response.context["target"].errors
    assert Merge.objects.count() == 1
    # A merged person's own page and merge page are gone.
    assert client.get(reverse("people:merge", args=[folded.code])).status_code == 404


@pytest.mark.parametrize("query", [
    {"list": "365"}, {"list": "expired", "after": "not-a-cursor"}, {"after": "a" * 3000},
    {"list": "30", "after": "W10:1abc:bad"},
])
def test_the_watch_ignores_bad_lists_and_cursors(client, office, officer, query):
    PersonFactory(office=office, permit_expires_on=timezone.localdate() + dt.timedelta(days=3))
    client.force_login(officer)
    page = client.get(reverse("people:watch"), query)
    # An unknown list is the default one (30 days); a bad cursor is the first page.
    shown = 0 if query.get("list") == "expired" else 1
    assert page.status_code == 200 and len(page.context["rows"]) == shown
    assert client.get(reverse("people:watch_export_csv"), query).status_code == 200


@pytest.mark.parametrize("values", [
    {"people-0-nationality": "XX"},
    {"people-0-nationality": "ZZZ"},
    {"people-0-date_of_birth": "1990-02-30"},
    {"people-0-permit_expires_on": "31/12/2025"},
    {"people-0-full_name": "\u00c6" * 5000},
    {"people-0-passport_number": "\u00c4\u00d6\u00dc12345"},
    {"people-0-visa_index": "\u00c412"},
    {"people-0-village": "35.06"},
    {"people-0-village": "99.99.99.9999"},
    {"people-0-sex": "other"},
    {"people-TOTAL_FORMS": "5000"},
])
def test_an_agencys_broken_people_row_is_refused_and_records_no_mention(client, polres_member,
                                                                        values):
    village()
    client.force_login(polres_member)
    response = client.post(reverse("reports:create"), form_data(**values))
    assert response.status_code == 200
    assert not Report.objects.filter(author=polres_member).exists()
    assert not Person.objects.exists()


def test_accepting_an_employer_written_in_other_letters_reuses_the_sponsor(client, office,
                                                                          officer):
    """"PT GROẞ" (a capital sharp s) is the sponsor "PT Groß" to the database's unique name
    (compared in lower case), but not to a case-insensitive look-up (in upper case on
    PostgreSQL): accepting the employment used to create a second sponsor (a 500)."""
    known = Sponsor.objects.create(office=office, name="PT Groß")
    person = PersonFactory(office=office)
    mention = register.mention_record(office=office, values={
        "full_name": person.full_name, "nationality": "CN", "employer": "PT GROẞ"})
    register.mention_link(user=officer, mention=mention, person=person)
    employment = Employment.objects.get(person=person)
    client.force_login(officer)
    url = reverse("people:fact_decide", args=["employment", employment.pk, "accept"])
    assert client.post(url).status_code == 302
    employment.refresh_from_db()
    assert employment.state == "accepted"
    # SQLite lowers ASCII letters only: there the two names are two sponsors.
    if connection.vendor == "postgresql":
        assert employment.sponsor == known


def test_a_date_of_birth_before_the_year_1000_is_matched_without_error(client, polres_member,
                                                                       office):
    """A year typed with three digits ("0199-05-06" for 1990) is a date; scoring it against a
    candidate's birthday compared the digits of two dates of different lengths (a 500)."""
    PersonFactory(office=office, full_name="JAMES MILLER", nationality="GB",
                  date_of_birth=dt.date(1990, 5, 6))
    report = _agency_report_naming(client, polres_member, full_name="JAMES MILLER",
                                   nationality="GB", date_of_birth="0199-05-06")
    mention = report.people_links.get().mention
    assert (mention.date_of_birth, mention.state) == (dt.date(199, 5, 6), "pending")
    assert matching.birth_score(dt.date(199, 5, 6), dt.date(1990, 5, 6)) == 0.0
    assert matching.birth_score(dt.date(199, 5, 6), dt.date(199, 5, 7)) == 0.6


def test_an_agencys_lists_search_and_export_say_only_what_its_reports_say(
        client, miller, polres_member, officer):
    """Staff linked Polres's "J. MILLAR" to the register's JAMES MILLER (passport, occupation):
    nothing Polres lists, searches or exports gives the register's name, code or details."""
    own = _agency_report_naming(client, polres_member, full_name="J. MILLAR",
                                nationality="GB")
    register.mention_link(user=officer, mention=own.people_links.get().mention, person=miller)
    client.force_login(polres_member)
    assert own in client.get("/search/", {"q": "MILLAR"}).context["results"]["reports"].items
    for text in ("JAMES", "548213907"):
        results = client.get("/search/", {"q": text}).context["results"]
        assert "people" not in results and not results["reports"].items, text
        assert not client.get(reverse("reports:list"), {"q": text}).context["page"].object_list
    for url in (reverse("reports:list"), reverse("reports:export_csv"), own.get_absolute_url()):
        response = client.get(url)
        body = drain(response).decode()
        assert response.status_code == 200, url
        assert "JAMES" not in body and miller.code not in body and "*3907" not in body, url


def test_repeating_another_reports_words_captures_none_of_its_mentions(
        client, miller, polres_member, officer, supervisor):
    """The office's report names JAMES MILLER, linked: Polres writes exactly the same row and
    gets a new mention of its own, waiting for matching."""
    office_report = report_in(Report.Status.VERIFIED, author=officer, supervisor=supervisor)
    name_person(office_report, miller)
    linked = miller.mentions.get()
    report = _agency_report_naming(client, polres_member, full_name="JAMES MILLER",
                                   nationality="GB", passport_number="548213907")
    mention = report.people_links.get().mention
    assert mention.pk != linked.pk and (mention.state, mention.person) == ("pending", None)
    linked.refresh_from_db()
    assert linked.person == miller and linked.report_link.report == office_report
