import io

import pytest
from django.utils import translation
from PIL import Image

from tests.villages.factories import DesaBinaanFactory, jambean


@pytest.fixture
def desa(db):
    """Desa Jambean, designated."""
    return DesaBinaanFactory(region=jambean())


def image_bytes(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format=fmt)
    return buffer.getvalue()


def png_bytes() -> bytes:
    return image_bytes("PNG")


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Service and command messages are checked in English; pages pick their own language."""
    with translation.override("en"):
        yield
