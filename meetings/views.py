"""Pages of TIMPORA meetings: thin views over meetings.selectors (reads) and meetings.services
(writes). Meetings a user may not see answer 404; editing is for the office's staff."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

import audit
from core import exports
from core.pdf import render_pdf
from core.rules import ensure
from meetings import forms, rules, selectors, services
from meetings.calendar import meetings_calendar
from meetings.models import AgendaItem, CalendarFeedToken, FollowUpAction, Meeting, Minutes
from meetings.panels import meeting_page_panels

PAGE_SIZE = 20


# --- access helpers --------------------------------------------------------------------------


def _meeting(request, code) -> Meeting:
    try:
        return selectors.meeting_detail(user=request.user, code=code)
    except Meeting.DoesNotExist:
        raise Http404 from None


def _editable_meeting(request, code) -> Meeting:
    meeting = _meeting(request, code)
    ensure(rules.can_manage(request.user), rules.ONLY_OFFICE)
    return meeting


def _form_error(form, error: ValidationError) -> None:
    """Show a service's refusal on the form, at the field it names when the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _refuse(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _warn_holiday(request, meeting: Meeting) -> None:
    for name in selectors.meeting_holidays(meeting):
        messages.warning(
            request, _("%(date)s is a public holiday or collective leave day: %(name)s.")
            % {"date": timezone.localtime(meeting.starts_at).date(), "name": name},
        )


# --- lists -----------------------------------------------------------------------------------


def _meeting_filters(request):
    form = forms.MeetingFilterForm(request.GET or None, user=request.user)
    cleaned = form.cleaned_data if form.is_valid() else {}
    filters = selectors.MeetingFilters(
        team=cleaned.get("team"), status=cleaned.get("status", ""),
        agency=cleaned.get("agency"), when=cleaned.get("when") or "upcoming",
    )
    return form, filters


def meeting_list(request):
    form, filters = _meeting_filters(request)
    meetings = selectors.meeting_list(user=request.user, filters=filters)
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "meetings/list.html", {
        "form": form, "page": page, "filters": filters, "query_string": query.urlencode(),
        "can_create": rules.can_manage(request.user),
    })


@require_GET
@audit.exported("meetings.Meeting")
def meeting_export(request, fmt: str):
    """The meetings of the list with its filters, as CSV or XLSX."""
    _form, filters = _meeting_filters(request)
    meetings = selectors.meeting_list(user=request.user, filters=filters)
    return exports.meeting_download(fmt, meetings)


def my_actions(request):
    """Agency members: the actions assigned to their agency. Office staff: every open action."""
    profile = getattr(request.user, "profile", None)
    if rules.can_manage(request.user):
        actions = selectors.actions_with_updates(
            FollowUpAction.objects.visible_to(request.user).still_open()
        ).order_by("due_date", "pk")
    elif profile is not None and profile.agency_id:
        actions = selectors.agency_actions(user=request.user, agency_id=profile.agency_id)
    else:
        actions = FollowUpAction.objects.none()
    page = Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "meetings/my_actions.html", {
        "page": page, "today": timezone.localdate(),
        "agency": profile.agency if profile else None,
        "office_view": rules.can_manage(request.user),
    })


# --- one meeting -----------------------------------------------------------------------------


