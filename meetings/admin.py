from django.contrib import admin

from meetings.models import (
    ActionUpdate,
    AgendaItem,
    Attendee,
    CalendarFeedToken,
    FollowUpAction,
    Meeting,
    MeetingReschedule,
    Minutes,
    MinutesRevision,
    Team,
    TeamMembership,
)

# --- TIMPORA teams and meetings ---------------------------------------------------------------
# Admins manage teams here; meetings are run from the meeting pages, so their admin is for
# inspection and repair, and shows only what the admin may see through Meeting.visible_to.


class TeamMembershipInline(admin.TabularInline):
    model = TeamMembership
    extra = 1
    autocomplete_fields = ["agency"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "area", "chair_agency", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["name", "area__name"]
    autocomplete_fields = ["chair_agency"]
    raw_id_fields = ["area"]
    readonly_fields = ["code"]
    list_select_related = ["area", "chair_agency"]
    inlines = [TeamMembershipInline]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


class AttendeeInline(admin.TabularInline):
    model = Attendee
    extra = 0


class MeetingRescheduleInline(admin.TabularInline):
    model = MeetingReschedule
    extra = 0
    can_delete = False
    readonly_fields = ["old_starts_at", "old_ends_at", "new_starts_at", "new_ends_at", "reason",
                       "rescheduled_by", "rescheduled_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "team", "starts_at", "status", "kind"]
    list_filter = ["status", "kind", "team"]
    search_fields = ["title", "venue", "code"]
    date_hierarchy = "starts_at"
    readonly_fields = ["code", "status", "sequence", "created_by", "created_at", "updated_at"]
    raw_id_fields = ["village", "chair", "minute_taker"]
    filter_horizontal = ["invited_agencies"]
    list_select_related = ["team"]
    inlines = [AgendaItemInline, AttendeeInline, MeetingRescheduleInline]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_add_permission(self, request):
        # New meetings go through the meeting pages, which invite and record properly.
        return False


class MinutesRevisionInline(admin.TabularInline):
    model = MinutesRevision
    extra = 0
    can_delete = False
    readonly_fields = ["previous_text", "reason", "revised_by", "revised_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Minutes)
class MinutesAdmin(admin.ModelAdmin):
    list_display = ["meeting", "published_at", "published_by", "updated_at"]
    readonly_fields = ["meeting", "summary", "decisions", "recommendations", "updated_by",
                       "updated_at", "published_by", "published_at"]
    list_select_related = ["meeting", "published_by"]
    inlines = [MinutesRevisionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(
            meeting__in=Meeting.objects.minutes_visible_to(request.user)
        )

    def has_add_permission(self, request):
        return False


class ActionUpdateInline(admin.TabularInline):
    model = ActionUpdate
    extra = 0
    readonly_fields = ["status", "note", "author", "created_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FollowUpAction)
class FollowUpActionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting", "agency", "due_date", "status"]
    list_filter = ["status", "agency"]
    search_fields = ["description", "code"]
    readonly_fields = ["code", "meeting", "created_by", "created_at", "updated_at"]
    list_select_related = ["meeting", "agency"]
    inlines = [ActionUpdateInline]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_add_permission(self, request):
        return False


@admin.register(CalendarFeedToken)
class CalendarFeedTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["user__username"]
    readonly_fields = ["user", "token_hash", "created_at"]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False
