import pytest
from django.contrib.contenttypes.models import ContentType

# The security tests' world: reports, people, files, meetings and minutes for every role.
from tests.security.conftest import media_in_tmp, world  # noqa: F401


@pytest.fixture(autouse=True)
def warm_content_types(db):
    """Django caches content types per process; a test that counts queries starts warm."""
    ContentType.objects.clear_cache()
    for model in ("reports.report", "people.person", "people.mention", "reports.attachment",
                  "meetings.meeting",
                  "audit.auditevent"):
        app_label, name = model.split(".")
        ContentType.objects.get_by_natural_key(app_label, name)
