"""The three roles of the app, kept as Django groups so that admins assign them in Django admin.

A user's role is the group they belong to; admins (superusers) need none. The permissions each
group carries are declared here once and applied by `sync_role_groups` after every migration.
"""

from django.contrib.auth.models import Group, Permission
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICER = "officer", _("Officer")
    SUPERVISOR = "supervisor", _("Supervisor")
    AGENCY_MEMBER = "agency_member", _("Agency member")

    @property
    def group_name(self) -> str:
        return GROUP_NAMES[self]

    @property
    def is_office_staff(self) -> bool:
        """Officers and supervisors work for the immigration office itself."""
        return self in (Role.OFFICER, Role.SUPERVISOR)


# Group names are stable identifiers shown in admin; the role labels above are translated.
GROUP_NAMES = {
    Role.OFFICER: "Officer",
    Role.SUPERVISOR: "Supervisor",
    Role.AGENCY_MEMBER: "Agency member",
}
ROLE_BY_GROUP = {name: role for role, name in GROUP_NAMES.items()}

# Model permissions per role as "app_label.codename"; apps add theirs as they land.
ROLE_PERMISSIONS: dict[Role, set[str]] = {
    Role.OFFICER: {"accounts.view_agency"},
    Role.AGENCY_MEMBER: {"accounts.view_agency"},
}
# Reports: office staff read reports and people in admin; the workflow checks roles itself.
ROLE_PERMISSIONS[Role.OFFICER] |= {"reports.view_report", "people.view_person"}
# Villages: the whole team reads the Desa Binaan; office staff record outreach there.
ROLE_PERMISSIONS[Role.OFFICER] |= {"villages.view_desabinaan", "villages.add_outreachevent"}
ROLE_PERMISSIONS[Role.AGENCY_MEMBER] |= {"villages.view_desabinaan"}
# A supervisor may do all an officer may, plus what is listed here.
ROLE_PERMISSIONS[Role.SUPERVISOR] = ROLE_PERMISSIONS[Role.OFFICER] | set()
ROLE_PERMISSIONS[Role.SUPERVISOR] |= {"reports.verify_report", "reports.share_report"}


def role_of(user) -> Role | None:
    """The user's role, from their groups (cached on the user object for the request)."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_timpora_role"):
        names = [group.name for group in user.groups.all()]
        roles = {ROLE_BY_GROUP[name] for name in names if name in ROLE_BY_GROUP}
        # Should an admin give two roles, the broader one wins.
        for role in (Role.SUPERVISOR, Role.OFFICER, Role.AGENCY_MEMBER):
            if role in roles:
                user._timpora_role = role
                break
        else:
            user._timpora_role = None
    return user._timpora_role


def is_office_staff(user) -> bool:
    role = role_of(user)
    return role is not None and role.is_office_staff


def is_supervisor(user) -> bool:
    return role_of(user) == Role.SUPERVISOR


def assign_role(user, role: Role | None) -> None:
    """Make `role` the user's only role (None removes every role)."""
    user.groups.remove(*Group.objects.filter(name__in=GROUP_NAMES.values()))
    if role is not None:
        user.groups.add(Group.objects.get(name=role.group_name))
    if hasattr(user, "_timpora_role"):
        del user._timpora_role


def sync_role_groups(**kwargs) -> None:
    """Create the role groups and give each exactly its declared permissions (idempotent)."""
    for role, names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role.group_name)
        wanted = []
        for name in sorted(names):
            app_label, codename = name.split(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                wanted.append(permission)
        group.permissions.set(wanted)
