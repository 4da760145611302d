from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import Agency, Profile
from accounts.roles import GROUP_NAMES, role_of

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
