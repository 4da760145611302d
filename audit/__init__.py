"""The audit log: `audit.record(request, audit.Action.READ, report)` adds one event.

Recording costs one INSERT and nothing else: the actor comes from the request, the object type from
Django's content-type cache, and the object is named by its public `code` (and `number` where it
has one), never by a person's name or passport number. This package imports only Django and
third-party code, so every app of ours may use it.
"""

import ipaddress
from functools import wraps

from audit.actions import Action

__all__ = ["Action", "exported", "record", "write"]

PATH_LENGTH = 255


def public_reference(obj) -> tuple[str, str]:
    """The public code and number of an object: the only ways the log names it."""
    return (str(getattr(obj, "code", "") or "")[:40], str(getattr(obj, "number", "") or "")[:40])


def client_address(request) -> str | None:
    """The address django-axes resolved for the request, else REMOTE_ADDR; None unless valid."""
    if request is None:
        return None
    raw = getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR")
    try:
        return str(ipaddress.ip_address(raw)) if raw else None
    except ValueError:
        return None


def write(*, request, action: str, actor=None, username: str = "", obj=None, model=None,
          detail: dict | None = None):
    """Add one event. `obj` is the object acted on; `model` names only its type (a list export)."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from audit.models import AuditEvent

    if action not in Action.values:
        raise ValueError(f"unknown audit action {action!r}")
    if isinstance(model, str):
        model = apps.get_model(model)
    kind = obj if obj is not None else model
    code, label = public_reference(obj) if obj is not None else ("", "")
    return AuditEvent.objects.create(
        actor=actor,
        actor_username=(username or (actor.get_username() if actor is not None else ""))[:150],
        action=action,
        # Cached per process by Django after the first look-up: no query on later events.
        content_type=ContentType.objects.get_for_model(kind) if kind is not None else None,
        object_id=obj.pk if obj is not None else None,
        object_code=code,
        object_label=label,
        ip_address=client_address(request),
        # The path only: a query string may hold search text such as a passport number.
        path=request.path[:PATH_LENGTH] if request is not None else "",
        detail=detail or {},
    )


def record(request, action: str, obj=None, *, model=None, **detail):
    """Record what the signed-in user of `request` did; `detail` holds counts and formats, never
    search text or personal data."""
    user = getattr(request, "user", None)
    actor = user if user is not None and user.is_authenticated else None
    return write(request=request, action=action, actor=actor, obj=obj, model=model,
                 detail=detail)


def list_searched(request, filters: dict, page, model: str) -> None:
    """A list searched by text (a name, a passport or report number) is recorded with its
    number of results, never the text; browsing, filtering and later pages are not searches.
    `page` is the list's core.pagination.KeysetPage."""
    if filters.get("q") and page.is_first:
        record(request, Action.SEARCH, model=model, results=page.count,
               capped=page.count_capped)


def exported(model: str | None = None):
    """Decorate a download view: a successful answer records an export of `model` (an
    "app_label.Model" name, or None) with the URL's arguments (format, month), whether filters
    were applied (never their names or values: either may be typed by hand) and the number of rows
    when the writer counted them."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                detail = {name: str(value) for name, value in kwargs.items()}
                detail["filtered"] = any(request.GET.values())
                rows = getattr(response, "export_rows", None)
                if rows is not None:
                    detail["rows"] = rows
                record(request, Action.EXPORT, model=model, **detail)
            return response

        return wrapper

    return decorator
