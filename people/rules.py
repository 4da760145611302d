"""Who may do what in the register. Only the office that owns a register works in it: its
officers and supervisors match mentions, decide proposed facts and merge people; a supervisor
undoes a merge. Administrators merge (and undo) from Django admin. Partner agencies do none of it.
Reading is decided by `visible_to` alone."""

from accounts.roles import is_supervisor
from people.models import user_office


def _works_in(user, office_id) -> bool:
    office = user_office(user)
    return office is not None and office.pk == office_id


def can_match(user, mention) -> bool:
    return _works_in(user, mention.office_id)


def can_edit_person(user, person) -> bool:
    return _works_in(user, person.office_id) and person.merged_into_id is None


def can_decide_fact(user, fact) -> bool:
    return can_edit_person(user, fact.person)


def can_merge(user, survivor, merged) -> bool:
    if survivor.pk == merged.pk or survivor.office_id != merged.office_id:
        return False
    if survivor.merged_into_id or merged.merged_into_id:
        return False
    return user.is_superuser or _works_in(user, survivor.office_id)


def can_undo_merge(user, merge) -> bool:
    if merge.is_undone:
        return False
    return user.is_superuser or (is_supervisor(user)
                                 and _works_in(user, merge.survivor.office_id))


def works_in_register(user) -> bool:
    """Office staff of an immigration office: they work in its register (match, decide, watch)."""
    return user_office(user) is not None


def reads_register(user) -> bool:
    """Who may open the register's pages at all: its office staff and administrators. A partner
    agency gets 404 there, as for any object it may not read."""
    return user.is_superuser or works_in_register(user)


def can_match_for(user, office_id) -> bool:
    """Whether the user works in the register of `office_id` (and so sees its links)."""
    return _works_in(user, office_id)
