"""Who may do what in the villages app, enforced by villages/services.py and asked by the views
and templates only to decide what to show. Reading is decided by `DesaBinaan.objects.visible_to`.

Designations, PIMPASA assignments, contacts and figures are kept by administrators in Django
admin, whose model permissions decide; the pages record outreach."""

from django.utils.translation import gettext_lazy as _

RECORD_OUTREACH = "villages.add_outreachevent"
ONLY_OUTREACH_RECORDERS = _("Only the office's staff may record outreach.")


def can_record_outreach(user) -> bool:
    """Office staff (their role grants the permission) and administrators given it."""
    return user.is_active and user.has_perm(RECORD_OUTREACH)