def meeting_create(request):
    ensure(rules.can_manage(request.user), rules.ONLY_OFFICE)
    form = forms.MeetingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        invited = data.pop("invited_agencies")
        try:
            meeting = services.meeting_create(
                created_by=request.user, invited_agencies=invited or None, **data
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The meeting was saved as a draft."))
            _warn_holiday(request, meeting)
            return redirect("meetings:detail", code=meeting.code)
    return render(request, "meetings/form.html", {
        "form": form, "title": _("New meeting"),
    })


def meeting_edit(request, code):
    meeting = _editable_meeting(request, code)
    form = forms.MeetingForm(request.POST or None, instance=meeting, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "team"}
        invited = data.pop("invited_agencies")
        try:
            meeting = services.meeting_update(
                meeting=meeting, editor=request.user,
                invited_agencies=invited or None, **data,
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The meeting was updated."))
            _warn_holiday(request, meeting)
            return redirect("meetings:detail", code=meeting.code)
    return render(request, "meetings/form.html", {
        "form": form, "meeting": meeting, "title": _("Edit meeting"),
    })


def meeting_detail(request, code):
    meeting = _meeting(request, code)
    user = request.user
    may_read_minutes = rules.can_read_minutes(user, meeting)
    minutes = selectors.meeting_minutes(meeting) if may_read_minutes else None
    actions = list(selectors.meeting_actions(user=user, meeting=meeting))
    carried = list(selectors.carried_over_actions(user=user, meeting=meeting))
    for action in actions + carried:
        action.user_may_update = rules.can_update_action(user, action)
    return render(request, "meetings/detail.html", {
        "meeting": meeting,
        "minutes": minutes,
        "attendees": selectors.meeting_attendees(meeting) if may_read_minutes else None,
        "actions": actions,
        "carried_over": carried,
        "holidays": selectors.meeting_holidays(meeting),
        "panels": meeting_page_panels.render(request, meeting),
        "is_staff": rules.can_manage(user),
        "is_supervisor": rules.can_publish_minutes(user),
        "today": timezone.localdate(),
        "status_form": forms.ActionUpdateForm(),
        "Status": Meeting.Status,
    })


@require_POST
def meeting_schedule(request, code):
    meeting = _editable_meeting(request, code)
    try:
        services.meeting_schedule(meeting=meeting, by=request.user)
    except ValidationError as error:
        _refuse(request, error)
    else:
        messages.success(request, _("The meeting is scheduled; the invited agencies can see it."))
        _warn_holiday(request, meeting)
    return redirect("meetings:detail", code=meeting.code)


@require_POST
def meeting_mark_held(request, code):
    meeting = _editable_meeting(request, code)
    try:
        services.meeting_mark_held(meeting=meeting, by=request.user)
    except ValidationError as error:
        _refuse(request, error)
    else:
        messages.success(request, _("The meeting is marked as held; the minutes can be written."))
    return redirect("meetings:detail", code=meeting.code)


def meeting_reschedule(request, code):
    meeting = _editable_meeting(request, code)
    form = forms.RescheduleForm(request.POST or None, initial={
        "starts_at": timezone.localtime(meeting.starts_at),
        "ends_at": timezone.localtime(meeting.ends_at),
    })
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_reschedule(meeting=meeting, by=request.user,
                                                  **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The meeting was rescheduled."))
            _warn_holiday(request, meeting)
            return redirect("meetings:detail", code=meeting.code)
    return render(request, "meetings/action_form.html", {
        "form": form, "meeting": meeting, "title": _("Reschedule the meeting"),
        "submit": _("Reschedule"),
    })


def meeting_cancel(request, code):
    meeting = _editable_meeting(request, code)
    form = forms.CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_cancel(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The meeting was cancelled."))
            return redirect("meetings:detail", code=meeting.code)
    return render(request, "meetings/action_form.html", {
        "form": form, "meeting": meeting, "title": _("Cancel the meeting"),
        "submit": _("Cancel the meeting"), "danger": True,
    })


# --- agenda, attendance, minutes, actions ----------------------------------------------------


def _save_formset(request, formset, save) -> bool:
    """Run a service on a valid formset; its refusal is shown above the formset."""
    if not formset.is_valid():
        return False
    try:
        save()
    except ValidationError as error:
        formset._non_form_errors = formset.error_class(error.messages)
        return False
    return True


def agenda_edit(request, code):
    meeting = _editable_meeting(request, code)
    formset = forms.AgendaFormSet(request.POST or None, instance=meeting, prefix="agenda")

    def save():
        # ordered_forms leaves out deleted rows and untouched blank rows.
        items = [form.instance for form in formset.ordered_forms]
        deleted = [form.instance for form in formset.deleted_forms if form.instance.pk]
        services.agenda_items_save(meeting=meeting, editor=request.user, items=items,
                                   deleted=deleted)

    if request.method == "POST" and _save_formset(request, formset, save):
        messages.success(request, _("The agenda was saved."))
        return redirect("meetings:detail", code=meeting.code)
    return render(request, "meetings/formset.html", {
        "formset": formset, "meeting": meeting, "title": _("Agenda"),
        "intro": _("Items are discussed in the order of their numbers."),
    })


def attendance_edit(request, code):
    meeting = _editable_meeting(request, code)
    formset = forms.AttendeeFormSet(
        request.POST or None, instance=meeting, prefix="attendees",
        form_kwargs={"agencies": forms.attendance_agencies(meeting)},
    )

    def save():
        deleted = [form.instance for form in formset.deleted_forms if form.instance.pk]
        attendees = [form.instance for form in formset.forms
                     if form not in formset.deleted_forms and form.has_changed()]
        services.attendees_save(meeting=meeting, editor=request.user, attendees=attendees,
                                deleted=deleted)

    if request.method == "POST" and _save_formset(request, formset, save):
        messages.success(request, _("The attendance list was saved."))
        return redirect("meetings:detail", code=meeting.code)
    return render(request, "meetings/formset.html", {
        "formset": formset, "meeting": meeting, "title": _("Attendance"),
        "intro": _("One row per person. Agencies that sent nobody can be marked absent or "
                   "excused with the name of the invited official."),
    })


def minutes_edit(request, code):
    """Write the minutes; once published, a supervisor records a correction with a reason."""
    meeting = _editable_meeting(request, code)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    published = meeting.status == Meeting.Status.MINUTES_PUBLISHED
    if published and not rules.can_correct_minutes(request.user):
        messages.error(request, _("The minutes are published and locked; a supervisor may "
                                  "record a correction."))
        return redirect("meetings:detail", code=meeting.code)
    data = request.POST or None
    form = forms.MinutesForm(data, instance=minutes, prefix="minutes")
    items = AgendaItem.objects.filter(meeting=meeting)
    discussions = forms.AgendaDiscussionFormSet(data, queryset=items, prefix="items")
    correction = forms.CorrectionForm(data, prefix="correction") if published else None
    if request.method == "POST" and form.is_valid() and discussions.is_valid() and (
        correction is None or correction.is_valid()
    ):
        texts = {f.instance.pk: (f.cleaned_data["discussion"], f.cleaned_data["outcome"])
                 for f in discussions.forms}
        fields = {name: form.cleaned_data[name] for name in services.MINUTES_FIELDS}
        try:
            if published:
                services.minutes_correct(meeting=meeting, by=request.user, discussions=texts,
                                         reason=correction.cleaned_data["reason"], **fields)
            else:
                services.minutes_save(meeting=meeting, editor=request.user, discussions=texts,
                                      **fields)
        except ValidationError as error:
            _form_error(correction or form, error)
        else:
            messages.success(request, _("The correction was recorded.") if published
                             else _("The minutes were saved."))
            return redirect("meetings:detail", code=meeting.code)
    return render(request, "meetings/minutes_form.html", {
        "form": form, "discussions": discussions, "correction": correction,
        "meeting": meeting, "published": published,
    })


@require_POST
def minutes_publish(request, code):
    meeting = _meeting(request, code)
    try:
        services.minutes_publish(meeting=meeting, by=request.user)
    except ValidationError as error:
        _refuse(request, error)
    else:
        messages.success(request, _("The minutes are published and readable by the invited "
                                    "agencies."))
    return redirect("meetings:detail", code=meeting.code)


def actions_edit(request, code):
    meeting = _editable_meeting(request, code)
    formset = forms.ActionFormSet(request.POST or None, instance=meeting, prefix="actions")

    def save():
        for form in formset.forms:
            if not form.has_changed():
                continue
            fields = {name: form.cleaned_data[name]
                      for name in ("description", "agency", "due_date")}
            if form.instance.pk:
                services.follow_up_action_edit(action=form.instance, by=request.user, **fields)
            else:
                services.follow_up_action_create(meeting=meeting, by=request.user, **fields)

    if request.method == "POST" and _save_formset(request, formset, save):
        messages.success(request, _("The follow-up actions were saved."))
        return redirect("meetings:detail", code=meeting.code)
    return render(request, "meetings/formset.html", {
        "formset": formset, "meeting": meeting, "title": _("Follow-up actions"),
        "intro": _("Each action has one responsible agency and a due date."),
    })


def action_update(request, code):
    """Progress on a follow-up action, by the responsible agency or the office."""
    action = get_object_or_404(
        FollowUpAction.objects.visible_to(request.user).select_related("meeting", "agency"),
        code=code,
    )
    ensure(rules.can_update_action(request.user, action), rules.ONLY_RESPONSIBLE_AGENCY)
    form = forms.ActionUpdateForm(request.POST or None, initial={"status": action.status})
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_action_update(action=action, by=request.user,
                                             **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The progress of the action was recorded."))
            if request.POST.get("next") == "actions":
                return redirect("meetings:my_actions")
            return redirect(action.meeting)
    updates = action.updates.select_related("author")
    return render(request, "meetings/action_update.html", {
        "form": form, "action": action, "updates": updates, "today": timezone.localdate(),
    })


# --- documents -------------------------------------------------------------------------------


def _document_context(request, code):
    meeting = _meeting(request, code)
    minutes = (selectors.meeting_minutes(meeting)
               if rules.can_read_minutes(request.user, meeting) else None)
    if minutes is None:
        raise Http404
    return {
        "meeting": meeting, "minutes": minutes,
        "attendees": selectors.meeting_attendees(meeting),
        "actions": selectors.meeting_actions(user=request.user, meeting=meeting),
    }


@require_GET
def minutes_print(request, code):
    return render(request, "meetings/minutes_print.html", _document_context(request, code))


@require_GET
def minutes_pdf(request, code):
    # Who may read the minutes is decided first: a refused user never reaches WeasyPrint
    # (core.pdf loads it on demand), so the refusal is the same on a machine whose PDF
    # libraries are missing (docs/development.md).
    context = _document_context(request, code)
    # The same styles as the printable page, inlined: WeasyPrint fetches nothing.
    with open(finders.find("css/meetings-print.css"), encoding="utf-8") as css:
        context["document_css"] = mark_safe(css.read())  # noqa: S308 - our own static file
    with translation.override("id"):
        html = render_to_string("meetings/minutes_pdf.html", context)
    pdf = render_pdf(html)
    audit.record(request, audit.Action.EXPORT, context["meeting"], fmt="pdf")
    response = HttpResponse(pdf, content_type="application/pdf")
    day = timezone.localtime(context["meeting"].starts_at).date().isoformat()
    response["Content-Disposition"] = f'inline; filename="notulen-{day}-{code}.pdf"'
    return response


@require_GET
def signin_sheet(request, code):
    meeting = _editable_meeting(request, code)
    return render(request, "meetings/signin_sheet.html", {
        "meeting": meeting,
        "agencies": forms.attendance_agencies(meeting),
        "blank_rows": range(3),
    })


# --- calendars -------------------------------------------------------------------------------


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def meeting_ics(request, code):
    meeting = _meeting(request, code)
    if meeting.status == Meeting.Status.DRAFT:
        raise Http404
    body = meetings_calendar([meeting], base_url=request.build_absolute_uri("/")[:-1],
                             name=meeting.title)
    return _ics_response(body, f"timpora-{meeting.code}.ics")


@login_not_required
@require_GET
@never_cache
def calendar_feed(request, token):
    """A personal subscription: calendar apps cannot sign in, so the secret token decides."""
    feed = (
        CalendarFeedToken.objects.select_related("user")
        .filter(token_hash=services.hash_feed_token(token), revoked_at__isnull=True,
                user__is_active=True)
        .first()
    )
    if feed is None:
        raise Http404
    meetings = selectors.calendar_meetings(user=feed.user)
    body = meetings_calendar(meetings, base_url=request.build_absolute_uri("/")[:-1],
                             name=_("TIMPORA meetings"))
    return _ics_response(body, "timpora.ics")


def calendar_settings(request):
    """Issue, replace or revoke the personal feed; the secret is shown once after issuing."""
    feed_url = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.calendar_token_revoke(user=request.user)
            messages.success(request, _("The calendar link was revoked."))
            return redirect("meetings:calendar_settings")
        token = services.calendar_token_issue(user=request.user)
        feed_url = request.build_absolute_uri(f"/meetings/feed/{token}.ics")
        messages.success(request, _("A new calendar link was made. Copy it now: it is shown "
                                    "only once."))
    active = CalendarFeedToken.objects.filter(user=request.user, revoked_at__isnull=True).first()
    return render(request, "meetings/calendar_settings.html", {
        "feed_url": feed_url, "active": active,
    })
