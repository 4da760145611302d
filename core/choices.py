"""Choice labels without rebuilding the choices on every call.

Django's `get_FOO_display()` makes a dictionary of the field's choices each time it is called,
casting every lazy label; a list page calls it a hundred times or more. `ChoiceLabels` keeps one
dictionary per field and language instead.
"""

import functools

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language


@functools.cache
def labels(field, language: str | None) -> dict:
    """The labels of `field`'s choices as text in `language` (the active one when asked)."""
    return {make_hashable(value): str(label) for value, label in field.flatchoices}


class ChoiceLabels:
    """Mixin for models: the same answers as Django's `get_FOO_display()`, from a cache."""

    def _get_FIELD_display(self, field):  # Django's own name, overridden
        value = getattr(self, field.attname)
        label = labels(field, get_language()).get(make_hashable(value))
        return label if label is not None else force_str(value, strings_only=True)
