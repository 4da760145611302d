"""The permit watch: who is on which list, who may see it, its page, exports and dashboard panel,
and the daily notice to office staff."""

import csv
import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django_celery_beat.models import PeriodicTask
from openpyxl import load_workbook

from accounts.roles import Role
from audit.models import AuditEvent
from notifications.models import OutboxMessage
from people import services, tasks, watch
from people.models import Address, FactState, Permit, PermitKind, Person
from tests.conftest import page_queries
from tests.factories import ImmigrationOfficeFactory, make_user
from tests.villages.factories import VillageFactory

TODAY = timezone.localdate()
LONG_AGO = timezone.now() - timedelta(days=400)
WATCH = reverse("people:watch")


def person(office, name, *, expires_in=None, address_until="open", known_since=LONG_AGO,
           passport=""):
    """A register person with an accepted permit expiring `expires_in` days from today (None: no
    permit) and an accepted address, open ("open"), ended on a day (a date) or absent (None)."""
    someone = Person.objects.create(office=office, full_name=name, nationality="CN",
                                    passport_number=passport)
    accepted = {"person": someone, "state": FactState.ACCEPTED, "decided_at": known_since,
                "created_at": known_since}
    if expires_in is not None:
        Permit.objects.create(kind=PermitKind.ITAS, visa_index="E33G", number=f"2C{name[:6]}",
                              issued_on=TODAY - timedelta(days=700),
                              expires_on=TODAY + timedelta(days=expires_in), **accepted)
    if address_until is not None:
        Address.objects.create(village=VillageFactory(), street="Jl. Merdeka 1",
                               since=TODAY - timedelta(days=300),
                               until=None if address_until == "open" else address_until,
                               **accepted)
    services.person_refresh(someone)
    return someone


def names(people) -> list[str]:
    return [someone.full_name for someone in people]


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def other_office(db):
    return ImmigrationOfficeFactory(name="Kantor Imigrasi Kelas I TPI Malang",
                                    short_name="Kanim Malang")


@pytest.fixture
def malang_officer(other_office):
    return make_user("malang", Role.OFFICER, other_office)


# --- the lists ---------------------------------------------------------------------------------

@pytest.mark.django_db
def test_expiring_lists_hold_both_ends_of_their_window_soonest_first(office, officer):
    for days in (91, 61, 90, 31, 60, 30, 0, -1):
        person(office, f"IN {days:+d}", expires_in=days)
    person(office, "NO PERMIT")
    assert names(watch.expiring(officer, days=30)) == ["IN +0", "IN +30"]
    assert names(watch.expiring(officer, days=60)) == ["IN +0", "IN +30", "IN +31", "IN +60"]
    assert names(watch.expiring(officer, days=90)) == [
        "IN +0", "IN +30", "IN +31", "IN +60", "IN +61", "IN +90"]
    # Tomorrow the window has moved on by a day.
    tomorrow = TODAY + timedelta(days=1)
    assert names(watch.expiring(officer, days=30, today=tomorrow)) == ["IN +30", "IN +31"]


@pytest.mark.django_db
def test_possible_overstays_need_an_expired_current_permit_and_an_open_address(office, officer):
    person(office, "OPEN", expires_in=-1)
    person(office, "ENDS TODAY", expires_in=-30, address_until=TODAY)
    person(office, "LONG GONE", expires_in=-90, address_until=TODAY - timedelta(days=1))
    person(office, "NO ADDRESS", expires_in=-5, address_until=None)
    person(office, "EXPIRES TODAY", expires_in=0)
    renewed = person(office, "RENEWED", expires_in=-10)
    Permit.objects.create(person=renewed, kind=PermitKind.ITAS, state=FactState.ACCEPTED,
                          expires_on=TODAY + timedelta(days=200))
    services.person_refresh(renewed)
    assert names(watch.expired(officer)) == ["OPEN", "ENDS TODAY"]
    assert names(watch.expired(officer, today=TODAY + timedelta(days=1))) == [
        "EXPIRES TODAY", "OPEN"]


@pytest.mark.django_db
def test_each_office_watches_its_own_register_and_partner_agencies_none(
        office, officer, malang_officer, other_office, polres_member, admin_user):
    person(office, "KEDIRI SOON", expires_in=3)
    person(office, "KEDIRI OVER", expires_in=-3)
    person(other_office, "MALANG SOON", expires_in=4)
    assert names(watch.expiring(officer, days=90)) == ["KEDIRI SOON"]
    assert names(watch.expiring(malang_officer, days=90)) == ["MALANG SOON"]
    assert names(watch.expired(malang_officer)) == []
    assert names(watch.expiring(polres_member, days=90)) == []
    assert names(watch.expired(polres_member)) == []
    assert names(watch.expiring(admin_user, days=90)) == ["KEDIRI SOON", "MALANG SOON"]


