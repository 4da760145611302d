import pytest
from django.conf import settings


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads of these tests go to a temporary folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def english(client):
    """Pages in English, so that assertions read like the code's own strings."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
