"""Template helpers of the meeting pages (their Markdown: core/templatetags/markdown.py)."""

from django import template

register = template.Library()


@register.filter
def overdue(action, today):
    return action.is_overdue(today)
