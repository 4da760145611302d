"""Who sees which meeting URL: anonymous → outsider → members invited or not → office staff."""

import pytest
from django.urls import reverse

from accounts.models import Agency
from accounts.roles import Role
from meetings.models import Meeting
from tests.factories import AgencyFactory, make_user
from tests.meetings.factories import (
    AttendeeFactory,
    FollowUpActionFactory,
    MeetingFactory,
    MinutesFactory,
    TeamFactory,
    at,
)

READ = ["detail", "ics", "minutes_print", "minutes_pdf"]
STAFF_GET = ["edit", "reschedule", "cancel", "agenda", "attendance", "signin_sheet", "actions"]
STAFF_POST = ["schedule", "mark_held", "publish"]


def status_of(client, name, meeting, method="get"):
    return getattr(client, method)(reverse(f"meetings:{name}", args=[meeting.code])).status_code


@pytest.fixture
def published(make_meeting, supervisor, police):
    meeting = make_meeting(status=Meeting.Status.MINUTES_PUBLISHED, starts_at=at(-7))
    AttendeeFactory(meeting=meeting, agency=police, name="Agus Prasetyo")
    MinutesFactory(meeting=meeting, published_by=supervisor, published_at=meeting.starts_at,
                   summary="Ringkasan rahasia rapat")
    FollowUpActionFactory(meeting=meeting, agency=police)
    return meeting


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in_on_every_url(client, published):
    for name in READ + STAFF_GET + ["minutes"]:
        response = client.get(reverse(f"meetings:{name}", args=[published.code]))
        assert response.status_code == 302 and "/accounts/login/" in response.url, name
    for name in STAFF_POST:
        assert status_of(client, name, published, "post") == 302
    for name in ("list", "create", "my_actions", "calendar_settings"):
        assert "/accounts/login/" in client.get(reverse(f"meetings:{name}")).url


@pytest.mark.pdf
@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["officer", "supervisor"])
def test_office_staff_read_and_edit(client, published, persona, request):
    client.force_login(request.getfixturevalue(persona))
    for name in READ + STAFF_GET:
        assert status_of(client, name, published) == 200, name
    # Published minutes are locked: the officer is sent back, the supervisor may correct.
    assert status_of(client, "minutes", published) == (200 if persona == "supervisor" else 302)


@pytest.mark.pdf
@pytest.mark.django_db
def test_invited_member_reads_published_minutes_but_edits_nothing(client, published,
                                                                  polres_member):
    client.force_login(polres_member)
    for name in READ:
        assert status_of(client, name, published) == 200, name
    for name in [*STAFF_GET, "minutes"]:
        assert status_of(client, name, published) == 403, name
    for name in STAFF_POST:
        assert status_of(client, name, published, "post") == 403, name
    assert "Ringkasan rahasia rapat" in client.get(published.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_outsider_gets_404_everywhere(client, published, outsider):
    client.force_login(outsider)
    for name in [*READ, *STAFF_GET, "minutes"]:
        assert status_of(client, name, published) == 404, name
    for name in STAFF_POST:
        assert status_of(client, name, published, "post") == 404, name
    past = client.get(reverse("meetings:list") + "?when=past").content.decode()
    assert published.title not in past


@pytest.mark.django_db
def test_team_member_not_invited_sees_the_meeting_but_not_its_minutes(
    client, make_meeting, manpower, supervisor, polres_member, outsider
):
    meeting = make_meeting(status=Meeting.Status.MINUTES_PUBLISHED, starts_at=at(-7),
                           invited=[manpower])
    MinutesFactory(meeting=meeting, published_by=supervisor, published_at=meeting.starts_at,
                   summary="Hanya untuk yang diundang")
    client.force_login(polres_member)
    assert status_of(client, "detail", meeting) == 200
    assert status_of(client, "ics", meeting) == 200
    assert status_of(client, "minutes_print", meeting) == 404
    assert status_of(client, "minutes_pdf", meeting) == 404
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Hanya untuk yang diundang" not in page
    # Disnaker is no team member, but invited: it reads meeting and minutes.
    client.force_login(outsider)
    assert status_of(client, "detail", meeting) == 200
    assert status_of(client, "minutes_print", meeting) == 200


@pytest.mark.django_db
def test_draft_minutes_are_for_office_staff_only(client, make_meeting, officer, polres_member,
                                                 police):
    meeting = make_meeting(status=Meeting.Status.HELD, starts_at=at(-1))
    AttendeeFactory(meeting=meeting, agency=police, name="Agus Prasetyo")
    MinutesFactory(meeting=meeting, summary="Draf notulen belum terbit")
    client.force_login(polres_member)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Draf notulen belum terbit" not in page
    assert "Agus Prasetyo" not in page
    assert status_of(client, "minutes_print", meeting) == 404
    assert status_of(client, "minutes_pdf", meeting) == 404
    client.force_login(officer)
    assert "Draf notulen belum terbit" in client.get(meeting.get_absolute_url()).content.decode()
    assert status_of(client, "minutes_print", meeting) == 200


@pytest.mark.django_db
def test_draft_meetings_are_hidden_from_members(client, make_meeting, officer, polres_member):
    meeting = make_meeting(status=Meeting.Status.DRAFT)
    client.force_login(polres_member)
    for name in READ:
        assert status_of(client, name, meeting) == 404, name
    assert meeting.title not in client.get(reverse("meetings:list")).content.decode()
    client.force_login(officer)
    assert status_of(client, "detail", meeting) == 200
    assert status_of(client, "ics", meeting) == 404  # a draft is no calendar event yet
    assert meeting.title in client.get(reverse("meetings:list")).content.decode()


@pytest.mark.django_db
def test_staff_of_another_office_see_nothing_of_ours(client, published, regions):
    other_office = AgencyFactory(name="Kantor Imigrasi Kelas I TPI Malang",
                                 short_name="Kanim Malang", kind=Agency.Kind.IMMIGRATION_OFFICE)
    stranger = make_user("malang", Role.OFFICER, other_office)
    own = MeetingFactory(team=TeamFactory(name="TIMPORA Kota Malang", chair_agency=other_office,
                                          area=regions["regency"]), created_by=stranger)
    client.force_login(stranger)
    assert status_of(client, "detail", published) == 404
    assert status_of(client, "detail", own) == 200


@pytest.mark.django_db
def test_a_member_whose_membership_ended_loses_sight(client, team, make_meeting, police,
                                                     polres_member, manpower):
    meeting = make_meeting(invited=[manpower])
    client.force_login(polres_member)
    assert status_of(client, "detail", meeting) == 200
    team.memberships.filter(agency=police).update(is_active=False)
    assert status_of(client, "detail", meeting) == 404


@pytest.mark.django_db
def test_malformed_codes_answer_404(client, officer):
    client.force_login(officer)
    assert client.get("/meetings/NOT-A-CODE/").status_code == 404
    assert client.get("/meetings/abcdefghjkmn/").status_code == 404
