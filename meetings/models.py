from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from accounts.models import Agency
from accounts.roles import role_of
from core.codes import new_public_code

# --- TIMPORA teams and meetings -------------------------------------------------------------


def _agency_id_of(user) -> int | None:
    profile = getattr(user, "profile", None)
    return profile.agency_id if profile is not None else None


def _meeting_scope(user) -> tuple[str, int | None]:
    """How a user sees meetings: ("all"), ("office", agency id), ("member", agency id) or none."""
    if not user.is_authenticated:
        return "none", None
    if user.is_superuser:
        return "all", None
    role = role_of(user)
    agency_id = _agency_id_of(user)
    if role is None or agency_id is None:
        return "none", None
    if role.is_office_staff:
        return "office", agency_id
    return "member", agency_id


class TeamQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope, agency_id = _meeting_scope(user)
        if scope == "all":
            return self
        if scope == "office":
            return self.filter(chair_agency_id=agency_id)
        if scope == "member":
            return self.filter(
                models.Exists(
                    TeamMembership.objects.filter(
                        team=models.OuterRef("pk"), agency_id=agency_id, is_active=True
                    )
                )
            )
        return self.none()


class Team(models.Model):
    """A TIMPORA team of a regency/city or a district, chaired by the immigration office."""

    class Level(models.IntegerChoices):
        # The same numbers as villages.Region.Level, so that a team's area is checked by level.
        REGENCY = 2, _("Regency/city")
        DISTRICT = 3, _("District")

    code = models.CharField(
        _("code"), max_length=22, unique=True, editable=False, default=new_public_code
    )
    name = models.CharField(_("name"), max_length=200, unique=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    area = models.ForeignKey(
        "villages.Region",
        on_delete=models.PROTECT,
        related_name="timpora_teams",
        verbose_name=_("area"),
        help_text=_("The regency/city or district the team oversees."),
    )
    chair_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="chaired_teams",
        verbose_name=_("chairing office"),
        help_text=_("The immigration office that forms and chairs the team."),
    )
    members = models.ManyToManyField(
        Agency, through="TeamMembership", related_name="teams", verbose_name=_("member agencies")
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = TeamQuerySet.as_manager()

    class Meta:
        verbose_name = _("TIMPORA team")
        verbose_name_plural = _("TIMPORA teams")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.area_id and self.level and self.area.level != self.level:
            errors["area"] = _("The area must be a region of the team's level.")
        if self.chair_agency_id and not self.chair_agency.is_immigration_office:
            errors["chair_agency"] = _("A TIMPORA team is chaired by an immigration office.")
        if errors:
            raise ValidationError(errors)


class TeamMembership(models.Model):
    """An agency's seat in a team, appointed by decree (SK)."""

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("team")
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="team_memberships",
        verbose_name=_("agency"),
    )
    decree_number = models.CharField(_("decree number"), max_length=120, blank=True)
    decree_date = models.DateField(_("decree date"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        ordering = ["team", "agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "agency"], name="timpora_teammembership_one_seat_per_agency"
            ),
        ]
        indexes = [
            # Visibility: "teams where this agency is an active member".
            models.Index(fields=["agency", "is_active"], name="timpora_membership_agency"),
        ]

    def __str__(self):
        return f"{self.agency} — {self.team}"


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Office staff see every meeting of their office's teams; agency members see the
        non-draft meetings of teams their agency actively belongs to or is invited to."""
        scope, agency_id = _meeting_scope(user)
        if scope == "all":
            return self
        if scope == "office":
            return self.filter(team__chair_agency_id=agency_id)
        if scope == "member":
            member = TeamMembership.objects.filter(
                team=models.OuterRef("team"), agency_id=agency_id, is_active=True
            )
            invited = Meeting.invited_agencies.through.objects.filter(
                meeting=models.OuterRef("pk"), agency_id=agency_id
            )
            return self.exclude(status=Meeting.Status.DRAFT).filter(
                models.Exists(member) | models.Exists(invited)
            )
        return self.none()

    def minutes_visible_to(self, user):
        """Meetings whose minutes the user may read: office staff always, members of invited
        agencies once the minutes are published."""
        scope, agency_id = _meeting_scope(user)
        if scope in ("all", "office"):
            return self.visible_to(user)
        if scope == "member":
            return self.filter(
                status=Meeting.Status.MINUTES_PUBLISHED, invited_agencies=agency_id
            )
        return self.none()

    def upcoming(self, now):
        return self.filter(ends_at__gte=now).order_by("starts_at")

    def past(self, now):
        return self.filter(ends_at__lt=now).order_by("-starts_at")


class Meeting(models.Model):
    """A TIMPORA meeting (rapat): agenda, attendance, minutes and follow-up actions."""

    class Kind(models.TextChoices):
        COORDINATION = "coordination", _("Coordination meeting")
        OPERATION_BRIEFING = "operation_briefing", _("Joint-operation briefing")
        EVALUATION = "evaluation", _("Evaluation meeting")
        OUTREACH = "outreach", _("Outreach with meeting")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        MINUTES_PUBLISHED = "published", _("Minutes published")
        CANCELLED = "cancelled", _("Cancelled")

        @property
        def badge(self) -> str:
            return {
                "draft": "text-bg-secondary",
                "scheduled": "text-bg-primary",
                "held": "text-bg-info",
                "published": "text-bg-success",
                "cancelled": "text-bg-danger",
            }[self.value]

    code = models.CharField(
        _("code"), max_length=22, unique=True, editable=False, default=new_public_code
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("team")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.COORDINATION
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue = models.CharField(_("venue"), max_length=200)
    village = models.ForeignKey(
        "villages.Region",
        on_delete=models.PROTECT,
        related_name="timpora_meetings",
        verbose_name=_("village"),
        null=True,
        blank=True,
        limit_choices_to={"level": 4},
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="chaired_meetings",
        verbose_name=_("chair"),
        null=True,
        blank=True,
    )
    minute_taker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="minuted_meetings",
        verbose_name=_("minute-taker"),
        null=True,
        blank=True,
    )
    invited_agencies = models.ManyToManyField(
        Agency, related_name="meeting_invitations", verbose_name=_("invited agencies"),
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    # RFC 5545 SEQUENCE: raised whenever calendar apps must replace their copy.
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0, editable=False)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="timpora_meeting_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="cancelled") | ~models.Q(cancel_reason=""),
                name="timpora_meeting_cancel_has_reason",
            ),
        ]
        indexes = [
            # The meeting list: upcoming and past meetings in time order.
            models.Index(fields=["starts_at"], name="timpora_meeting_starts"),
            # "The previous meetings of this team" for the follow-up list and the brief.
            models.Index(fields=["team", "starts_at"], name="timpora_meeting_team_starts"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:detail", args=[self.code])

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The meeting must end after it starts.")
        if self.status == self.Status.CANCELLED and not self.cancel_reason.strip():
            errors["cancel_reason"] = _("Give the reason for cancelling.")
        if self.minute_taker_id and self.team_id:
            profile = getattr(self.minute_taker, "profile", None)
            if profile is None or profile.agency_id != self.team.chair_agency_id:
                errors["minute_taker"] = _("The minute-taker must be staff of the office.")
        if self.village_id and self.village.level != 4:
            errors["village"] = _("Choose a village, not a larger region.")
        if errors:
            raise ValidationError(errors)

    @property
    def status_enum(self) -> "Meeting.Status":
        return self.Status(self.status)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def minutes_published(self) -> bool:
        return self.status == self.Status.MINUTES_PUBLISHED


class MeetingReschedule(models.Model):
    """A record of a scheduled meeting moved to another time."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="reschedules", verbose_name=_("meeting")
    )
    old_starts_at = models.DateTimeField(_("old start"))
    old_ends_at = models.DateTimeField(_("old end"))
    new_starts_at = models.DateTimeField(_("new start"))
    new_ends_at = models.DateTimeField(_("new end"))
    reason = models.TextField(_("reason"), blank=True)
    rescheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("rescheduled by"),
    )
    rescheduled_at = models.DateTimeField(_("rescheduled at"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting reschedule")
        verbose_name_plural = _("meeting reschedules")
        ordering = ["meeting", "rescheduled_at"]

    def __str__(self):
        old, new = f"{self.old_starts_at:%Y-%m-%d %H:%M}", f"{self.new_starts_at:%Y-%m-%d %H:%M}"
        return f"{self.meeting}: {old} → {new}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    presenter = models.CharField(_("presenter"), max_length=200, blank=True)
    planned_minutes = models.PositiveSmallIntegerField(
        _("planned minutes"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    notes = models.TextField(_("notes"), blank=True)
    discussion = models.TextField(
        _("discussion"), blank=True, help_text=_("What was discussed, for the minutes (Markdown).")
    )
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "pk"]

    def __str__(self):
        return self.title


class Attendee(models.Model):
    """A person on the attendance list of a meeting, for an invited agency or the office."""

    class Presence(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendees", verbose_name=_("meeting")
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    presence = models.CharField(
        _("presence"), max_length=10, choices=Presence.choices, default=Presence.PRESENT
    )

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        ordering = ["meeting", "agency__name", "name"]

    def __str__(self):
        return f"{self.name} ({self.agency})"


class Minutes(models.Model):
    """The minutes (notulen) of a meeting; locked once published."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="minutes", verbose_name=_("meeting")
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown."))
    decisions = models.TextField(_("decisions"), blank=True, help_text=_("Markdown."))
    recommendations = models.TextField(_("recommendations"), blank=True, help_text=_("Markdown."))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("last edited by"),
    )
    updated_at = models.DateTimeField(_("last edited at"), auto_now=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("published by"), null=True, blank=True,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(published_at__isnull=True, published_by__isnull=True)
                | models.Q(published_at__isnull=False, published_by__isnull=False),
                name="timpora_minutes_published_by_whom",
            ),
        ]

    def __str__(self):
        return _("Minutes of %(meeting)s") % {"meeting": self.meeting}

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class MinutesRevision(models.Model):
    """A correction of published minutes: the text as it was before, who changed it and why."""

    minutes = models.ForeignKey(
        Minutes, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("minutes")
    )
    previous_text = models.JSONField(_("previous text"))
    reason = models.TextField(_("reason for the correction"))
    revised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("corrected by"),
    )
    revised_at = models.DateTimeField(_("corrected at"), auto_now_add=True)

    class Meta:
        verbose_name = _("minutes revision")
        verbose_name_plural = _("minutes revisions")
        ordering = ["minutes", "revised_at"]

    def __str__(self):
        return f"{self.minutes} ({self.revised_at:%Y-%m-%d %H:%M})"


class FollowUpActionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Office staff see the actions of their meetings; agency members see actions of
        published minutes they may read, and every published action assigned to their agency."""
        scope, agency_id = _meeting_scope(user)
        if scope in ("all", "office"):
            return self.filter(meeting__in=Meeting.objects.visible_to(user))
        if scope == "member":
            invited = Meeting.invited_agencies.through.objects.filter(
                meeting=models.OuterRef("meeting"), agency_id=agency_id
            )
            return self.filter(meeting__status=Meeting.Status.MINUTES_PUBLISHED).filter(
                models.Q(agency_id=agency_id) | models.Exists(invited)
            )
        return self.none()

    def still_open(self):
        return self.filter(
            status__in=[FollowUpAction.Status.OPEN, FollowUpAction.Status.IN_PROGRESS]
        )

    def overdue(self, today):
        return self.still_open().filter(due_date__lt=today)


class FollowUpAction(models.Model):
    """A follow-up action (tindak lanjut) decided in a meeting and assigned to an agency."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    code = models.CharField(
        _("code"), max_length=22, unique=True, editable=False, default=new_public_code
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="actions", verbose_name=_("meeting")
    )
    description = models.TextField(_("description"))
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="follow_up_actions",
        verbose_name=_("responsible agency"),
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = FollowUpActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due_date", "pk"]
        indexes = [
            # "My agency's open actions" and the overdue highlight, by due date.
            models.Index(fields=["agency", "status", "due_date"], name="timpora_action_agency"),
        ]

    def __str__(self):
        return Truncator(self.description).chars(80)

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.IN_PROGRESS)

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_date < today


class ActionUpdate(models.Model):
    """A progress note on a follow-up action, with the status it set."""

    action = models.ForeignKey(
        FollowUpAction, on_delete=models.CASCADE, related_name="updates",
        verbose_name=_("follow-up action"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=FollowUpAction.Status.choices
    )
    note = models.TextField(_("progress note"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("action update")
        verbose_name_plural = _("action updates")
        ordering = ["action", "created_at", "pk"]

    def __str__(self):
        return f"{self.action}: {self.get_status_display()}"


class CalendarFeedToken(models.Model):
    """A personal calendar subscription: only the SHA-256 of the secret token is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens",
        verbose_name=_("user"),
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(revoked_at__isnull=True),
                name="timpora_calendarfeedtoken_one_active_per_user",
            ),
        ]

    def __str__(self):
        return _("Calendar feed of %(user)s") % {"user": self.user}