@pytest.mark.django_db
def test_a_partner_agency_gets_404_for_the_page_and_the_exports(client, office, polres_member):
    person(office, "KEDIRI SOON", expires_in=3)
    client.force_login(polres_member)
    for name in ("people:watch", "people:watch_export_csv", "people:watch_export_xlsx"):
        assert client.get(reverse(name)).status_code == 404


# --- the page and the exports ------------------------------------------------------------------

@pytest.mark.django_db
def test_the_page_shows_the_chosen_list_and_falls_back_to_30_days(english, office, officer,
                                                                  malang_officer, other_office):
    person(office, "SOON", expires_in=20)
    person(office, "LATER", expires_in=75)
    person(office, "OVER", expires_in=-2)
    person(other_office, "MALANG", expires_in=20)
    english.force_login(officer)
    page = english.get(WATCH).content.decode()
    assert "SOON" in page and "LATER" not in page and "MALANG" not in page
    assert "in 20 days" in page
    assert "LATER" in english.get(WATCH, {"list": "90"}).content.decode()
    overstays = english.get(WATCH, {"list": "expired"}).content.decode()
    assert "OVER" in overstays and "2 days ago" in overstays and "SOON" not in overstays
    assert "SOON" in english.get(WATCH, {"list": "bogus"}).content.decode()


@pytest.mark.django_db
def test_the_page_is_paged_by_expiry_with_a_cursor(client, office, officer):
    for n in range(30):
        person(office, f"P{n:02d}", expires_in=n % 10)
    client.force_login(officer)
    first = client.get(WATCH)
    shown = [permit.person.full_name for permit, _left, _ago in first.context["rows"]]
    assert len(shown) == 25 and first.context["page"].count == 30
    second = client.get(WATCH, {"after": first.context["page"].next_cursor})
    rest = [permit.person.full_name for permit, _left, _ago in second.context["rows"]]
    assert len(rest) == 5 and not set(shown) & set(rest)
    expiries = [permit.expires_on for page in (first, second)
                for permit, _left, _ago in page.context["rows"]]
    assert expiries == sorted(expiries)


@pytest.mark.django_db
def test_the_page_costs_the_same_queries_for_two_people_or_twenty(client, office, officer):
    client.force_login(officer)
    for n in range(2):
        person(office, f"FEW {n}", expires_in=n, passport=f"A{n:07d}")
    person(office, "OVER", expires_in=-1)
    few = {name: page_queries(client, f"{WATCH}?list={name}") for name in ("30", "expired")}
    for n in range(18):
        person(office, f"MORE {n}", expires_in=n, passport=f"B{n:07d}")
        person(office, f"MORE OVER {n}", expires_in=-n - 1)
    assert {name: page_queries(client, f"{WATCH}?list={name}")
            for name in ("30", "expired")} == few


