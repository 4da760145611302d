"""The data of `manage.py seed_scale`: a national-sized, deterministic data set for benchmarks.

Everything comes from one seeded random generator, so two runs on empty databases give the same
rows (public codes included). Rows are written with bulk inserts in batches; nothing goes through
the services, so no history rows and no outbox messages are written. Report numbers follow the
services' rule (LI/<year>/<000123>, unique per office and year, in order of submission) and the
ReportNumberCounter rows are left at the last number given, so reports submitted afterwards
continue the sequence.
"""

import contextlib
import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.models import Agency, Profile
from accounts.roles import Role
from core.codes import ALPHABET, CODE_LENGTH
from meetings.models import Attendee, FollowUpAction, Meeting, Minutes, Team, TeamMembership
from people.matching import name_keys
from people.models import Mention, NameKey, Permit, PermitKind, Person
from reports.models import (
    Report,
    ReportNumberCounter,
    ReportPerson,
    StatusEvent,
    report_number,
)
from villages.models import DesaBinaan, Region
from villages.services import regions_import

SCALE_PASSWORD = "timpora-scale"  # noqa: S105 - benchmark accounts; the command refuses DEBUG off
BATCH_SIZE = 5000
SEED = 20240620
# The first office holds this share of the reports, so that its staff see a national-sized list.
FIRST_OFFICE_SHARE = 0.5

FIRST_NAMES = ["Wei", "Nguyen", "Ahmed", "Maria", "John", "Li", "Sofia", "Rahul", "Yuki", "Omar",
               "Anna", "Chen", "Fatima", "David", "Mei", "Ivan", "Aisha", "Hiroshi", "Grace",
               "Somchai", "Tran", "Jose", "Elena", "Kim", "Abdul", "Olga", "Minh", "Sarah"]
LAST_NAMES = ["Zhang", "Tran", "Khan", "Santos", "Smith", "Wang", "Rossi", "Sharma", "Tanaka",
              "Hassan", "Ivanova", "Liu", "Begum", "Brown", "Lin", "Petrov", "Bello", "Sato",
              "Okafor", "Suksawat", "Pham", "Garcia", "Novak", "Park", "Rahman", "Smirnova"]
NATIONALITIES = ["CN", "VN", "IN", "PH", "US", "MY", "TH", "JP", "KR", "RU", "NG", "BD", "PK",
                 "AU", "GB", "DE", "TL", "MM", "LK", "NP"]
PARTNER_KINDS = [kind for kind in Agency.Kind if kind != Agency.Kind.IMMIGRATION_OFFICE]
# Statuses with their share of the reports and the path of status events that leads to each.
STATUS_PATHS = [
    (Report.Status.DRAFT, 5, ["draft"]),
    (Report.Status.SUBMITTED, 15, ["submitted"]),
    (Report.Status.RETURNED, 3, ["submitted", "returned"]),
    (Report.Status.VERIFIED, 30, ["submitted", "verified"]),
    (Report.Status.DISMISSED, 7, ["submitted", "dismissed"]),
    (Report.Status.ACTIONED, 15, ["submitted", "verified", "actioned"]),
    (Report.Status.CLOSED, 25, ["submitted", "verified", "actioned", "closed"]),
]
ALPHABET_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ACTIONS = [action for action in Report.Action if action != Report.Action.NO_ACTION]


@dataclass
class ScaleSummary:
    counts: dict[str, int] = field(default_factory=dict)


@contextlib.contextmanager
def _timestamps_as_given(*models_fields):
    """Let bulk inserts keep the timestamps given (auto_now fields would all say "now")."""
    saved = []
    for model, name in models_fields:
        model_field = model._meta.get_field(name)
        saved.append((model_field, model_field.auto_now, model_field.auto_now_add))
        model_field.auto_now = model_field.auto_now_add = False
    try:
        yield
    finally:
        for model_field, auto_now, auto_now_add in saved:
            model_field.auto_now, model_field.auto_now_add = auto_now, auto_now_add


