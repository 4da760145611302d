from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX
from import_export.widgets import CharWidget, ForeignKeyWidget
from simple_history.admin import SimpleHistoryAdmin

from accounts.forms import StaffChoiceField, StaffMultipleChoiceField
from accounts.selectors import office_staff
from core.uploads import PHOTOS_AND_PDF, check_upload, clean_file_name
from villages import selectors
from villages.models import (
    DesaBinaan,
    MigrantWorkerFigure,
    OutreachAttachment,
    OutreachEvent,
    PimpasaAssignment,
    Region,
    VillageContact,
)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "postal_code"]
    list_filter = ["level", "kind"]
    # "^code" is a prefix search, so "35.06" lists Kabupaten Kediri and everything in it.
    search_fields = ["name", "^code"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]
    show_full_result_count = False  # counting 91,000 rows on every search is wasted work


class RegionLevelFilter(admin.SimpleListFilter):
    """Filter Desa Binaan by a region above them; only regions that hold one are offered."""

    level = None
    path = ""  # from a Desa Binaan to the region
    reverse = ""  # from the region to its Desa Binaan

    def lookups(self, request, model_admin):
        regions = Region.objects.filter(level=self.level, **{f"{self.reverse}__isnull": False})
        return [(str(region.pk), region.name) for region in regions.distinct().order_by("name")]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(**{f"{self.path}_id": self.value()})
        return queryset


class RegencyFilter(RegionLevelFilter):
    title = _("regency/city")
    parameter_name = "regency"
    level = Region.Level.REGENCY
    path = "region__parent__parent"
    reverse = "children__children__desa_binaan"


class DistrictFilter(RegionLevelFilter):
    title = _("district")
    parameter_name = "district"
    level = Region.Level.DISTRICT
    path = "region__parent"
    reverse = "children__desa_binaan"


class PimpasaFilter(admin.SimpleListFilter):
    title = _("PIMPASA")
    parameter_name = "pimpasa"

    def lookups(self, request, model_admin):
        officers = get_user_model().objects.filter(pimpasa_assignments__isnull=False).distinct()
        return [(str(user.pk), user.get_full_name() or user.get_username())
                for user in officers.order_by("first_name", "last_name")]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            current = PimpasaAssignment.objects.current().filter(officer_id=self.value())
            return queryset.filter(pimpasa_assignments__in=current).distinct()
        return queryset


