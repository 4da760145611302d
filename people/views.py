"""The register's pages: the list and a person's page (office staff of the office, and
administrators), the matching queue and a mention's page with its candidates, merging and the
facts a mention proposes. Every read, search and decision is an audit event."""

import mimetypes

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

import audit
from core.pagination import keyset_page, query_without_cursor
from core.rules import Refused
from people import exports, rules, selectors, services
from people.forms import (
    AddressForm,
    EntryForm,
    LinkForm,
    MergeForm,
    MergeTargetForm,
    PermitForm,
    PersonFilterForm,
    QueueFilterForm,
)
from people.models import Address, Employment, Entry, Mention, Merge, Permit, Person
from people.panels import mention_page_panels, person_page_panels

PAGE_SIZE = 25
FACT_KINDS = {model.KEY: model for model in (Permit, Entry, Address, Employment)}
FACT_FORMS = {"permit": PermitForm, "entry": EntryForm, "address": AddressForm}


def _filters(form_class, request):
    form = form_class(request.GET or None)
    form.is_valid()
    # An invalid filter is shown with its message and ignored.
    return form, getattr(form, "cleaned_data", {})


def register_only(user) -> None:
    """The register's pages are the office's (people.rules.reads_register): 404 for others."""
    if not rules.reads_register(user):
        raise Http404


def _person(user, code) -> Person:
    try:
        return selectors.person_detail(user=user, code=code)
    except Person.DoesNotExist:
        raise Http404 from None


def _mention(user, code) -> Mention:
    try:
        return selectors.mention_detail(user=user, code=code)
    except Mention.DoesNotExist:
        raise Http404 from None


def _show_error(request, error) -> None:
    for message in getattr(error, "messages", [str(error)]):
        messages.error(request, message)


@require_GET
def person_list(request):
    register_only(request.user)
    form, filters = _filters(PersonFilterForm, request)
    people = selectors.person_list(user=request.user, filters=filters)
    page = keyset_page(people, order=selectors.PERSON_ORDER, cursor=request.GET.get("after"),
                       size=PAGE_SIZE)
    audit.list_searched(request, filters, page, "people.Person")
    return render(request, "people/person_list.html", {
        "form": form, "page": page, "query": query_without_cursor(request),
    })


@require_GET
@audit.exported("people.Person")
def person_export(request, fmt: str):
    register_only(request.user)
    _form, filters = _filters(PersonFilterForm, request)
    return exports.person_download(fmt, selectors.person_list(user=request.user,
                                                              filters=filters))


@require_GET
def person_detail(request, code):
    person = _person(request.user, code)
    audit.record(request, audit.Action.READ, person)
    merges = list(selectors.person_merges(person))
    for merge in merges:
        merge.can_undo = rules.can_undo_merge(request.user, merge)
    return render(request, "people/person_detail.html", {
        "person": person, **selectors.person_facts(person),
        "mentions": selectors.person_mentions(person),
        "merges": merges,
        "panels": person_page_panels.render(request, person),
        "can_edit": rules.can_edit_person(request.user, person),
    })


