import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.core.serializers import serialize

from accounts.models import Agency, Profile
from accounts.roles import Role, role_of


def snapshot():
    """Everything seed_demo writes, serialised: two equal snapshots mean the same data."""
    User = get_user_model()
    users = User.objects.order_by("username")
    return (
        serialize("json", Agency.objects.order_by("name")),
        serialize("json", users, fields=["username", "first_name", "email", "groups",
                                         "is_staff", "is_superuser", "password"]),
        serialize("json", Profile.objects.order_by("user__username")),
    )


@pytest.mark.django_db
def test_seed_demo_twice_gives_the_same_data(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first


@pytest.mark.django_db
def test_seed_demo_creates_the_office_partners_and_accounts(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    names = set(Agency.objects.values_list("short_name", flat=True))
    assert {"Kanim Kediri", "Polres Kediri", "Kodim 0809/Kediri", "Kejari Kab. Kediri",
            "Binda Jatim", "Disnaker Kab. Kediri", "Dukcapil Kab. Kediri",
            "Bakesbangpol Kab. Kediri", "Satpol PP Kab. Kediri", "Camat Kras"} <= names
    User = get_user_model()
    expected = {"officer": Role.OFFICER, "supervisor": Role.SUPERVISOR,
                "polres": Role.AGENCY_MEMBER, "disnaker": Role.AGENCY_MEMBER}
    for username, role in expected.items():
        user = User.objects.get(username=username)
        assert role_of(user) == role
        assert user.check_password("timpora-demo")
    assert User.objects.get(username="polres").profile.agency.short_name == "Polres Kediri"
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff


@pytest.mark.django_db
def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not get_user_model().objects.filter(username="officer").exists()
