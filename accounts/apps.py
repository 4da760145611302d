from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Agencies and accounts")

    def ready(self):
        from accounts import two_factor  # noqa: F401 - its receivers forget cached devices
        from accounts.roles import sync_role_groups

        # Permissions exist only after migrate; the role groups are (re)built right after it.
        post_migrate.connect(sync_role_groups, dispatch_uid="accounts.sync_role_groups")
