from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from audit.admin import AuditedAdminMixin
from core.pagination import EstimatedCountPaginator
from people.models import passport_searched
from reports.models import Attachment, Note, Report, ReportPerson, StatusEvent


def _with_exact_passport(queryset, search_term, field):
    """A search term that looks like a passport number also matches it exactly (normalised)."""
    number = passport_searched(search_term)
    return queryset.filter(**{field: number}) if number else queryset.none()


class ReportPersonInline(admin.TabularInline):
    model = ReportPerson
    extra = 0
    fields = ["mention", "role"]
    readonly_fields = ["mention"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


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
    search_fields = ["number", "title", "people_links__mention__full_name"]
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
                                         "people_links__mention__passport_number")
            found = found | exact
            may_have_duplicates = True
        return found, may_have_duplicates

    @admin.display(description=_("grading"))
    def grading(self, report):
        return report.grading


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ["report", "author", "created_at"]
    list_select_related = ["report", "author"]
    search_fields = ["body", "report__number"]
    readonly_fields = ["created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(
            report__in=Report.objects.visible_to(request.user))
