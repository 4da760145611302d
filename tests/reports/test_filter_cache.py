"""The report list's empty filter form is rendered once per language and reused; a form that
holds values or errors is always rendered for its request."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def _filter_form(client, query="") -> str:
    page = client.get(f"/reports/{query}").content.decode()
    return re.search(r'<form method="get".*?</form>', page, re.S).group(0)


def test_the_empty_form_is_the_same_from_the_cache(client, officer):
    client.force_login(officer)
    first = _filter_form(client)
    assert 'name="region"' in first and "Kewarganegaraan" in first
    assert _filter_form(client) == first
    # A keyset page carries no filter: the same empty form.
    assert _filter_form(client, "?after=x") == first


def test_values_and_errors_are_rendered_for_the_request(client, officer):
    client.force_login(officer)
    _filter_form(client)
    assert 'value="harbour"' in _filter_form(client, "?q=harbour")
    invalid = _filter_form(client, "?region=nowhere")
    assert 'value="nowhere"' in invalid and "is-invalid" in invalid
    assert 'value="harbour"' not in _filter_form(client)


def test_each_language_has_its_own_form(client, officer):
    client.force_login(officer)
    assert "District or village" not in _filter_form(client)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "District or village" in _filter_form(client)
