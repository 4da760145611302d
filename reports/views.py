from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

import audit
from core.pagination import keyset_page, query_without_cursor
from core.uploads import sandboxed_download
from people import rules as register_rules
from reports import exports, pending, rules, selectors, services
from reports.forms import (
    DecisionForm,
    GradingForm,
    NoteForm,
    PeopleFormSet,
    ReasonForm,
    ReportFilterForm,
    ReportForm,
    ReviewNoteForm,
    ShareForm,
    people_initial,
)
from reports.models import Attachment, Report, user_agency
from villages.models import Region

PAGE_SIZE = 25
AUTOCOMPLETE_LIMIT = 20


def _visible_report(user, code: str) -> Report:
    try:
        return selectors.report_detail(user=user, code=code)
    except Report.DoesNotExist:
        raise Http404 from None


def _report_filters(request):
    form = ReportFilterForm(request.GET or None)
    form.is_valid()
    # An invalid filter is shown with its message and ignored; the valid ones still apply.
    return form, getattr(form, "cleaned_data", {})


@require_GET
def report_list(request):
    form, filters = _report_filters(request)
    reports = selectors.report_list(user=request.user, filters=filters)
    page = keyset_page(reports, order=selectors.report_order(filters),
                       cursor=request.GET.get("after"), size=PAGE_SIZE)
    audit.list_searched(request, filters, page, "reports.Report")
    return render(request, "reports/report_list.html", {
        "form": form, "page": page, "query": query_without_cursor(request),
        "can_create": rules.can_create(request.user),
        "show_register": register_rules.reads_register(request.user),
    })


@require_GET
@audit.exported("reports.Report")
def report_export(request, fmt: str):
    _form, filters = _report_filters(request)
    reports = selectors.report_list(user=request.user, filters=filters)
    return exports.report_download(fmt, reports,
                                   show_passports=rules.can_see_passports(request.user))


def _hold_uploads(form) -> None:
    """The form goes back with messages: its checked files are held for the next try
    (reports.pending), since the browser will not send them again."""
    if "attachments" not in form.errors:
        form.held += [pending.hold(user=form.user, upload=upload)
                      for upload in form.cleaned_data.get("attachments") or []]
    form.data = form.data.copy()
    form.data[form.add_prefix("held_attachments")] = " ".join(item.token for item in form.held)


def _save_report(request, *, report: Report | None):
    """The create and edit pages: the report form, the people formset and the attachments."""
    user = request.user
    office = report.office if report else (user_agency(user) if not rules.submits_directly(user)
                                           else None)
    instance = report if report else Report()
    form = ReportForm(request.POST or None, request.FILES or None, instance=instance,
                      user=user, office=office)
    initial = people_initial(report) if report and not request.POST else None
    people = PeopleFormSet(request.POST or None, initial=initial, prefix="people")
    if request.method == "POST" and form.is_valid() and people.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.fields
                  if name not in ("attachments", "held_attachments")}
        held = form.cleaned_data["held_attachments"]
        held_files = [item.open() for item in held]
        uploads = [*form.cleaned_data["attachments"], *held_files]
        try:
            if report is None:
                report = services.report_create(author=user, fields=fields,
                                                people=people.people(), uploads=uploads)
                audit.record(request, audit.Action.CREATE, report)
                message = (_("Report %(number)s passed to the office.") % {"number": report.number}
                           if report.number else _("Draft saved."))
            else:
                report = services.report_update(report=report, user=user, fields=fields,
                                                people=people.people(), uploads=uploads)
                audit.record(request, audit.Action.CHANGE, report)
                message = _("Report saved.")
        except ValidationError as error:
            form.add_error(None, error.messages if not hasattr(error, "error_dict")
                           else [m for ms in error.message_dict.values() for m in ms])
        else:
            transaction.on_commit(lambda: pending.release(held))
            messages.success(request, message)
            return redirect("reports:detail", code=report.code)
        finally:
            for held_file in held_files:
                held_file.close()
    if form.is_bound:
        _hold_uploads(form)
    return render(request, "reports/report_form.html", {
        "form": form, "people": people, "report": report,
        "submits_directly": rules.submits_directly(user),
    })


def report_create(request):
    if not rules.can_create(request.user):
        raise Http404
    return _save_report(request, report=None)


def report_edit(request, code):
    report = _visible_report(request.user, code)
    if not rules.can_edit(request.user, report):
        messages.error(request, _("Only the author may edit a report, and only while it is a "
                                  "draft or returned."))
        return redirect("reports:detail", code=report.code)
    return _save_report(request, report=report)


def _detail_context(request, report: Report, **bound_forms) -> dict:
    user = request.user
    today = timezone.localdate()
    forms = {
        "verify_form": ReviewNoteForm(prefix="verify"),
        "grade_form": GradingForm(prefix="grade", instance=report),
        "return_form": ReasonForm(prefix="return"),
        "dismiss_form": ReviewNoteForm(prefix="dismiss"),
        "decide_form": DecisionForm(prefix="decide", initial={
            "decided_on": today, "action": report.recommended_action or None}),
        "close_form": ReviewNoteForm(prefix="close"),
        "share_form": ShareForm(prefix="share", initial={
            "sharing": report.sharing, "agencies": list(report.shared_with.all())}),
        "note_form": NoteForm(prefix="note"),
    }
    forms.update(bound_forms)
    return {
        "report": report,
        "people_links": report.people_links.select_related("mention__person"),
        "show_register": register_rules.can_match_for(user, report.office_id),
        "attachments": report.attachments.all(),
        "events": report.events.select_related("actor"),
        "notes": report.notes.select_related("author"),
        "related": selectors.related_reports(user=user, report=report),
        "show_passports": rules.can_see_passports(user),
        "can": {
            "edit": rules.can_edit(user, report), "submit": rules.can_submit(user, report),
            "verify": rules.can_verify(user, report), "return": rules.can_return(user, report),
            "regrade": rules.can_regrade(user, report),
            "dismiss": rules.can_dismiss(user, report),
            "decide": rules.can_decide_action(user, report),
            "close": rules.can_close(user, report), "share": rules.can_share(user, report),
            "note": rules.can_add_note(user, report),
        },
        **forms,
    }


