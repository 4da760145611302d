from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("TIMPORA teams and meetings")

    def ready(self):
        from audit import hooks as audit_hooks
        from core.registry import dashboard_panels
        from notifications.digests import digest_sections
        from villages.panels import village_page_panels

        dashboard_panels.register("meetings.dashboard.meetings_panel", priority=30)
        dashboard_panels.register("meetings.dashboard.actions_panel", priority=40)
        village_page_panels.register("meetings.panels.village_panel", priority=20)
        digest_sections.register("meetings.notify.actions_digest_section", priority=20)
        digest_sections.register("meetings.notify.meetings_digest_section", priority=30)
        audit_hooks.object_pages.register("meetings.Meeting", key="meetings:detail")
