"""Form fields for regions, shared by every form that names a village."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from villages.models import Region

VILLAGE_CODE = re.compile(r"\b\d{2}\.\d{2}\.\d{2}\.\d{4}\b")


class VillageField(forms.CharField):
    """A village typed by name or Kemendagri code; the report form's script offers suggestions
    from the autocomplete endpoint, and without scripts a unique name or a code still works."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 160)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Region):
            return str(value)
        if isinstance(value, int):
            region = Region.objects.filter(pk=value).first()
            return str(region) if region else ""
        return value

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        villages = Region.objects.filter(level=Region.Level.VILLAGE)
        match = VILLAGE_CODE.search(text)
        found = (list(villages.filter(code=match.group(0))) if match
                 else list(villages.filter(name__iexact=text.strip())[:2]))
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise forms.ValidationError(
                _("Several villages are called %(name)s; choose one from the suggestions or "
                  "type its Kemendagri code."), params={"name": text}, code="ambiguous")
        raise forms.ValidationError(
            _("No village matches %(name)s; choose one from the suggestions or type its "
              "Kemendagri code, for example 35.06.03.2016."), params={"name": text},
            code="unknown")
