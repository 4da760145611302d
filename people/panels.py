"""Panels: the person and mention pages' extension points, and the register's panel on the dashboard.

Other apps register `panel(request, person) -> safe HTML` ("" shows nothing) in
`person_page_panels` from their AppConfig.ready(), e.g. the reports naming the person, and
`panel(request, mention)` in `mention_page_panels`, e.g. the report a mention is part of.
"""

from django.template.loader import render_to_string

from core.registry import Registry
from people import rules, selectors

person_page_panels = Registry(
    "person page panels", signature="panel(request, person) -> safe HTML"
)

mention_page_panels = Registry(
    "mention page panels", signature="panel(request, mention) -> safe HTML"
)

LIST_LENGTH = 5


def matching_panel(request) -> str:
    """The office's mentions waiting for matching, newest first."""
    if not rules.can_watch_permits(request.user):
        return ""
    waiting = selectors.queue(user=request.user, filters={})
    return render_to_string("people/panels/matching.html", {
        "mentions": waiting[:LIST_LENGTH], "total": waiting.count(),
    })
