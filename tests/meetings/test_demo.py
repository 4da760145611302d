from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.serializers import serialize
from django.utils import timezone

from meetings.demo import JAMBEAN_TITLE, UPCOMING_TITLE, next_meeting_day
from meetings.models import (
    ActionUpdate,
    AgendaItem,
    Attendee,
    FollowUpAction,
    Meeting,
    Minutes,
    Team,
    TeamMembership,
)

MODELS = [Team, TeamMembership, Meeting, AgendaItem, Attendee, Minutes, FollowUpAction,
          ActionUpdate]


def snapshot():
    return [serialize("json", model.objects.order_by("pk")) for model in MODELS]


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")


def test_the_demo_tells_the_jambean_story(seeded):
    team = Team.objects.get(name="TIMPORA Kabupaten Kediri")
    assert team.area.code == "35.06"
    assert team.chair_agency.short_name == "Kanim Kediri"
    assert team.memberships.filter(agency__short_name="Polres Kediri", is_active=True).exists()
    meeting = Meeting.objects.get(title=JAMBEAN_TITLE)
    start = timezone.localtime(meeting.starts_at)
    assert (start.year, start.month, start.day, start.hour, start.strftime("%A")) == (
        2024, 6, 20, 9, "Thursday")
    assert timezone.localtime(meeting.ends_at).hour == 12
    assert meeting.village.code == "35.06.03.2016"
    assert meeting.status == Meeting.Status.MINUTES_PUBLISHED
    assert meeting.minutes.is_published
    assert meeting.agenda_items.count() >= 3
    assert meeting.attendees.filter(agency__short_name="Polres Kediri", presence="present")
    today = timezone.localdate()
    assert meeting.actions.filter(status=FollowUpAction.Status.DONE).count() >= 2
    overdue = FollowUpAction.objects.filter(meeting=meeting).overdue(today)
    assert [action.agency.short_name for action in overdue] == ["Polres Kediri"]
    upcoming = Meeting.objects.get(title=UPCOMING_TITLE)
    assert upcoming.status == Meeting.Status.SCHEDULED
    assert upcoming.starts_at > timezone.now()


def test_the_demo_is_the_same_after_a_second_run(seeded):
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first


def test_the_upcoming_meeting_avoids_holidays_and_falls_on_a_thursday():
    # 13 August 2026 is a Thursday two weeks after 30 July; 17 August is a holiday nearby.
    day = next_meeting_day(date(2026, 7, 30))
    assert day == date(2026, 8, 13)
    assert day.weekday() == 3
    # Two weeks after 2026-05-14 is 28 May (collective leave for Iduladha): the next Thursday.
    assert next_meeting_day(date(2026, 5, 14)) == date(2026, 6, 4)


@pytest.mark.pdf
def test_the_demo_polres_user_sees_the_minutes_and_its_overdue_action(seeded, client):
    client.force_login(get_user_model().objects.get(username="polres"))
    meeting = Meeting.objects.get(title=JAMBEAN_TITLE)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Balai Desa Jambean" in page and "Agus Prasetyo" in page
    actions = client.get("/meetings/actions/").content.decode()
    assert "Pendataan bersama orang asing" in actions
    assert "Lewat tenggat" in actions
    assert client.get(f"/meetings/{meeting.code}/minutes.pdf").status_code == 200
