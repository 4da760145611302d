"""Nationalities read in the page's language: Indonesian names on Indonesian pages."""

import pytest
from django.urls import reverse
from django.utils import translation
from django_countries import countries
from django_countries.fields import Country


@pytest.mark.parametrize(("language", "names"), [
    ("id", {"CN": "Tiongkok", "DE": "Jerman", "KR": "Korea Selatan", "NL": "Belanda"}),
    ("en", {"CN": "China", "DE": "Germany", "KR": "South Korea", "NL": "Netherlands"}),
])
def test_country_names_follow_the_active_language(language, names):
    with translation.override(language):
        assert {code: Country(code).name for code in names} == names


def test_every_country_has_an_indonesian_name():
    with translation.override("id"):
        listed = list(countries)
    assert len(listed) >= 249
    assert all(name.strip() for _code, name in listed)
    # Sorted by the Indonesian names: Jerman before Kamboja, though Germany follows Cambodia.
    codes = [code for code, _name in listed]
    assert codes.index("DE") < codes.index("KH")


@pytest.mark.django_db
def test_the_report_filter_offers_nationalities_in_indonesian(client, officer):
    client.force_login(officer)
    page = client.get(reverse("reports:list")).content.decode()
    assert ">Tiongkok<" in page and ">Jerman<" in page
    assert ">Germany<" not in page
