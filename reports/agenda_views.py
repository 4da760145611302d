from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from meetings.models import AgendaItem, Meeting
from reports import services
from reports.models import AgendaItemReport


def posted_id(value) -> int:
    """A row id from a form; anything that is not one matches nothing (a 404, never a 500)."""
    return int(value) if value and str(value).isdigit() and len(str(value)) < 18 else 0


@require_POST
def agenda_link_add(request, code):
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user), code=code)
    item = get_object_or_404(AgendaItem, meeting=meeting,
                             pk=posted_id(request.POST.get("agenda_item")))
    try:
        link = services.report_link_to_agenda(
            agenda_item=item, number=request.POST.get("number", ""), user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, services.AGENDA_LINKED % {"number": link.report.number})
    return redirect(meeting)


@require_POST
def agenda_link_remove(request, code):
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user), code=code)
    link = get_object_or_404(AgendaItemReport, agenda_item__meeting=meeting,
                             pk=posted_id(request.POST.get("link")))
    services.report_unlink_from_agenda(link=link, user=request.user)
    messages.success(request, services.AGENDA_UNLINKED)
    return redirect(meeting)
