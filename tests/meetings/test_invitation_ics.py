"""The invitation file attached to a meeting's e-mails (RFC 5545 / iTIP RFC 5546): METHOD,
ORGANIZER, the invitee as ATTENDEE, a SEQUENCE raised by each change, a stable UID, DTSTAMP,
folded lines and escaped text; parsed back with icalendar."""

from datetime import timedelta

import icalendar
import pytest
from django.urls import reverse

from meetings import services
from meetings.calendar import meeting_uid
from meetings.models import Meeting
from notifications.models import OutboxMessage
from tests.meetings.factories import MeetingFactory, TeamFactory, add_members

Kind = OutboxMessage.Kind
TITLE = ("Rapat koordinasi; pengawasan WNA, tenaga kerja asing dan orang asing di wilayah "
         "Kabupaten Kediri\\triwulan III")


@pytest.fixture
def meeting(officer, supervisor, police, polres_member, settings):
    settings.DEFAULT_FROM_EMAIL = "Kantor Imigrasi Kediri <timpora@kanim-kediri.go.id>"
    polres_member.first_name, polres_member.last_name = "Agus", "Polres"
    polres_member.email = "agus@polres.example.go.id"
    polres_member.save()
    supervisor.email = "supervisor@kanim-kediri.go.id"
    supervisor.save()
    team = TeamFactory(name="TIMPORA Kabupaten Kediri")
    add_members(team, police)
    return MeetingFactory(team=team, status=Meeting.Status.DRAFT, created_by=officer,
                          chair=supervisor, invited=[police], title=TITLE)


def invitation(kind, user):
    message = OutboxMessage.objects.get(kind=kind, recipient=user)
    calendar = icalendar.Calendar.from_ical(message.attachment_content)
    [event] = calendar.walk("VEVENT")
    return message, calendar, event


def addresses(event, name) -> list[str]:
    values = event.get(name, [])
    return [str(value) for value in (values if isinstance(values, list) else [values])]


@pytest.mark.django_db
def test_the_invitation_asks_the_invitee_to_answer_the_office(meeting, officer, polres_member,
                                                              supervisor):
    services.meeting_schedule(meeting=meeting, by=officer)
    message, calendar, event = invitation(Kind.MEETING_INVITATION, polres_member)
    assert str(calendar["method"]) == "REQUEST"
    assert "method=REQUEST" in message.attachment_type
    organizer = event["organizer"]
    assert str(organizer) == "mailto:timpora@kanim-kediri.go.id"
    assert str(organizer.params["cn"]) == "TIMPORA Kabupaten Kediri"
    # The file is the invitee's own: it names them, and nobody else on the list.
    assert addresses(event, "attendee") == ["mailto:agus@polres.example.go.id"]
    attendee = event["attendee"]
    assert str(attendee.params["cn"]) == "Agus Polres"
    assert (str(attendee.params["partstat"]), str(attendee.params["rsvp"])) == (
        "NEEDS-ACTION", "TRUE")
    assert str(event["uid"]) == meeting_uid(meeting)
    assert int(event["sequence"]) == 0
    assert event.decoded("dtstamp") is not None
    _message, _calendar, chairs = invitation(Kind.MEETING_INVITATION, supervisor)
    assert addresses(chairs, "attendee") == ["mailto:supervisor@kanim-kediri.go.id"]


@pytest.mark.django_db
def test_the_text_is_escaped_and_the_lines_folded(meeting, officer, polres_member):
    services.meeting_schedule(meeting=meeting, by=officer)
    message, _calendar, event = invitation(Kind.MEETING_INVITATION, polres_member)
    assert str(event["summary"]) == TITLE
    raw = message.attachment_content
    assert "SUMMARY:Rapat koordinasi\\; pengawasan WNA\\, tenaga" in raw
    assert "\\\\triwulan" in raw.replace("\r\n ", "")  # a backslash is written twice
    lines = raw.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert any(line.startswith(" ") for line in lines)  # the long summary is folded


@pytest.mark.django_db
def test_a_change_raises_the_sequence_and_a_cancellation_is_a_cancel(meeting, officer,
                                                                    polres_member):
    services.meeting_schedule(meeting=meeting, by=officer)
    _m, _c, first = invitation(Kind.MEETING_INVITATION, polres_member)
    services.meeting_reschedule(meeting=meeting, by=officer,
                                starts_at=meeting.starts_at + timedelta(days=1),
                                ends_at=meeting.ends_at + timedelta(days=1))
    _m, calendar, moved = invitation(Kind.MEETING_UPDATED, polres_member)
    assert str(calendar["method"]) == "REQUEST"
    assert moved["uid"] == first["uid"]
    assert int(moved["sequence"]) == int(first["sequence"]) + 1
    services.meeting_cancel(meeting=Meeting.objects.get(pk=meeting.pk), by=officer,
                            reason="Banjir")
    message, calendar, cancelled = invitation(Kind.MEETING_CANCELLED, polres_member)
    assert str(calendar["method"]) == "CANCEL"
    assert "method=CANCEL" in message.attachment_type
    assert str(cancelled["status"]) == "CANCELLED"
    assert int(cancelled["sequence"]) == int(moved["sequence"]) + 1
    assert cancelled["uid"] == first["uid"]
    assert addresses(cancelled, "attendee") == ["mailto:agus@polres.example.go.id"]
    assert "rsvp" not in cancelled["attendee"].params


@pytest.mark.django_db
def test_the_downloaded_calendar_is_published_not_an_invitation(client, meeting, officer):
    services.meeting_schedule(meeting=meeting, by=officer)
    client.force_login(officer)
    response = client.get(reverse("meetings:ics", args=[meeting.code]))
    calendar = icalendar.Calendar.from_ical(response.content)
    assert "method" not in calendar
    assert "attendee" not in calendar.walk("VEVENT")[0]
