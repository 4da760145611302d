"""The meeting pages: forms keep input and say what is wrong (in Indonesian, the default),
state changes only on POST, lists run a constant number of queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import FollowUpAction, Meeting
from meetings.panels import meeting_page_panels
from tests.conftest import page_queries
from tests.meetings.factories import (
    AttendeeFactory,
    FollowUpActionFactory,
    MeetingFactory,
    MinutesFactory,
    at,
)


def meeting_form(team, **overrides):
    data = {"team": team.pk, "title": "Rapat koordinasi TIMPORA", "kind": "coordination",
            "starts_at": "2030-03-14T09:00", "ends_at": "2030-03-14T12:00",
            "venue": "Aula Kanim Kediri"}
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_officer_creates_a_draft_meeting(client, officer, team, police):
    client.force_login(officer)
    response = client.post(reverse("meetings:create"), meeting_form(team))
    meeting = Meeting.objects.get()
    assert response.url == meeting.get_absolute_url()
    assert meeting.status == Meeting.Status.DRAFT
    assert list(meeting.invited_agencies.all()) == [police]
    assert timezone.localtime(meeting.starts_at).hour == 9


@pytest.mark.django_db
def test_end_before_start_is_refused_at_the_field_and_input_kept(client, officer, team):
    client.force_login(officer)
    response = client.post(reverse("meetings:create"),
                           meeting_form(team, ends_at="2030-03-14T08:00"))
    assert response.status_code == 200
    assert response.context["form"].errors["ends_at"] == ["Rapat harus berakhir setelah dimulai."]
    assert 'value="Aula Kanim Kediri"' in response.content.decode()
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_minute_taker_from_outside_the_office_is_refused(client, officer, team, polres_member):
    client.force_login(officer)
    response = client.post(reverse("meetings:create"),
                           meeting_form(team, minute_taker=polres_member.pk))
    assert response.context["form"].errors["minute_taker"] == [
        "Notulis harus pegawai kantor imigrasi."]
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_scheduling_on_a_public_holiday_warns(client, officer, team):
    client.force_login(officer)
    client.post(reverse("meetings:create"), meeting_form(
        team, starts_at="2026-08-17T09:00", ends_at="2026-08-17T11:00"))
    meeting = Meeting.objects.get()
    response = client.post(reverse("meetings:schedule", args=[meeting.code]), follow=True)
    text = response.content.decode()
    assert "Proklamasi Kemerdekaan" in text


@pytest.mark.django_db
def test_state_changes_refuse_get(client, officer, make_meeting):
    meeting = make_meeting(status=Meeting.Status.DRAFT)
    client.force_login(officer)
    assert client.get(reverse("meetings:schedule", args=[meeting.code])).status_code == 405
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT


@pytest.mark.django_db
def test_second_publish_is_refused_with_a_message(client, supervisor, make_meeting):
    meeting = make_meeting(status=Meeting.Status.HELD, starts_at=at(-1))
    MinutesFactory(meeting=meeting)
    client.force_login(supervisor)
    url = reverse("meetings:publish", args=[meeting.code])
    client.post(url)
    response = client.post(url, follow=True)
    assert "Notulen ini sudah diterbitkan." in response.content.decode()


@pytest.mark.django_db
def test_officer_cannot_edit_published_minutes(client, officer, supervisor, make_meeting):
    meeting = make_meeting(status=Meeting.Status.MINUTES_PUBLISHED, starts_at=at(-1))
    MinutesFactory(meeting=meeting, summary="Asli", published_by=supervisor,
                   published_at=timezone.now())
    client.force_login(officer)
    response = client.post(reverse("meetings:minutes", args=[meeting.code]),
                           {"minutes-summary": "Diubah", "items-TOTAL_FORMS": "0",
                            "items-INITIAL_FORMS": "0"}, follow=True)
    assert "terkunci" in response.content.decode()
    meeting.minutes.refresh_from_db()
    assert meeting.minutes.summary == "Asli"


@pytest.mark.django_db
def test_actions_form_refuses_a_missing_agency_and_a_past_due_date(client, officer,
                                                                   make_meeting, police):
    meeting = make_meeting(status=Meeting.Status.HELD, starts_at=at(-1))
    client.force_login(officer)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    data = {"actions-TOTAL_FORMS": "2", "actions-INITIAL_FORMS": "0",
            "actions-0-description": "Pendataan orang asing", "actions-0-agency": "",
            "actions-0-due_date": timezone.localdate().isoformat(),
            "actions-1-description": "Sosialisasi", "actions-1-agency": police.pk,
            "actions-1-due_date": yesterday}
    response = client.post(reverse("meetings:actions", args=[meeting.code]), data)
    forms = response.context["formset"].forms
    assert forms[0].errors["agency"] == ["Pilih instansi penanggung jawab tindak lanjut ini."]
    assert forms[1].errors["due_date"] == ["Tenggat tidak boleh di masa lalu."]
    assert "Pendataan orang asing" in response.content.decode()
    assert not FollowUpAction.objects.exists()


@pytest.mark.django_db
def test_agenda_and_attendance_formsets_save(client, officer, make_meeting, police, office):
    meeting = make_meeting()
    client.force_login(officer)
    client.post(reverse("meetings:agenda", args=[meeting.code]), {
        "agenda-TOTAL_FORMS": "2", "agenda-INITIAL_FORMS": "0",
        "agenda-0-title": "Penutup", "agenda-0-ORDER": "2",
        "agenda-1-title": "Pembukaan", "agenda-1-ORDER": "1", "agenda-1-planned_minutes": "10",
    })
    assert list(meeting.agenda_items.values_list("title", "position")) == [
        ("Pembukaan", 1), ("Penutup", 2)]
    response = client.post(reverse("meetings:attendance", args=[meeting.code]), {
        "attendees-TOTAL_FORMS": "2", "attendees-INITIAL_FORMS": "0",
        "attendees-0-agency": police.pk, "attendees-0-name": "Agus Prasetyo",
        "attendees-0-presence": "present",
        "attendees-1-agency": "", "attendees-1-name": "", "attendees-1-presence": "present",
    })
    assert response.status_code == 302
    assert list(meeting.attendees.values_list("name", flat=True)) == ["Agus Prasetyo"]


@pytest.mark.django_db
def test_attendance_refuses_an_agency_not_invited(client, officer, make_meeting, manpower):
    meeting = make_meeting()
    client.force_login(officer)
    response = client.post(reverse("meetings:attendance", args=[meeting.code]), {
        "attendees-TOTAL_FORMS": "1", "attendees-INITIAL_FORMS": "0",
        "attendees-0-agency": manpower.pk, "attendees-0-name": "Sri Handayani",
        "attendees-0-presence": "present",
    })
    assert response.context["formset"].forms[0].errors["agency"] == [
        "Pilih salah satu instansi yang diundang atau kantor imigrasi."]
    assert not meeting.attendees.exists()


@pytest.mark.django_db
def test_polres_marks_its_action_done_but_not_another_agencys(client, make_meeting, police,
                                                              manpower, polres_member):
    meeting = make_meeting(status=Meeting.Status.MINUTES_PUBLISHED, starts_at=at(-3))
    MinutesFactory(meeting=meeting, published_at=timezone.now(), published_by=meeting.created_by)
    own = FollowUpActionFactory(meeting=meeting, agency=police)
    other = FollowUpActionFactory(meeting=meeting, agency=manpower)
    client.force_login(polres_member)
    url = reverse("meetings:action_update", args=[own.code])
    response = client.post(url, {"status": "done", "note": "Selesai didata", "next": "actions"})
    assert response.url == reverse("meetings:my_actions")
    own.refresh_from_db()
    assert own.status == "done"
    assert client.post(reverse("meetings:action_update", args=[other.code]),
                       {"status": "done"}).status_code == 403
    other.refresh_from_db()
    assert other.status == "open"


@pytest.mark.django_db
def test_next_meeting_lists_open_actions_of_earlier_meetings(client, make_meeting, officer,
                                                             police):
    earlier = make_meeting(status=Meeting.Status.MINUTES_PUBLISHED, starts_at=at(-30))
    FollowUpActionFactory(meeting=earlier, agency=police, description="Pendataan WNA Kras",
                          due_date=timezone.localdate() - timedelta(days=2))
    FollowUpActionFactory(meeting=earlier, agency=police, description="Sudah beres",
                          status="done")
    upcoming = make_meeting()
    client.force_login(officer)
    page = client.get(upcoming.get_absolute_url()).content.decode()
    assert "Pendataan WNA Kras" in page and "Sudah beres" not in page
    assert "table-danger" in page  # overdue stands out




@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["officer", "polres_member"])
def test_meeting_list_runs_constant_queries(client, make_meeting, persona, request):
    client.force_login(request.getfixturevalue(persona))
    url = reverse("meetings:list")
    for _ in range(2):
        make_meeting()
    small = page_queries(client, url)
    for _ in range(38):
        make_meeting()
    # session, user, groups, profile, filter form choices (teams, agencies), count, page
    assert page_queries(client, url) == small


@pytest.mark.django_db
def test_my_actions_runs_constant_queries(client, make_meeting, police, polres_member):
    meeting = make_meeting(status=Meeting.Status.MINUTES_PUBLISHED, starts_at=at(-3))
    client.force_login(polres_member)
    url = reverse("meetings:my_actions")
    FollowUpActionFactory.create_batch(2, meeting=meeting, agency=police)
    small = page_queries(client, url)
    FollowUpActionFactory.create_batch(38, meeting=meeting, agency=police)
    assert page_queries(client, url) == small


@pytest.mark.django_db
def test_detail_runs_constant_queries(client, make_meeting, police, officer):
    meeting = make_meeting(status=Meeting.Status.HELD, starts_at=at(-1))
    MinutesFactory(meeting=meeting)
    client.force_login(officer)
    AttendeeFactory.create_batch(2, meeting=meeting, agency=police)
    FollowUpActionFactory.create_batch(2, meeting=meeting, agency=police)
    small = page_queries(client, meeting.get_absolute_url())
    AttendeeFactory.create_batch(30, meeting=meeting, agency=police)
    FollowUpActionFactory.create_batch(30, meeting=meeting, agency=police)
    MeetingFactory.create_batch(3, team=meeting.team, created_by=officer)
    assert page_queries(client, meeting.get_absolute_url()) == small


@pytest.mark.django_db
def test_the_list_filters_and_pages_keep_the_filter(client, officer, make_meeting):
    for _ in range(21):
        make_meeting()
    make_meeting(status=Meeting.Status.DRAFT, title="Draf tersembunyi")
    client.force_login(officer)
    response = client.get(reverse("meetings:list"), {"status": "scheduled"})
    page = response.content.decode()
    assert "Draf tersembunyi" not in page
    assert "status=scheduled&amp;page=2" in page
    second = client.get(reverse("meetings:list"), {"status": "scheduled", "page": 2})
    assert len(second.context["page"].object_list) == 1


def brief_panel(request, meeting):
    """A panel as another app would contribute it: safe HTML built with format_html."""
    from django.utils.html import format_html

    return format_html("<section><h2>Brief for {}</h2></section>", meeting.title)


def unsafe_panel(request, meeting):
    return "<script>alert(1)</script>"


@pytest.mark.django_db
def test_other_apps_add_panels_to_the_meeting_page(client, officer, make_meeting):
    meeting = make_meeting(title="Rapat panel")
    client.force_login(officer)
    with meeting_page_panels.replaced("tests.meetings.test_pages.brief_panel", unsafe_panel):
        page = client.get(meeting.get_absolute_url()).content.decode()
    assert "<h2>Brief for Rapat panel</h2>" in page
    assert "<script>alert(1)</script>" not in page  # plain strings are escaped
