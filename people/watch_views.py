"""The permit watch's page and its exports (office staff of the office, and administrators):
the permits expiring within 30, 60 or 90 days and the possible overstays, chosen by `?list=`."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

import audit
from core import exports
from core.pagination import keyset_page, query_without_cursor
from people import watch
from people.views import register_only

PAGE_SIZE = 25


def _list_name(request) -> str:
    name = request.GET.get("list", watch.DEFAULT_LIST)
    return name if name in watch.LISTS else watch.DEFAULT_LIST


@require_GET
def watch_page(request):
    register_only(request.user)
    name = _list_name(request)
    today = timezone.localdate()
    people = watch.listed(request.user, name=name, today=today)
    page = keyset_page(watch.page_rows(people), order=watch.page_order(name),
                       cursor=request.GET.get("after"), size=PAGE_SIZE)
    return render(request, "people/watch.html", {
        "lists": watch.LISTS.items(), "active": name, "title": watch.LISTS[name],
        "page": page, "query": query_without_cursor(request),
        "rows": [(permit, (permit.expires_on - today).days, (today - permit.expires_on).days)
                 for permit in page.object_list],
    })


def _day(value) -> str:
    return value.isoformat() if value else ""


def watch_header() -> list[str]:
    return [_("Code"), _("Name"), _("Nationality"), _("Passport"), _("Stay permit"),
            _("Visa index"), _("Permit number"), _("Permit expires on"), _("Days left"),
            _("Sponsor"), _("Village"), _("Address")]


def watch_rows(people, *, today):
    """One row per person of a watch list; "days left" is negative for an expired permit."""
    for person in people[:exports.EXPORT_LIMIT]:
        permit, address = person.current_permit, person.current_address
        yield (
            person.code, person.full_name, person.nationality.name, person.passport_number,
            permit.get_kind_display(), permit.visa_index, permit.number,
            _day(permit.expires_on), (permit.expires_on - today).days,
            permit.sponsor.name if permit.sponsor_id else "",
            address.village.name if address and address.village_id else "",
            address.street if address else "",
        )


@require_GET
@audit.exported("people.Person")
def watch_export(request, fmt: str):
    register_only(request.user)
    name = _list_name(request)
    today = timezone.localdate()
    people = watch.listed(request.user, name=name, today=today)
    return exports.download(fmt, name=f"permit-watch-{name}", header=watch_header(),
                            rows=watch_rows(people, today=today),
                            sheet_title=str(watch.LISTS[name]))
