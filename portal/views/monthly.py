"""The monthly report page and its XLSX and PDF downloads, for the office's own staff."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

import audit
from core.exports import CONTENT_TYPES
from portal import monthly


def _require_office_staff(user) -> None:
    # Agency members and accounts without a role do not learn that the page exists.
    if not monthly.may_file(user):
        raise Http404


@require_GET
def monthly_page(request):
    _require_office_staff(request.user)
    if "month" in request.GET:
        form = monthly.MonthForm(request.GET)
    else:
        form = monthly.MonthForm(initial={"month": f"{timezone.localdate():%Y-%m}"})
    report = None
    if form.is_bound and form.is_valid():
        report = monthly.monthly_report(user=request.user, month=form.cleaned_data["month"])
    return render(request, "reports/monthly.html", {
        "form": form, "report": report,
        "totals": monthly.report_totals(report) if report else None,
    }, status=400 if form.is_bound and not form.is_valid() else 200)


@require_GET
@audit.exported()
def monthly_download(request, month: str, fmt: str):
    _require_office_staff(request.user)
    first_day = monthly.parse_month(month)
    if first_day is None:
        raise Http404
    report = monthly.monthly_report(user=request.user, month=first_day)
    if fmt == "pdf":
        response = HttpResponse(monthly.as_pdf(report), content_type="application/pdf")
    else:
        response = HttpResponse(monthly.as_xlsx(report), content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = (
        f'attachment; filename="laporan-bulanan-timpora-{report.slug}.{fmt}"')
    return response
