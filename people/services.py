"""Every write to the register. Sources (reports, later stays and imports) only record mentions
(`mention_record`); office staff decide what a mention is (`mention_link`,
`mention_create_person`, `mention_leave_unlinked`), accept or reject the facts it proposes, and
merge people who are one (`person_merge`, undone by `merge_undo`)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from core.rules import ensure
from people import matching, rules
from people.models import (
    Address,
    Employment,
    Entry,
    EntryMode,
    FactState,
    Mention,
    Merge,
    NameKey,
    Permit,
    PermitKind,
    Person,
    Sex,
    Source,
    Sponsor,
)

FACT_MODELS = {"permits": Permit, "entries": Entry, "addresses": Address,
               "employments": Employment}


def _query(mention: Mention) -> dict:
    return {"full_name": mention.full_name, "date_of_birth": mention.date_of_birth,
            "nationality": str(mention.nationality), "passport_number": mention.passport_number}


def register_of(office):
    return Person.objects.filter(office=office, merged_into__isnull=True)


def mention_candidates(mention: Mention, *, limit: int = 5) -> list[matching.Match]:
    return matching.find_candidates(_query(mention), register_of(mention.office_id), limit=limit)


def mention_score(mention: Mention) -> None:
    """Store how many candidates the mention has and the best score, for the queue."""
    found = mention_candidates(mention)
    mention.candidate_count = len(found)
    mention.best_score = found[0].score if found else None
    Mention.objects.filter(pk=mention.pk).update(candidate_count=mention.candidate_count,
                                                 best_score=mention.best_score)


def mention_record(*, office, values: dict, source: str = Source.REPORT,
                   observed_on: date | None = None, held: bool = False) -> Mention:
    """Keep what a source wrote about someone, and find its candidates. Called by the source's
    own service, which has decided that its user may write it; nothing here reads or changes a
    register person. A `held` mention (a draft's) waits for `mentions_release`."""
    mention = Mention(office=office, source=source, observed_on=observed_on, held=held)
    for name in Mention.WRITTEN_FIELDS:
        value = values.get(name)
        if value is None and name not in ("date_of_birth", "permit_expires_on", "village"):
            value = ""
        setattr(mention, name, value)
    if not mention.permit_kind:
        mention.permit_kind = PermitKind.UNKNOWN
    if not mention.sex:
        mention.sex = Sex.UNKNOWN
    mention.full_clean(exclude=["office", "person"])
    mention.save()
    mention_score(mention)
    return mention


def mentions_release(mentions) -> None:
    """The source lets its mentions reach the register (a report is submitted)."""
    mentions.filter(held=True).update(held=False)


def _sponsor_named(office, name: str) -> Sponsor | None:
    name = (name or "").strip()
    if not name:
        return None
    # Compared as the unique constraint compares names (people_sponsor_unique_name_per_office).
    return (Sponsor.objects.alias(lower_name=Lower("name"))
            .filter(office=office, lower_name=Lower(Value(name))).first())


def _proposed_facts(mention: Mention, person: Person, *, user, state: str) -> list:
    """The facts of a mention that the register does not hold yet, nor has waiting from an
    earlier mention, in `state`."""
    common = {"person": person, "source": mention.source, "mention": mention, "state": state,
              "entered_by": user}
    if state == FactState.ACCEPTED:
        common.update(decided_by=user, decided_at=timezone.now())
    facts = []
    if (mention.permit_kind not in ("", PermitKind.UNKNOWN) or mention.permit_number
            or mention.permit_expires_on):
        facts.append(Permit(kind=mention.permit_kind or PermitKind.UNKNOWN,
                            visa_index=mention.visa_index, number=mention.permit_number,
                            expires_on=mention.permit_expires_on,
                            sponsor=_sponsor_named(mention.office_id, mention.employer),
                            **common))
    if mention.entry_mode not in ("", EntryMode.UNKNOWN):
        facts.append(Entry(mode=mention.entry_mode, **common))
    if mention.address or mention.village_id:
        facts.append(Address(street=mention.address, village_id=mention.village_id,
                             since=mention.observed_on, **common))
    if mention.employer:
        facts.append(Employment(sponsor_name=mention.employer, occupation=mention.occupation,
                                since=mention.observed_on,
                                sponsor=_sponsor_named(mention.office_id, mention.employer),
                                **common))
    new = []
    for fact in facts:
        # An address is new when it is not where the person lives now (they may move back);
        # any other fact when no accepted one says the same.
        if isinstance(fact, Address):
            known = [person.current_address] if person.current_address else []
        else:
            known = list(type(fact).objects.filter(person=person, state=FactState.ACCEPTED))
        known += list(type(fact).objects.filter(person=person, state=FactState.PROPOSED))
        if not any(fact.same_as(other) for other in known):
            new.append(fact)
    return new


def _fill_blanks(person: Person, mention: Mention) -> list[str]:
    """Fields the register left empty that the mention gives; a value the register holds is
    never overwritten from a mention (a different value is shown side by side)."""
    filled = []
    for name in ("date_of_birth", "passport_number", "occupation"):
        if not getattr(person, name) and getattr(mention, name):
            setattr(person, name, getattr(mention, name))
            filled.append(name)
    if person.sex == Sex.UNKNOWN and mention.sex not in ("", Sex.UNKNOWN):
        person.sex = mention.sex
        filled.append("sex")
    return filled


def _open(user, mention: Mention, *, linked: bool) -> Mention:
    """The mention locked for a matching step by `user`; it must be linked (`linked`) or not."""
    ensure(rules.can_match(user, mention),
           _("Only the office's officers and supervisors match mentions to its register."))
    mention = Mention.objects.select_for_update().get(pk=mention.pk)
    if linked and mention.state != Mention.State.LINKED:
        raise ValidationError(_("This mention is not linked to a person."))
    if not linked and mention.state == Mention.State.LINKED:
        raise ValidationError(_("This mention is already linked to a person."))
    return mention


def _decided(mention: Mention, *, user, state: str, person: Person | None) -> None:
    mention.person, mention.state = person, state
    mention.decided_by, mention.decided_at = user, timezone.now()
    mention.save(update_fields=["person", "state", "decided_by", "decided_at"])


def _withdraw_proposals(mention: Mention) -> None:
    """The facts the mention proposed that nobody accepted or rejected yet."""
    for model in FACT_MODELS.values():
        model.objects.filter(mention=mention, state=FactState.PROPOSED).delete()


def _save_facts(facts) -> None:
    for fact in facts:
        fact.full_clean(exclude=["person", "mention", "sponsor", "village"])
        fact.save()


@transaction.atomic
def mention_link(*, user, mention: Mention, person: Person) -> list:
    """Office staff say the mention is `person`; the facts it brings that the register lacks are
    proposed, and the person's empty fields are filled in. Returns the proposed facts."""
    mention = _open(user, mention, linked=False)
    ensure(rules.can_edit_person(user, person) and person.office_id == mention.office_id,
           _("The person is not in this office's register."))
    filled = _fill_blanks(person, mention)
    if filled:
        try:
            person.full_clean(exclude=["photo"])
        except ValidationError:
            # A passport another person holds, for example: the link stands, the value does not.
            person.refresh_from_db()
        else:
            person.save()
    facts = _proposed_facts(mention, person, user=user, state=FactState.PROPOSED)
    _save_facts(facts)
    _decided(mention, user=user, state=Mention.State.LINKED, person=person)
    person_refresh(person)
    return facts


@transaction.atomic
def mention_create_person(*, user, mention: Mention) -> Person:
    """A new register person from the mention: its facts are the person's first, accepted."""
    mention = _open(user, mention, linked=False)
    person = Person(office_id=mention.office_id, full_name=mention.full_name, sex=mention.sex,
                    date_of_birth=mention.date_of_birth, nationality=mention.nationality,
                    passport_number=mention.passport_number, occupation=mention.occupation)
    person.full_clean(exclude=["photo"])
    person.save()
    _save_facts(_proposed_facts(mention, person, user=user, state=FactState.ACCEPTED))
    _decided(mention, user=user, state=Mention.State.LINKED, person=person)
    person_refresh(person)
    return person


@transaction.atomic
def mention_leave_unlinked(*, user, mention: Mention) -> None:
    """Staff decide the mention names nobody the register should hold (or too little to say)."""
    mention = _open(user, mention, linked=False)
    _decided(mention, user=user, state=Mention.State.UNLINKED, person=None)


@transaction.atomic
def mention_unlink(*, user, mention: Mention) -> None:
    """A link made in error: the mention waits for matching again, and the facts it proposed
    that nobody accepted yet are withdrawn (accepted facts stay, with their source)."""
    mention = _open(user, mention, linked=True)
    person = mention.person
    _withdraw_proposals(mention)
    _decided(mention, user=user, state=Mention.State.PENDING, person=None)
    mention_score(mention)
    person_refresh(person)


def mention_forget(mention: Mention) -> None:
    """The source no longer names this person (a row removed from a draft): the mention goes,
    with the facts it proposed that nobody accepted."""
    person = mention.person
    _withdraw_proposals(mention)
    mention.delete()
    if person is not None:
        person_refresh(person)


def _decide(user, fact, state: str) -> None:
    ensure(rules.can_decide_fact(user, fact),
           _("Only the office's officers and supervisors decide the facts of its register."))
    fact = type(fact).objects.select_for_update().get(pk=fact.pk)
    if fact.state != FactState.PROPOSED:
        raise ValidationError(_("This fact was already decided."))
    if state == FactState.ACCEPTED and isinstance(fact, (Permit, Employment)) \
            and fact.sponsor_id is None:
        name = getattr(fact, "sponsor_name", "") or (fact.mention.employer if fact.mention_id
                                                      else "")
        if name.strip():
            fact.sponsor = (_sponsor_named(fact.person.office_id, name)
                            or Sponsor.objects.create(office_id=fact.person.office_id,
                                                      name=name.strip()[:200]))
    fact.state = state
    fact.decided_by, fact.decided_at = user, timezone.now()
    fact.save()
    person_refresh(fact.person)


@transaction.atomic
def fact_accept(*, user, fact) -> None:
    _decide(user, fact, FactState.ACCEPTED)


@transaction.atomic
def fact_reject(*, user, fact) -> None:
    _decide(user, fact, FactState.REJECTED)


@transaction.atomic
def fact_add(*, user, person: Person, fact) -> None:
    """A fact office staff enter themselves (a permit seen at the counter): accepted at once."""
    ensure(rules.can_edit_person(user, person),
           _("Only the office's officers and supervisors change its register."))
    fact.person = person
    fact.source = Source.MANUAL
    fact.state = FactState.ACCEPTED
    fact.entered_by = fact.decided_by = user
    fact.decided_at = timezone.now()
    fact.full_clean(exclude=["person", "mention"])
    fact.save()
    person_refresh(person)


def _current_permit(person: Person) -> Permit | None:
    return (Permit.objects.filter(person=person, state=FactState.ACCEPTED)
            .order_by(F("expires_on").desc(nulls_last=True),
                      F("issued_on").desc(nulls_last=True), "-created_at", "-pk").first())


def _current_address(person: Person) -> Address | None:
    addresses = Address.objects.filter(person=person, state=FactState.ACCEPTED)
    return (addresses.filter(until__isnull=True)
            .order_by(F("since").desc(nulls_last=True), "-created_at", "-pk").first()
            or addresses.order_by(F("until").desc(nulls_last=True), "-pk").first())


def person_refresh(person: Person) -> None:
    """Derive the current permit and address from the accepted facts, and the name's blocking
    keys from the name."""
    permit, address = _current_permit(person), _current_address(person)
    Person.objects.filter(pk=person.pk).update(current_permit=permit, current_address=address)
    person.current_permit, person.current_address = permit, address
    keys = matching.name_keys(person.full_name)
    known = set(NameKey.objects.filter(person=person).values_list("key", flat=True))
    if known != keys:
        NameKey.objects.filter(person=person).exclude(key__in=keys).delete()
        NameKey.objects.bulk_create([NameKey(person=person, key=key) for key in keys - known])


def _json_value(value):
    if isinstance(value, date):
        return value.isoformat()
    return str(value) if value is not None else None


def _from_json(name: str, value):
    if name == "date_of_birth":
        return date.fromisoformat(value) if value else None
    return value or ""


@transaction.atomic
def person_merge(*, user, survivor: Person, merged: Person, choices: dict) -> Merge:
    """`merged` is the same person as `survivor`: every mention and fact moves to the survivor,
    which keeps, per identity field, its own value or the merged person's (`choices`: field ->
    "survivor" or "merged"; an empty value of the survivor takes the other's by default)."""
    ensure(rules.can_merge(user, survivor, merged),
           _("Only two current people of your office's register can be merged."))
    survivor = Person.objects.select_for_update().get(pk=survivor.pk)
    merged = Person.objects.select_for_update().get(pk=merged.pk)
    chosen, previous = {}, {}
    for name in Person.IDENTITY_FIELDS:
        mine, theirs = getattr(survivor, name), getattr(merged, name)
        empty = mine in ("", None) or (name == "sex" and mine == Sex.UNKNOWN)
        side = choices.get(name) or ("merged" if empty and theirs not in ("", None) else
                                     "survivor")
        if side not in ("survivor", "merged"):
            raise ValidationError(_("Choose whose value to keep for each field."))
        previous[name] = _json_value(mine)
        chosen[name] = {"from": side, "value": _json_value(theirs if side == "merged" else mine)}
        if side == "merged":
            setattr(survivor, name, theirs)
    moved = {"mentions": list(Mention.objects.filter(person=merged).values_list("pk", flat=True))}
    Mention.objects.filter(person=merged).update(person=survivor)
    for key, model in FACT_MODELS.items():
        moved[key] = list(model.objects.filter(person=merged).values_list("pk", flat=True))
        model.objects.filter(person=merged).update(person=survivor)
    merged.merged_into = survivor
    merged.save(update_fields=["merged_into", "updated_at"])
    survivor.full_clean(exclude=["photo"])
    survivor.save()
    merge = Merge.objects.create(survivor=survivor, merged=merged, merged_by=user,
                                 choices=chosen, previous=previous, moved=moved)
    person_refresh(survivor)
    person_refresh(merged)
    return merge


@transaction.atomic
def merge_undo(*, user, merge: Merge) -> None:
    """The two were not one: everything moved goes back and the survivor's own values return."""
    merge = Merge.objects.select_for_update().select_related("survivor", "merged").get(pk=merge.pk)
    ensure(rules.can_undo_merge(user, merge),
           _("Only a supervisor of the office undoes a merge, once."))
    survivor, merged = merge.survivor, merge.merged
    if survivor.merged_into_id is not None:
        raise ValidationError(_("The kept person was merged again since: undo that merge "
                                "first."))
    Mention.objects.filter(pk__in=merge.moved.get("mentions", []), person=survivor).update(
        person=merged)
    for key, model in FACT_MODELS.items():
        model.objects.filter(pk__in=merge.moved.get(key, []), person=survivor).update(
            person=merged)
    for name, value in merge.previous.items():
        setattr(survivor, name, _from_json(name, value))
    # The survivor gives back what it took first; the merged person's passport may have been
    # given to someone else since, and then the undo is refused.
    survivor.full_clean(exclude=["photo"])
    survivor.save()
    merged.merged_into = None
    merged.full_clean(exclude=["photo"])
    merged.save(update_fields=["merged_into", "updated_at"])
    merge.undone_by, merge.undone_at = user, timezone.now()
    merge.save(update_fields=["undone_by", "undone_at"])
    person_refresh(survivor)
    person_refresh(merged)
