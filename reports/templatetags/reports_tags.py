from django import template
from django.utils.safestring import mark_safe

from reports.models import mask_passport
from timpora.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitized by nh3 in render_markdown


@register.filter
def passport(number, show_in_full):
    """The passport number in full for office staff, masked to its last four characters else."""
    return number if show_in_full else mask_passport(number)
