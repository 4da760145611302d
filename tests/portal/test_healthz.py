import json

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_healthz_reports_database_and_broker_without_sign_in(client, settings, tmp_path):
    if settings.CELERY_BROKER_URL.startswith("filesystem"):
        settings.CELERY_BROKER_TRANSPORT_OPTIONS = {
            "data_folder_in": str(tmp_path), "data_folder_out": str(tmp_path)}
    response = client.get(reverse("healthz"))
    assert response.status_code == 200, response.content
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


@pytest.mark.django_db
def test_healthz_answers_503_when_the_broker_is_down(client, settings):
    # Nothing listens on port 1: a real connection attempt that is refused.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body == {"status": "unavailable", "database": "ok", "broker": "unavailable"}
    # Nothing about the configuration leaks.
    assert "127.0.0.1" not in json.dumps(body)
    assert "Cache-Control" in response.headers
