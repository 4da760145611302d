from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class TimporaConfig(AppConfig):
    name = "timpora"
    verbose_name = _("TIMPORA coordination")

    def ready(self):
        from timpora import two_factor  # noqa: F401 - its receivers forget cached devices
        from timpora.roles import sync_role_groups

        # Permissions exist only after migrate; the role groups are (re)built right after it.
        post_migrate.connect(sync_role_groups, dispatch_uid="timpora.sync_role_groups")
