from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role, role_of
from notifications.outbox import unread_count

# Navigation entries: (URL name, label, roles that see it); entries whose URL does not exist yet
# are left out, so an app shows up in the menu as soon as its pages are wired.
NAVIGATION = [
    ("dashboard", _("Dashboard"), None),
    ("reports:list", _("Reports"), None),
    ("people:list", _("Register"), (Role.OFFICER, Role.SUPERVISOR)),
    ("meetings:list", _("Meetings"), None),
    ("villages:list", _("Desa Binaan"), (Role.OFFICER, Role.SUPERVISOR, Role.AGENCY_MEMBER)),
    ("overview:map", _("Map"), (Role.OFFICER, Role.SUPERVISOR, Role.AGENCY_MEMBER)),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    role = role_of(user)
    items = []
    for url_name, label, roles in NAVIGATION:
        if roles is not None and role not in roles and not user.is_superuser:
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "active": request.path == url
                      or (url != "/" and request.path.startswith(url))})
    return {"nav_items": items, "user_role": role, "unread_notifications": unread_count(user)}
