import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads of these tests go to a temporary folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
