from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillagesConfig(AppConfig):
    name = "villages"
    verbose_name = _("Villages")

    def ready(self):
        from core.registry import dashboard_panels

        dashboard_panels.register("villages.dashboard.outreach_panel", priority=60)
