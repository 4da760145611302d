import pytest
from django.urls import reverse

from tests.meetings.factories import AgendaItemFactory, AttendeeFactory, FollowUpActionFactory, MinutesFactory, at
from timpora.models import Meeting


@pytest.mark.django_db
def test_pages_render(client, make_meeting, officer, supervisor, polres_member, police):
    meeting = make_meeting(status=Meeting.Status.MINUTES_PUBLISHED, starts_at=at(-3))
    AgendaItemFactory(meeting=meeting)
    AttendeeFactory(meeting=meeting, agency=police)
    MinutesFactory(meeting=meeting, published_by=supervisor, published_at=meeting.starts_at)
    FollowUpActionFactory(meeting=meeting, agency=police)
    for user in (officer, supervisor, polres_member):
        client.force_login(user)
        for name in ("meetings:list", "meetings:my_actions", "meetings:calendar_settings"):
            assert client.get(reverse(name)).status_code == 200, name
        for name in ("detail", "minutes_print", "minutes_pdf", "ics"):
            response = client.get(reverse(f"meetings:{name}", args=[meeting.code]))
            assert response.status_code == 200, (user, name)
    client.force_login(officer)
    assert client.get(reverse("meetings:create")).status_code == 200
    for name in ("agenda", "attendance", "signin_sheet", "actions"):
        assert client.get(reverse(f"meetings:{name}", args=[meeting.code])).status_code == 200, name
