"""Panels: the person and mention pages' extension points, and the register's dashboard panel.

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
    """The office's mentions waiting for matching, newest first, and the people with facts
    proposed by a mention that nobody has accepted or rejected yet."""
    if not rules.works_in_register(request.user):
        return ""
    waiting = selectors.queue(user=request.user, filters={})
    proposals = selectors.with_proposals(user=request.user)
    return render_to_string("people/panels/matching.html", {
        "mentions": waiting[:LIST_LENGTH], "total": waiting.count(),
        "proposals": proposals[:LIST_LENGTH], "proposals_total": proposals.count(),
    })
