"""The iCalendar file of a meeting and the personal feed, parsed back with icalendar."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings import services
from meetings.models import Meeting
from tests.meetings.factories import at


def events(response):
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content).walk("VEVENT")


@pytest.mark.django_db
def test_the_ics_of_a_meeting_round_trips(client, make_meeting, officer):
    meeting = make_meeting(title="Rapat koordinasi triwulan", venue="Aula Kanim")
    client.force_login(officer)
    [event] = events(client.get(reverse("meetings:ics", args=[meeting.code])))
    assert str(event["uid"]) == f"meeting-{meeting.code}@timpora"
    assert str(event["summary"]) == "Rapat koordinasi triwulan"
    assert event.decoded("dtstart") == meeting.starts_at
    assert event.decoded("dtstart").utcoffset() == timedelta(hours=7)  # WIB, not floating
    assert event.decoded("dtend") == meeting.ends_at
    assert int(event["sequence"]) == 0
    assert str(event["status"]) == "CONFIRMED"
    assert meeting.code in str(event["url"])


@pytest.mark.django_db
def test_reschedule_keeps_the_uid_and_raises_the_sequence_and_cancel_says_so(
    client, make_meeting, officer
):
    meeting = make_meeting()
    url = reverse("meetings:ics", args=[meeting.code])
    client.force_login(officer)
    [before] = events(client.get(url))
    services.meeting_reschedule(meeting=meeting, by=officer, starts_at=at(8, 10),
                                ends_at=at(8, 11))
    [after] = events(client.get(url))
    assert after["uid"] == before["uid"]
    assert int(after["sequence"]) == 1
    assert after.decoded("dtstart") == at(8, 10)
    services.meeting_cancel(meeting=Meeting.objects.get(pk=meeting.pk), by=officer,
                            reason="Banjir")
    [cancelled] = events(client.get(url))
    assert str(cancelled["status"]) == "CANCELLED"
    assert int(cancelled["sequence"]) == 2


@pytest.mark.django_db
def test_the_personal_feed_holds_what_the_user_may_see(client, make_meeting, polres_member,
                                                       manpower):
    mine = make_meeting(title="Diundang")
    make_meeting(title="Masih draf", status=Meeting.Status.DRAFT)
    other_team_invitation = make_meeting(title="Hanya Disnaker", invited=[manpower])
    other_team_invitation.team.memberships.all().update(is_active=False)
    token = services.calendar_token_issue(user=polres_member)
    client.logout()  # calendar apps do not sign in
    url = reverse("meetings:calendar_feed", args=[token])
    titles = {str(event["summary"]) for event in events(client.get(url))}
    assert titles == {mine.title}


@pytest.mark.django_db
def test_unknown_and_revoked_tokens_answer_404(client, polres_member):
    assert client.get(reverse("meetings:calendar_feed", args=["no-such-token"])).status_code == 404
    token = services.calendar_token_issue(user=polres_member)
    url = reverse("meetings:calendar_feed", args=[token])
    assert client.get(url).status_code == 200
    services.calendar_token_revoke(user=polres_member)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_deactivated_account_loses_its_feed(client, polres_member):
    token = services.calendar_token_issue(user=polres_member)
    polres_member.is_active = False
    polres_member.save()
    assert client.get(reverse("meetings:calendar_feed", args=[token])).status_code == 404


@pytest.mark.django_db
def test_the_calendar_page_shows_the_secret_once(client, polres_member):
    client.force_login(polres_member)
    url = reverse("meetings:calendar_settings")
    response = client.post(url, {"action": "issue"})
    page = response.content.decode()
    stored = polres_member.calendar_tokens.get()
    assert "/meetings/feed/" in page
    feed_path = page.split("/meetings/feed/")[1].split(".ics")[0]
    assert services.hash_feed_token(feed_path) == stored.token_hash
    assert "/meetings/feed/" not in client.get(url).content.decode()
    client.post(url, {"action": "revoke"})
    stored.refresh_from_db()
    assert stored.revoked_at is not None and stored.revoked_at <= timezone.now()
