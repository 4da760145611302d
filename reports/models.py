"""Intelligence reports, the people named in them, their attachments, notes and status timeline."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Agency
from accounts.roles import role_of
from core.choices import ChoiceLabels
from core.codes import new_public_code
from people.models import Mention, normalise_passport
from villages.models import Region


def user_agency(user) -> Agency | None:
    profile = getattr(user, "profile", None)
    return profile.agency if profile is not None else None


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one rule for who may read which report (docs/security.md, "Roles and what each
        sees").

        Drafts only to their author, administrators included; office staff every other report of
        their office; administrators every other report; agency members their own submissions and
        verified-or-later reports shared with their agency.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        own_draft = Q(author=user, status=Report.Status.DRAFT)
        if user.is_superuser:
            return self.filter(own_draft | ~Q(status=Report.Status.DRAFT))
        role = role_of(user)
        agency = user_agency(user)
        if role is None or agency is None:
            return self.none()
        if role.is_office_staff:
            return self.filter(own_draft | (Q(office=agency) & ~Q(status=Report.Status.DRAFT)))
        return self.filter(
            Q(author=user) | (Q(status__in=Report.SHAREABLE_STATUSES) & self.shared_with_q(agency))
        )

    @staticmethod
    def shared_with_q(agency):
        """Reports shared with `agency`: chosen explicitly, or with the whole team.

        "The whole team" is every active partner agency until teams have their own members.
        """
        explicitly = Q(sharing=Report.Sharing.AGENCIES) & Exists(
            Report.shared_with.through.objects.filter(report=OuterRef("pk"), agency=agency)
        )
        if agency.is_active and not agency.is_immigration_office:
            return explicitly | Q(sharing=Report.Sharing.TEAM)
        return explicitly

    def search(self, text: str, *, include_passports: bool):
        """Title, narrative and the names (and, for office staff, passports) of the people."""
        people = Q(mention__full_name__icontains=text)
        if include_passports and normalise_passport(text):
            people |= Q(mention__passport_number=normalise_passport(text))
        named = ReportPerson.objects.filter(people, report=OuterRef("pk"))
        return self.filter(
            Q(title__icontains=text) | Q(narrative__icontains=text) | Exists(named)
        )


class Report(ChoiceLabels, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for revision")
        VERIFIED = "verified", _("Verified")
        DISMISSED = "dismissed", _("Dismissed")
        ACTIONED = "actioned", _("Action decided")
        CLOSED = "closed", _("Closed")

    class Category(models.TextChoices):
        OVERSTAY = "overstay", _("Overstay")
        PERMIT_MISUSE = "permit_misuse", _("Stay-permit misuse")
        ILLEGAL_WORK = "illegal_work", _("Illegal work")
        SUSPICIOUS = "suspicious", _("Suspicious activity")
        DOCUMENT_FRAUD = "document_fraud", _("Document fraud")
        NON_PROCEDURAL_RECRUITMENT = "recruitment", _(
            "Recruitment of non-procedural migrant workers"
        )
        TRAFFICKING = "trafficking", _("Trafficking in persons (TPPO)")
        SMUGGLING = "smuggling", _("People smuggling (TPPM)")
        SCAM = "scam", _("Scam targeting villagers")
        BORDER_CROSSING = "border_crossing", _("Border crossing")
        OTHER = "other", _("Other")

    class SourceType(models.TextChoices):
        PATROL = "patrol", _("Patrol or field check")
        AGENCY = "agency", _("TIMPORA member agency")
        PIMPASA = "pimpasa", _("PIMPASA or village")
        PUBLIC_TIP = "public_tip", _("Public tip")
        APOA = "apoa", _("APOA hotel report")
        MEDIA = "media", _("Media")
        OTHER = "other", _("Other")

    class Reliability(models.TextChoices):
        A = "A", _("A — completely reliable")
        B = "B", _("B — usually reliable")
        C = "C", _("C — fairly reliable")
        D = "D", _("D — not usually reliable")
        E = "E", _("E — unreliable")
        F = "F", _("F — reliability cannot be judged")

    class Credibility(models.IntegerChoices):
        CONFIRMED = 1, _("1 — confirmed by other sources")
        PROBABLE = 2, _("2 — probably true")
        POSSIBLE = 3, _("3 — possibly true")
        DOUBTFUL = 4, _("4 — doubtful")
        IMPROBABLE = 5, _("5 — improbable")
        UNKNOWN = 6, _("6 — truth cannot be judged")

    class Priority(models.IntegerChoices):
        LOW = 1, _("Low")
        MEDIUM = 2, _("Medium")
        HIGH = 3, _("High")
        URGENT = 4, _("Urgent")

    class Sharing(models.TextChoices):
        OFFICE = "office", _("The office only")
        TEAM = "team", _("The whole team")
        AGENCIES = "agencies", _("Chosen agencies")

    class Action(models.TextChoices):
        # The six forms of TAK (UU 6/2011 art. 75(2)), referral pro justitia, or nothing.
        PREVENTION_LISTING = "listing", _("Listing for prevention or deterrence")
        PERMIT_CHANGE = "permit_change", _("Restriction, change or cancellation of the stay permit")
        PLACE_BAN = "place_ban", _("Ban from certain places")
        RESIDENCE_ORDER = "residence_order", _("Obligation to live in a given place")
        COST_CHARGE = "cost_charge", _("Cost charge")
        DEPORTATION = "deportation", _("Deportation")
        PRO_JUSTITIA = "pro_justitia", _("Referral to investigators (pro justitia)")
        NO_ACTION = "no_action", _("No action")

    SHAREABLE_STATUSES = (Status.VERIFIED, Status.ACTIONED, Status.CLOSED)
    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)

    code = models.CharField(
        _("code"), max_length=22, unique=True, editable=False, default=new_public_code
    )
    number = models.CharField(
        _("number"), max_length=20, blank=True, editable=False,
        help_text=_("Given when the report is submitted, for example LI/2024/000123."),
    )
    office = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="reports", verbose_name=_("office"),
        limit_choices_to={"kind": Agency.Kind.IMMIGRATION_OFFICE},
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="authored_reports",
        verbose_name=_("author"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    title = models.CharField(_("title"), max_length=200)
    narrative = models.TextField(
        _("narrative"), help_text=_("What was observed, in Markdown: *emphasis*, lists, links.")
    )
    observed_at = models.DateTimeField(_("observed at"))
    location_text = models.CharField(_("location"), max_length=255, blank=True)
    village = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="reports", null=True, blank=True,
        verbose_name=_("village"), limit_choices_to={"level": Region.Level.VILLAGE},
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    source_type = models.CharField(_("source"), max_length=12, choices=SourceType.choices)
    source_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="sourced_reports", null=True, blank=True,
        verbose_name=_("source agency"),
        help_text=_("Required when the source is a TIMPORA member agency."),
    )
    source_reliability = models.CharField(
        _("source reliability"), max_length=1, choices=Reliability.choices
    )
    information_credibility = models.PositiveSmallIntegerField(
        _("information credibility"), choices=Credibility.choices
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.MEDIUM
    )
    sharing = models.CharField(
        _("sharing"), max_length=10, choices=Sharing.choices, default=Sharing.OFFICE
    )
    shared_with = models.ManyToManyField(
        Agency, related_name="shared_reports", blank=True, verbose_name=_("shared with"),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, related_name="assigned_reports",
        null=True, blank=True, verbose_name=_("assigned officer"),
    )
    recommended_action = models.CharField(
        _("recommended action"), max_length=20, choices=Action.choices, blank=True
    )
    decided_action = models.CharField(
        _("decided action"), max_length=20, choices=Action.choices, blank=True, editable=False
    )
    action_decided_on = models.DateField(_("action decided on"), null=True, blank=True,
                                         editable=False)
    action_note = models.TextField(_("action note"), blank=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ReportQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-observed_at", "-pk"]
        permissions = [
            ("verify_report", _("Can verify, return, dismiss, decide and close reports")),
            ("share_report", _("Can choose whom a report is shared with")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "number"], condition=~Q(number=""),
                name="reports_report_unique_number_per_office",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="reports_report_coordinates_pair",
            ),
            models.CheckConstraint(
                condition=~Q(source_type="agency") | Q(source_agency__isnull=False),
                name="reports_report_agency_source_named",
            ),
            models.CheckConstraint(
                condition=Q(source_reliability__in=["A", "B", "C", "D", "E", "F"])
                & Q(information_credibility__gte=1, information_credibility__lte=6),
                name="reports_report_valid_grading",
            ),
            models.CheckConstraint(
                condition=Q(decided_action="") | Q(action_decided_on__isnull=False),
                name="reports_report_decision_dated",
            ),
        ]
        indexes = [
            # The office's list: "reports of office X in status Y, newest observation first".
            models.Index(fields=["office", "status", "-observed_at"],
                         name="reports_office_status_obs"),
            # Related reports: "same village within 30 days".
            models.Index(fields=["village", "observed_at"], name="reports_village_observed"),
            # The report list's default order and its keyset pages: "ORDER BY observed_at DESC,
            # id DESC [WHERE (observed_at, id) < cursor] LIMIT 26".
            models.Index(fields=["-observed_at", "-id"], name="reports_observed_keyset"),
            # The list sorted by priority: "ORDER BY priority DESC, observed_at DESC, id DESC".
            models.Index(fields=["-priority", "-observed_at", "-id"],
                         name="reports_priority_keyset"),
            # The list filtered by category: "category = … ORDER BY observed_at DESC".
            models.Index(fields=["category", "-observed_at"], name="reports_category_observed"),
            # Aggregates of an office's observations (the meeting's situation brief): "office =
            # … AND observed_at >= … GROUP BY category", read from the index alone on PostgreSQL
            # (status and author are what visible_to tests). The dashboard counts by submission.
            models.Index(fields=["office", "observed_at"],
                         include=["category", "status", "author"],
                         name="reports_office_observed_cover"),
            # Digests: "updated_at >= start AND updated_at < end ORDER BY updated_at DESC".
            models.Index(fields=["updated_at"], name="reports_updated"),
        ]

    def __str__(self):
        return f"{self.number or _('(draft)')} {self.title}"

    def get_absolute_url(self):
        return reverse("reports:detail", args=[self.code])

    def clean(self):
        errors = {}
        if self.observed_at and self.observed_at > timezone.now():
            errors["observed_at"] = _("The observation time cannot be in the future.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude" if self.longitude is None else "latitude"] = _(
                "Give both latitude and longitude, or neither."
            )
        if self.source_type == self.SourceType.AGENCY and self.source_agency_id is None:
            errors["source_agency"] = _("Name the agency the information came from.")
        if self.village_id and self.village.level != Region.Level.VILLAGE:
            errors["village"] = _("Choose a village, not a larger region.")
        if errors:
            raise ValidationError(errors)

    @property
    def grading(self) -> str:
        """The Admiralty code, for example "B2"."""
        return f"{self.source_reliability}{self.information_credibility}"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES


def report_number(year: int, sequence: int) -> str:
    """The number a report is given on submission: LI/<year>/<000123>, counted per office and
    year (ReportNumberCounter)."""
    return f"LI/{year}/{sequence:06d}"


class ReportNumberCounter(models.Model):
    """The last number given per office and year; its row is locked while a number is taken."""

    office = models.ForeignKey(Agency, on_delete=models.CASCADE, verbose_name=_("office"))
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("report number counter")
        verbose_name_plural = _("report number counters")
        constraints = [
            models.UniqueConstraint(fields=["office", "year"],
                                    name="reports_counter_one_per_office_year"),
        ]

    def __str__(self):
        return f"{self.office} {self.year}: {self.last_number}"


class ReportPerson(models.Model):
    """Someone the report names: the author's words (a register mention, kept with the report) and
    the part they play in it. Which register person it is, office staff decide on the mention."""

    class Role(models.TextChoices):
        SUBJECT = "subject", _("Subject")
        SPONSOR = "sponsor", _("Sponsor")
        WITNESS = "witness", _("Witness")
        VICTIM = "victim", _("Victim")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="people_links",
                               verbose_name=_("report"))
    mention = models.OneToOneField(Mention, on_delete=models.CASCADE, related_name="report_link",
                                   verbose_name=_("mention"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.SUBJECT)

    class Meta:
        verbose_name = _("person in a report")
        verbose_name_plural = _("people in reports")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.mention} — {self.get_role_display()}"


# Someone a link names, for counting people over ReportPerson rows: the register person once
# however many reports name them, or the mention itself while nobody has matched it.
SOMEONE = Case(When(mention__person__isnull=False, then=F("mention__person_id")),
               default=F("mention_id") * -1)


class StatusEvent(models.Model):
    """One step of a report's timeline: who moved it from which status to which, and why."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events",
                               verbose_name=_("report"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("at"), default=timezone.now)
    from_status = models.CharField(_("from"), max_length=12, choices=Report.Status.choices,
                                   blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=Report.Status.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("status event")
        verbose_name_plural = _("status events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.report_id}: {self.from_status or '—'} → {self.to_status}"


class Attachment(models.Model):
    """A photo, scan or document attached to a report, stored under a random name."""

    code = models.CharField(
        _("code"), max_length=22, unique=True, editable=False, default=new_public_code
    )
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments",
                               verbose_name=_("report"))
    file = models.FileField(_("file"), upload_to="reports/attachments/%Y/", max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class Note(models.Model):
    """An entry in a report's follow-up log."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="notes",
                               verbose_name=_("report"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("author"))
    body = models.TextField(_("note"), max_length=4000)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.body[:60]



class AgendaItemReport(models.Model):
    """A report to be discussed under an agenda item of a TIMPORA meeting."""

    agenda_item = models.ForeignKey(
        "meetings.AgendaItem", on_delete=models.CASCADE, related_name="report_links",
        verbose_name=_("agenda item"),
    )
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="agenda_links", verbose_name=_("report")
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("linked by"),
    )
    linked_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("report on an agenda")
        verbose_name_plural = _("reports on agendas")
        constraints = [
            models.UniqueConstraint(fields=["agenda_item", "report"],
                                    name="reports_agendaitemreport_once"),
        ]

    def __str__(self):
        return f"{self.agenda_item} — {self.report}"
