from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimporaConfig(AppConfig):
    """The project package. It is an installed app only for its migration history: its first
    migrations created the tables that accounts, meetings and notifications own now, and its last
    one hands them over (see docs/architecture.md, "Migrations of the move")."""

    name = "timpora"
    verbose_name = _("TIMPORA")
