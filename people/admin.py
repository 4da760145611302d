"""The register in Django admin, for administrators: people searchable by passport and name, their
facts inline, the history, and merge as an admin action through the same service as the page."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from audit.admin import AuditedAdminMixin
from core.pagination import EstimatedCountPaginator
from people import services
from people.models import (
    Address,
    Employment,
    Entry,
    Mention,
    Merge,
    Permit,
    Person,
    Sponsor,
    passport_searched,
)


class FactInline(admin.TabularInline):
    extra = 0
    readonly_fields = ["source", "state", "mention", "entered_by", "decided_by", "decided_at"]
    autocomplete_fields = ["sponsor"]


class PermitInline(FactInline):
    model = Permit
    fields = ["kind", "visa_index", "number", "issued_on", "expires_on", "sponsor",
              *FactInline.readonly_fields]


class EntryInline(FactInline):
    model = Entry
    fields = ["mode", "entered_on", "port", *FactInline.readonly_fields]
    autocomplete_fields = []


class AddressInline(FactInline):
    model = Address
    fields = ["street", "village", "since", "until", *FactInline.readonly_fields]
    autocomplete_fields = ["village"]


class EmploymentInline(FactInline):
    model = Employment
    fields = ["sponsor", "sponsor_name", "occupation", "since", "until",
              *FactInline.readonly_fields]


@admin.action(description=_("Merge the two selected people (the older one is kept)"))
def merge_people(modeladmin, request, queryset):
    people = list(queryset.order_by("created_at", "pk")[:3])
    if len(people) != 2:
        modeladmin.message_user(request, _("Select exactly two people to merge."),
                                messages.ERROR)
        return
    survivor, merged = people
    try:
        services.person_merge(user=request.user, survivor=survivor, merged=merged, choices={})
    except (ValidationError, PermissionDenied) as error:
        text = " ".join(getattr(error, "messages", None) or [str(error)])
        modeladmin.message_user(request, text, messages.ERROR)
        return
    modeladmin.message_user(
        request, _("%(merged)s was merged into %(survivor)s.") % {
            "merged": merged.full_name, "survivor": survivor.full_name})


@admin.register(Person)
class PersonAdmin(AuditedAdminMixin, SimpleHistoryAdmin):
    list_display = ["full_name", "nationality", "passport_number", "current_permit",
                    "sex", "office"]
    list_filter = ["nationality", "sex", "office"]
    list_select_related = ["current_permit", "office"]
    search_fields = ["full_name"]
    search_help_text = _("Name; a passport number matches exactly.")
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    readonly_fields = ["code", "current_permit", "current_address", "merged_into", "created_at",
                       "updated_at"]
    inlines = [PermitInline, EntryInline, AddressInline, EmploymentInline]
    actions = [merge_people]

    def get_queryset(self, request):
        return Person.objects.visible_to(request.user)

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        number = passport_searched(search_term)
        if number:
            found = found | queryset.filter(passport_number=number)
        return found, may_have_duplicates

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.person_refresh(form.instance)


@admin.register(Sponsor)
class SponsorAdmin(AuditedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "registration_number", "village", "office"]
    list_filter = ["kind", "office"]
    search_fields = ["name", "registration_number"]
    autocomplete_fields = ["village"]
    readonly_fields = ["code", "created_at"]

    def get_queryset(self, request):
        return Sponsor.objects.visible_to(request.user)


@admin.register(Mention)
class MentionAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["full_name", "nationality", "passport_number", "state", "person", "office",
                    "created_at"]
    list_filter = ["state", "source", "office"]
    list_select_related = ["person", "office"]
    search_fields = ["full_name", "passport_number"]
    readonly_fields = [field.name for field in Mention._meta.fields]

    def get_queryset(self, request):
        return Mention.objects.visible_to(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # What a source wrote is kept as written; linking is the matching page's.
        return False


@admin.register(Merge)
class MergeAdmin(admin.ModelAdmin):
    list_display = ["survivor", "merged", "merged_by", "merged_at", "undone_at"]
    list_select_related = ["survivor", "merged", "merged_by"]
    readonly_fields = [field.name for field in Merge._meta.fields]

    def get_queryset(self, request):
        visible = Person.objects.visible_to(request.user).values("pk")
        return super().get_queryset(request).filter(survivor__in=visible)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
