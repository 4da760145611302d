"""The office's monthly report (laporan bulanan) of TIMPORA work, built from the recorded data:
meetings and joint operations per team level, administrative immigration actions (TAK) counted by
form and by sex, pro justitia cases and outreach in the Desa Binaan. Rendered as a page, an XLSX
workbook and a PDF in Indonesian, as the office files it."""

import calendar
import datetime
import io
import re
from dataclasses import dataclass, field

from django import forms
from django.core.validators import MaxLengthValidator
from django.db.models import Count, Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from accounts.models import Agency
from accounts.roles import is_office_staff
from core.exports import safe_cell
from core.pdf import render_pdf
from meetings.models import Meeting, Minutes, Team
from reports.models import SOMEONE, Report, ReportPerson, user_agency
from villages.models import OutreachEvent

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
# The six forms of TAK (UU 6/2011 art. 75(2)), in the order of the law.
TAK_FORMS = (
    Report.Action.PREVENTION_LISTING, Report.Action.PERMIT_CHANGE, Report.Action.PLACE_BAN,
    Report.Action.RESIDENCE_ORDER, Report.Action.COST_CHARGE, Report.Action.DEPORTATION,
)
# Meetings that were not held do not belong in a report of work done.
REPORTED_MEETING_STATUSES = (Meeting.Status.HELD, Meeting.Status.MINUTES_PUBLISHED,
                             Meeting.Status.SCHEDULED)
NOTE_LENGTH = 300


def may_file(user) -> bool:
    """The monthly report is the office's: its officers and supervisors only."""
    return is_office_staff(user) and user_agency(user) is not None


class MonthForm(forms.Form):
    # A validator, not max_length: that would render maxlength, which a month input may not have.
    month = forms.CharField(
        label=gettext_lazy("Month"), validators=[MaxLengthValidator(7)],
        widget=forms.TextInput(attrs={"type": "month", "class": "form-control"}),
        help_text=gettext_lazy("Year and month, for example 2024-06."),
    )

    def clean_month(self) -> datetime.date:
        match = MONTH_PATTERN.match(self.cleaned_data["month"].strip())
        if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) < 2000:
            raise forms.ValidationError(
                _("Give the month as year and month, for example 2024-06."), code="invalid")
        first = datetime.date(int(match[1]), int(match[2]), 1)
        if first > timezone.localdate():
            raise forms.ValidationError(
                _("The monthly report can only be made for this month or an earlier one."),
                code="future")
        return first


def parse_month(text: str) -> datetime.date | None:
    """The first day of a valid `YYYY-MM` month that is not in the future, else None."""
    form = MonthForm({"month": text})
    return form.cleaned_data["month"] if form.is_valid() else None


@dataclass
class MeetingRow:
    date: datetime.date
    title: str
    kind: str
    team: str
    place: str
    notes: str


@dataclass
class LevelSection:
    level: str
    meetings: list[MeetingRow] = field(default_factory=list)
    operations: list[MeetingRow] = field(default_factory=list)


@dataclass
class ActionCount:
    label: str
    reports: int = 0
    men: int = 0
    women: int = 0
    unknown: int = 0

    @property
    def people(self) -> int:
        return self.men + self.women + self.unknown


@dataclass
class Case:
    number: str
    title: str
    decided_on: datetime.date
    people: str
    note: str


@dataclass
class OutreachRow:
    date: datetime.date
    village: str
    kind: str
    topic: str
    men: int
    women: int

    @property
    def total(self) -> int:
        return self.men + self.women


@dataclass
class MonthlyReport:
    office: Agency
    month: datetime.date
    levels: list[LevelSection]
    actions: list[ActionCount]
    cases: list[Case]
    outreach: list[OutreachRow]

    @property
    def last_day(self) -> datetime.date:
        return self.month.replace(day=calendar.monthrange(self.month.year, self.month.month)[1])

    @property
    def month_label(self) -> str:
        return date_format(self.month, "F Y")

    @property
    def action_total(self) -> ActionCount:
        total = ActionCount(label=_("Total"))
        for row in self.actions:
            total.reports += row.reports
            total.men += row.men
            total.women += row.women
            total.unknown += row.unknown
        return total

    @property
    def outreach_men(self) -> int:
        return sum(row.men for row in self.outreach)

    @property
    def outreach_women(self) -> int:
        return sum(row.women for row in self.outreach)

    @property
    def outreach_total(self) -> int:
        return self.outreach_men + self.outreach_women

    @property
    def slug(self) -> str:
        return f"{self.month:%Y-%m}"


