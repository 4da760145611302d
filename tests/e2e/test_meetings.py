"""A meeting's journey in a real browser: the officer schedules it and records attendance,
minutes and an action; the supervisor publishes the minutes; the Polres member reads them and
marks the action done."""

from datetime import timedelta

import pytest
from django.utils import timezone

from meetings.models import FollowUpAction, Meeting
from tests.e2e.conftest import assert_accessible, screenshot, sign_in
from tests.meetings.factories import (
    AttendeeFactory,
    MeetingFactory,
    MinutesFactory,
    TeamFactory,
    add_members,
    at,
    kediri_regions,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def team(office, police, manpower):
    team = TeamFactory(chair_agency=office, area=kediri_regions()["regency"])
    add_members(team, police, manpower)
    return team


def switch_user(page, username):
    page.context.clear_cookies()
    sign_in(page, username)


def click(page, name):
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
def test_a_meeting_from_schedule_to_done_action(page, team, officer, supervisor, polres_member):
    now = timezone.localtime()
    sign_in(page, "officer")
    page.goto(page.base_url + "/meetings/")
    assert_accessible(page)
    page.get_by_role("link", name="Rapat baru").click()
    page.select_option("select[name=team]", label=team.name)
    page.fill("input[name=title]", "Rapat koordinasi TIMPORA Kras")
    page.fill("input[name=starts_at]", (now - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("input[name=ends_at]", (now + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("input[name=venue]", "Balai Desa Jambean")
    assert_accessible(page)
    click(page, "Simpan")
    assert page.get_by_text("Rapat disimpan sebagai draf.").is_visible()
    meeting = Meeting.objects.get()
    assert page.url.endswith(f"/meetings/{meeting.code}/")

    click(page, "Jadwalkan dan undang")
    click(page, "Tandai sudah dilaksanakan")
    page.get_by_role("link", name="Catat kehadiran").click()
    page.select_option("select[name=attendees-0-agency]", label="Polres Kediri")
    page.fill("input[name=attendees-0-name]", "Agus Prasetyo")
    page.fill("input[name=attendees-0-position]", "Kasat Intelkam")
    assert_accessible(page)
    click(page, "Simpan")
    assert page.get_by_text("Daftar hadir disimpan.").is_visible()

    page.get_by_role("link", name="Tulis notulen").click()
    page.fill("textarea[name=minutes-summary]", "Pendataan orang asing di Kecamatan Kras.")
    page.fill("textarea[name=minutes-decisions]", "1. Polres Kediri memimpin pendataan.")
    assert_accessible(page)
    click(page, "Simpan notulen")

    page.get_by_role("link", name="Tindak lanjut", exact=True).click()
    page.fill("textarea[name=actions-0-description]", "Mendata orang asing di Kecamatan Kras")
    page.select_option("select[name=actions-0-agency]", label="Polres Kediri")
    page.fill("input[name=actions-0-due_date]",
              (timezone.localdate() + timedelta(days=14)).isoformat())
    click(page, "Simpan")
    assert page.get_by_text("Tindak lanjut disimpan.").is_visible()
    assert_accessible(page)
    screenshot(page, "meeting-held-officer")

    switch_user(page, "supervisor")
    page.goto(page.base_url + meeting.get_absolute_url())
    click(page, "Terbitkan notulen")
    assert page.get_by_text("Notulen telah terbit").is_visible()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_PUBLISHED

    switch_user(page, "polres")
    page.goto(page.base_url + meeting.get_absolute_url())
    assert page.get_by_text("Pendataan orang asing di Kecamatan Kras.").is_visible()
    assert page.get_by_role("cell", name="Kasat Intelkam").is_visible()
    assert_accessible(page)
    screenshot(page, "meeting-published-polres")
    page.get_by_role("link", name="Perbarui").first.click()
    page.select_option("select[name=status]", "done")
    page.fill("textarea[name=note]", "Pendataan selesai: 4 orang asing terdata.")
    assert_accessible(page)
    click(page, "Simpan perkembangan")
    assert page.get_by_text("Perkembangan tindak lanjut dicatat.").is_visible()
    assert FollowUpAction.objects.get().status == FollowUpAction.Status.DONE

    page.goto(page.base_url + "/meetings/actions/")
    row = page.get_by_role("row", name="Mendata orang asing di Kecamatan Kras")
    assert row.get_by_role("cell", name="Selesai").is_visible()
    assert_accessible(page)
    screenshot(page, "meeting-action-done-polres")


@pytest.mark.django_db(transaction=True)
def test_the_other_meeting_pages_are_accessible(page, team, officer, supervisor, police):
    upcoming = MeetingFactory(team=team, created_by=officer, invited=[police])
    held = MeetingFactory(team=team, created_by=officer, invited=[police],
                          status=Meeting.Status.MINUTES_PUBLISHED, starts_at=at(-7))
    AttendeeFactory(meeting=held, agency=police, name="Agus Prasetyo")
    MinutesFactory(meeting=held, published_by=supervisor, published_at=held.starts_at)
    sign_in(page, "officer")
    for path in (f"/meetings/{upcoming.code}/reschedule/", f"/meetings/{upcoming.code}/cancel/",
                 f"/meetings/{upcoming.code}/agenda/", f"/meetings/{upcoming.code}/edit/",
                 f"/meetings/{upcoming.code}/attendance/sheet/",
                 f"/meetings/{held.code}/minutes/print/", "/meetings/?when=past",
                 "/meetings/calendar/"):
        page.goto(page.base_url + path)
        assert_accessible(page)
    click(page, "Buat tautan kalender baru")
    assert "/meetings/feed/" in page.locator("#feed-url").input_value()
    assert_accessible(page)