@require_GET
def person_photo(request, code):
    person = _person(request.user, code)
    if not person.photo:
        raise Http404
    try:
        handle = person.photo.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    audit.record(request, audit.Action.READ, person, part="photo")
    content_type = mimetypes.guess_type(person.photo.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def queue(request):
    register_only(request.user)
    form, filters = _filters(QueueFilterForm, request)
    mentions = selectors.queue(user=request.user, filters=filters)
    page = keyset_page(mentions, order=selectors.QUEUE_ORDER, cursor=request.GET.get("after"),
                       size=PAGE_SIZE)
    audit.list_searched(request, filters, page, "people.Mention")
    return render(request, "people/queue.html", {
        "form": form, "page": page, "query": query_without_cursor(request),
    })


@require_GET
def mention_detail(request, code):
    mention = _mention(request.user, code)
    audit.record(request, audit.Action.READ, mention)
    can_match = rules.can_match(request.user, mention)
    return render(request, "people/mention_detail.html", {
        "mention": mention,
        "candidates": (selectors.candidates(mention)
                       if mention.state != Mention.State.LINKED else []),
        "compared": (selectors.compare(mention, mention.person)
                     if mention.person_id else []),
        "can_match": can_match,
        "panels": mention_page_panels.render(request, mention),
    })


@require_POST
def mention_decide(request, code, action: str):
    mention = _mention(request.user, code)
    try:
        if action == "link":
            form = LinkForm(request.POST,
                            people=Person.objects.visible_to(request.user)
                            .filter(office_id=mention.office_id))
            if not form.is_valid():
                raise ValidationError(form.errors["person"])
            person = form.cleaned_data["person"]
            facts = services.mention_link(user=request.user, mention=mention, person=person)
            audit.record(request, audit.Action.CHANGE, mention, step="link",
                         proposed=len(facts))
            messages.success(request, _("The mention is linked to %(name)s.")
                             % {"name": person.full_name})
            return redirect(person)
        if action == "create":
            person = services.mention_create_person(user=request.user, mention=mention)
            audit.record(request, audit.Action.CREATE, person, step="from_mention")
            messages.success(request, _("%(name)s is now in the register.")
                             % {"name": person.full_name})
            return redirect(person)
        if action == "leave":
            services.mention_leave_unlinked(user=request.user, mention=mention)
            audit.record(request, audit.Action.CHANGE, mention, step="leave_unlinked")
            messages.success(request, _("The mention is left unlinked."))
        elif action == "unlink":
            services.mention_unlink(user=request.user, mention=mention)
            audit.record(request, audit.Action.CHANGE, mention, step="unlink")
            messages.success(request, _("The link is undone; the mention waits for matching."))
        else:
            raise Http404
    except (ValidationError, Refused) as error:
        _show_error(request, error)
    return redirect(mention)


@require_POST
def fact_decide(request, kind: str, pk: int, decision: str):
    model = FACT_KINDS.get(kind)
    if model is None or decision not in ("accept", "reject"):
        raise Http404
    fact = get_object_or_404(
        model.objects.select_related("person"),
        pk=pk, person__in=Person.objects.visible_to(request.user))
    try:
        if decision == "accept":
            services.fact_accept(user=request.user, fact=fact)
            messages.success(request, _("The fact is accepted."))
        else:
            services.fact_reject(user=request.user, fact=fact)
            messages.success(request, _("The fact is rejected."))
        audit.record(request, audit.Action.CHANGE, fact.person, step=f"{decision}_{kind}")
    except (ValidationError, Refused) as error:
        _show_error(request, error)
    return redirect(fact.person)


@require_http_methods(["GET", "POST"])
def fact_add(request, code, kind: str):
    person = _person(request.user, code)
    form_class = FACT_FORMS.get(kind)
    if form_class is None or not rules.can_edit_person(request.user, person):
        raise Http404
    extra = {"office": person.office} if kind == "permit" else {}
    form = form_class(request.POST or None, **extra)
    if request.method == "POST" and form.is_valid():
        try:
            services.fact_add(user=request.user, person=person, fact=form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            audit.record(request, audit.Action.CHANGE, person, step=f"add_{kind}")
            messages.success(request, _("Saved."))
            return redirect(person)
    return render(request, "people/fact_form.html", {
        "person": person, "form": form, "kind": kind,
        "title": form_class._meta.model._meta.verbose_name,
    })


@require_http_methods(["GET", "POST"])
def person_merge(request, code):
    """Merge another person into this one: first name the other, then choose per differing
    field whose value to keep."""
    survivor = _person(request.user, code)
    if not rules.can_edit_person(request.user, survivor):
        raise Http404
    people = (Person.objects.visible_to(request.user).filter(office_id=survivor.office_id)
              .exclude(pk=survivor.pk))
    target = MergeTargetForm(request.GET or request.POST or None, people=people)
    merged = target.cleaned_data["other"] if target.is_bound and target.is_valid() else None
    choose = MergeForm(request.POST if request.method == "POST" else None,
                       survivor=survivor, merged=merged) if merged else None
    if request.method == "POST" and choose is not None and choose.is_valid():
        try:
            services.person_merge(user=request.user, survivor=survivor, merged=merged,
                                  choices=choose.cleaned_data)
        except (ValidationError, Refused) as error:
            _show_error(request, error)
        else:
            audit.record(request, audit.Action.CHANGE, survivor, step="merge",
                         merged=merged.code)
            messages.success(request, _("%(merged)s is merged into %(survivor)s.") % {
                "merged": merged.full_name, "survivor": survivor.full_name})
            return redirect(survivor)
    return render(request, "people/merge.html", {
        "survivor": survivor, "merged": merged, "target": target, "choose": choose,
    })


@require_POST
def merge_undo(request, pk: int):
    visible = Person.objects.visible_to(request.user)
    merge = get_object_or_404(Merge.objects.select_related("survivor", "merged"), pk=pk,
                              survivor__in=visible)
    try:
        services.merge_undo(user=request.user, merge=merge)
    except (ValidationError, Refused) as error:
        _show_error(request, error)
    else:
        audit.record(request, audit.Action.CHANGE, merge.survivor, step="merge_undo",
                     merged=merge.merged.code)
        messages.success(request, _("The merge is undone: %(name)s is a person of their own "
                                    "again.") % {"name": merge.merged.full_name})
    return redirect(merge.survivor)