@require_GET
def report_detail(request, code):
    report = _visible_report(request.user, code)
    audit.record(request, audit.Action.READ, report)
    return render(request, "reports/report_detail.html", _detail_context(request, report))


# Each workflow action: the form it posts (prefix, class), the service it calls with the form's
# cleaned data, and the message shown on success.
ACTIONS = {
    "submit": (None, lambda r, u, d: services.report_submit(report=r, user=u),
               gettext_lazy("Report submitted as %(number)s.")),
    "verify": (("verify", ReviewNoteForm),
               lambda r, u, d: services.report_verify(report=r, user=u, note=d["note"]),
               gettext_lazy("Report verified.")),
    "grade": (("grade", GradingForm),
              lambda r, u, d: services.report_regrade(
                  report=r, user=u, source_reliability=d["source_reliability"],
                  information_credibility=d["information_credibility"], note=d["note"]),
              gettext_lazy("Grading saved.")),
    "return": (("return", ReasonForm),
               lambda r, u, d: services.report_return(report=r, user=u, reason=d["reason"]),
               gettext_lazy("Report returned to its author.")),
    "dismiss": (("dismiss", ReviewNoteForm),
                lambda r, u, d: services.report_dismiss(report=r, user=u, note=d["note"]),
                gettext_lazy("Report dismissed.")),
    "decide": (("decide", DecisionForm),
               lambda r, u, d: services.report_decide_action(
                   report=r, user=u, action=d["action"], decided_on=d["decided_on"],
                   note=d["note"]),
               gettext_lazy("Action recorded.")),
    "close": (("close", ReviewNoteForm),
              lambda r, u, d: services.report_close(report=r, user=u, note=d["note"]),
              gettext_lazy("Report closed.")),
    "share": (("share", ShareForm),
              lambda r, u, d: services.report_share(report=r, user=u, sharing=d["sharing"],
                                                    agencies=d["agencies"]),
              gettext_lazy("Sharing saved.")),
    "note": (("note", NoteForm),
             lambda r, u, d: services.report_add_note(report=r, user=u, body=d["body"]),
             gettext_lazy("Note added.")),
}


@require_POST
def report_action(request, code, action):
    report = _visible_report(request.user, code)
    form_spec, call, success = ACTIONS[action]
    form = None
    if form_spec is not None:
        prefix, form_class = form_spec
        form = form_class(request.POST, prefix=prefix)
        if not form.is_valid():
            context = _detail_context(request, report, **{f"{prefix}_form": form})
            return render(request, "reports/report_detail.html", context, status=400)
    try:
        call(report, request.user, form.cleaned_data if form else {})
        report.refresh_from_db(fields=["number"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        audit.record(request, audit.Action.CHANGE, report, step=action)
        messages.success(request, str(success) % {"number": report.number})
    return redirect("reports:detail", code=code)


@require_GET
def attachment_download(request, code):
    visible = Report.objects.visible_to(request.user)
    try:
        item = Attachment.objects.get(code=code, report__in=visible)
    except Attachment.DoesNotExist:
        raise Http404 from None
    response = sandboxed_download(item.file, filename=item.original_name,
                                  content_type=item.content_type)
    audit.record(request, audit.Action.READ, item)
    return response


@require_GET
def village_autocomplete(request):
    """Villages whose name or code contains the query, for the report form's suggestions."""
    text = request.GET.get("q", "").strip()[:60]
    results = []
    if len(text) >= 2:
        villages = (Region.objects.filter(level=Region.Level.VILLAGE)
                    .filter(name__icontains=text) | Region.objects.filter(
                        level=Region.Level.VILLAGE, code__startswith=text))
        for village in villages.select_related("parent").order_by("name", "code")[
                :AUTOCOMPLETE_LIMIT]:
            results.append({"code": village.code, "name": village.name,
                            "district": village.parent.name if village.parent else "",
                            "label": str(village)})
    return JsonResponse({"results": results})


@require_GET
def region_autocomplete(request):
    """Districts whose name contains the query, for the list filter's suggestions: the value is
    the Kemendagri code the filter takes."""
    text = request.GET.get("q", "").strip()[:60]
    results = []
    if len(text) >= 2:
        districts = (Region.objects.filter(level=Region.Level.DISTRICT, name__icontains=text)
                     .select_related("parent").order_by("name", "code")[:AUTOCOMPLETE_LIMIT])
        results = [{"code": district.code, "label": district.code,
                    "district": f"{district.name}, {district.parent.name}"
                    if district.parent else district.name}
                   for district in districts]
    return JsonResponse({"results": results})
