"""Reads of the register's pages. All start from `visible_to`."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from people import matching, services
from people.models import (
    Address,
    Employment,
    Entry,
    FactState,
    Mention,
    Merge,
    Permit,
    Person,
    passport_searched,
)

PERSON_ORDER = ("full_name", "pk")
QUEUE_ORDER = ("-created_at", "-pk")
# The fields shown side by side when a mention is compared with a candidate.
COMPARED_FIELDS = ("full_name", "sex", "date_of_birth", "nationality", "passport_number",
                   "occupation")


def person_list(*, user, filters: dict):
    people = Person.objects.visible_to(user)
    if text := filters.get("q"):
        match = Q(full_name__icontains=text)
        if number := passport_searched(text):
            match |= Q(passport_number=number)
        people = people.filter(match)
    if nationality := filters.get("nationality"):
        people = people.filter(nationality=nationality)
    return people.select_related("current_permit").order_by(*PERSON_ORDER)


def person_detail(*, user, code: str) -> Person:
    return (Person.objects.visible_to(user)
            .select_related("office", "current_permit__sponsor", "current_address__village")
            .get(code=code))


def person_facts(person: Person) -> dict:
    """Every fact of the person, accepted and proposed (rejected ones are kept but not shown)."""
    def of(model, *related):
        return (model.objects.filter(person=person)
                .exclude(state=FactState.REJECTED)
                .select_related("mention", "entered_by", "decided_by", *related))
    facts = {
        "permits": of(Permit, "sponsor"),
        "entries": of(Entry),
        "addresses": of(Address, "village__parent"),
        "employments": of(Employment, "sponsor"),
    }
    proposed = [fact for group in facts.values() for fact in group
                if fact.state == FactState.PROPOSED]
    return {**facts, "proposed": proposed}


def with_proposals(*, user):
    """People of the user's register with a proposed fact waiting for a decision."""
    waiting = Q()
    for model in (Permit, Entry, Address, Employment):
        waiting |= Exists(model.objects.filter(person=OuterRef("pk"), state=FactState.PROPOSED))
    return Person.objects.visible_to(user).filter(waiting).order_by("full_name", "pk")


def person_mentions(person: Person):
    return person.mentions.select_related("office").order_by("-observed_on", "-pk")


def person_merges(person: Person):
    return (Merge.objects.filter(Q(survivor=person) | Q(merged=person))
            .select_related("survivor", "merged", "merged_by", "undone_by"))


def queue(*, user, filters: dict):
    """"Menunggu pencocokan": the office's mentions nobody has matched yet."""
    mentions = Mention.objects.visible_to(user).filter(state=Mention.State.PENDING)
    if text := filters.get("q"):
        match = Q(full_name__icontains=text)
        if number := passport_searched(text):
            match |= Q(passport_number=number)
        mentions = mentions.filter(match)
    return mentions.order_by(*QUEUE_ORDER)


def mention_detail(*, user, code: str) -> Mention:
    return (Mention.objects.visible_to(user)
            .select_related("person", "village__parent", "decided_by", "office")
            .get(code=code))


@dataclass
class Candidate:
    person: Person
    match: matching.Match
    rows: list  # (label, the mention's value, the person's value, differs)


def _shown(obj, name: str) -> str:
    if name == "nationality":
        return obj.nationality.name if obj.nationality else ""
    if name == "sex":
        return obj.get_sex_display()
    value = getattr(obj, name)
    if hasattr(value, "strftime"):
        return value.strftime("%d-%m-%Y")
    return str(value or "")


def compare(mention: Mention, person: Person) -> list:
    rows = []
    for name in COMPARED_FIELDS:
        label = Person._meta.get_field(name).verbose_name
        mine, theirs = _shown(mention, name), _shown(person, name)
        unknown = {"", str(Person.Sex.UNKNOWN.label)}
        differs = mine not in unknown and theirs not in unknown and \
            mine.strip().lower() != theirs.strip().lower()
        rows.append((label, mine or "—", theirs or "—", differs))
    return rows


def candidates(mention: Mention) -> list[Candidate]:
    found = services.mention_candidates(mention)
    people = {person.pk: person for person in
              Person.objects.filter(pk__in=[match.person_id for match in found])
              .select_related("current_permit", "current_address__village")}
    return [Candidate(people[match.person_id], match, compare(mention, people[match.person_id]))
            for match in found if match.person_id in people]
