"""Country names in Indonesian.

django-countries ships no Indonesian catalogue, so nationalities would read in English on
Indonesian pages. The ISO 3166 names translated by the iso-codes project (shipped with pycountry)
fill the gap, with the names Indonesian government usage prefers where they differ. Other
languages keep django-countries' own names.
"""

import functools
import gettext

import pycountry
from django.utils.functional import lazy
from django.utils.translation import get_language

# Where official Indonesian usage differs from the iso-codes translation.
PREFERRED = {
    "CN": "Tiongkok",
    "CV": "Tanjung Verde",
    "CZ": "Ceko",
    "ET": "Etiopia",
    "MO": "Makau",
    "TF": "Wilayah Selatan Prancis",
    "TW": "Taiwan",
    "VA": "Vatikan",
    "VI": "Kepulauan Virgin Amerika Serikat",
}


@functools.cache
def indonesian_names() -> dict[str, str]:
    catalogue = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=["id"], fallback=True
    )
    names = {
        country.alpha_2: catalogue.gettext(getattr(country, "common_name", None) or country.name)
        for country in pycountry.countries
    }
    names.update(PREFERRED)
    return names


def _name(code: str, default) -> str:
    if (get_language() or "").split("-")[0] == "id":
        return indonesian_names().get(code) or str(default)
    return str(default)


def names_by_language() -> dict:
    """COUNTRIES_OVERRIDE for django-countries: every name resolved in the active language."""
    from django_countries import Countries
    from django_countries.data import COUNTRIES

    defaults = {**COUNTRIES, **Countries.COMMON_NAMES}
    return {code: lazy(_name, str)(code, default) for code, default in defaults.items()}
