"""The `markdown` filter: narratives, minutes and notes written in Markdown, shown as the
sanitized HTML of core.markdown. `{% load markdown %}` on every page that shows them."""

from django import template
from django.utils.safestring import mark_safe

from core.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitized by nh3 in render_markdown
