"""Every state transition of a meeting, and the refusals of bad input."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from meetings import services
from meetings.models import Meeting, MinutesRevision
from tests.meetings.factories import AgendaItemFactory, FollowUpActionFactory, add_members, at


@pytest.fixture(autouse=True)
def english():
    """Services speak the user's language; these tests read their messages in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def create(team, officer):
    def make(**fields):
        values = {"team": team, "title": "Rapat koordinasi", "kind": Meeting.Kind.COORDINATION,
                  "starts_at": at(7, 9), "ends_at": at(7, 12), "venue": "Aula",
                  "created_by": officer}
        values.update(fields)
        return services.meeting_create(**values)

    return make


@pytest.mark.django_db
def test_create_makes_a_draft_inviting_the_active_members(create, team, police, manpower):
    add_members(team, manpower, active=False)
    meeting = create()
    assert meeting.status == Meeting.Status.DRAFT
    assert list(meeting.invited_agencies.all()) == [police]


@pytest.mark.django_db
def test_create_refuses_an_end_before_the_start(create):
    with pytest.raises(ValidationError) as error:
        create(ends_at=at(7, 8))
    assert "ends_at" in error.value.message_dict
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_create_refuses_a_minute_taker_from_outside_the_office(create, polres_member):
    with pytest.raises(ValidationError) as error:
        create(minute_taker=polres_member)
    assert error.value.message_dict["minute_taker"] == [
        "The minute-taker must be staff of the office."]


@pytest.mark.django_db
def test_members_cannot_create_meetings(create, polres_member):
    with pytest.raises(PermissionDenied):
        create(created_by=polres_member)


@pytest.mark.django_db
def test_draft_to_scheduled_and_not_twice(create, officer):
    meeting = create()
    meeting = services.meeting_schedule(meeting=meeting, by=officer)
    assert meeting.status == Meeting.Status.SCHEDULED
    with pytest.raises(ValidationError, match="Only a draft"):
        services.meeting_schedule(meeting=meeting, by=officer)


@pytest.mark.django_db
def test_reschedule_is_recorded_and_raises_the_sequence(make_meeting, officer):
    meeting = make_meeting()
    old_start = meeting.starts_at
    moved = services.meeting_reschedule(meeting=meeting, by=officer, starts_at=at(9, 13),
                                        ends_at=at(9, 15), reason="Bentrok dengan apel")
    assert moved.sequence == 1 and moved.starts_at == at(9, 13)
    record = moved.reschedules.get()
    assert (record.old_starts_at, record.new_starts_at, record.rescheduled_by) == (
        old_start, at(9, 13), officer)


@pytest.mark.django_db
def test_reschedule_refuses_drafts_and_backwards_times(make_meeting, officer):
    with pytest.raises(ValidationError, match="Only a scheduled"):
        services.meeting_reschedule(meeting=make_meeting(status=Meeting.Status.DRAFT),
                                    by=officer, starts_at=at(9), ends_at=at(9, 12))
    meeting = make_meeting()
    with pytest.raises(ValidationError):
        services.meeting_reschedule(meeting=meeting, by=officer, starts_at=at(9, 12),
                                    ends_at=at(9, 10))
    meeting.refresh_from_db()
    assert meeting.sequence == 0 and not meeting.reschedules.exists()


@pytest.mark.django_db
def test_the_time_of_a_scheduled_meeting_changes_only_by_rescheduling(make_meeting, officer):
    meeting = make_meeting()
    with pytest.raises(ValidationError, match="Reschedule"):
        services.meeting_update(meeting=meeting, editor=officer, starts_at=at(10),
                                ends_at=at(10, 12))
    updated = services.meeting_update(meeting=meeting, editor=officer, venue="Balai Desa")
    assert updated.venue == "Balai Desa"


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Meeting.Status.DRAFT, Meeting.Status.SCHEDULED])
def test_cancel_from_draft_or_scheduled_with_a_reason(make_meeting, officer, status):
    meeting = make_meeting(status=status)
    with pytest.raises(ValidationError):
        services.meeting_cancel(meeting=meeting, by=officer, reason="   ")
    cancelled = services.meeting_cancel(meeting=meeting, by=officer, reason="Banjir")
    assert cancelled.status == Meeting.Status.CANCELLED
    assert cancelled.cancel_reason == "Banjir" and cancelled.sequence == 1


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Meeting.Status.HELD, Meeting.Status.MINUTES_PUBLISHED,
                                    Meeting.Status.CANCELLED])
def test_cancel_is_refused_later(make_meeting, officer, status):
    meeting = make_meeting(status=status, starts_at=at(-1), cancel_reason="x")
    with pytest.raises(ValidationError, match="Only a draft or scheduled"):
        services.meeting_cancel(meeting=meeting, by=officer, reason="Terlambat")


@pytest.mark.django_db
def test_a_meeting_is_held_only_once_started(make_meeting, officer):
    future = make_meeting()
    with pytest.raises(ValidationError, match="before it starts"):
        services.meeting_mark_held(meeting=future, by=officer)
    started = make_meeting(starts_at=timezone.now() - timedelta(minutes=5))
    assert services.meeting_mark_held(meeting=started, by=officer).status == Meeting.Status.HELD


@pytest.fixture
def held(make_meeting):
    meeting = make_meeting(status=Meeting.Status.HELD, starts_at=at(-1))
    AgendaItemFactory(meeting=meeting, title="Situasi orang asing")
    return meeting


