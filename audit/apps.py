from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit log")

    def ready(self):
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

        from audit import receivers

        # Sign-ins are recorded from Django's and django-axes' own signals, so every way of
        # signing in (the page, the admin, a second factor) is covered without touching its view.
        user_logged_in.connect(receivers.signed_in, dispatch_uid="audit.signed_in")
        user_login_failed.connect(receivers.sign_in_failed, dispatch_uid="audit.sign_in_failed")
        user_logged_out.connect(receivers.signed_out, dispatch_uid="audit.signed_out")
        user_locked_out.connect(receivers.locked_out, dispatch_uid="audit.locked_out")
