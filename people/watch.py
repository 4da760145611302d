"""The permit watch: the people of a register whose stay permit runs out soon, and those who may be
overstaying. One set of selectors feeds the watch page, its exports, the dashboard panel and the
daily notification to office staff.

Both lists read the person's derived `current_permit` and `current_address` (kept by
`people.services.person_refresh`), joined once: a list costs the same queries however long it is,
and the expiry filter runs on the permit's `expires_on` index.
"""

from datetime import date, timedelta

from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Agency
from accounts.selectors import office_staff
from notifications.models import OutboxMessage
from notifications.outbox import message_enqueue_many
from people import rules
from people.models import Permit, Person
from people.services import register_of

WINDOWS = (30, 60, 90)
EXPIRED = "expired"
# The lists of the watch page, by the name its `?list=` takes, and their labels.
LISTS = {"30": _("Expiring within 30 days"), "60": _("Expiring within 60 days"),
         "90": _("Expiring within 90 days"), EXPIRED: _("Possible overstay")}
DEFAULT_LIST = "30"
# The rows of the page, sorted on the permit's own fields (keyset pagination reads the sort
# values from the listed model): the soonest expiry first, the most recent overstay first.
PAGE_ORDER = {"expiring": ("expires_on", "pk"), EXPIRED: ("-expires_on", "-pk")}
PANEL_LENGTH = 10
# A daily run that was missed (workers down) still announces who entered a list this long ago.
CATCH_UP = timedelta(days=6)
_RELATED = ("current_permit__sponsor", "current_address__village")


def _expiring(people, *, days: int, today: date):
    return (people
            .filter(current_permit__expires_on__gte=today,
                    current_permit__expires_on__lte=today + timedelta(days=days))
            .select_related(*_RELATED)
            .order_by("current_permit__expires_on", "pk"))


def _expired(people, *, today: date):
    return (people
            .filter(current_permit__expires_on__lt=today, current_address__isnull=False)
            .filter(Q(current_address__until__isnull=True)
                    | Q(current_address__until__gte=today))
            .select_related(*_RELATED)
            .order_by("-current_permit__expires_on", "-pk"))


def expiring(user, *, days: int, today: date | None = None):
    """People of the user's register whose current permit expires between today and `days`
    days from today (both included), the soonest first."""
    return _expiring(Person.objects.visible_to(user), days=days,
                     today=today or timezone.localdate())


def expired(user, today: date | None = None):
    """Possible overstays: people of the user's register whose current permit expired before
    today while their current address is still open (no end, or an end today or later), the
    most recent expiry first.

    "Their last known stay is in the office's area" is read as "the register holds an open
    address for them": a register belongs to one office, and staff end an address (or the
    person's stay elsewhere gives a newer one) when the person leaves its area, so the village
    itself is not compared with the office's regencies. A person without any address, or whose
    last address has ended, is not on the list: nothing says they are still here."""
    return _expired(Person.objects.visible_to(user), today=today or timezone.localdate())


def listed(user, *, name: str, today: date | None = None):
    """The list the watch page shows under `name` (a key of LISTS)."""
    if name == EXPIRED:
        return expired(user, today)
    return expiring(user, days=int(name), today=today)


def page_rows(people):
    """The current permits of `people` (one of the lists above), with their holders, for the
    watch page: its keyset pagination sorts on the permit's `expires_on` (see PAGE_ORDER)."""
    return (Permit.objects.filter(pk__in=people.values("current_permit"))
            .select_related("sponsor", "person__current_address__village"))


def page_order(name: str) -> tuple[str, str]:
    return PAGE_ORDER[EXPIRED if name == EXPIRED else "expiring"]


# --- the dashboard -----------------------------------------------------------------------------

def permits_panel(request) -> str:
    """The permits of the office's register expiring within 30 days, and how many people may be
    overstaying; office staff only."""
    user = request.user
    if not rules.works_in_register(user):
        return ""
    soon = expiring(user, days=30)
    return render_to_string("dashboard/permits.html", {
        "people": soon[:PANEL_LENGTH], "total": soon.count(),
        "overstays": expired(user).count(),
    })


# --- the daily notification --------------------------------------------------------------------

def _known_since(fact) -> date:
    """The day the register learnt a fact: when staff accepted it, or when it was written."""
    return timezone.localdate(fact.decided_at or fact.created_at)


def _entry(person, *, today: date) -> tuple[str, date] | None:
    """The narrowest list the person is on today, and the day they entered it: the day the
    expiry came within the list's window or the register learnt of the permit (or, for a
    possible overstay, of the open address), whichever came later."""
    permit = person.current_permit
    if permit.expires_on < today:
        return EXPIRED, max(permit.expires_on + timedelta(days=1), _known_since(permit),
                            _known_since(person.current_address))
    days = next(days for days in WINDOWS if permit.expires_on <= today + timedelta(days=days))
    return str(days), max(permit.expires_on - timedelta(days=days), _known_since(permit))


def _counts(soon: list, overstays: list, *, today: date) -> dict[str, int]:
    counts = {str(days): sum(1 for person in soon
                             if person.current_permit.expires_on <= today + timedelta(days=days))
              for days in WINDOWS}
    return counts | {EXPIRED: len(overstays)}


def _office_notify(office, *, today: date) -> int:
    staff = list(office_staff(office))
    if not staff:
        return 0
    register = register_of(office)
    soon = list(_expiring(register, days=max(WINDOWS), today=today))
    overstays = list(_expired(register, today=today))
    counts = _counts(soon, overstays, today=today)
    watch_url = reverse("people:watch")
    written = 0
    for person in soon + overstays:
        name, entered_on = _entry(person, today=today)
        if entered_on < today - CATCH_UP:
            continue
        written += message_enqueue_many(
            recipients=staff,
            kind=OutboxMessage.Kind.PERMIT_WATCH,
            key=f"permit-watch:{name}:{person.current_permit_id}",
            # Only the list and its size leave the office: no name, passport or permit number.
            context={"list": name, "days": None if name == EXPIRED else int(name),
                     "count": counts[name]},
            link=f"{watch_url}?list={name}",
        )
    return written


def watch_notify(*, today: date | None = None) -> int:
    """Tell each immigration office's active staff, once per person, permit and list, that
    someone entered a list of the watch: expiring within 90, 60 or 30 days (the narrowest list
    they are on) or a possible overstay. Only people who entered in the last CATCH_UP days are
    announced, so a new colleague or the first run is not flooded with the lists as they stand.
    Returns how many outbox rows were written; a second run the same day writes none."""
    today = today or timezone.localdate()
    offices = Agency.objects.filter(kind=Agency.Kind.IMMIGRATION_OFFICE).order_by("pk")
    return sum(_office_notify(office, today=today) for office in offices)
