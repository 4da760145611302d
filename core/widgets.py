"""A select for long, fixed lists (the 250 countries of the nationality filters).

Django's Select (and crispy-forms' select template) render every option through the template
engine: about 200 ms of a list page's 450 ms on the benchmark machine. This widget joins the
options in Python. It is not a forms.Select, so crispy-forms renders it as a plain input would be
rendered, with the label, help text and errors around it.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


class FastSelect(forms.Widget):
    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs)
        self.choices = list(choices)

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        final["class"] = " ".join(
            part for part in final.get("class", "").split() if part != "form-control"
        ) or "form-select"
        if "form-select" not in final["class"].split():
            final["class"] += " form-select"
        chosen = "" if value is None else str(value)
        options = "".join(
            f'<option value="{conditional_escape(str(key))}"'
            f'{" selected" if str(key) == chosen else ""}>{conditional_escape(str(label))}'
            "</option>"
            for key, label in self.choices
        )
        return format_html("<select{}>{}</select>", flatatt(final), mark_safe(options))  # noqa: S308 - escaped above


class DateInput(forms.DateInput):
    """The browser's date picker: `<input type="date">` wants its value as YYYY-MM-DD, whatever
    the language of the page."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)
