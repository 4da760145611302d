"""The map's markers: the Desa Binaan and the located reports a user may see. A report marker
carries its number, title and link only, never the people named in it."""

from django.urls import reverse
from django.utils.translation import gettext as _

from reports.models import Report
from villages.models import DesaBinaan

# The most recent located reports shown; older ones stay reachable through the report list.
REPORT_MARKER_LIMIT = 500


def village_markers(user) -> list[dict]:
    desas = (DesaBinaan.objects.visible_to(user)
             .filter(latitude__isnull=False, longitude__isnull=False)
             .select_related("region__parent").order_by("region__name", "pk"))
    return [{
        "name": desa.region.name,
        "district": desa.region.parent.name if desa.region.parent_id else "",
        "status": desa.get_status_display(),
        "lat": float(desa.latitude), "lng": float(desa.longitude),
        "url": reverse("villages:detail", args=[desa.code]),
    } for desa in desas]


def report_markers(user) -> list[dict]:
    reports = (Report.objects.visible_to(user)
               .filter(latitude__isnull=False, longitude__isnull=False)
               .only("code", "number", "title", "status", "latitude", "longitude")
               .order_by("-observed_at", "-pk")[:REPORT_MARKER_LIMIT])
    return [{
        "number": report.number or _("Draft"),
        "title": report.title,
        "lat": float(report.latitude), "lng": float(report.longitude),
        "url": report.get_absolute_url(),
    } for report in reports]


def map_markers(user) -> dict:
    return {"villages": village_markers(user), "reports": report_markers(user),
            "report_limit": REPORT_MARKER_LIMIT}
