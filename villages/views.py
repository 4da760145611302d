from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

import audit
from core.rules import ensure
from core.uploads import sandboxed_download
from villages import rules, selectors, services
from villages.forms import DesaBinaanFilterForm, OutreachEventForm
from villages.panels import village_page_panels

PAGE_SIZE = 25


@require_GET
def desa_binaan_list(request):
    districts = list(selectors.desa_binaan_districts(user=request.user))
    filter_form = DesaBinaanFilterForm(request.GET or None, districts=districts)
    desas = selectors.desa_binaan_list(user=request.user, **filter_form.filters())
    page = Paginator(desas, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "villages/list.html", {
        "page": page, "filter_form": filter_form, "query_string": query.urlencode(),
    })


@require_GET
def desa_binaan_detail(request, code):
    desa = selectors.desa_binaan_for_page(user=request.user, code=code)
    return render(request, "villages/detail.html", {
        "desa": desa,
        "can_record_outreach": rules.can_record_outreach(request.user),
        "panels": village_page_panels.rendered(request, desa),
        **selectors.desa_binaan_profile(desa),
    })


@require_http_methods(["GET", "POST"])
def outreach_new(request, code):
    desa = selectors.desa_binaan_for_page(user=request.user, code=code)
    ensure(rules.can_record_outreach(request.user), rules.ONLY_OUTREACH_RECORDERS)
    form = OutreachEventForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.outreach_record(
            desa_binaan=desa,
            recorded_by=request.user,
            date=data["date"],
            kind=data["kind"],
            topic=data["topic"],
            audience=data["audience"],
            participants_men=data["participants_men"],
            participants_women=data["participants_women"],
            officers=data["officers"],
            partner_agencies=data["partner_agencies"],
            notes=data["notes"],
            files=data["attachments"],
        )
        messages.success(request, _("The outreach was recorded."))
        return redirect("villages:detail", code=desa.code)
    return render(request, "villages/outreach_form.html", {"desa": desa, "form": form})


@require_GET
def attachment_download(request, code):
    attachment = selectors.attachment_for_download(user=request.user, code=code)
    response = sandboxed_download(attachment.file, filename=attachment.original_name,
                                  content_type=attachment.content_type)
    audit.record(request, audit.Action.READ, attachment)
    return response
