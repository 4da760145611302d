"""`|crispy_cached`: crispy-forms' `|crispy` for forms whose HTML is the same for everyone.

A page such as the report's shows several small workflow forms (verify, return, close, …).
Unbound, each renders to the same HTML for every user in a language, and crispy-forms takes a few
milliseconds per form to produce it. This filter renders such a form once per class, prefix,
initial values and language, and keeps the HTML in the cache; a bound form (with the user's input
or errors) is always rendered for its request. Choices from the database are part of the key,
so a renamed or added agency gives new HTML at once.
"""

import hashlib

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django import template
from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# Short enough that a deployed change of a form's template shows within minutes.
CACHE_SECONDS = 600


def cache_key(form) -> str:
    """What decides the form's HTML: its class, prefix, language, each field's initial value and
    choices (read from the database for a model choice field: one small query)."""
    fields = [
        (name, str(form.get_initial_for_field(field, name)),
         [(str(value), str(label)) for value, label in getattr(field, "choices", ())])
        for name, field in form.fields.items()
    ]
    identity = repr((type(form).__module__, type(form).__qualname__, form.prefix,
                     get_language(), fields))
    return "crispy-form:" + hashlib.sha256(identity.encode()).hexdigest()


@register.filter
def crispy_cached(form):
    if form.is_bound:
        return as_crispy_form(form)
    key = cache_key(form)
    html = cache.get(key)
    if html is None:
        html = str(as_crispy_form(form))
        cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - crispy-forms' own escaped output
