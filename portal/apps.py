from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """Pages that bring the apps together: dashboard, search, map, monthly report, demo data."""

    name = "portal"
    verbose_name = _("Portal")
