"""The report and people pages: forms, bad input, filters and constant query counts."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from people.models import Mention, Person
from reports.models import Report
from tests.conftest import page_queries
from tests.reports.factories import (
    PersonFactory,
    ReportFactory,
    name_person,
    png_bytes,
    report_in,
    village,
)

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "title": "WNA overstay in Jambean", "observed_at": "2024-06-20T14:00",
        "category": "overstay", "priority": "3", "narrative": "Seen at the market.",
        "location_text": "Pasar Kras", "village": "", "latitude": "", "longitude": "",
        "source_type": "patrol", "source_agency": "", "source_reliability": "B",
        "information_credibility": "2", "assigned_to": "", "recommended_action": "",
        "people-TOTAL_FORMS": "2", "people-INITIAL_FORMS": "0",
        "people-MIN_NUM_FORMS": "0", "people-MAX_NUM_FORMS": "30",
    }
    people = [
        {"full_name": "LIU YANG", "role": "subject", "sex": "male", "nationality": "CN",
         "passport_number": "EJ 482-1937", "entry_mode": "voa", "permit_kind": "itk"},
        {"full_name": "SITI AMINAH", "role": "witness", "sex": "female", "nationality": "ID",
         "passport_number": "", "permit_kind": "none"},
    ]
    for index, person in enumerate(people):
        for name, value in person.items():
            data[f"people-{index}-{name}"] = value
    data.update(overrides)
    return data


def test_officer_creates_a_draft_with_two_people_and_an_attachment(client, officer):
    place = village()
    client.force_login(officer)
    data = form_data(village=str(place),
                     attachments=[SimpleUploadedFile("photo.png", png_bytes())])
    response = client.post("/reports/new/", data)
    report = Report.objects.get()
    assert response.status_code == 302 and response.url == f"/reports/{report.code}/"
    assert (report.status, report.author, report.village) == ("draft", officer, place)
    assert [link.mention.passport_number for link in report.people_links.all()] == [
        "EJ4821937", ""]
    # Written down, waiting for office staff to match them: nobody is in the register yet.
    assert [link.mention.state for link in report.people_links.all()] == ["pending"] * 2
    assert not Person.objects.exists()
    assert report.attachments.get().original_name == "photo.png"


def test_bad_input_gets_messages_at_the_fields_and_keeps_the_rest(client, officer):
    client.force_login(officer)
    future = (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post("/reports/new/", form_data(**{
        "observed_at": future, "information_credibility": "9", "latitude": "-7.8",
        "village": "Atlantis", "people-0-passport_number": "E<script>",
        "attachments": [SimpleUploadedFile("photo.png", b"MZ\x90\x00 not an image")],
    }))
    assert response.status_code == 200
    form, people = response.context["form"], response.context["people"]
    assert set(form.errors) >= {"observed_at", "information_credibility", "village",
                                "attachments"}
    assert "longitude" in form.errors or "latitude" in form.errors
    assert "passport_number" in people.forms[0].errors
    body = response.content.decode()
    assert 'value="WNA overstay in Jambean"' in body and "SITI AMINAH" in body
    assert "<script>" not in body.split("<main", 1)[1].split("</main>", 1)[0]
    assert not Report.objects.exists() and not Mention.objects.exists()


def test_village_autocomplete_finds_by_name_or_code(client, officer):
    village()
    village("35.06.03.2011", "Kras")
    client.force_login(officer)
    results = client.get(reverse("reports:village_autocomplete"), {"q": "jamb"}).json()
    assert [item["code"] for item in results["results"]] == ["35.06.03.2016"]
    results = client.get(reverse("reports:village_autocomplete"), {"q": "35.06.03"}).json()
    assert len(results["results"]) == 2


def test_the_author_edits_a_draft_and_its_people(client, officer):
    """Editing what the report says changes the report's mention, never the register person it
    was linked to: the changed row is a new mention, waiting for matching."""
    report = ReportFactory(author=officer)
    person = name_person(report, PersonFactory(full_name="OLD NAME"))
    client.force_login(officer)
    page = client.get(reverse("reports:edit", args=[report.code]))
    assert "OLD NAME" in page.content.decode() and person.code not in page.content.decode()
    data = form_data(**{"people-TOTAL_FORMS": "1", "people-INITIAL_FORMS": "1",
                        "people-0-full_name": "NEW NAME", "people-0-passport_number": ""})
    response = client.post(reverse("reports:edit", args=[report.code]), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.full_name == "OLD NAME"
    mention = report.people_links.get().mention
    assert (mention.full_name, mention.state, mention.person) == ("NEW NAME", "pending", None)


def test_an_unchanged_row_keeps_its_mention_and_link(client, officer):
    report = ReportFactory(author=officer)
    person = name_person(report, PersonFactory(full_name="KEPT NAME", passport_number=""))
    mention = report.people_links.get().mention
    client.force_login(officer)
    data = form_data(**{"people-TOTAL_FORMS": "1", "people-INITIAL_FORMS": "1",
                        "people-0-full_name": "KEPT NAME", "people-0-passport_number": "",
                        "people-0-nationality": "CN", "people-0-sex": "unknown",
                        "people-0-permit_kind": "unknown", "people-0-entry_mode": "",
                        "people-0-role": "witness"})
    response = client.post(reverse("reports:edit", args=[report.code]), data)
    assert response.status_code == 302
    link = report.people_links.get()
    assert (link.mention_id, link.mention.person, link.role) == (mention.pk, person, "witness")


def test_filters_narrow_the_list(client, officer, supervisor):
    place = village()
    hit = report_in("submitted", author=officer, title="Jambean overstay", village=place,
                    category="overstay", priority=4)
    name_person(hit, PersonFactory(nationality="CN"))
    report_in("submitted", author=officer, title="Elsewhere scam", category="scam")
    client.force_login(officer)

    def titles(**query):
        response = client.get("/reports/", query)
        return [report.title for report in response.context["page"].object_list]

    assert titles(category="overstay") == ["Jambean overstay"]
    assert titles(region="35.06.03") == ["Jambean overstay"]
    assert titles(nationality="CN") == ["Jambean overstay"]
    assert titles(priority="4") == ["Jambean overstay"]
    assert titles(q="scam") == ["Elsewhere scam"]
    assert titles(q="PERSON") == ["Jambean overstay"]
    assert sorted(titles(status="submitted")) == ["Elsewhere scam", "Jambean overstay"]
    assert titles(mine="on") == []
    # Nonsense filters are explained, not fatal.
    response = client.get("/reports/", {"observed_from": "yesterday", "priority": "99",
                                        "region": "'; DROP", "sort": "evil", "page": "x"})
    assert response.status_code == 200 and response.context["form"].errors




@pytest.mark.parametrize("url", ["/reports/", "/people/", "/reports/export.csv"])
def test_list_pages_run_the_same_queries_for_30_and_60_reports(client, officer, supervisor,
                                                               url):
    """From a full page on, the queries do not grow with the rows (a list that fits on one page
    runs one fewer: no count)."""
    place = village()
    client.force_login(officer)

    def add(count):
        for _ in range(count):
            report = report_in("verified", author=officer, supervisor=supervisor, village=place)
            name_person(report)

    add(30)
    few = page_queries(client, url)
    add(30)
    assert Report.objects.count() == 60
    # The same whatever the number of rows (test_list_query_count_is_pinned lists them).
    assert page_queries(client, url) == few


def test_list_query_count_is_pinned(client, officer, supervisor, django_assert_num_queries):
    place = village()
    for _ in range(26):  # more than a page: the capped count runs
        report_in("verified", author=officer, supervisor=supervisor, village=place)
    client.force_login(officer)
    client.get("/reports/")
    # session, user, profile with its agency, savepoint and its release (ATOMIC_REQUESTS), groups
    # (role), rows, capped count. The menu's unread count is cached (test_unread_cache.py); the
    # district filter is a typed code with suggestions, so no query lists the districts.
    with django_assert_num_queries(8):
        client.get("/reports/")
    # A list that fits on its first page is its own count.
    Report.objects.filter(pk__in=Report.objects.order_by("pk").values("pk")[:20]).delete()
    with django_assert_num_queries(7):
        response = client.get("/reports/")
    assert response.context["page"].count == 6 and not response.context["page"].count_capped
