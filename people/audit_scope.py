"""Which audit events about the register a supervisor reads (registered in
audit.hooks.event_scopes): those about the people and mentions of their own office's register."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from people.models import Mention, Person


def events_visible_to(user) -> Q:
    scope = Q(pk__in=[])
    for model in (Person, Mention):
        scope |= Q(content_type=ContentType.objects.get_for_model(model),
                   object_id__in=model.objects.visible_to(user).values("pk"))
    return scope
