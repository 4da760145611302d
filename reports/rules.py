"""Who may do what to a report: the role checks, in one place, enforced by the services and used
by the templates to decide which buttons to show. Reading is decided by `visible_to` alone."""

from accounts.roles import is_office_staff, is_supervisor, role_of
from reports.models import Report, user_agency


def _agency_id(user):
    agency = user_agency(user)
    return agency.pk if agency is not None else None


def can_create(user) -> bool:
    return role_of(user) is not None and user_agency(user) is not None


def submits_directly(user) -> bool:
    """Partner agencies pass information on: it goes straight to the office, with no draft."""
    return not is_office_staff(user)


def can_see_passports(user) -> bool:
    return user.is_superuser or is_office_staff(user)


def can_edit(user, report: Report) -> bool:
    return report.author_id == user.pk and report.is_editable


can_submit = can_edit


def reviews(user, report: Report) -> bool:
    """Supervisors of the report's office review it."""
    return is_supervisor(user) and _agency_id(user) == report.office_id


def can_verify(user, report: Report) -> bool:
    return reviews(user, report) and report.status == Report.Status.SUBMITTED


can_return = can_verify


def can_regrade(user, report: Report) -> bool:
    """The reviewer may grade the source and the information anew while reviewing."""
    return can_verify(user, report)


def can_dismiss(user, report: Report) -> bool:
    return reviews(user, report) and report.status in (
        Report.Status.SUBMITTED, Report.Status.VERIFIED
    )


def can_decide_action(user, report: Report) -> bool:
    return reviews(user, report) and report.status == Report.Status.VERIFIED


def can_close(user, report: Report) -> bool:
    return reviews(user, report) and report.status == Report.Status.ACTIONED


def can_share(user, report: Report) -> bool:
    return reviews(user, report) and report.status != Report.Status.DRAFT


def can_add_note(user, report: Report) -> bool:
    """Whoever may read a submitted report may add to its follow-up log (the caller has loaded
    the report through `visible_to`)."""
    return report.status != Report.Status.DRAFT and role_of(user) is not None


def can_attach(user, report: Report) -> bool:
    return can_edit(user, report)


def can_edit_agenda(user) -> bool:
    """Only the immigration office puts reports on (or takes them off) a meeting's agenda."""
    return is_office_staff(user)
