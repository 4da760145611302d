"""CSV and XLSX exports of the filtered report and people lists: visible rows only, passports
masked for partner agencies. Writing and formula neutralising are in core.exports."""

from django.utils import timezone
from django.utils.translation import gettext as _

from core import exports
from reports.models import ReportPerson, mask_passport


def _passport(number: str, show_passports: bool) -> str:
    return number if show_passports else mask_passport(number)


def _person(link: ReportPerson, show_passports: bool) -> str:
    person = link.person
    passport = _passport(person.passport_number, show_passports)
    details = ", ".join(part for part in (person.nationality.code, passport) if part)
    return f"{person.full_name} ({details}; {link.get_role_display()})"


def report_header() -> list[str]:
    return [_("Number"), _("Status"), _("Title"), _("Category"), _("Priority"), _("Grading"),
            _("Observed at"), _("Village"), _("District"), _("Location"), _("People"),
            _("Sharing")]


def report_rows(reports, *, show_passports: bool):
    reports = reports.prefetch_related("people_links__person")[:exports.EXPORT_LIMIT]
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


def person_header() -> list[str]:
    return [_("Name"), _("Sex"), _("Date of birth"), _("Nationality"), _("Passport"),
            _("Stay permit"), _("Permit expires on"), _("Sponsor or employer"),
            _("Occupation"), _("Reports")]


def person_rows(people, *, show_passports: bool):
    for person in people[:exports.EXPORT_LIMIT]:
        yield (
            person.full_name, person.get_sex_display(),
            person.date_of_birth.isoformat() if person.date_of_birth else "",
            person.nationality.name, _passport(person.passport_number, show_passports),
            person.get_stay_permit_display(),
            person.permit_expires_on.isoformat() if person.permit_expires_on else "",
            person.sponsor, person.occupation, person.report_count,
        )


def person_download(fmt: str, people, *, show_passports: bool):
    """`people` comes from selectors.person_list (annotated with the visible report count)."""
    return exports.download(fmt, name="people", header=person_header(),
                            rows=person_rows(people, show_passports=show_passports),
                            sheet_title=_("People"))
