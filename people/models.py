"""The register of foreign nationals (and the Indonesians named with them), owned by the
immigration office: people, the mentions that sources write about them, and the facts over time
(permits, entries, addresses, employment) with the sponsors that are reused across people.

Reports (and later stays and imports) write *mentions*; only office staff link a mention to a
person, and a fact a mention brings in is only *proposed* until staff accept it."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from accounts.models import Agency
from accounts.roles import is_office_staff
from core.choices import ChoiceLabels
from core.codes import new_public_code
from villages.models import Region

PASSPORT_PATTERN = re.compile(r"^[A-Z0-9]{5,20}$")
PASSPORT_HELP = _("A passport number has 5 to 20 letters and digits, for example X1234567.")


def normalise_passport(value: str) -> str:
    """Passport numbers are compared without case, spaces or dashes: "a 123-4567" is A1234567."""
    return re.sub(r"[\s\-./]", "", value or "").upper()


def passport_searched(text: str) -> str:
    """The passport number a search term stands for, normalised, or "" if it cannot be one."""
    number = normalise_passport(text)
    return number if PASSPORT_PATTERN.match(number) else ""


def mask_passport(value: str) -> str:
    """The last four characters only, as partner agencies see a passport number."""
    if not value:
        return ""
    return "*" * max(len(value) - 4, 1) + value[-4:]


def user_office(user) -> Agency | None:
    """The immigration office whose register the user works in, or None (partner agencies and
    users without an agency have no register)."""
    if not user.is_authenticated or not user.is_active or not is_office_staff(user):
        return None
    profile = getattr(user, "profile", None)
    return profile.agency if profile is not None else None


def in_register(queryset, user):
    """`queryset` (of a model with an `office`) as far as `user` works in its register: office
    staff their own office's rows, administrators every office's, anyone else nothing."""
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    office = user_office(user)
    return queryset.filter(office=office) if office is not None else queryset.none()


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")
    UNKNOWN = "unknown", _("Unknown")


class PermitKind(models.TextChoices):
    """Stay permits (UU 6/2011 Pasal 48): what a person holds while in Indonesia. How they came in
    (visa-free, visa on arrival) is an entry's mode, not a permit."""

    ITK = "itk", _("Visit stay permit (ITK)")
    ITAS = "itas", _("Limited stay permit (ITAS)")
    ITAP = "itap", _("Permanent stay permit (ITAP)")
    DIPLOMATIC = "diplomatic", _("Diplomatic or service stay permit")
    NONE = "none", _("None")
    UNKNOWN = "unknown", _("Unknown")


class EntryMode(models.TextChoices):
    VISA = "visa", _("With a visa")
    VISA_FREE = "visa_free", _("Visa-free entry")
    VISA_ON_ARRIVAL = "voa", _("Visa on arrival")
    E_VOA = "evoa", _("Electronic visa on arrival (e-VoA)")
    UNKNOWN = "unknown", _("Unknown")


class Source(models.TextChoices):
    REPORT = "report", _("Report")
    IMPORT = "import", _("Import")
    MANUAL = "manual", _("Entered by office staff")


class FactState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class SponsorQuerySet(models.QuerySet):
    def visible_to(self, user):
        return in_register(self, user)


