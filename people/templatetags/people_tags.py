from django import template

from people.models import mask_passport

register = template.Library()


@register.filter
def passport(number, show_in_full):
    """The passport number in full for office staff, masked to its last four characters else."""
    return number if show_in_full else mask_passport(number)


@register.filter
def score_percent(score):
    """A match score (0 to 1) as a whole percentage."""
    return f"{round((score or 0) * 100)} %"
