from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("Register of foreign nationals")

    def ready(self):
        from audit import hooks as audit_hooks
        from core.registry import dashboard_panels

        dashboard_panels.register("people.panels.matching_panel", priority=15)
        dashboard_panels.register("people.watch.permits_panel", priority=50)
        audit_hooks.event_scopes.register("people.audit_scope.events_visible_to")
        audit_hooks.history_models.register("people.Person")
        audit_hooks.object_pages.register("people.Person", key="people:detail")
        audit_hooks.object_pages.register("people.Mention", key="people:mention")
