from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """An administrative region of Indonesia in the Kemendagri hierarchy, keyed by its dotted code
    (35 East Java > 35.06 Kabupaten Kediri > 35.06.03 Kras > 35.06.03.2016 Jambean)."""

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("Province")
        REGENCY = 2, _("Regency/city")
        DISTRICT = 3, _("District")
        VILLAGE = 4, _("Village")

    code = models.CharField(_("Kemendagri code"), max_length=13, unique=True)
    name = models.CharField(_("name"), max_length=120)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
        verbose_name=_("parent region"),
    )
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)

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
