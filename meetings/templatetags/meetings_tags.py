"""Template helpers of the meeting pages: minutes in Markdown, rendered safely."""

from django import template
from django.utils.safestring import mark_safe

from core.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitized by nh3 in render_markdown


@register.filter
def overdue(action, today):
    return action.is_overdue(today)
