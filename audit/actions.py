"""What an audit event records. Kept apart from the model so that `import audit` works before the
app registry is ready (the apps that call audit.record import it at module level)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    READ = "read", _("Read")
    EXPORT = "export", _("Export")
    SEARCH = "search", _("Search")
    CREATE = "create", _("Create")
    CHANGE = "change", _("Change")
    SIGN_IN = "sign_in", _("Sign-in")
    SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in")
    SIGN_OUT = "sign_out", _("Sign-out")
    LOCKED_OUT = "locked_out", _("Locked out")
    REFUSED = "refused", _("Refused")