@pytest.mark.django_db
def test_exports_hold_the_list_and_are_audited_with_their_row_count(client, office, officer,
                                                                    other_office):
    for days in (1, 15, 45):
        person(office, f"SOON {days}", expires_in=days, passport=f"X{days:07d}")
    person(office, "OVER", expires_in=-1)
    person(other_office, "MALANG", expires_in=1)
    client.force_login(officer)
    response = client.get(reverse("people:watch_export_csv"), {"list": "30"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows) == 1 + 2
    assert [row[1] for row in rows[1:]] == ["SOON 1", "SOON 15"]
    assert rows[1][3] == "X0000001" and rows[1][8] == "1"
    sheet = load_workbook(io.BytesIO(client.get(reverse("people:watch_export_xlsx"),
                                                {"list": "expired"}).content)).active
    table = list(sheet.values)
    assert len(table) == 2 and table[1][1] == "OVER" and table[1][8] == -1
    exported = AuditEvent.objects.filter(action="export").order_by("occurred_at", "id")
    assert [event.detail["rows"] for event in exported] == [2, 1]


# --- the dashboard -----------------------------------------------------------------------------

def panel_for(user) -> str:
    """The panel in English, whatever language an earlier test left active."""
    request = RequestFactory().get("/")
    request.user = user
    with translation.override("en"):
        return watch.permits_panel(request)


@pytest.mark.django_db
def test_the_dashboard_panel_lists_the_30_days_and_counts_the_overstays(
        office, officer, polres_member):
    person(office, "SOON", expires_in=5)
    person(office, "LATER", expires_in=45)
    for n in range(3):
        person(office, f"OVER {n}", expires_in=-n - 1)
    panel = panel_for(officer)
    assert "SOON" in panel and "LATER" not in panel and "OVER" not in panel
    assert f"{WATCH}?list=expired" in panel
    assert panel_for(polres_member) == ""


@pytest.mark.django_db
def test_the_dashboard_panel_costs_the_same_queries_however_long_the_list(office, officer):
    person(office, "SOON", expires_in=5)
    panel_for(officer)
    with CaptureQueriesContext(connection) as few:
        panel_for(officer)
    for n in range(12):
        person(office, f"MORE {n}", expires_in=n)
    with CaptureQueriesContext(connection) as many:
        assert "13 people of the register" in panel_for(officer)
    assert len(many) == len(few)


@pytest.mark.django_db
def test_the_dashboard_shows_the_panel_to_office_staff_only(english, office, officer,
                                                            polres_member):
    person(office, "SOON", expires_in=5)
    english.force_login(officer)
    assert "Stay permits expiring within 30 days" in english.get("/").content.decode()
    english.force_login(polres_member)
    assert "Stay permits expiring within 30 days" not in english.get("/").content.decode()


# --- the daily notice --------------------------------------------------------------------------

def watch_messages():
    return OutboxMessage.objects.filter(kind=OutboxMessage.Kind.PERMIT_WATCH)


def contexts(**filters) -> list[dict]:
    """The contexts of the watch messages, oldest first (read in Python: SQLite's JSON lookups
    turn "30" into 30)."""
    return [message.context for message in
            watch_messages().filter(**filters).order_by("created_at", "id")]


@pytest.mark.django_db
def test_staff_hear_once_of_each_person_entering_a_list_however_often_it_runs(
        office, officer, supervisor, polres_member, other_office, malang_officer):
    person(office, "CROSSES 90 TODAY", expires_in=90)
    person(office, "CROSSES 60 TODAY", expires_in=60)
    person(office, "ADDED WITH 10 DAYS", expires_in=10, known_since=timezone.now())
    person(office, "EXPIRED YESTERDAY", expires_in=-1)
    person(office, "IN 30 FOR WEEKS", expires_in=10)
    person(office, "EXPIRED LONG AGO", expires_in=-40)
    person(other_office, "MALANG 30", expires_in=30)
    assert tasks.watch_notify.delay().get() == 2 * 4 + 1
    assert watch.watch_notify() == 0
    assert tasks.watch_notify.delay().get() == 0
    by_list = {context["list"]: context for context in contexts(recipient=officer)}
    assert sorted(by_list) == ["30", "60", "90", "expired"]
    assert by_list["30"] == {"list": "30", "days": 30, "count": 2}
    assert by_list["expired"] == {"list": "expired", "days": None, "count": 2}
    assert len(contexts(recipient=supervisor)) == 4
    assert contexts(recipient=malang_officer) == [{"list": "30", "days": 30, "count": 1}]
    assert contexts(recipient=polres_member) == []
    assert {message.link for message in watch_messages().filter(recipient=officer)} == {
        f"{WATCH}?list={name}" for name in ("30", "60", "90", "expired")}


@pytest.mark.django_db
def test_moving_to_a_narrower_list_is_news_again_and_a_missed_day_is_caught_up(
        office, officer):
    person(office, "CROSSES 60 TODAY", expires_in=60)
    assert watch.watch_notify() == 1
    # The daily runs of the next four weeks were lost; the person crossed into 30 days two days
    # before the next run, which still announces it, once.
    later = TODAY + timedelta(days=32)
    assert watch.watch_notify(today=later) == 1
    assert watch.watch_notify(today=later + timedelta(days=1)) == 0
    assert [context["list"] for context in contexts()] == ["60", "30"]
    # Expired since the day before: a possible overstay, with its address still open.
    assert watch.watch_notify(today=TODAY + timedelta(days=61)) == 1
    assert [context["list"] for context in contexts()] == ["60", "30", "expired"]


@pytest.mark.django_db
def test_the_notice_names_the_list_and_its_size_but_nobody_in_it(
        office, officer, mailoutbox, django_capture_on_commit_callbacks):
    profile = officer.profile
    profile.language = "en"
    profile.save()
    person(office, "ZHANG WEI", expires_in=30, passport="E12345678")
    with django_capture_on_commit_callbacks(execute=True):
        assert watch.watch_notify() == 1
    [mail] = mailoutbox
    html = mail.alternatives[0][0]
    assert "expires within 30 days" in mail.subject
    assert "expiring within 30 days" in mail.body and "holds 1 person" in mail.body
    assert f"{WATCH}?list=30" in mail.body
    for secret in ("ZHANG", "WEI", "E12345678", "2CZHANG"):
        assert secret not in mail.subject and secret not in mail.body and secret not in html


@pytest.mark.django_db
def test_staff_can_mute_the_notice_by_e_mail_and_still_see_it_in_the_app(office, officer):
    profile = officer.profile
    profile.email_muted_kinds = [OutboxMessage.Kind.PERMIT_WATCH]
    profile.save()
    person(office, "SOON", expires_in=30)
    watch.watch_notify()
    assert watch_messages().get().status == OutboxMessage.Status.IN_APP_ONLY


@pytest.mark.django_db
def test_the_notice_is_scheduled_every_morning_at_six_office_time():
    schedule = PeriodicTask.objects.get(task="people.tasks.watch_notify")
    crontab = schedule.crontab
    assert schedule.enabled
    assert (crontab.hour, crontab.minute, str(crontab.timezone)) == ("6", "0", settings.TIME_ZONE)

