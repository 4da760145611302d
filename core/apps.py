from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Plain helpers every app may use; imports nothing of the project."""

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.urls import register_converter

        from core import checks  # noqa: F401 - registers the system checks
        from core.converters import PublicCodeConverter

        register_converter(PublicCodeConverter, "code")
