import json

from django.contrib import admin
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from audit.admin import AuditedAdminMixin
from reports.models import (
    PASSPORT_PATTERN,
    Attachment,
    Note,
    Person,
    Report,
    ReportPerson,
    StatusEvent,
    normalise_passport,
)


def _with_exact_passport(queryset, search_term, field):
    """A search term that looks like a passport number also matches it exactly (normalised)."""
    number = normalise_passport(search_term)
    if PASSPORT_PATTERN.match(number):
        return queryset.filter(**{field: number})
    return queryset.none()


class EstimatedCountPaginator(Paginator):
    """A changelist paginator that, on PostgreSQL, takes the planner's row estimate instead of
    counting when the estimate is large: counting 100,000 visible reports on every page costs
    more than the page itself. Small lists (and other databases) are counted exactly."""

    EXACT_BELOW = 10_000

    @cached_property
    def count(self):
        queryset = self.object_list
        connection = connections[queryset.db]
        if connection.vendor == "postgresql":
            sql, params = queryset.order_by().query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
                plan = cursor.fetchone()[0]
            estimate = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"]
            if estimate >= self.EXACT_BELOW:
                return int(estimate)
        return super().count


class ReportPersonInline(admin.TabularInline):
    model = ReportPerson
    extra = 0
    autocomplete_fields = ["person"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class StatusEventInline(admin.TabularInline):
    model = StatusEvent
    extra = 0
    fields = ["at", "actor", "from_status", "to_status", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(AuditedAdminMixin, SimpleHistoryAdmin):
    list_display = ["number", "title", "status", "category", "priority", "grading", "village",
                    "observed_at", "office"]
    list_filter = ["status", "category", "priority", "observed_at", "sharing", "source_type",
                   "source_reliability", "information_credibility", "office"]
    search_fields = ["number", "title", "people_links__person__full_name"]
    search_help_text = _("Number, title or name of a person; a passport number matches exactly.")
    # At 100,000 rows: an estimated count per page, no second count of the unfiltered table; the
    # office filter lists immigration offices only (limit_choices_to) and every other relation is
    # an autocomplete, so no form or filter renders thousands of choices. The observation date is
    # a list filter (today, past 7 days, this month, this year) rather than a date hierarchy,
    # whose list of years read every row (480 ms).
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    list_select_related = ["village", "office"]
    autocomplete_fields = ["village", "source_agency", "assigned_to", "author"]
    filter_horizontal = ["shared_with"]
    readonly_fields = ["code", "number", "status", "decided_action", "action_decided_on",
                       "action_note", "submitted_at", "created_at", "updated_at"]
    inlines = [ReportPersonInline, AttachmentInline, StatusEventInline]

    def get_queryset(self, request):
        return Report.objects.visible_to(request.user)

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            exact = _with_exact_passport(queryset, search_term,
                                         "people_links__person__passport_number")
            found = found | exact
            may_have_duplicates = True
        return found, may_have_duplicates

    @admin.display(description=_("grading"))
    def grading(self, report):
        return report.grading


@admin.register(Person)
class PersonAdmin(AuditedAdminMixin, SimpleHistoryAdmin):
    list_display = ["full_name", "nationality", "passport_number", "stay_permit",
                    "permit_expires_on", "sex"]
    list_filter = ["nationality", "stay_permit", "sex"]
    search_fields = ["full_name"]
    search_help_text = _("Name; a passport number matches exactly.")
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    readonly_fields = ["code", "created_at", "updated_at"]

    def get_queryset(self, request):
        return Person.objects.visible_to(request.user)

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            found = found | _with_exact_passport(queryset, search_term, "passport_number")
        return found, may_have_duplicates


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ["report", "author", "created_at"]
    list_select_related = ["report", "author"]
    search_fields = ["body", "report__number"]
    readonly_fields = ["created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(
            report__in=Report.objects.visible_to(request.user))
