"""Writing lists as CSV and XLSX downloads, shared by every app's exports.

Each cell is neutralised so that a spreadsheet never runs it as a formula: text that starts with
one of the formula characters gets a leading apostrophe (OWASP "CSV injection").
"""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

# No export runs away with the server: lists are cut at this many rows.
EXPORT_LIMIT = 10_000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def safe_cell(value):
    """Numbers stay numbers; any other value becomes text that cannot start a formula."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_row(values: Iterable) -> list:
    return [safe_cell(value) for value in values]


def as_csv(header: Sequence[str], rows: Iterable[Iterable]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(safe_row(header))
    writer.writerows(safe_row(row) for row in rows)
    return buffer.getvalue()


def as_xlsx(header: Sequence[str], rows: Iterable[Iterable], *, sheet_title: str) -> bytes:
    workbook = Workbook(write_only=True)
    # Sheet titles are at most 31 characters and may not hold []:*?/\ .
    title = str(sheet_title).translate(str.maketrans("", "", "[]:*?/\\"))[:31]
    sheet = workbook.create_sheet(title)
    sheet.append(safe_row(header))
    for row in rows:
        sheet.append(safe_row(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(fmt: str, *, name: str, header: Sequence[str], rows: Iterable[Iterable],
             sheet_title: str) -> HttpResponse:
    """The list as an attachment named `<name>-<local date and time>.<fmt>`; the response's
    `export_rows` is the number of rows written (the audit log records it)."""
    rows = list(rows)
    if fmt == "csv":
        body = as_csv(header, rows)
    elif fmt == "xlsx":
        body = as_xlsx(header, rows, sheet_title=sheet_title)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response.export_rows = len(rows)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{fmt}"'
    return response


# --- the meeting list --------------------------------------------------------------------------


def meeting_header() -> list[str]:
    return [_("Starts at"), _("Ends at"), _("Meeting"), _("Kind"), _("Team"), _("Level"),
            _("Venue"), _("Village"), _("Status"), _("Open actions")]


def meeting_rows(meetings):
    """`meetings` comes from selectors.meeting_list (with its open-action count)."""
    for meeting in meetings.select_related("team", "village")[:EXPORT_LIMIT]:
        yield (
            timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M"),
            timezone.localtime(meeting.ends_at).strftime("%Y-%m-%d %H:%M"),
            meeting.title, meeting.get_kind_display(), meeting.team.name,
            meeting.team.get_level_display(), meeting.venue,
            meeting.village.name if meeting.village else "", meeting.get_status_display(),
            meeting.open_actions,
        )


def meeting_download(fmt: str, meetings) -> HttpResponse:
    return download(fmt, name="meetings", header=meeting_header(), rows=meeting_rows(meetings),
                    sheet_title=_("Meetings"))