class Sponsor(ChoiceLabels, models.Model):
    """A guarantor (penjamin) or employer: a company that sponsors many workers, or a person."""

    class Kind(models.TextChoices):
        COMPANY = "company", _("Company or organisation")
        PERSON = "person", _("Person")

    code = models.CharField(
        _("code"), max_length=22, unique=True, editable=False, default=new_public_code
    )
    office = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="sponsors",
                               verbose_name=_("office"),
                               limit_choices_to={"kind": Agency.Kind.IMMIGRATION_OFFICE})
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices,
                            default=Kind.COMPANY)
    name = models.CharField(_("name"), max_length=200)
    registration_number = models.CharField(
        _("business or identity number"), max_length=40, blank=True,
        help_text=_("NIB for a company, NIK or passport for a person."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    village = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
        verbose_name=_("village"), limit_choices_to={"level": Region.Level.VILLAGE},
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = SponsorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sponsor")
        verbose_name_plural = _("sponsors")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(models.functions.Lower("name"), "office",
                                    name="people_sponsor_unique_name_per_office"),
        ]

    def __str__(self):
        return self.name


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one rule for who reads a register person: office staff their office's register,
        administrators every register. Partner agencies read no person: they read what a report
        shared with them says (its mentions), at the level the sharing allows. People merged into
        another are read through the survivor."""
        return in_register(self.filter(merged_into__isnull=True), user)


class Person(ChoiceLabels, models.Model):
    """One person of the register: usually a foreign national, sometimes an Indonesian citizen.

    Identity only; what they hold and where they are are facts over time (Permit, Entry, Address,
    Employment). `current_permit` and `current_address` are derived from the accepted facts by
    `people.services.person_refresh` and never typed."""

    Sex = Sex

    code = models.CharField(
        _("code"), max_length=22, unique=True, editable=False, default=new_public_code
    )
    office = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="register",
                               verbose_name=_("office"),
                               limit_choices_to={"kind": Agency.Kind.IMMIGRATION_OFFICE})
    full_name = models.CharField(_("full name"), max_length=200)
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, default=Sex.UNKNOWN)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    nationality = CountryField(_("nationality"))
    passport_number = models.CharField(
        _("passport number"), max_length=20, blank=True,
        help_text=_("Letters and digits; spaces and dashes are ignored."),
    )
    occupation = models.CharField(_("occupation"), max_length=120, blank=True)
    photo = models.ImageField(_("photo"), upload_to="reports/people/", blank=True)
    current_permit = models.ForeignKey(
        "Permit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        editable=False, verbose_name=_("current permit"),
    )
    current_address = models.ForeignKey(
        "Address", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        editable=False, verbose_name=_("current address"),
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_people",
        editable=False, verbose_name=_("merged into"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["current_permit", "current_address"])

    IDENTITY_FIELDS = ("full_name", "sex", "date_of_birth", "nationality", "passport_number",
                       "occupation")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "nationality", "passport_number"],
                condition=~Q(passport_number="") & Q(merged_into__isnull=True),
                name="people_person_unique_passport",
            ),
        ]
        indexes = [
            models.Index(fields=["full_name"], name="people_person_name"),
            models.Index(fields=["passport_number"], name="people_person_passport"),
            # Matching's date-of-birth block: "nationality = … AND date_of_birth = …".
            models.Index(fields=["nationality", "date_of_birth"], name="people_person_birth"),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.nationality.code})" if self.nationality else self.full_name

    def get_absolute_url(self):
        return reverse("people:detail", args=[self.code])

    def clean(self):
        self.passport_number = normalise_passport(self.passport_number)
        errors = {}
        if self.passport_number and not PASSPORT_PATTERN.match(self.passport_number):
            errors["passport_number"] = PASSPORT_HELP
        elif self.passport_number and self.nationality and self.office_id:
            twins = Person.objects.filter(
                office_id=self.office_id, nationality=self.nationality,
                passport_number=self.passport_number, merged_into__isnull=True,
            ).exclude(pk=self.pk)
            if twins.exists():
                errors["passport_number"] = _(
                    "Another person of this nationality already has this passport number."
                )
        if self.date_of_birth and self.date_of_birth > timezone.localdate():
            errors["date_of_birth"] = _("The date of birth cannot be in the future.")
        if errors:
            raise ValidationError(errors)


class NameKey(models.Model):
    """A blocking key of a person's name (people.matching.name_keys): candidates for a mention
    are the people sharing a key, a passport or a date of birth with it."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_keys")
    key = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="people_namekey_once"),
        ]
        indexes = [models.Index(fields=["key"], name="people_namekey_key")]

    def __str__(self):
        return self.key


class MentionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Mentions as the register sees them: office staff those of their office,
        administrators all; a mention its source still holds back (a report's draft) reaches
        nobody here. (A report's own page shows its mentions through the report.)"""
        return in_register(self.filter(held=False), user)


class Mention(ChoiceLabels, models.Model):
    """What a source wrote about someone, verbatim: part of the report (or stay, or import) that
    wrote it. Office staff link it to a register person, create a new person from it, or leave
    it unlinked."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for matching")
        LINKED = "linked", _("Linked")
        UNLINKED = "unlinked", _("Left unlinked")

    Sex = Sex

    code = models.CharField(
        _("code"), max_length=22, unique=True, editable=False, default=new_public_code
    )
    office = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="mentions",
                               verbose_name=_("office"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices,
                              default=Source.REPORT)
    full_name = models.CharField(_("full name"), max_length=200)
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, default=Sex.UNKNOWN)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    nationality = CountryField(_("nationality"))
    passport_number = models.CharField(
        _("passport number"), max_length=20, blank=True,
        help_text=_("Letters and digits; spaces and dashes are ignored."),
    )
    permit_kind = models.CharField(_("stay permit"), max_length=12, choices=PermitKind.choices,
                                   default=PermitKind.UNKNOWN)
    visa_index = models.CharField(
        _("visa index"), max_length=8, blank=True,
        help_text=_("The visa's index code where known, for example C312, E33G or D212."),
    )
    permit_number = models.CharField(_("permit number"), max_length=40, blank=True)
    permit_expires_on = models.DateField(_("permit expires on"), null=True, blank=True)
    entry_mode = models.CharField(_("entered with"), max_length=10, choices=EntryMode.choices,
                                  blank=True)
    address = models.CharField(_("address in Indonesia"), max_length=255, blank=True)
    village = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
        verbose_name=_("village"), limit_choices_to={"level": Region.Level.VILLAGE},
    )
    employer = models.CharField(_("sponsor or employer"), max_length=200, blank=True)
    occupation = models.CharField(_("occupation"), max_length=120, blank=True)
    observed_on = models.DateField(_("observed on"), null=True, blank=True,
                                   help_text=_("When the source saw what it wrote."))
    held = models.BooleanField(
        _("held back by its source"), default=False, editable=False,
        help_text=_("Written in a draft: it reaches the register when the report is submitted."))
    state = models.CharField(_("matching"), max_length=10, choices=State.choices,
                             default=State.PENDING, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="mentions",
                               null=True, blank=True, editable=False, verbose_name=_("person"))
    candidate_count = models.PositiveSmallIntegerField(_("candidates"), default=0,
                                                       editable=False)
    best_score = models.FloatField(_("best score"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", null=True, blank=True, editable=False,
                                   verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = MentionQuerySet.as_manager()
    history = HistoricalRecords()

    # What the author wrote, in the order the forms show it.
    WRITTEN_FIELDS = ("full_name", "sex", "date_of_birth", "nationality", "passport_number",
                      "permit_kind", "visa_index", "permit_number", "permit_expires_on",
                      "entry_mode", "address", "village", "employer", "occupation")

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="linked", person__isnull=False)
                | (~Q(state="linked") & Q(person__isnull=True)),
                name="people_mention_linked_has_person",
            ),
        ]
        indexes = [
            # The queue "Menunggu pencocokan": "office = … AND state = 'pending' ORDER BY created".
            models.Index(fields=["office", "state", "-created_at"], name="people_mention_queue"),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.nationality.code})" if self.nationality else self.full_name

    def get_absolute_url(self):
        return reverse("people:mention", args=[self.code])

    def clean(self):
        self.passport_number = normalise_passport(self.passport_number)
        self.visa_index = (self.visa_index or "").strip().upper()
        errors = {}
        if self.passport_number and not PASSPORT_PATTERN.match(self.passport_number):
            errors["passport_number"] = PASSPORT_HELP
        if self.date_of_birth and self.date_of_birth > timezone.localdate():
            errors["date_of_birth"] = _("The date of birth cannot be in the future.")
        if self.village_id and self.village.level != Region.Level.VILLAGE:
            errors["village"] = _("Choose a village, not a larger region.")
        if errors:
            raise ValidationError(errors)


class Fact(models.Model):
    """What every fact over time has: whose, where it came from, whether staff accepted it."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="%(class)s_set",
                               verbose_name=_("person"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices,
                              default=Source.MANUAL)
    mention = models.ForeignKey(Mention, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="%(class)s_set", editable=False,
                                verbose_name=_("mention"))
    state = models.CharField(_("state"), max_length=10, choices=FactState.choices,
                             default=FactState.ACCEPTED, editable=False)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", null=True, blank=True, editable=False,
                                   verbose_name=_("entered by"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", null=True, blank=True, editable=False,
                                   verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    # The fact's name in URLs (people:fact_decide) and forms.
    KEY = ""

    class Meta:
        abstract = True

    @property
    def kind_key(self) -> str:
        return self.KEY

    @property
    def kind_label(self) -> str:
        return self._meta.verbose_name


class Permit(ChoiceLabels, Fact):
    KEY = "permit"
    kind = models.CharField(_("kind"), max_length=12, choices=PermitKind.choices)
    visa_index = models.CharField(
        _("visa index"), max_length=8, blank=True,
        help_text=_("The visa's index code where known, for example C312, E33G or D212."),
    )
    number = models.CharField(_("permit number"), max_length=40, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    sponsor = models.ForeignKey(Sponsor, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="permits", verbose_name=_("sponsor"))

    class Meta:
        verbose_name = _("stay permit")
        verbose_name_plural = _("stay permits")
        ordering = ["-expires_on", "-issued_on", "-pk"]
        indexes = [models.Index(fields=["expires_on"], name="people_permit_expires")]

    def __str__(self):
        parts = [self.get_kind_display(), self.visa_index, self.number]
        text = " ".join(part for part in parts if part)
        return f"{text} ({self.expires_on:%d-%m-%Y})" if self.expires_on else text

    def clean(self):
        self.visa_index = (self.visa_index or "").strip().upper()
        if self.issued_on and self.expires_on and self.expires_on < self.issued_on:
            raise ValidationError({"expires_on": _("A permit cannot expire before it is issued.")})

    def same_as(self, other) -> bool:
        return (self.kind, self.number, self.expires_on) == (other.kind, other.number,
                                                             other.expires_on)


class Entry(ChoiceLabels, Fact):
    """How the person came into Indonesia: the mode (with a visa, visa-free, on arrival)."""

    KEY = "entry"

    mode = models.CharField(_("entered with"), max_length=10, choices=EntryMode.choices)
    entered_on = models.DateField(_("entered on"), null=True, blank=True)
    port = models.CharField(_("port of entry"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["-entered_on", "-pk"]

    def __str__(self):
        when = f" ({self.entered_on:%d-%m-%Y})" if self.entered_on else ""
        return f"{self.get_mode_display()}{when}"

    def same_as(self, other) -> bool:
        return self.mode == other.mode


class Address(Fact):
    """Where the person lives or stays: a village (its Kemendagri code) and the street address."""

    KEY = "address"

    village = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
        verbose_name=_("village"), limit_choices_to={"level": Region.Level.VILLAGE},
    )
    street = models.CharField(_("address"), max_length=255, blank=True)
    since = models.DateField(_("from"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        ordering = ["-since", "-pk"]

    def __str__(self):
        return ", ".join(str(part) for part in (self.street, self.village) if part)

    def clean(self):
        if self.since and self.until and self.until < self.since:
            raise ValidationError({"until": _("The end cannot come before the start.")})
        if not self.street and self.village_id is None:
            raise ValidationError(_("Give a street address, a village, or both."))

    def same_as(self, other) -> bool:
        return (self.street.strip().lower(), self.village_id) == (
            other.street.strip().lower(), other.village_id)


class Employment(Fact):
    """Who sponsors or employs the person, and as what."""

    KEY = "employment"

    sponsor = models.ForeignKey(Sponsor, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="employments", verbose_name=_("sponsor"))
    sponsor_name = models.CharField(
        _("sponsor or employer as written"), max_length=200, blank=True,
        help_text=_("What the source wrote; the sponsor record is chosen when it is accepted."),
    )
    occupation = models.CharField(_("occupation"), max_length=120, blank=True)
    since = models.DateField(_("from"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("employment")
        verbose_name_plural = _("employments")
        ordering = ["-since", "-pk"]

    def __str__(self):
        name = self.sponsor.name if self.sponsor_id else self.sponsor_name
        return f"{name} — {self.occupation}" if self.occupation else name

    def same_as(self, other) -> bool:
        def name(fact):
            return (fact.sponsor.name if fact.sponsor_id else fact.sponsor_name).strip().lower()
        return name(self) == name(other)


class Merge(models.Model):
    """Two people found to be one: `merged` now points to `survivor`. What moved and which value
    the survivor kept for each field is recorded, so that a supervisor can undo it."""

    survivor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_kept",
                                 verbose_name=_("kept"))
    merged = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_folded",
                               verbose_name=_("merged"))
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("merged by"))
    merged_at = models.DateTimeField(_("merged at"), default=timezone.now)
    choices = models.JSONField(_("values chosen"), default=dict,
                               help_text=_("Per field: the value kept and whose it was."))
    previous = models.JSONField(_("survivor's values before"), default=dict)
    moved = models.JSONField(_("moved records"), default=dict)
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+", null=True, blank=True,
                                  verbose_name=_("undone by"))
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)

    class Meta:
        verbose_name = _("merge")
        verbose_name_plural = _("merges")
        ordering = ["-merged_at", "-pk"]

    def __str__(self):
        return f"{self.merged} → {self.survivor}"

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None

    def taken_from_merged(self) -> list[tuple[str, str]]:
        """The fields whose value the survivor took from the merged person: (label, value)."""
        return [(Person._meta.get_field(name).verbose_name, chosen.get("value") or "—")
                for name, chosen in self.choices.items() if chosen.get("from") == "merged"]
