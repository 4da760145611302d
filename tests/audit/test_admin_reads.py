"""The admin is another way to read and search reports and people: it is recorded like the app's
pages, and a passport number searched there stays out of the audit table."""

import pytest
from django.test import Client

from audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def admin_client(world) -> Client:
    client = Client(REMOTE_ADDR="10.1.2.3")
    client.force_login(world.users["admin"])
    return client


@pytest.mark.parametrize(("name", "model"), [("shared", "reports/report"),
                                             ("shared_person", "people/person")])
def test_opening_a_report_or_a_person_in_the_admin_is_a_read(world, name, model):
    shown = world.objects[name]
    response = admin_client(world).get(f"/admin/{model}/{shown.pk}/change/")
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="read")
    assert (event.actor_username, event.object_code, event.content_type.model) == (
        "admin", shown.code, model.split("/")[1])


def test_a_search_in_the_admin_records_its_number_of_results_never_its_text(world):
    client = admin_client(world)
    assert client.get("/admin/people/person/").status_code == 200
    assert not AuditEvent.objects.filter(action="search").exists()  # a list without a search
    response = client.get("/admin/people/person/", {"q": "X1234567S"})
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="search")
    assert event.content_type.model == "person" and event.detail == {"results": 1}
    assert "X1234567S" not in str(list(AuditEvent.objects.values()))
