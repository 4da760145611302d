import pytest
from django.core.management import call_command

from notifications.models import OutboxMessage


@pytest.mark.django_db(transaction=True)
def test_the_demo_meeting_invitations_land_as_files_on_the_embedded_defaults(settings, tmp_path):
    """As under `make run`: the file e-mail backend, one file per message."""
    settings.DEBUG = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    call_command("seed_demo")
    invitations = OutboxMessage.objects.filter(kind=OutboxMessage.Kind.MEETING_INVITATION)
    assert invitations.count() >= 3  # polres, disnaker and the chair at least
    assert set(invitations.values_list("status", flat=True)) == {"sent"}
    files = list(tmp_path.iterdir())
    with_calendar = [path for path in files if "text/calendar" in path.read_text()]
    assert len(with_calendar) == invitations.count()
    # Seeding again writes no message twice.
    call_command("seed_demo")
    assert len(list(tmp_path.iterdir())) == len(files)
