"""The audit page: who may read it, its filters, pagination, export and the change history."""

import csv
import html
import io
import re
from datetime import timedelta
from urllib.parse import quote

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

import audit
from audit.models import AuditEvent
from tests.conftest import page_queries
from tests.reports.factories import name_person, report_in

pytestmark = pytest.mark.django_db
URL = reverse("audit:list")


def add_events(count: int, *, actor, **fields) -> None:
    for number in range(count):
        audit.write(request=None, action=fields.get("action", "read"), actor=actor,
                    username=fields.get("username", f"user{number}"))


@pytest.mark.parametrize("url", [URL, reverse("audit:changes"), reverse("audit:export_csv")])
def test_only_supervisors_and_admins_read_it(client, url, officer, supervisor, polres_member,
                                            outsider, admin_user):
    assert client.get(url).status_code == 302  # anonymous: to the sign-in page
    for user, status in ((officer, 404), (polres_member, 404), (outsider, 404),
                         (supervisor, 200), (admin_user, 200)):
        client.force_login(user)
        assert client.get(url).status_code == status, user
        assert client.post(url).status_code == 405


def test_the_menu_links_it_for_those_who_may_read_it(client, officer, supervisor):
    client.force_login(officer)
    assert URL not in client.get("/").content.decode()
    client.force_login(supervisor)
    assert f'href="{URL}"' in client.get("/").content.decode()


def test_newest_first_with_the_filters(client, admin_user, officer):
    client.force_login(admin_user)  # reads the whole trail, events of no account included
    AuditEvent.objects.create(actor_username="officer", action="read", object_code="abc",
                              object_label="LI/2024/000001",
                              occurred_at=timezone.now() - timedelta(days=3))
    AuditEvent.objects.create(actor_username="officer", action="export")
    AuditEvent.objects.create(actor_username="polres", action="read", object_code="def")

    def shown(**query):
        response = client.get(URL, query)
        assert response.status_code == 200
        return [(event.actor_username, event.action)
                for event in response.context["page"].object_list
                if event.actor_username != "admin"]

    assert shown() == [("polres", "read"), ("officer", "export"), ("officer", "read")]
    assert shown(actor="officer") == [("officer", "export"), ("officer", "read")]
    assert shown(action="read") == [("polres", "read"), ("officer", "read")]
    assert shown(target="LI/2024/000001") == [("officer", "read")]
    assert shown(target="def") == [("polres", "read")]
    today = timezone.localdate()
    assert shown(date_from=today.isoformat()) == [("polres", "read"), ("officer", "export")]
    assert shown(date_to=(today - timedelta(days=1)).isoformat()) == [("officer", "read")]


@pytest.mark.parametrize(("query", "field", "message"), [
    ({"date_from": "2024-06-20", "date_to": "2024-06-19"}, "date_to",
     "Tanggal akhir sebelum tanggal awal."),
    ({"date_from": "20-06-2024x"}, "date_from", "Masukkan tanggal yang valid."),
    ({"action": "delete"}, "action", "Masukkan pilihan yang valid."),
    ({"actor": "x" * 151}, "actor", "Pastikan nilai ini mengandung paling banyak 150 karakter"),
])
def test_bad_filters_get_a_message_and_the_page_still_answers(client, supervisor, query, field,
                                                             message):
    client.force_login(supervisor)
    response = client.get(URL, query)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message in response.content.decode()


def test_keyset_pages_and_a_bad_cursor_shows_the_first_page(client, supervisor, officer):
    add_events(60, actor=officer)
    client.force_login(supervisor)
    first = client.get(URL).context["page"]
    assert len(first.object_list) == 50 and first.has_next and first.is_first
    second = client.get(URL, {"after": first.next_cursor}).context["page"]
    seen = {event.pk for event in first.object_list} | {event.pk for event in second.object_list}
    assert len(seen) == AuditEvent.objects.count() and not second.has_next
    for cursor in ("nonsense", "1.x", "9" * 30 + ".1", "-5.-5", "99999999999999999.1",
                   first.next_cursor[:-3] + "abc"):
        response = client.get(URL, {"after": cursor})
        assert response.status_code == 200, cursor


def test_events_of_the_same_instant_are_each_shown_once_and_the_next_link_follows(
        client, supervisor, officer):
    with time_machine.travel(timezone.now(), tick=False):
        add_events(55, actor=officer)
    assert AuditEvent.objects.values("occurred_at").distinct().count() == 1
    client.force_login(supervisor)
    first = client.get(URL)
    link = re.search(r'href="\?after=([^"]+)"', first.content.decode())
    assert link, "the first page links to the next one"
    second = client.get(URL + "?after=" + html.unescape(link[1])).context["page"]
    shown = [event.pk for event in first.context["page"].object_list + second.object_list]
    assert sorted(shown) == sorted(AuditEvent.objects.values_list("pk", flat=True))
    assert not second.is_first and not second.has_next


def test_the_next_link_keeps_the_filters_and_drops_the_old_cursor(client, supervisor, officer):
    add_events(120, actor=officer, action="search")
    client.force_login(supervisor)
    first = client.get(URL, {"action": "search"}).context["page"]
    second = client.get(URL, {"action": "search", "after": first.next_cursor})
    links = re.findall(r'href="\?([^"]*)"', second.content.decode())
    assert "action=search" in links  # the first page: the filters, no cursor
    assert [link for link in links if "after=" in link] == [
        "action=search&amp;after=" + quote(second.context["page"].next_cursor)]


