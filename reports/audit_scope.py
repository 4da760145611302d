"""Which audit events a supervisor reads (registered in audit.hooks.event_scopes): those of the
people of their own office, and those about the reports they may read, such as a partner
agency's member opening a report the office shared. Another office's trail, and events about
drafts they cannot see, stay with that office and the administrators."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from reports.models import Report, user_agency


def events_visible_to(user) -> Q:
    office = user_agency(user)
    by_office = Q(actor__profile__agency=office) if office is not None else Q(pk__in=[])
    about_what_they_read = Q(
        content_type=ContentType.objects.get_for_model(Report),
        object_id__in=Report.objects.visible_to(user).values("pk"),
    )
    return by_office | about_what_they_read
