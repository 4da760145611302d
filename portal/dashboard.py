"""The dashboard's panels: every app registers its own in core.registry.dashboard_panels from its
AppConfig.ready(); each panel decides whether it is for the user's role ("" when not)."""

from core.registry import dashboard_panels


def dashboard_html(request) -> str:
    """Panels render their templates without the request, so that the context processors (the
    menu's unread count) run once per page."""
    return dashboard_panels.render(request)
