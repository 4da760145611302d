"""Keyset pagination for the big lists: `?after=<cursor>` instead of `?page=<n>`.

A page is "the next rows after the last one shown" in the list's order, so page 4,000 costs what
page 1 costs (an index range scan), where OFFSET would read and throw away every earlier row. The
cursor holds the sort values of the last row shown, signed so that nobody crafts one by hand; a
cursor that does not verify is ignored and the first page is shown.

The total is counted only up to COUNT_CAP rows: the list says "more than 1,000" rather than
counting 100,000 rows on every page. A list that shows no total (the audit log) is not counted.
"""

import json
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Q
from django.utils.functional import cached_property

COUNT_CAP = 1000
SALT = "core.pagination"


@dataclass
class KeysetPage:
    object_list: list
    has_next: bool
    next_cursor: str
    is_first: bool
    count: int | None
    count_capped: bool


def query_without_cursor(request) -> str:
    """The page's query string (its filters) without the cursor: what the links of
    templates/partials/keyset_pagination.html carry."""
    query = request.GET.copy()
    query.pop("after", None)
    return query.urlencode()


def _fields(order: tuple[str, ...]) -> tuple[list[str], bool]:
    descending = {name.startswith("-") for name in order}
    if len(descending) != 1:
        raise ValueError("Keyset pagination needs every sort field in the same direction.")
    return [name.lstrip("-") for name in order], descending.pop()


def _salt(model, names: list[str]) -> str:
    """A cursor is signed for its list's model and sort fields: one taken from another list
    (whose values would be of other types) does not verify, and the first page is shown."""
    return f"{SALT}:{model._meta.label_lower}:{','.join(names)}"


def _decode(model, names: list[str], cursor: str | None) -> list | None:
    if not cursor:
        return None
    try:
        raw = json.loads(signing.loads(cursor, salt=_salt(model, names)))
        if not isinstance(raw, list) or len(raw) != len(names):
            return None
        return [model._meta.pk.to_python(value) if name == "pk" else
                model._meta.get_field(name).to_python(value)
                for name, value in zip(names, raw, strict=True)]
    except (signing.BadSignature, ValueError, TypeError, ValidationError):
        return None


def _encode(row, names: list[str]) -> str:
    values = [getattr(row, name) for name in names]
    text = json.dumps([value.isoformat() if hasattr(value, "isoformat") else value
                       for value in values])
    return signing.dumps(text, salt=_salt(type(row), names))


def _after(names: list[str], values: list, descending: bool) -> Q:
    """(a, b, c) after (x, y, z): a < x, or a = x and b < y, or … (> when ascending); plus a ≤ x
    on its own, which the planner turns into the start of an index range scan."""
    beyond = "lt" if descending else "gt"
    condition = Q()
    for position, name in enumerate(names):
        equal = {earlier: values[n] for n, earlier in enumerate(names[:position])}
        condition |= Q(**equal, **{f"{name}__{beyond}": values[position]})
    return Q(**{f"{names[0]}__{beyond}e": values[0]}) & condition


def keyset_page(queryset, *, order: tuple[str, ...], cursor: str | None, size: int,
                counted: bool = True) -> KeysetPage:
    """One page of `queryset` ordered by `order` (fields all ascending or all descending, ending
    with a unique field) after `cursor`. Runs two queries whatever the page, the rows and a
    capped count, or only the rows when the whole list fits on its first page (a search that
    finds a few people, say): they are then their own count. Only the rows when not `counted`
    (the page's count is then None)."""
    names, descending = _fields(order)
    values = _decode(queryset.model, names, cursor)
    rows_query = queryset.order_by(*order)
    if values is not None:
        rows_query = rows_query.filter(_after(names, values, descending))
    rows = list(rows_query[:size + 1])
    has_next = len(rows) > size
    rows = rows[:size]
    if not counted:
        count = None
    elif values is None and not has_next:
        count = len(rows)
    else:
        # Keys only: the annotations of the rows (per-row subqueries) are not needed to count.
        count = queryset.order_by().values("pk")[:COUNT_CAP + 1].count()
    return KeysetPage(
        object_list=rows, has_next=has_next,
        next_cursor=_encode(rows[-1], names) if has_next else "",
        is_first=values is None, count=None if count is None else min(count, COUNT_CAP),
        count_capped=count is not None and count > COUNT_CAP,
    )


class EstimatedCountPaginator(Paginator):
    """A changelist paginator that, on PostgreSQL, takes the planner's row estimate instead of
    counting when the estimate is large: counting 100,000 visible reports on every page costs
    more than the page itself. Small lists (and other databases) are counted exactly."""

    EXACT_BELOW = 10_000

    @cached_property
    def count(self):
        queryset = self.object_list
        connection = connections[queryset.db]
        if connection.vendor == "postgresql":
            sql, params = queryset.order_by().query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
                plan = cursor.fetchone()[0]
            estimate = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"]
            if estimate >= self.EXACT_BELOW:
                return int(estimate)
        return super().count
