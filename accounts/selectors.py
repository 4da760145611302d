"""Reads of accounts: the active users of an agency or a role, for the apps that notify them."""

from collections.abc import Iterable

from django.contrib.auth import get_user_model

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