@pytest.mark.django_db
def test_minutes_are_written_only_once_held(make_meeting, officer):
    with pytest.raises(ValidationError, match="once the meeting is held"):
        services.minutes_save(meeting=make_meeting(), editor=officer, summary="Terlalu awal")


@pytest.mark.django_db
def test_publish_is_a_supervisors_act_that_locks_the_minutes(held, officer, supervisor):
    item = held.agenda_items.get()
    services.minutes_save(meeting=held, editor=officer, summary="Ringkasan",
                          discussions={item.pk: ("Dibahas", "Disepakati")})
    item.refresh_from_db()
    assert (item.discussion, item.outcome) == ("Dibahas", "Disepakati")
    with pytest.raises(PermissionDenied):
        services.minutes_publish(meeting=held, by=officer)
    minutes = services.minutes_publish(meeting=held, by=supervisor)
    assert minutes.is_published and minutes.published_by == supervisor
    held.refresh_from_db()
    assert held.status == Meeting.Status.MINUTES_PUBLISHED
    with pytest.raises(ValidationError, match="already published"):
        services.minutes_publish(meeting=held, by=supervisor)
    with pytest.raises(ValidationError, match="locked"):
        services.minutes_save(meeting=held, editor=officer, summary="Diam-diam diubah")
    minutes.refresh_from_db()
    assert minutes.summary == "Ringkasan"


@pytest.mark.django_db
def test_publishing_needs_a_summary(held, supervisor):
    with pytest.raises(ValidationError, match="summary"):
        services.minutes_publish(meeting=held, by=supervisor)
    held.refresh_from_db()
    assert held.status == Meeting.Status.HELD


@pytest.mark.django_db
def test_a_correction_of_published_minutes_is_recorded(held, officer, supervisor):
    services.minutes_save(meeting=held, editor=officer, summary="Ringkasan lama")
    services.minutes_publish(meeting=held, by=supervisor)
    with pytest.raises(PermissionDenied):
        services.minutes_correct(meeting=held, by=officer, reason="Salah ketik",
                                 summary="Ringkasan baru")
    with pytest.raises(ValidationError):
        services.minutes_correct(meeting=held, by=supervisor, reason="",
                                 summary="Ringkasan baru")
    minutes = services.minutes_correct(meeting=held, by=supervisor, reason="Salah ketik",
                                       summary="Ringkasan baru")
    assert minutes.summary == "Ringkasan baru"
    revision = MinutesRevision.objects.get()
    assert revision.previous_text["summary"] == "Ringkasan lama"
    assert (revision.reason, revision.revised_by) == ("Salah ketik", supervisor)


@pytest.mark.django_db
def test_actions_need_an_agency_and_a_due_date_not_in_the_past(held, officer, police):
    yesterday = timezone.localdate() - timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.follow_up_action_create(meeting=held, by=officer, description="Pendataan",
                                         agency=police, due_date=yesterday)
    assert "due_date" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.follow_up_action_create(meeting=held, by=officer, description="Pendataan",
                                         agency=None, due_date=timezone.localdate())
    assert "agency" in error.value.message_dict
    action = services.follow_up_action_create(meeting=held, by=officer, description="Pendataan",
                                              agency=police, due_date=timezone.localdate())
    assert action.status == "open"


@pytest.mark.django_db
def test_actions_are_not_decided_before_the_meeting(make_meeting, officer, police):
    with pytest.raises(ValidationError, match="held"):
        services.follow_up_action_create(meeting=make_meeting(), by=officer, description="x",
                                         agency=police, due_date=timezone.localdate())


@pytest.mark.django_db
def test_only_the_responsible_agency_and_the_office_update_an_action(
    make_meeting, police, polres_member, outsider, officer
):
    action = FollowUpActionFactory(meeting=make_meeting(status=Meeting.Status.MINUTES_PUBLISHED,
                                                        starts_at=at(-3)), agency=police)
    with pytest.raises(PermissionDenied):
        services.follow_up_action_update(action=action, by=outsider, status="done")
    update = services.follow_up_action_update(action=action, by=polres_member,
                                              status="in_progress", note="Sedang didata")
    assert update.author == polres_member
    services.follow_up_action_update(action=action, by=officer, status="done")
    action.refresh_from_db()
    assert action.status == "done"
    assert [u.status for u in action.updates.all()] == ["in_progress", "done"]
    with pytest.raises(ValidationError):
        services.follow_up_action_update(action=action, by=officer, status="done", note="")


@pytest.mark.django_db
def test_overdue_means_open_and_past_due(make_meeting, police):
    meeting = make_meeting(status=Meeting.Status.MINUTES_PUBLISHED, starts_at=at(-30))
    today = timezone.localdate()
    late = FollowUpActionFactory(meeting=meeting, agency=police, due_date=today - timedelta(1))
    FollowUpActionFactory(meeting=meeting, agency=police, due_date=today - timedelta(1),
                          status="done")
    FollowUpActionFactory(meeting=meeting, agency=police, due_date=today)
    assert list(meeting.actions.overdue(today)) == [late]
    assert late.is_overdue(today)


@pytest.mark.django_db
def test_feed_tokens_are_stored_hashed_and_revocable(officer):
    token = services.calendar_token_issue(user=officer)
    stored = officer.calendar_tokens.get()
    assert token not in stored.token_hash and stored.token_hash == services.hash_feed_token(token)
    second = services.calendar_token_issue(user=officer)
    assert second != token
    assert officer.calendar_tokens.filter(revoked_at__isnull=True).count() == 1
    assert services.calendar_token_revoke(user=officer) == 1