class VillageCodeWidget(ForeignKeyWidget):
    """A village by its Kemendagri code, with a readable error for an unknown one."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except self.model.DoesNotExist as error:
            raise ValueError(_("No region with code %(code)s.") % {"code": value}) from error


class DesaBinaanResource(resources.ModelResource):
    village = fields.Field(
        attribute="region", column_name="village_code",
        widget=VillageCodeWidget(Region, field="code"),
    )
    village_name = fields.Field(attribute="region__name", column_name="village_name",
                                readonly=True)
    district_name = fields.Field(attribute="region__parent__name", column_name="district_name",
                                 readonly=True)
    notes = fields.Field(attribute="notes", column_name="notes", widget=CharWidget())

    class Meta:
        model = DesaBinaan
        fields = ["village", "village_name", "district_name", "decree_number", "decree_date",
                  "issuing_office", "status", "active_from", "active_until", "latitude",
                  "longitude", "notes"]
        import_id_fields = ["village"]
        clean_model_instances = True
        skip_unchanged = True
        use_transactions = True

    def get_queryset(self):
        return super().get_queryset().select_related("region__parent")


class MigrantWorkerFigureResource(resources.ModelResource):
    village = fields.Field(
        attribute="desa_binaan", column_name="village_code",
        widget=VillageCodeWidget(DesaBinaan, field="region__code"),
    )

    class Meta:
        model = MigrantWorkerFigure
        fields = ["village", "year", "destination", "procedural", "non_procedural", "source"]
        import_id_fields = ["village", "year", "destination", "source"]
        clean_model_instances = True
        skip_unchanged = True
        use_transactions = True

    def get_queryset(self):
        return super().get_queryset().select_related("desa_binaan__region")


class PimpasaAssignmentInline(admin.TabularInline):
    model = PimpasaAssignment
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Only office staff, by name; the model's clean() refuses anyone else too.
        if db_field.name == "officer":
            kwargs.update(form_class=StaffChoiceField, queryset=office_staff())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class VillageContactInline(admin.TabularInline):
    model = VillageContact
    extra = 0


class MigrantWorkerFigureInline(admin.TabularInline):
    model = MigrantWorkerFigure
    extra = 0


class OutreachEventInline(admin.TabularInline):
    model = OutreachEvent
    fields = ["date", "kind", "topic", "participants_men", "participants_women"]
    show_change_link = True
    extra = 0


@admin.register(DesaBinaan)
class DesaBinaanAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [DesaBinaanResource]
    import_formats = export_formats = [CSV, XLSX]
    list_display = ["village", "district", "regency", "status", "decree_number", "pimpasa"]
    list_filter = ["status", RegencyFilter, DistrictFilter, PimpasaFilter]
    search_fields = ["region__name", "^region__code", "decree_number"]
    autocomplete_fields = ["region"]
    readonly_fields = ["code"]
    inlines = [PimpasaAssignmentInline, VillageContactInline, MigrantWorkerFigureInline,
               OutreachEventInline]
    fieldsets = [
        (None, {"fields": ["region", "code", "status", "active_from", "active_until"]}),
        (_("Decree (SK)"), {"fields": ["decree_number", "decree_date", "issuing_office"]}),
        (_("Location"), {"fields": ["latitude", "longitude"]}),
        (None, {"fields": ["notes"]}),
    ]

    # Its history lists the changes to the PIMPASA, contacts and figures edited on its page too.
    object_history_template = "admin/villages/desabinaan/object_history.html"

    def render_history_view(self, request, template, context, **kwargs):
        # Called once the history view has loaded the object through get_queryset (visible_to).
        context["part_changes"] = selectors.desa_binaan_part_changes(context["object"])
        return super().render_history_view(request, template, context, **kwargs)

    def get_queryset(self, request):
        return (
            DesaBinaan.objects.visible_to(request.user)
            .select_related("region__parent__parent")
            .prefetch_related(Prefetch(
                "pimpasa_assignments",
                queryset=PimpasaAssignment.objects.current().select_related("officer"),
                to_attr="current_pimpasa",
            ))
        )

    @admin.display(description=_("village"), ordering="region__name")
    def village(self, desa):
        return f"{desa.region.name} ({desa.region.code})"

    @admin.display(description=_("district"), ordering="region__parent__name")
    def district(self, desa):
        return desa.region.parent.name if desa.region.parent else "—"

    @admin.display(description=_("regency/city"))
    def regency(self, desa):
        parent = desa.region.parent
        return parent.parent.name if parent and parent.parent else "—"

    @admin.display(description=_("PIMPASA"))
    def pimpasa(self, desa):
        officers = getattr(desa, "current_pimpasa", None)
        if officers is None:  # the export and history views load designations without it
            officers = PimpasaAssignment.objects.current().filter(desa_binaan=desa)
        return ", ".join(a.officer.get_full_name() or a.officer.get_username()
                         for a in officers) or "—"


@admin.register(MigrantWorkerFigure)
class MigrantWorkerFigureAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [MigrantWorkerFigureResource]
    import_formats = export_formats = [CSV, XLSX]
    list_display = ["desa_binaan", "year", "destination", "procedural", "non_procedural",
                    "source"]
    list_filter = ["year", "source", "destination"]
    search_fields = ["desa_binaan__region__name", "^desa_binaan__region__code"]
    autocomplete_fields = ["desa_binaan"]
    list_select_related = ["desa_binaan__region"]


class OutreachAttachmentForm(forms.ModelForm):
    class Meta:
        model = OutreachAttachment
        fields = ["file"]
        widgets = {"file": forms.ClearableFileInput(
            attrs={"accept": ",".join(PHOTOS_AND_PDF.types)})}

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload and "file" in self.changed_data:
            # The checks of the outreach form (core.uploads); a refused file changes nothing.
            try:
                self.instance.content_type = check_upload(upload, accepted=PHOTOS_AND_PDF)
            except ValidationError as error:
                self.add_error("file", error)
                return cleaned
            self.instance.size = upload.size
            self.instance.original_name = clean_file_name(upload.name or "")
        return cleaned


class OutreachAttachmentInline(admin.TabularInline):
    model = OutreachAttachment
    form = OutreachAttachmentForm
    readonly_fields = ["original_name", "content_type", "size"]
    extra = 0


@admin.register(OutreachEvent)
class OutreachEventAdmin(SimpleHistoryAdmin):
    list_display = ["date", "desa_binaan", "kind", "topic", "participants_men",
                    "participants_women"]
    list_filter = ["kind", "date"]
    search_fields = ["topic", "desa_binaan__region__name"]
    autocomplete_fields = ["desa_binaan", "partner_agencies"]
    readonly_fields = ["code", "recorded_by"]
    date_hierarchy = "date"
    inlines = [OutreachAttachmentInline]
    list_select_related = ["desa_binaan__region"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # The officers who took part are office staff, offered by name.
        if db_field.name == "officers":
            kwargs.update(form_class=StaffMultipleChoiceField, queryset=office_staff())
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_queryset(self, request):
        return OutreachEvent.objects.visible_to(request.user)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
