"""Reads of accounts: the active users of an agency or a role, for the apps that notify them or
offer them in a picker."""

from collections.abc import Iterable

from django.contrib.auth import get_user_model

from accounts.models import Agency
from accounts.roles import GROUP_NAMES, Role

User = get_user_model()


def active_users():
    return User.objects.filter(is_active=True).select_related("profile")


def agency_members(agency_ids: Iterable[int]):
    return active_users().filter(profile__agency_id__in=list(agency_ids))


def supervisors_of(office_id: int):
    return active_users().filter(
        profile__agency_id=office_id, groups__name=GROUP_NAMES[Role.SUPERVISOR]
    )


def office_staff(office=None):
    """The active officers and supervisors of an immigration office (of `office`, an Agency or
    its id, when given), by name: who may be a PIMPASA, an outreach officer, a chair or a report's
    assignee (accounts.roles.is_office_staff, in one query)."""
    staff_groups = [GROUP_NAMES[Role.OFFICER], GROUP_NAMES[Role.SUPERVISOR]]
    staff = active_users().filter(profile__agency__kind=Agency.Kind.IMMIGRATION_OFFICE,
                                  groups__name__in=staff_groups)
    if office is not None:
        staff = staff.filter(profile__agency=office)
    return staff.distinct().order_by("first_name", "last_name", "username")
