from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from timpora.models import (
    ActionUpdate,
    Agency,
    AgendaItem,
    Attendee,
    CalendarFeedToken,
    FollowUpAction,
    Meeting,
    MeetingReschedule,
    Minutes,
    MinutesRevision,
    OutboxMessage,
    Profile,
    Team,
    TeamMembership,
)
from timpora.outbox import message_retry
from timpora.roles import GROUP_NAMES, role_of

User = get_user_model()

admin.site.site_header = _("TIMPORA administration")
admin.site.site_title = _("TIMPORA")
admin.site.index_title = _("Administration")


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "email", "phone", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "email"]
    readonly_fields = ["code"]


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    autocomplete_fields = ["agency"]
    verbose_name_plural = _("profile")


class RoleFilter(admin.SimpleListFilter):
    title = _("role")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return [(name, role.label) for role, name in GROUP_NAMES.items()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(groups__name=self.value())
        return queryset


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [ProfileInline]
    list_display = ["username", "get_full_name", "email", "agency", "role", "is_active"]
    list_filter = [RoleFilter, "profile__agency", "is_active", "is_staff", "is_superuser"]
    search_fields = ["username", "first_name", "last_name", "email", "profile__agency__name"]
    list_select_related = ["profile__agency"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("agency"), ordering="profile__agency__name")
    def agency(self, user):
        profile = getattr(user, "profile", None)
        return profile.agency if profile else None

    @admin.display(description=_("role"))
    def role(self, user):
        role = role_of(user)
        return role.label if role else "—"


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "position", "phone", "language"]
    list_filter = ["agency", "language"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "position"]
    autocomplete_fields = ["user", "agency"]
    list_select_related = ["user", "agency"]


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


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read-only view of the outbox; failed messages can be put back in the queue."""

    list_display = ["created_at", "kind", "recipient", "status", "attempts", "sent_at", "read_at"]
    list_filter = ["status", "kind"]
    search_fields = ["recipient__username", "recipient__email", "key"]
    list_select_related = ["recipient"]
    readonly_fields = [field.name for field in OutboxMessage._meta.fields]
    actions = ["retry_failed"]
    date_hierarchy = "created_at"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send the selected failed messages again"))
    def retry_failed(self, request, queryset):
        retried = sum(message_retry(message=message)
                      for message in queryset.filter(status=OutboxMessage.Status.FAILED))
        self.message_user(
            request,
            ngettext("%(count)d message queued again.", "%(count)d messages queued again.",
                     retried) % {"count": retried},
            messages.SUCCESS,
        )
