"""The meeting page lists the open actions of earlier meetings up to a limit, with a note."""

import pytest

from meetings.models import Meeting
from meetings.selectors import CARRIED_OVER_LIMIT
from tests.conftest import page_queries
from tests.meetings.factories import FollowUpActionFactory, at

pytestmark = pytest.mark.django_db

NOTE = "Hanya 20 tindak lanjut"


def test_earlier_open_actions_are_capped_with_a_note(client, make_meeting, police, officer):
    meeting = make_meeting(status=Meeting.Status.SCHEDULED, starts_at=at(2))
    earlier = make_meeting(status=Meeting.Status.MINUTES_PUBLISHED, starts_at=at(-30))
    client.force_login(officer)
    FollowUpActionFactory.create_batch(3, meeting=earlier, agency=police)
    few = page_queries(client, meeting.get_absolute_url())
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert page.count(earlier.get_absolute_url()) == 3 and NOTE not in page

    FollowUpActionFactory.create_batch(CARRIED_OVER_LIMIT + 10, meeting=earlier, agency=police)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert page.count(earlier.get_absolute_url()) == CARRIED_OVER_LIMIT
    assert NOTE in page
    assert page_queries(client, meeting.get_absolute_url()) == few
