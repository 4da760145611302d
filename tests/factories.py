import factory
from django.contrib.auth import get_user_model

from accounts.models import Agency, Profile
from accounts.roles import Role, assign_role


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Partner agency {n}")
    short_name = factory.LazyAttribute(lambda agency: agency.name[:40])
    kind = Agency.Kind.POLICE


class ImmigrationOfficeFactory(AgencyFactory):
    name = "Kantor Imigrasi Kelas II Non TPI Kediri"
    short_name = "Kanim Kediri"
    kind = Agency.Kind.IMMIGRATION_OFFICE


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.go.id")
    password = factory.django.Password("timpora-test")

    @factory.post_generation
    def profile(user, create, extracted, **kwargs):
        if create:
            Profile.objects.update_or_create(user=user, defaults=kwargs)


def make_user(username: str, role: Role | None, agency: Agency, **fields):
    user = UserFactory(username=username, profile__agency=agency, **fields)
    assign_role(user, role)
    return user
