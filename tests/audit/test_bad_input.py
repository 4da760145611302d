"""Audit page input at the ends of the calendar and of the integers: answered, never a 500."""

import pytest
from django.urls import reverse

import audit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", [
    {"date_from": "0001-01-01"}, {"date_to": "9999-12-31"}, {"date_to": "9999-12-30"},
    {"date_from": "0001-01-01", "date_to": "9999-12-31"}, {"date_from": "9999-12-31"},
    {"after": "999999999999999999.999999999999999999"},
])
@pytest.mark.parametrize("url", [reverse("audit:list"), reverse("audit:export_csv")])
def test_dates_at_the_ends_of_the_calendar_are_answered(client, supervisor, officer, url,
                                                        query):
    audit.write(request=None, action="read", actor=officer)
    client.force_login(supervisor)
    response = client.get(url, query)
    assert response.status_code == 200
    if url == reverse("audit:list"):
        shown = [event.actor_username for event in response.context["page"].object_list]
        # A cursor beyond any time is no cursor: the first page.
        assert ("officer" in shown) == (query.get("date_from") != "9999-12-31")