def _plain(markdown: str) -> str:
    """The first words of a Markdown text, without its markup, for a table cell."""
    text = re.sub(r"[*_#>`\[\]]", "", markdown or "")
    text = " ".join(text.split())
    return text if len(text) <= NOTE_LENGTH else text[:NOTE_LENGTH - 1].rstrip() + "…"


def _month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    start = timezone.make_aware(datetime.datetime.combine(month, datetime.time.min))
    following = (month + datetime.timedelta(days=32)).replace(day=1)
    return start, timezone.make_aware(datetime.datetime.combine(following, datetime.time.min))


def _levels(user, office, month) -> list[LevelSection]:
    start, end = _month_bounds(month)
    meetings = (
        Meeting.objects.visible_to(user)
        .filter(team__chair_agency=office, starts_at__gte=start, starts_at__lt=end,
                status__in=REPORTED_MEETING_STATUSES)
        .select_related("team", "village")
        .prefetch_related(Prefetch("minutes", queryset=Minutes.objects.only("meeting", "summary")))
        .order_by("starts_at", "pk")
    )
    sections = {level: LevelSection(level=label) for level, label in Team.Level.choices}
    for meeting in meetings:
        minutes = getattr(meeting, "minutes", None)
        place = meeting.venue + (f", {meeting.village.name}" if meeting.village else "")
        row = MeetingRow(
            date=timezone.localtime(meeting.starts_at).date(), title=meeting.title,
            kind=meeting.get_kind_display(), team=meeting.team.name, place=place,
            notes=_plain(minutes.summary) if minutes else meeting.get_status_display(),
        )
        section = sections[meeting.team.level]
        if meeting.kind == Meeting.Kind.OPERATION_BRIEFING:
            section.operations.append(row)
        else:
            section.meetings.append(row)
    return list(sections.values())


def _decided(user, office, month):
    return Report.objects.visible_to(user).filter(
        office=office, action_decided_on__gte=month,
        action_decided_on__lte=month.replace(
            day=calendar.monthrange(month.year, month.month)[1]),
    )


def _actions(decided) -> list[ActionCount]:
    rows = {form: ActionCount(label=form.label) for form in TAK_FORMS}
    for item in (decided.filter(decided_action__in=TAK_FORMS).values("decided_action")
                 .annotate(n=Count("pk"))):
        rows[item["decided_action"]].reports = item["n"]
    # People acted upon are the subjects of the reports, each counted once per form.
    subjects = (ReportPerson.objects
                .filter(report__in=decided.filter(decided_action__in=TAK_FORMS),
                        role=ReportPerson.Role.SUBJECT)
                .values("report__decided_action", "mention__sex")
                .annotate(n=Count(SOMEONE, distinct=True)))
    for item in subjects:
        row = rows[item["report__decided_action"]]
        sex = item["mention__sex"]
        if sex == "male":
            row.men += item["n"]
        elif sex == "female":
            row.women += item["n"]
        else:
            row.unknown += item["n"]
    return list(rows.values())


def _cases(decided) -> list[Case]:
    cases = []
    reports = (decided.filter(decided_action=Report.Action.PRO_JUSTITIA)
               .prefetch_related(Prefetch("people_links", queryset=ReportPerson.objects.filter(
                   role=ReportPerson.Role.SUBJECT).select_related("mention")))
               .order_by("action_decided_on", "number"))
    for report in reports:
        people = ", ".join(f"{link.mention.get_sex_display()}, {link.mention.nationality.name}"
                           for link in report.people_links.all())
        cases.append(Case(number=report.number, title=report.title,
                          decided_on=report.action_decided_on, people=people,
                          note=_plain(report.action_note)))
    return cases


def _outreach(user, month) -> list[OutreachRow]:
    events = (OutreachEvent.objects.visible_to(user)
              .filter(date__year=month.year, date__month=month.month)
              .select_related("desa_binaan__region").order_by("date", "pk"))
    return [OutreachRow(date=event.date, village=event.desa_binaan.region.name,
                        kind=event.get_kind_display(), topic=event.topic,
                        men=event.participants_men, women=event.participants_women)
            for event in events]