class Seeder:
    def __init__(self, *, reports: int, people: int, meetings: int, desa_binaan: int,
                 agencies: int, users: int, offices: int, region_codes: list[str] | None):
        if offices < 1 or agencies <= offices:
            raise ValueError("There must be at least one office and one partner agency.")
        if users < 2 * offices:
            raise ValueError("Every office needs a supervisor and an officer.")
        self.sizes = {"reports": reports, "people": people, "meetings": meetings,
                      "desa_binaan": desa_binaan, "agencies": agencies, "users": users,
                      "offices": offices}
        self.region_codes = region_codes
        self.random = random.Random(SEED)  # noqa: S311 - reproducible sample data, not secrets
        self.now = timezone.now().replace(microsecond=0)
        self.summary = ScaleSummary()

    def code(self) -> str:
        return "".join(self.random.choices(ALPHABET, k=CODE_LENGTH))

    def run(self) -> ScaleSummary:
        imported = (regions_import(everything=True) if self.region_codes is None
                    else regions_import(codes=self.region_codes))
        self.summary.counts["regions imported"] = imported.created
        with transaction.atomic():
            self.villages = list(Region.objects.villages().order_by("code")
                                 .values_list("pk", "name"))
            self.regencies = list(Region.objects.filter(level=Region.Level.REGENCY)
                                  .order_by("code").values_list("pk", flat=True))
            self.seed_agencies()
            self.seed_users()
            self.seed_desa_binaan()
            self.seed_people()
            self.seed_reports()
            self.seed_meetings()
        return self.summary

    def seed_agencies(self) -> None:
        offices = self.sizes["offices"]
        rows = [Agency(code=self.code(), name=f"Kantor Imigrasi Skala {n + 1:02d}",
                       short_name=f"Kanim {n + 1:02d}", kind=Agency.Kind.IMMIGRATION_OFFICE,
                       email=f"kanim{n + 1:02d}@example.go.id") for n in range(offices)]
        for n in range(self.sizes["agencies"] - offices):
            kind = PARTNER_KINDS[n % len(PARTNER_KINDS)]
            rows.append(Agency(code=self.code(), name=f"{kind.label} Skala {n + 1:02d}",
                               short_name=f"{kind.value} {n + 1:02d}", kind=kind,
                               email=f"mitra{n + 1:02d}@example.go.id"))
        created = Agency.objects.bulk_create(rows)
        self.offices, self.partners = created[:offices], created[offices:]
        self.summary.counts["agencies"] = len(created)

    def seed_users(self) -> None:
        """Per office a supervisor (`scale-supervisor-01`) and officers; the rest agency members."""
        User = get_user_model()
        password = make_password(SCALE_PASSWORD)
        offices = self.sizes["offices"]
        staff = max(2 * offices, self.sizes["users"] * 2 // 3)
        specs = []  # (username, agency, role)
        for n, office in enumerate(self.offices):
            specs.append((f"scale-supervisor-{n + 1:02d}", office, Role.SUPERVISOR))
        for n in range(staff - offices):
            specs.append((f"scale-officer-{n + 1:03d}", self.offices[n % offices], Role.OFFICER))
        for n in range(self.sizes["users"] - staff):
            specs.append((f"scale-member-{n + 1:03d}", self.partners[n % len(self.partners)],
                          Role.AGENCY_MEMBER))
        users = User.objects.bulk_create(
            User(username=name, email=f"{name}@example.go.id", password=password,
                 first_name=name.split("-")[1].title(), last_name=name.rsplit("-", 1)[1])
            for name, _agency, _role in specs
        )
        Profile.objects.bulk_create(
            Profile(user=user, agency=agency, position=role.label)
            for user, (_name, agency, role) in zip(users, specs, strict=True)
        )
        groups = {role: Group.objects.get(name=role.group_name) for role in Role}
        User.groups.through.objects.bulk_create(
            User.groups.through(user_id=user.pk, group_id=groups[role].pk)
            for user, (_name, _agency, role) in zip(users, specs, strict=True)
        )
        self.staff_by_office = {office.pk: [] for office in self.offices}
        self.supervisor_by_office = {}
        for user, (_name, agency, role) in zip(users, specs, strict=True):
            if role == Role.SUPERVISOR:
                self.supervisor_by_office[agency.pk] = user
            elif role == Role.OFFICER:
                self.staff_by_office[agency.pk].append(user)
        self.summary.counts["users"] = len(users)

    def seed_desa_binaan(self) -> None:
        chosen = self.random.sample(self.villages, min(self.sizes["desa_binaan"],
                                                       len(self.villages)))
        rows = []
        for n, (pk, _name) in enumerate(chosen):
            decreed = self.now.date() - timedelta(days=self.random.randint(30, 1500))
            office = self.offices[n % len(self.offices)]
            rows.append(DesaBinaan(
                code=self.code(), region_id=pk, decree_number=f"W.15.IMI.{n + 1:04d}/2024",
                decree_date=decreed, issuing_office=office.name, active_from=decreed))
        DesaBinaan.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        self.summary.counts["desa binaan"] = len(rows)

    def seed_people(self) -> None:
        rows = []
        for n in range(self.sizes["people"]):
            has_passport = self.random.random() < 0.9
            office = self.offices[self._office_index()]
            rows.append(Person(
                code=self.code(), office=office,
                full_name=f"{self.random.choice(FIRST_NAMES)} {self.random.choice(LAST_NAMES)}"
                          f" {n + 1}",
                sex=self.random.choice(["male", "female"]),
                nationality=self.random.choice(NATIONALITIES),
                # Unique whatever the nationality: a letter and the person's number.
                passport_number=f"{ALPHABET_UPPER[n % 26]}{n + 1:08d}" if has_passport else "",
                occupation=self.random.choice(["Pekerja pabrik", "Pedagang", "Turis",
                                               "Guru bahasa", ""]),
            ))
        created = Person.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        self.people = {person.pk: person for person in created}
        self.people_by_office = {office.pk: [] for office in self.offices}
        for person in created:
            self.people_by_office[person.office_id].append(person.pk)
        today = timezone.localdate()
        kinds = [PermitKind.ITK, PermitKind.ITAS, PermitKind.ITAP]
        permits = [Permit(person=person, kind=self.random.choice(kinds), source="import",
                          state="accepted",
                          expires_on=today + timedelta(days=self.random.randint(-200, 700)))
                   for person in created]
        Permit.objects.bulk_create(permits, batch_size=BATCH_SIZE)
        current = [Person(pk=permit.person_id, current_permit_id=permit.pk) for permit in permits]
        Person.objects.bulk_update(current, ["current_permit"], batch_size=BATCH_SIZE)
        keys = [NameKey(person_id=person.pk, key=key)
                for person in created for key in name_keys(person.full_name)]
        NameKey.objects.bulk_create(keys, batch_size=BATCH_SIZE)
        self.summary.counts["people"] = len(created)
        self.summary.counts["stay permits"] = len(permits)

    def _office_index(self) -> int:
        if len(self.offices) == 1 or self.random.random() < FIRST_OFFICE_SHARE:
            return 0
        return self.random.randrange(1, len(self.offices))

    def seed_reports(self) -> None:
        statuses = [status for status, _weight, _path in STATUS_PATHS]
        weights = [weight for _status, weight, _path in STATUS_PATHS]
        paths = {status: path for status, _weight, path in STATUS_PATHS}
        span = 5 * 365 * 24 * 3600
        drafts, plans = [], []
        for n in range(self.sizes["reports"]):
            office = self.offices[self._office_index()]
            status = self.random.choices(statuses, weights)[0]
            observed = self.now - timedelta(seconds=self.random.randrange(3600, span))
            # Each step of the path follows the previous one by up to three days, never after now.
            times, moment = [], observed
            for _step in paths[status]:
                moment = min(moment + timedelta(minutes=self.random.randint(30, 4320)),
                             self.now)
                times.append(moment)
            plan = (n, office, status, observed, times)
            (drafts if status == Report.Status.DRAFT else plans).append(plan)
        # Numbers are given in order of submission, per office and year of submission.
        plans.sort(key=lambda plan: plan[4][0])
        counters: dict[tuple[int, int], int] = {}
        rows, events_plan = [], []
        for _n, office, status, observed, times in plans + drafts:
            number = ""
            if status != Report.Status.DRAFT:
                year = timezone.localtime(times[0]).year
                counters[office.pk, year] = counters.get((office.pk, year), 0) + 1
                number = report_number(year, counters[office.pk, year])
            rows.append(self._report(office, status, observed, times, number))
            events_plan.append((office, paths[status], times))
        with _timestamps_as_given((Report, "created_at"), (Report, "updated_at")):
            created = Report.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        ReportNumberCounter.objects.bulk_create(
            ReportNumberCounter(office_id=office_id, year=year, last_number=last)
            for (office_id, year), last in sorted(counters.items())
        )
        self.summary.counts["reports"] = len(created)
        self._report_links(created, events_plan)

    def _report(self, office, status, observed, times, number) -> Report:
        village = self.random.choice(self.villages) if self.random.random() < 0.8 else None
        category = self.random.choice(list(Report.Category))
        source_type = self.random.choice(list(Report.SourceType))
        author = self.random.choice(self.staff_by_office[office.pk])
        sharing = self.random.choices(list(Report.Sharing), [5, 4, 1])[0]
        decided = status in (Report.Status.ACTIONED, Report.Status.CLOSED)
        return Report(
            code=self.code(), number=number, office=office, author=author, status=status,
            title=f"{category.label} di {village[1] if village else 'wilayah kerja'}",
            narrative=("Petugas mencatat keberadaan orang asing yang diduga "
                       f"{category.label.lower()} dan meminta pemeriksaan dokumen perjalanannya."),
            observed_at=observed, village_id=village[0] if village else None,
            location_text="" if village else "Jalan Raya",
            category=category, source_type=source_type,
            source_agency=(self.random.choice(self.partners)
                           if source_type == Report.SourceType.AGENCY else None),
            source_reliability=self.random.choice("ABCDEF"),
            information_credibility=self.random.randint(1, 6),
            priority=self.random.choices([1, 2, 3, 4], [3, 5, 2, 1])[0],
            sharing=sharing,
            assigned_to=author if self.random.random() < 0.3 else None,
            decided_action=self.random.choice(ACTIONS) if decided else "",
            action_decided_on=timezone.localtime(times[2]).date() if decided else None,
            submitted_at=times[0] if status != Report.Status.DRAFT else None,
            created_at=observed, updated_at=times[-1],
        )

    def _report_links(self, reports, events_plan) -> None:
        links, events, shares = [], [], []
        Shared = Report.shared_with.through
        mentions = []
        for report, (office, path, times) in zip(reports, events_plan, strict=True):
            register = self.people_by_office[office.pk] or list(self.people)
            for person_id in self.random.sample(register, min(self.random.randint(1, 3),
                                                              len(register))):
                person = self.people[person_id]
                mentions.append(Mention(
                    code=self.code(), office=office, full_name=person.full_name,
                    sex=person.sex, nationality=person.nationality,
                    passport_number=person.passport_number, occupation=person.occupation,
                    observed_on=timezone.localtime(report.observed_at).date(),
                    state=Mention.State.LINKED, person_id=person_id))
                links.append(ReportPerson(report_id=report.pk,
                                          role=self.random.choice(list(ReportPerson.Role))))
            previous = ""
            for step, (status, moment) in enumerate(zip(path, times, strict=True)):
                # The author submits (or drafts); the office's supervisor takes every later step.
                actor = report.author if step == 0 else self.supervisor_by_office[office.pk]
                events.append(StatusEvent(report_id=report.pk, actor=actor, at=moment,
                                          from_status=previous, to_status=status))
                previous = status
            if report.sharing == Report.Sharing.AGENCIES:
                for agency in self.random.sample(self.partners, min(2, len(self.partners))):
                    shares.append(Shared(report_id=report.pk, agency_id=agency.pk))
        Mention.objects.bulk_create(mentions, batch_size=BATCH_SIZE)
        for link, mention in zip(links, mentions, strict=True):
            link.mention_id = mention.pk
        ReportPerson.objects.bulk_create(links, batch_size=BATCH_SIZE)
        StatusEvent.objects.bulk_create(events, batch_size=BATCH_SIZE)
        Shared.objects.bulk_create(shares, batch_size=BATCH_SIZE)
        self.summary.counts["people named in reports"] = len(links)
        self.summary.counts["status events"] = len(events)

    def seed_meetings(self) -> None:
        teams = Team.objects.bulk_create(
            Team(code=self.code(), name=f"Tim Pengawasan Orang Asing Skala {n + 1:02d}",
                 level=Team.Level.REGENCY,
                 area_id=self.regencies[n % len(self.regencies)], chair_agency=office)
            for n, office in enumerate(self.offices)
        )
        TeamMembership.objects.bulk_create(
            TeamMembership(team=team, agency=agency) for team in teams for agency in self.partners
        )
        meetings, plans = [], []
        span = 4 * 365
        for n in range(self.sizes["meetings"]):
            n_team = n % len(teams)
            team, office = teams[n_team], self.offices[n_team]
            starts = (self.now - timedelta(days=self.random.randint(-60, span))).replace(
                minute=0, second=0)
            past = starts < self.now
            status = (self.random.choice([Meeting.Status.HELD, Meeting.Status.MINUTES_PUBLISHED])
                      if past else Meeting.Status.SCHEDULED)
            supervisor = self.supervisor_by_office[office.pk]
            meetings.append(Meeting(
                code=self.code(), team=team, title=f"Rapat koordinasi TIMPORA {n + 1}",
                kind=self.random.choice(list(Meeting.Kind)), starts_at=starts,
                ends_at=starts + timedelta(hours=2), venue="Aula kantor imigrasi",
                chair=supervisor, minute_taker=self.staff_by_office[office.pk][0],
                status=status, created_by=supervisor))
            plans.append((office, self.random.sample(self.partners, min(6, len(self.partners)))))
        meetings = Meeting.objects.bulk_create(meetings, batch_size=BATCH_SIZE)
        Invited = Meeting.invited_agencies.through
        invited, attendees, actions, minutes = [], [], [], []
        for meeting, (office, agencies) in zip(meetings, plans, strict=True):
            supervisor = self.supervisor_by_office[office.pk]
            for agency in agencies:
                invited.append(Invited(meeting_id=meeting.pk, agency_id=agency.pk))
                if meeting.status != Meeting.Status.SCHEDULED:
                    attendees.append(Attendee(
                        meeting=meeting, agency=agency, name=f"Wakil {agency.short_name}",
                        presence=self.random.choices(list(Attendee.Presence), [8, 1, 1])[0]))
            if meeting.status == Meeting.Status.SCHEDULED:
                continue
            published = meeting.status == Meeting.Status.MINUTES_PUBLISHED
            minutes.append(Minutes(
                meeting=meeting, summary="Rapat membahas pengawasan orang asing.",
                decisions="Patroli gabungan bulan depan.", updated_by=supervisor,
                published_by=supervisor if published else None,
                published_at=meeting.ends_at if published else None))
            for agency in agencies[:self.random.randint(0, 3)]:
                actions.append(FollowUpAction(
                    code=self.code(), meeting=meeting, agency=agency,
                    description="Memeriksa tempat kerja orang asing di wilayahnya.",
                    due_date=(meeting.starts_at + timedelta(days=30)).date(),
                    status=self.random.choice(list(FollowUpAction.Status)),
                    created_by=supervisor))
        Invited.objects.bulk_create(invited, batch_size=BATCH_SIZE)
        Attendee.objects.bulk_create(attendees, batch_size=BATCH_SIZE)
        Minutes.objects.bulk_create(minutes, batch_size=BATCH_SIZE)
        FollowUpAction.objects.bulk_create(actions, batch_size=BATCH_SIZE)
        self.summary.counts["meetings"] = len(meetings)
        self.summary.counts["attendees"] = len(attendees)
        self.summary.counts["follow-up actions"] = len(actions)


def scale_seed(**sizes) -> ScaleSummary:
    """Write the benchmark data set into an empty database (see Seeder for the sizes)."""
    return Seeder(**sizes).run()
