"""CSV and XLSX exports of the filtered report list: visible rows only, passports
masked for partner agencies. Writing and formula neutralising are in core.exports."""

from django.utils import timezone
from django.utils.translation import gettext as _

from core import exports
from people.models import mask_passport
from reports.models import ReportPerson


def _passport(number: str, show_passports: bool) -> str:
    return number if show_passports else mask_passport(number)


def _person(link: ReportPerson, show_passports: bool) -> str:
    mention = link.mention
    passport = _passport(mention.passport_number, show_passports)
    details = ", ".join(part for part in (mention.nationality.code, passport) if part)
    return f"{mention.full_name} ({details}; {link.get_role_display()})"


def report_header() -> list[str]:
    return [_("Number"), _("Status"), _("Title"), _("Category"), _("Priority"), _("Grading"),
            _("Observed at"), _("Village"), _("District"), _("Location"), _("People"),
            _("Sharing")]


def report_rows(reports, *, show_passports: bool):
    reports = reports.prefetch_related("people_links__mention")[:exports.EXPORT_LIMIT]
    for report in reports:
        village = report.village
        yield (
            report.number, report.get_status_display(), report.title,
            report.get_category_display(), report.get_priority_display(), report.grading,
            timezone.localtime(report.observed_at).strftime("%Y-%m-%d %H:%M"),
            village.name if village else "", village.parent.name if village else "",
            report.location_text,
            "; ".join(_person(link, show_passports) for link in report.people_links.all()),
            report.get_sharing_display(),
        )


def report_download(fmt: str, reports, *, show_passports: bool):
    return exports.download(fmt, name="reports", header=report_header(),
                            rows=report_rows(reports, show_passports=show_passports),
                            sheet_title=_("Reports"))
