"""Who may do what with messages: a message is its recipient's alone. Enforced by
notifications/services.py; reading goes through `OutboxMessage.objects.filter(recipient=user)`."""

from django.utils.translation import gettext_lazy as _

ONLY_RECIPIENT = _("Only its recipient may mark a message as read.")


def can_mark_read(user, message) -> bool:
    return user.is_authenticated and message.recipient_id == user.pk