def monthly_report(*, user, month: datetime.date) -> MonthlyReport:
    """The monthly report of `user`'s office for the month starting on `month`."""
    office = user_agency(user)
    decided = _decided(user, office, month)
    return MonthlyReport(
        office=office, month=month, levels=_levels(user, office, month),
        actions=_actions(decided), cases=_cases(decided), outreach=_outreach(user, month),
    )


# --- documents ---------------------------------------------------------------------------------


def _day(value: datetime.date) -> str:
    return date_format(value, "j F Y")


def as_pdf(report: MonthlyReport) -> bytes:
    with translation.override("id"):
        html = render_to_string("reports/monthly_pdf.html", {
            "report": report, "signed_on": min(timezone.localdate(), report.last_day),
        })
    return render_pdf(html)


def _title_rows(sheet, report: MonthlyReport, title: str) -> None:
    bold = Font(bold=True)
    for text in (report.office.name, _("TIMPORA monthly report"),
                 _("Month: %(month)s") % {"month": report.month_label}, title):
        sheet.append([safe_cell(text)])
        sheet.cell(row=sheet.max_row, column=1).font = bold
    sheet.append([])


def _table(sheet, header: list[str], rows: list[list]) -> None:
    sheet.append([safe_cell(cell) for cell in header])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe_cell(cell) for cell in row])
    sheet.append([])


def _meeting_table(sheet, rows: list[MeetingRow]) -> None:
    _table(sheet, [_("No."), _("Date"), _("Activity"), _("Kind"), _("Team"), _("Place"),
                   _("Notes")],
           [[number, _day(row.date), row.title, row.kind, row.team, row.place, row.notes]
            for number, row in enumerate(rows, 1)])


def as_xlsx(report: MonthlyReport) -> bytes:
    with translation.override("id"):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Meetings and operations")[:31]
        _title_rows(sheet, report, _("I. TIMPORA meetings and joint operations"))
        for section in report.levels:
            sheet.append([_("TIMPORA team of the %(level)s level") % {
                "level": section.level.lower()}])
            sheet.append([_("Meetings")])
            _meeting_table(sheet, section.meetings)
            sheet.append([_("Joint operations")])
            _meeting_table(sheet, section.operations)

        sheet = workbook.create_sheet(_("Administrative actions")[:31])
        _title_rows(sheet, report, _("II. Administrative immigration actions (TAK)"))
        total = report.action_total
        _table(sheet, [_("Form of action"), _("Reports"), _("Men"), _("Women"),
                       _("Sex unknown"), _("People")],
               [[row.label, row.reports, row.men, row.women, row.unknown, row.people]
                for row in [*report.actions, total]])

        sheet = workbook.create_sheet(_("Pro justitia")[:31])
        _title_rows(sheet, report, _("III. Pro justitia cases"))
        _table(sheet, [_("No."), _("Report number"), _("Title"), _("Decided on"),
                       _("People"), _("Note")],
               [[number, case.number, case.title, _day(case.decided_on), case.people,
                 case.note] for number, case in enumerate(report.cases, 1)])

        sheet = workbook.create_sheet(_("Outreach")[:31])
        _title_rows(sheet, report, _("IV. Outreach in the Desa Binaan"))
        _table(sheet, [_("No."), _("Date"), _("Village"), _("Kind"), _("Topic"), _("Men"),
                       _("Women"), _("Total")],
               [*[[number, _day(row.date), row.village, row.kind, row.topic, row.men,
                   row.women, row.total] for number, row in enumerate(report.outreach, 1)],
                ["", "", _("Total"), "", "", report.outreach_men, report.outreach_women,
                 report.outreach_total]])
        for sheet in workbook.worksheets:
            sheet.column_dimensions["A"].width = 24
            for column in "BCDEFGH":
                sheet.column_dimensions[column].width = 22
            for row in sheet.iter_rows():
                for cell in row:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def report_totals(report: MonthlyReport) -> dict[str, int]:
    """The headline numbers of the month, for the page's summary."""
    return {
        "meetings": sum(len(s.meetings) for s in report.levels),
        "operations": sum(len(s.operations) for s in report.levels),
        "actions": report.action_total.reports,
        "cases": len(report.cases),
        "outreach": len(report.outreach),
    }

