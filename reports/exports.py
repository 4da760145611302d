"""CSV and XLSX exports of the filtered report list: visible rows only, passports masked for
partner agencies, and no cell that a spreadsheet would run as a formula."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from reports.models import ReportPerson, mask_passport

EXPORT_LIMIT = 10_000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _person(link: ReportPerson, show_passports: bool) -> str:
    person = link.person
    passport = person.passport_number if show_passports else mask_passport(person.passport_number)
    details = ", ".join(part for part in (person.nationality.code, passport) if part)
    return f"{person.full_name} ({details}; {link.get_role_display()})"


def header() -> list[str]:
    return [_("Number"), _("Status"), _("Title"), _("Category"), _("Priority"), _("Grading"),
            _("Observed at"), _("Village"), _("District"), _("Location"), _("People"),
            _("Sharing")]


def rows(reports, *, show_passports: bool):
    reports = reports.prefetch_related("people_links__person")[:EXPORT_LIMIT]
    for report in reports:
        village = report.village
        yield [_safe(value) for value in (
            report.number, report.get_status_display(), report.title,
            report.get_category_display(), report.get_priority_display(), report.grading,
            timezone.localtime(report.observed_at).strftime("%Y-%m-%d %H:%M"),
            village.name if village else "", village.parent.name if village else "",
            report.location_text,
            "; ".join(_person(link, show_passports) for link in report.people_links.all()),
            report.get_sharing_display(),
        )]


def as_csv(reports, *, show_passports: bool) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header())
    writer.writerows(rows(reports, show_passports=show_passports))
    return buffer.getvalue()


def as_xlsx(reports, *, show_passports: bool) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Reports"))
    sheet.append(header())
    for row in rows(reports, show_passports=show_passports):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
