"""Fields a form does not offer cannot be set by posting them: who wrote or owns something, its
status, number, sharing and office, and the account's own privileges."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import Profile
from meetings.models import FollowUpAction, Meeting
from reports.models import Report
from tests.meetings.test_pages import meeting_form
from tests.reports.test_pages import form_data
from villages.models import OutreachEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def extras(world):
    """Everything an attacker might add to a form, pointing at someone or something else."""
    users = world.users
    return {
        "author": users["other_officer"].pk, "created_by": users["other_officer"].pk,
        "recorded_by": users["other_officer"].pk, "updated_by": users["other_officer"].pk,
        "published_by": users["supervisor"].pk, "published_at": "2024-06-21T10:00",
        "recipient": users["other_officer"].pk, "user": users["other_officer"].pk,
        "agency": users["disnaker"].profile.agency_id,
        "office": users["polres"].profile.agency_id,
        "status": "verified", "number": "W15/INTEL/9999", "code": "AAAAAAAAAAAAAAAAAAAAAA",
        "sharing": "team", "shared_with": users["disnaker"].profile.agency_id,
        "is_staff": "on", "is_superuser": "on", "is_active": "on",
        "groups": Group.objects.get(name="Supervisor").pk,
        "user_permissions": "1", "meeting": world.objects["meeting_private"].pk,
        "desa_binaan": world.objects["desa"].pk, "decree_number": "SK-EVIL",
    }


def assert_unprivileged(user):
    user.refresh_from_db()
    assert not user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) in (
        ["Officer"], ["Agency member"], ["Supervisor"])


def test_officer_creating_a_report(client, world, extras):
    officer = world.users["officer"]
    client.force_login(officer)
    response = client.post(reverse("reports:create"), {**extras, **form_data()})
    assert response.status_code == 302
    report = Report.objects.latest("pk")
    assert (report.author, report.office, report.status, report.number) == (
        officer, officer.profile.agency, Report.Status.DRAFT, "")
    assert report.sharing == Report._meta.get_field("sharing").default
    assert not report.shared_with.exists()
    assert report.code != extras["code"]
    assert_unprivileged(officer)


def test_agency_member_passing_information(client, world, extras):
    member = world.users["polres"]
    client.force_login(member)
    assert client.post(reverse("reports:create"), {**extras, **form_data()}).status_code == 302
    report = Report.objects.latest("pk")
    assert report.author == member
    assert report.status == Report.Status.SUBMITTED
    assert report.office == world.users["officer"].profile.agency
    assert report.number != extras["number"]
    assert report.source_agency == member.profile.agency
    assert not report.shared_with.exists()


def test_author_editing_a_draft(client, world, extras):
    officer, draft = world.users["officer"], world.objects["draft"]
    client.force_login(officer)
    data = {**extras, **form_data(title="Edited title")}
    assert client.post(reverse("reports:edit", args=[draft.code]), data).status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Edited title"
    assert (draft.author, draft.status, draft.number) == (officer, Report.Status.DRAFT, "")


def test_agency_member_cannot_share_or_move_a_shared_report(client, world):
    shared = world.objects["shared"]
    client.force_login(world.users["polres"])
    client.post(reverse("reports:share", args=[shared.code]),
                {"share-sharing": "team", "share-agencies": []})
    client.post(reverse("reports:close", args=[shared.code]), {"close-note": "done"})
    shared.refresh_from_db()
    assert shared.sharing == Report.Sharing.AGENCIES
    assert shared.status == Report.Status.VERIFIED


def test_officer_creating_a_meeting(client, world, extras):
    officer = world.users["officer"]
    client.force_login(officer)
    team = world.objects["meeting_invited"].team
    response = client.post(reverse("meetings:create"), {**extras, **meeting_form(team)})
    assert response.status_code == 302
    meeting = Meeting.objects.latest("pk")
    assert (meeting.created_by, meeting.status) == (officer, Meeting.Status.DRAFT)
    assert meeting.code != extras["code"]


def test_agency_member_updating_its_action(client, world, extras):
    action = world.objects["action_polres"]
    client.force_login(world.users["polres"])
    data = {**extras, "status": FollowUpAction.Status.DONE, "note": "Selesai",
            "description": "Rewritten by the agency", "due_date": "2030-01-01"}
    client.post(reverse("meetings:action_update", args=[action.code]), data)
    action.refresh_from_db()
    assert action.agency == world.users["polres"].profile.agency
    assert action.description != "Rewritten by the agency"
    assert str(action.due_date) != "2030-01-01"
    assert action.meeting == world.objects["meeting_published"]


def test_officer_recording_outreach(client, world, extras):
    officer, desa = world.users["officer"], world.objects["desa"]
    client.force_login(officer)
    before = set(OutreachEvent.objects.values_list("pk", flat=True))
    data = {**extras, "date": "2024-06-20", "kind": "safe_migration", "topic": "Migrasi aman",
            "audience": "", "participants_men": "3", "participants_women": "4", "notes": ""}
    response = client.post(reverse("villages:outreach_new", args=[desa.code]), data)
    assert response.status_code == 302
    event = OutreachEvent.objects.exclude(pk__in=before).get()
    assert (event.recorded_by, event.desa_binaan) == (officer, desa)
    desa.refresh_from_db()
    assert desa.decree_number != "SK-EVIL"


def test_notification_settings_touch_only_the_users_own_profile(client, world, extras):
    officer, other = world.users["officer"], world.users["other_officer"]
    client.force_login(officer)
    before = Profile.objects.get(user=other).digest_frequency
    response = client.post(reverse("notifications:settings"),
                           {**extras, "digest_frequency": "weekly", "email_kinds": []})
    assert response.status_code == 302
    assert Profile.objects.get(user=officer).digest_frequency == "weekly"
    assert Profile.objects.get(user=other).digest_frequency == before
    assert_unprivileged(officer)


def test_password_change_grants_nothing(client, world, extras):
    officer = world.users["officer"]
    client.force_login(officer)
    response = client.post(reverse("password_change"), {
        **extras, "old_password": "timpora-test", "new_password1": "Kediri-baru-2024!",
        "new_password2": "Kediri-baru-2024!"})
    assert response.status_code == 302
    assert_unprivileged(officer)
