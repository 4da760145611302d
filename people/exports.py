"""CSV and XLSX exports of the register's lists. Writing and formula neutralising are in
core.exports."""

from django.utils.translation import gettext as _

from core import exports


def _day(value) -> str:
    return value.isoformat() if value else ""


def person_header() -> list[str]:
    return [_("Code"), _("Name"), _("Sex"), _("Date of birth"), _("Nationality"), _("Passport"),
            _("Stay permit"), _("Visa index"), _("Permit number"), _("Permit expires on"),
            _("Sponsor"), _("Occupation")]


def person_rows(people):
    for person in people.select_related("current_permit__sponsor")[:exports.EXPORT_LIMIT]:
        permit = person.current_permit
        yield (
            person.code, person.full_name, person.get_sex_display(), _day(person.date_of_birth),
            person.nationality.name, person.passport_number,
            permit.get_kind_display() if permit else "", permit.visa_index if permit else "",
            permit.number if permit else "", _day(permit.expires_on) if permit else "",
            permit.sponsor.name if permit and permit.sponsor_id else "", person.occupation,
        )


def person_download(fmt: str, people):
    """`people` comes from selectors.person_list: the reader's register only."""
    return exports.download(fmt, name="people", header=person_header(),
                            rows=person_rows(people), sheet_title=_("People"))
