import pytest

from meetings.models import Meeting
from tests.meetings.factories import MeetingFactory, TeamFactory, add_members, kediri_regions


@pytest.fixture
def regions(db):
    return kediri_regions()


@pytest.fixture
def team(office, police, regions):
    """The Kediri team; Polres is an active member, Disnaker is not a member."""
    team = TeamFactory(chair_agency=office, area=regions["regency"])
    add_members(team, police)
    return team


@pytest.fixture
def make_meeting(team, officer, police):
    def make(status=Meeting.Status.SCHEDULED, invited=None, **fields):
        return MeetingFactory(
            team=team, status=status, created_by=officer,
            invited=[police] if invited is None else invited, **fields,
        )

    return make
