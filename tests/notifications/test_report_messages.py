"""Report events and report digests: who is told, and that a digest holds exactly what its
recipient may see in its period."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils.dateparse import parse_datetime

from accounts.models import Profile
from accounts.roles import Role
from notifications.digests import digests_send_due, period_end
from notifications.models import OutboxMessage
from notifications.outbox import email_for
from reports import services
from reports.models import Report
from tests.factories import make_user
from tests.reports.factories import name_person, report_in

Kind = OutboxMessage.Kind
WIB = ZoneInfo("Asia/Jakarta")


def recipients(kind):
    return sorted(OutboxMessage.objects.filter(kind=kind)
                  .values_list("recipient__username", flat=True))


@pytest.mark.django_db
def test_submission_tells_the_supervisors_and_review_tells_the_author(officer, supervisor,
                                                                      other_officer):
    report = report_in(Report.Status.SUBMITTED, author=officer)
    assert recipients(Kind.REPORT_SUBMITTED) == ["supervisor"]
    services.report_return(report=report, user=supervisor, reason="Tambahkan alamat.")
    assert recipients(Kind.REPORT_RETURNED) == ["officer"]
    services.report_submit(report=report, user=officer)
    # A second submission is a new event: the supervisors hear of it again.
    assert recipients(Kind.REPORT_SUBMITTED) == ["supervisor", "supervisor"]
    services.report_verify(report=report, user=supervisor)
    assert recipients(Kind.REPORT_VERIFIED) == ["officer"]


@pytest.mark.django_db
def test_sharing_tells_the_agency_members_once_the_report_is_verified(
        officer, supervisor, police, polres_member, outsider):
    report = report_in(Report.Status.SUBMITTED, author=officer)
    services.report_share(report=report, user=supervisor, sharing=Report.Sharing.AGENCIES,
                          agencies=[police])
    # Not verified yet: the police cannot read it, so they are not told of it.
    assert recipients(Kind.REPORT_SHARED) == []
    services.report_verify(report=report, user=supervisor)
    assert recipients(Kind.REPORT_SHARED) == ["polres"]
    services.report_share(report=report, user=supervisor, sharing=Report.Sharing.AGENCIES,
                          agencies=[police])
    assert recipients(Kind.REPORT_SHARED) == ["polres"]
    services.report_share(report=report, user=supervisor, sharing=Report.Sharing.TEAM)
    assert recipients(Kind.REPORT_SHARED) == ["disnaker", "polres"]


@pytest.mark.django_db
def test_no_personal_data_in_subjects(officer, supervisor):
    report = report_in(Report.Status.SUBMITTED, author=officer, title="WNA JOHN DOE overstay")
    name_person(report)
    message = OutboxMessage.objects.get(kind=Kind.REPORT_SUBMITTED)
    subject = email_for(message).subject
    assert report.number in subject
    assert "JOHN" not in subject and "PERSON" not in subject


@pytest.mark.parametrize(("now", "frequency", "expected"), [
    (datetime(2026, 11, 30, 6, 59, tzinfo=WIB), "daily", datetime(2026, 11, 29, 7, tzinfo=WIB)),
    (datetime(2026, 11, 30, 7, 0, tzinfo=WIB), "daily", datetime(2026, 11, 30, 7, tzinfo=WIB)),
    (datetime(2026, 11, 30, 7, 0, tzinfo=WIB), "weekly", datetime(2026, 11, 30, 7, tzinfo=WIB)),
    (datetime(2026, 11, 30, 6, 0, tzinfo=WIB), "weekly", datetime(2026, 11, 23, 7, tzinfo=WIB)),
    (datetime(2026, 12, 3, 12, 0, tzinfo=WIB), "weekly", datetime(2026, 11, 30, 7, tzinfo=WIB)),
    (datetime(2026, 12, 3, 12, 0, tzinfo=WIB), "none", None),
])
def test_digest_periods_end_at_seven_office_time(now, frequency, expected):
    assert period_end(frequency, now) == expected


def digests():
    return {message.recipient.username: message
            for message in OutboxMessage.objects.filter(kind=Kind.DIGEST)}


@pytest.mark.django_db
def test_digests_hold_exactly_what_each_recipient_may_see_in_half_open_periods(
        officer, other_officer, supervisor, police, polres_member, outsider):
    for user in (officer, other_officer, supervisor, polres_member, outsider):
        user.profile.digest_frequency = Profile.DigestFrequency.DAILY
        user.profile.save()
    day1 = datetime(2026, 11, 2, 7, 0, tzinfo=WIB)
    with time_machine.travel(day1 - timedelta(hours=1), tick=False):
        digests_send_due(now=day1)  # the first run only sets where digests start
    assert digests() == {}

    with time_machine.travel(day1 + timedelta(hours=2), tick=False):
        shared = report_in(Report.Status.VERIFIED, author=officer, supervisor=supervisor,
                           title="Shared with Polres")
        services.report_share(report=shared, user=supervisor, sharing=Report.Sharing.AGENCIES,
                              agencies=[police])
        person = name_person(shared)
        report_in(Report.Status.SUBMITTED, author=other_officer, title="Office only")
        report_in(Report.Status.DRAFT, author=officer, title="Officer's draft")
    with time_machine.travel(day1 + timedelta(days=1), tick=False):
        # Exactly at 07:00 the next day: this report belongs to the next period, not this one.
        report_in(Report.Status.SUBMITTED, author=officer, title="At the boundary")

    assert digests_send_due(now=day1 + timedelta(days=1)) == 4
    sent = digests()
    assert set(sent) == {"officer", "officer2", "supervisor", "polres"}

    def titles(username):
        section = next(s for s in digests()[username].context["sections"]
                       if s["title_key"] == "reports")
        return sorted(item["title"] for item in section["items"])

    assert titles("supervisor") == ["Office only", "Shared with Polres"]
    assert titles("officer") == ["Office only", "Officer's draft", "Shared with Polres"]
    assert titles("officer2") == ["Office only", "Shared with Polres"]
    assert titles("polres") == ["Shared with Polres"]
    # The manpower office saw nothing: an empty digest is not sent.
    assert "disnaker" not in sent
    # Partner agencies see passport numbers masked; the office sees them whole.
    polres_people = sent["polres"].context["sections"][0]["items"][0]["people"]
    assert person.passport_number not in polres_people[0]
    assert person.passport_number[-4:] in polres_people[0]
    office_people = next(i for i in sent["supervisor"].context["sections"][0]["items"]
                         if i["title"] == "Shared with Polres")["people"]
    assert person.passport_number in office_people[0]
    assert "JOHN" not in email_for(sent["polres"]).subject

    # The same tick again writes nothing; the next period starts exactly where this one ended.
    assert digests_send_due(now=day1 + timedelta(days=1)) == 0
    OutboxMessage.objects.filter(kind=Kind.DIGEST).delete()
    assert digests_send_due(now=day1 + timedelta(days=2)) == 3
    assert titles("supervisor") == ["At the boundary"]


@pytest.mark.django_db
def test_a_period_missed_while_workers_were_down_is_sent_once(officer, supervisor):
    start = datetime(2026, 11, 2, 7, 0, tzinfo=WIB)
    digests_send_due(now=start)
    with time_machine.travel(start + timedelta(hours=5), tick=False):
        report_in(Report.Status.SUBMITTED, author=officer, title="During the outage")
    # Workers come back three days later: one digest covers the whole missed time.
    assert digests_send_due(now=start + timedelta(days=3, hours=2)) == 1
    message = OutboxMessage.objects.get(kind=Kind.DIGEST, recipient=supervisor)
    assert parse_datetime(message.context["start_at"]) == start
    assert parse_datetime(message.context["end_at"]) == start + timedelta(days=3)
    assert digests_send_due(now=start + timedelta(days=3, hours=3)) == 0


@pytest.mark.django_db
def test_no_digest_for_those_who_chose_none(officer, supervisor):
    supervisor.profile.digest_frequency = Profile.DigestFrequency.NONE
    supervisor.profile.save()
    start = datetime(2026, 11, 2, 7, 0, tzinfo=WIB)
    digests_send_due(now=start)
    with time_machine.travel(start + timedelta(hours=5), tick=False):
        report_in(Report.Status.SUBMITTED, author=officer)
    digests_send_due(now=start + timedelta(days=1))
    assert not OutboxMessage.objects.filter(kind=Kind.DIGEST).exists()


def test_default_digest_frequency_by_role(db, officer, supervisor, polres_member):
    from notifications.digests import digest_frequency

    assert digest_frequency(supervisor) == "daily"
    assert digest_frequency(officer) == "weekly"
    assert digest_frequency(polres_member) == "weekly"
    make_user("kasi", Role.SUPERVISOR, supervisor.profile.agency)


@pytest.mark.django_db
def test_a_long_digest_lists_the_newest_reports_and_counts_the_rest(officer, supervisor,
                                                                     monkeypatch):
    monkeypatch.setattr("reports.notify.DIGEST_REPORTS", 2)
    start = datetime(2026, 11, 2, 7, 0, tzinfo=WIB)
    digests_send_due(now=start)
    for hour in range(1, 6):
        with time_machine.travel(start + timedelta(hours=hour), tick=False):
            report_in(Report.Status.SUBMITTED, author=officer, title=f"Report {hour}")

    assert digests_send_due(now=start + timedelta(days=1)) == 1
    message = OutboxMessage.objects.get(kind=Kind.DIGEST, recipient=supervisor)
    section = next(s for s in message.context["sections"] if s["title_key"] == "reports")
    assert [item["title"] for item in section["items"]] == ["Report 5", "Report 4"]
    assert section["more"] == 3
    email = email_for(message)  # in the recipient's language, Indonesian by default
    assert "dan 3 lainnya" in email.body
    assert "dan 3 lainnya" in email.alternatives[0][0]
