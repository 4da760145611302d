"""One search across reports, people, meetings and villages. Each group starts from its model's
`visible_to(user)`, so a result appears only to who may open it; passport numbers are searched
for office staff only."""

from dataclasses import dataclass

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting
from people.models import Person, passport_searched
from people.rules import reads_register
from reports import rules as report_rules
from reports.models import Report
from villages.models import DesaBinaan

GROUP_LENGTH = 20


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), min_length=2, max_length=100, strip=True,
        help_text=_("Report number or title, a person's name or passport number, a meeting "
                    "title or a village name."),
    )


@dataclass
class Group:
    """The first GROUP_LENGTH results of one kind; `more` when there are further ones."""

    items: list
    more: bool


def _group(queryset) -> Group:
    items = list(queryset[:GROUP_LENGTH + 1])
    return Group(items=items[:GROUP_LENGTH], more=len(items) > GROUP_LENGTH)


def search_everything(*, user, text: str) -> dict[str, Group]:
    """One query per group, whatever the number of matches."""
    people = Q(full_name__icontains=text)
    if number := passport_searched(text):
        people |= Q(passport_number=number)
    visible = Report.objects.visible_to(user)
    # By number, or as the report list searches: title, narrative and the names its people are
    # written under (and their passports, for office staff).
    reports = visible.filter(number__icontains=text) | visible.search(
        text, include_passports=report_rules.can_see_passports(user))
    groups = {
        "reports": _group(reports.select_related("village").order_by("-observed_at", "-pk")),
        "meetings": _group(
            Meeting.objects.visible_to(user).filter(title__icontains=text)
            .select_related("team").order_by("-starts_at", "-pk")
        ),
        "villages": _group(
            DesaBinaan.objects.visible_to(user).filter(region__name__icontains=text)
            .select_related("region__parent").order_by("region__name", "pk")
        ),
    }
    # The register is the office's: a partner agency's search has no people group at all.
    if reads_register(user):
        groups["people"] = _group(Person.objects.visible_to(user).filter(people)
                                  .order_by("full_name", "pk"))
    return groups
