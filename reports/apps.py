from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Intelligence reports")

    def ready(self):
        from audit import hooks as audit_hooks
        from core.registry import dashboard_panels
        from meetings.panels import meeting_page_panels
        from notifications.digests import digest_sections
        from people.panels import mention_page_panels, person_page_panels
        from villages.panels import village_page_panels

        dashboard_panels.register("reports.dashboard.waiting_panel", priority=10)
        dashboard_panels.register("reports.dashboard.shared_panel", priority=20)
        dashboard_panels.register("reports.dashboard.charts_panel", priority=70)
        meeting_page_panels.register("reports.panels.meeting_panel")
        village_page_panels.register("reports.panels.village_panel", priority=10)
        person_page_panels.register("reports.panels.person_panel", priority=10)
        mention_page_panels.register("reports.panels.mention_panel", priority=10)
        digest_sections.register("reports.notify.reports_digest_section", priority=10)
        audit_hooks.event_scopes.register("reports.audit_scope.events_visible_to")
        audit_hooks.history_models.register("reports.Report", priority=10)
        for view_name, label in [
            ("reports:detail", "reports.Report"), ("reports:edit", "reports.Report"),
            ("reports:attachment", "reports.Attachment"),
        ]:
            audit_hooks.object_pages.register(label, key=view_name)
