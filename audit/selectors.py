"""Reads of the audit page: the filtered events (paged by core.pagination), and the change
history of the models registered in audit.hooks.history_models (django-simple-history)."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from audit.models import AuditEvent

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# The last "until" date that is turned into a bound (its next day, in any time zone, is valid).
LATEST_END = date.max - timedelta(days=2)
# Fields every change touches, left out of "what changed".
BOOKKEEPING_FIELDS = {"updated_at", "created_at"}
# Newest first; the id breaks ties, so the order also serves keyset pages (core.pagination).
EVENT_ORDER = ("-occurred_at", "-id")


def event_list(filters: dict, *, scope: Q | None = None):
    """The events matching the cleaned filters of EventFilterForm, newest first; within `scope`
    when the reader may not read the whole trail."""
    events = AuditEvent.objects.select_related("content_type")
    if scope is not None:
        events = events.filter(scope)
    if actor := filters.get("actor"):
        events = events.filter(actor_username=actor)
    if action := filters.get("action"):
        events = events.filter(action=action)
    if target := filters.get("target"):
        events = events.filter(Q(object_code=target) | Q(object_label=target))
    # Whole local days as a range of instants, so the occurred_at index serves the filter. Dates
    # at the ends of the calendar (year 1, 31 December 9999) would overflow when turned into
    # instants: no event is that old, and an end that late is no bound.
    zone = timezone.get_current_timezone()
    if start := filters.get("date_from"):
        start = max(start, EPOCH.date())
        events = events.filter(occurred_at__gte=datetime.combine(start, time.min, zone))
    if (end := filters.get("date_to")) and end < LATEST_END:
        events = events.filter(
            occurred_at__lt=datetime.combine(end + timedelta(days=1), time.min, zone))
    return events.order_by(*EVENT_ORDER)


@dataclass
class Change:
    record: object
    kind: str  # "+" created, "~" changed, "-" deleted (django-simple-history's history_type)
    fields: list[str]
    code: str
    label: str


def change_page(*, user, label: str, target: str, page_number, size: int):
    """One page of the history of the model named `label` ("app_label.model"), newest first,
    each record with the names (never the values) of the fields it changed. Three queries: the
    count, the page with each record's predecessor's id, and those predecessors.

    A model with a `visible_to` rule shows the history of the objects `user` may read, and of
    those deleted since: another author's draft stays out of sight here too."""
    model = apps.get_model(label)
    history = model.history.model
    key = model._meta.pk.attname
    records = history.objects.select_related("history_user")
    manager = model._default_manager
    if hasattr(manager, "visible_to"):
        records = records.filter(
            Q(**{f"{key}__in": manager.visible_to(user).values("pk")})
            | ~Exists(manager.filter(pk=OuterRef(key)))
        )
    if target:
        match = Q(code=target)
        if any(field.name == "number" for field in model._meta.fields):
            match |= Q(number=target)
        records = records.filter(match)
    previous = (history.objects
                .filter(**{key: OuterRef(key)}, history_date__lt=OuterRef("history_date"))
                .order_by("-history_date", "-history_id").values("history_id")[:1])
    records = records.annotate(previous_id=Subquery(previous)).order_by("-history_date",
                                                                       "-history_id")
    page = Paginator(records, size).get_page(page_number)
    rows = list(page.object_list)
    predecessors = history.objects.in_bulk([row.previous_id for row in rows if row.previous_id])
    # The fields the history keeps (a model may leave derived fields out of it).
    kept = {field.attname for field in history._meta.concrete_fields}
    fields = [field for field in model._meta.concrete_fields
              if not field.primary_key and field.name not in BOOKKEEPING_FIELDS
              and field.attname in kept]
    changes = []
    for row in rows:
        before = predecessors.get(row.previous_id)
        changed = []
        if row.history_type == "~" and before is not None:
            changed = [str(field.verbose_name) for field in fields
                       if getattr(row, field.attname) != getattr(before, field.attname)]
        code, number = (str(getattr(row, "code", "") or ""), str(getattr(row, "number", "") or ""))
        changes.append(Change(record=row, kind=row.history_type, fields=changed, code=code,
                              label=number))
    return page, changes