def test_the_page_runs_the_same_queries_for_2_and_40_events(client, supervisor, officer):
    client.force_login(supervisor)
    add_events(2, actor=officer)
    few = page_queries(client, URL)
    add_events(38, actor=officer, action="export")
    assert page_queries(client, URL) == few


def test_the_export_lists_the_events_and_is_itself_recorded(client, supervisor, officer):
    add_events(3, actor=officer, action="search", username="=cmd|' /C calc'!A0")
    client.force_login(supervisor)
    response = client.get(reverse("audit:export_csv"), {"action": "search"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows) == 4 and rows[1][1] == "'=cmd|' /C calc'!A0"  # neutralised formula
    export = AuditEvent.objects.get(action="export")
    assert (export.actor_username, export.content_type.model) == ("supervisor", "auditevent")
    assert export.detail == {"fmt": "csv", "filtered": True, "rows": 3}


def test_the_changes_list_names_who_changed_which_fields(client, officer, supervisor):
    report = report_in("verified", author=officer, supervisor=supervisor)
    person = name_person(report)
    person.occupation = "Chef"
    person.save()
    client.force_login(supervisor)
    response = client.get(reverse("audit:changes"))
    page = response.content.decode()
    # Created as a draft, then submitted (number, status) and verified (status, reviewer).
    kinds = [(change.kind, change.fields) for change in response.context["changes"]]
    assert kinds[-1] == ("+", []) and all(kind == "~" for kind, _fields in kinds[:-1])
    assert any("status" in fields for _kind, fields in kinds)
    assert report.number in page and "Dibuat" in page and "Diubah: " in page
    people = client.get(reverse("audit:changes"), {"kind": "people.person"}).content.decode()
    assert person.code in people and "pekerjaan" in people.lower()
    assert person.full_name not in people and person.passport_number not in people
    narrowed = client.get(reverse("audit:changes"), {"target": report.number})
    assert all(change.code == report.code for change in narrowed.context["changes"])
    assert client.get(reverse("audit:changes"), {"kind": "auth.user"}).status_code == 200


def test_the_changes_list_runs_the_same_queries_for_2_and_40_records(client, officer,
                                                                    supervisor):
    client.force_login(supervisor)
    report_in("verified", author=officer, supervisor=supervisor)
    few = page_queries(client, reverse("audit:changes"))
    for _number in range(10):
        report_in("verified", author=officer, supervisor=supervisor)
    assert page_queries(client, reverse("audit:changes")) == few


def test_the_changes_list_keeps_another_authors_draft_out_of_sight(client, officer,
                                                                   other_officer, supervisor):
    draft = report_in("draft", author=other_officer)
    submitted = report_in("submitted", author=officer, supervisor=supervisor)
    client.force_login(supervisor)
    codes = {change.code for change in client.get(reverse("audit:changes")).context["changes"]}
    assert submitted.code in codes and draft.code not in codes
    # Once submitted, the report and its history come into the supervisor's sight.
    draft.status = "submitted"
    draft.save()
    codes = {change.code for change in client.get(reverse("audit:changes")).context["changes"]}
    assert draft.code in codes


def test_a_supervisor_reads_their_offices_trail_and_events_about_what_they_may_read(
        client, officer, other_officer, supervisor, polres_member, police, admin_user):
    from accounts.models import Agency
    from accounts.roles import Role
    from reports import services
    from reports.models import Report
    from tests.factories import AgencyFactory, make_user

    elsewhere = AgencyFactory(name="Kantor Imigrasi Blitar", short_name="Kanim Blitar",
                              kind=Agency.Kind.IMMIGRATION_OFFICE)
    far_officer = make_user("officer-blitar", Role.OFFICER, elsewhere)
    shared = report_in("verified", author=officer, supervisor=supervisor)
    services.report_share(report=shared, user=supervisor, sharing=Report.Sharing.AGENCIES,
                          agencies=[police])
    draft = report_in("draft", author=other_officer)
    far_report = report_in("submitted", author=far_officer)
    events = {
        "own office": audit.write(request=None, action="export", actor=officer),
        "partner reads our report": audit.write(request=None, action="read",
                                                actor=polres_member, obj=shared),
        "another office": audit.write(request=None, action="read", actor=far_officer,
                                      obj=far_report),
        "partner elsewhere": audit.write(request=None, action="sign_in", actor=polres_member),
        "unknown account": audit.write(request=None, action="sign_in_failed", username="x"),
    }

    def shown(user):
        client.force_login(user)
        pks = {event.pk for event in client.get(URL).context["page"].object_list}
        return {name for name, event in events.items() if event.pk in pks}

    assert shown(supervisor) == {"own office", "partner reads our report"}
    assert shown(admin_user) == set(events)
    # An event about another author's draft is the author's office's, read through its actor.
    audit.write(request=None, action="read", actor=far_officer, obj=draft)
    client.force_login(supervisor)
    assert not any(event.object_code == draft.code and event.actor == far_officer
                   for event in client.get(URL).context["page"].object_list)
