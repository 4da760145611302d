"""Factories of teams, meetings and their parts, on top of tests/factories.py."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from meetings.models import (
    AgendaItem,
    Attendee,
    FollowUpAction,
    Meeting,
    Minutes,
    Team,
    TeamMembership,
)
from tests.factories import ImmigrationOfficeFactory, UserFactory
from villages.models import Region

WIB = ZoneInfo("Asia/Jakarta")


def region(code: str, name: str, level: int, parent=None) -> Region:
    found, _created = Region.objects.get_or_create(
        code=code, defaults={"name": name, "level": level, "parent": parent}
    )
    return found


def kediri_regions() -> dict[str, Region]:
    province = region("35", "Jawa Timur", 1)
    regency = region("35.06", "Kabupaten Kediri", 2, province)
    district = region("35.06.03", "Kras", 3, regency)
    village = region("35.06.03.2016", "Jambean", 4, district)
    return {"province": province, "regency": regency, "district": district, "village": village}


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ["name"]

    name = "TIMPORA Kabupaten Kediri"
    level = Team.Level.REGENCY
    area = factory.LazyFunction(lambda: kediri_regions()["regency"])
    chair_agency = factory.SubFactory(ImmigrationOfficeFactory)


def add_members(team: Team, *agencies, active: bool = True) -> None:
    for agency in agencies:
        TeamMembership.objects.update_or_create(
            team=team, agency=agency,
            defaults={"is_active": active, "decree_number": "SK-1/2024"},
        )


def at(days: int = 7, hour: int = 9) -> datetime:
    """A time `days` from today at `hour` o'clock WIB."""
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, tzinfo=WIB)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    team = factory.SubFactory(TeamFactory)
    title = factory.Sequence(lambda n: f"Rapat koordinasi TIMPORA {n}")
    kind = Meeting.Kind.COORDINATION
    starts_at = factory.LazyFunction(lambda: at(7, 9))
    ends_at = factory.LazyAttribute(lambda meeting: meeting.starts_at + timedelta(hours=3))
    venue = "Aula Kantor Imigrasi Kediri"
    status = Meeting.Status.SCHEDULED
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def invited(meeting, create, extracted, **kwargs):
        if create and extracted:
            meeting.invited_agencies.set(extracted)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Agenda item {n}")


class AttendeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendee

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Faker("name")
    position = "Kasat Intelkam"


class MinutesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Minutes

    meeting = factory.SubFactory(MeetingFactory, status=Meeting.Status.HELD)
    summary = "Rapat membahas pengawasan orang asing di wilayah Kabupaten Kediri."
    updated_by = factory.SelfAttribute("meeting.created_by")


class FollowUpActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpAction

    meeting = factory.SubFactory(MeetingFactory, status=Meeting.Status.MINUTES_PUBLISHED)
    description = factory.Sequence(lambda n: f"Follow-up action {n}")
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
    created_by = factory.SelfAttribute("meeting.created_by")
