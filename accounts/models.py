from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.codes import new_public_code

phone_validator = RegexValidator(
    r"^\+?[0-9 ()-]{6,20}$",
    _("Enter a phone number of digits, spaces and dashes, optionally starting with +."),
)


class AgencyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def partners(self):
        """The partner agencies, that is every agency but the immigration office itself."""
        return self.exclude(kind=Agency.Kind.IMMIGRATION_OFFICE)


class Agency(models.Model):
    """An institution taking part in TIMPORA: the immigration office or a partner agency."""

    class Kind(models.TextChoices):
        IMMIGRATION_OFFICE = "immigration", _("Immigration office")
        POLICE = "police", _("Police")
        ARMY = "army", _("Army")
        PROSECUTOR = "prosecutor", _("Prosecutor's office")
        STATE_INTELLIGENCE = "intelligence", _("State intelligence")
        NARCOTICS = "narcotics", _("Narcotics agency")
        KESBANGPOL = "kesbangpol", _("National unity and politics agency (Kesbangpol)")
        SATPOL_PP = "satpol_pp", _("Public order agency (Satpol PP)")
        MANPOWER = "manpower", _("Manpower office")
        CIVIL_REGISTRY = "civil_registry", _("Civil registry office")
        INVESTMENT = "investment", _("Investment and licensing office")
        CUSTOMS = "customs", _("Customs")
        DISTRICT_HEAD = "district_head", _("District head (Camat)")
        VILLAGE_GOVERNMENT = "village", _("Village government")
        OTHER = "other", _("Other")

    code = models.CharField(
        _("code"), max_length=22, unique=True, editable=False, default=new_public_code
    )
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])
    is_active = models.BooleanField(_("active"), default=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name

    @property
    def is_immigration_office(self) -> bool:
        return self.kind == self.Kind.IMMIGRATION_OFFICE


class Profile(models.Model):
    """What the app knows of a user beyond Django's account: agency, position, language."""

    class DigestFrequency(models.TextChoices):
        DAILY = "daily", _("Daily (07:00)")
        WEEKLY = "weekly", _("Weekly (Monday 07:00)")
        NONE = "none", _("None")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("user"),
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("agency"),
        null=True,
        blank=True,
    )
    position = models.CharField(_("position"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    digest_frequency = models.CharField(
        _("report digest"),
        max_length=8,
        choices=DigestFrequency.choices,
        blank=True,
        help_text=_("Empty: daily for supervisors, weekly for everyone else."),
    )
    # The end of the last digest period handled: the next period starts exactly here.
    digest_sent_until = models.DateTimeField(
        _("digest sent until"), null=True, blank=True, editable=False
    )
    email_muted_kinds = models.JSONField(
        _("notifications not sent by e-mail"), default=list, blank=True
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return str(self.user)
