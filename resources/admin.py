"""Let editors curate resources in the Django admin, with the same fields the public sees."""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Resource, Synonym
from .services import resource_slug_change, resource_slug_check


class ResourceAdminForm(forms.ModelForm):
    def clean_slug(self) -> str:
        """Refuse another item's address, including one it had before a rename."""
        slug = self.cleaned_data["slug"]
        resource_slug_check(resource=self.instance, slug=slug)
        return slug


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    form = ResourceAdminForm
    list_display = (
        "title",
        "kind",
        "status",
        "document_type",
        "publication_year",
        "scope",
        "updated_at",
    )
    list_filter = (
        "status",
        "kind",
        "scope",
        "document_type",
        "objectives",
        "regions",
        "publication_year",
    )
    search_fields = (
        "title",
        "summary",
        "authors",
        "publishers__name",
        "publishers__acronym",
        "keywords__name",
    )
    prepopulated_fields = {"slug": ("title",)}
    # Status changes go through the review workflow, which checks and records them.
    readonly_fields = ("status", "published_at", "created_at", "updated_at")
    date_hierarchy = "created_at"
    # A link typed without a scheme is read as https, as Django 6 will by default.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_select_related = ("document_type",)
    autocomplete_fields = ("publishers", "keywords", "language_editions")
    filter_horizontal = ("objectives", "principles", "regions", "countries", "languages", "actions")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "kind",
                    "title",
                    "slug",
                    "summary",
                    "url",
                    "file",
                    "status",
                    "published_at",
                )
            },
        ),
        (
            _("Publication"),
            {
                "fields": (
                    ("publication_year", "publication_month", "publication_day"),
                    "publishers",
                    "proposed_publishers",
                    "authors",
                    "document_type",
                    "languages",
                    "language_editions",
                )
            },
        ),
        (
            _("GCM tags"),
            {
                "fields": (
                    "primary_objective",
                    "objectives",
                    "actions",
                    "principles",
                    "scope",
                    "regions",
                    "countries",
                    "keywords",
                )
            },
        ),
        (
            _("Practice"),
            {
                "classes": ("collapse",),
                "fields": ("implemented_by", "practice_type", "takeaway", "sdgs"),
            },
        ),
        (
            _("Practice and project period"),
            {"classes": ("collapse",), "fields": ("period_start", "period_end")},
        ),
        (_("Project"), {"classes": ("collapse",), "fields": ("implementers", "funding")}),
        (
            _("Event"),
            {"classes": ("collapse",), "fields": ("starts_at", "ends_at", "location", "is_online")},
        ),
        (_("Video"), {"classes": ("collapse",), "fields": ("duration", "embed_url")}),
        (_("History"), {"fields": ("created_at", "updated_at")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("document_type")

    def save_model(self, request, obj, form, change) -> None:
        """Rename through the service, which keeps the old address answering."""
        if change and "slug" in form.changed_data:
            resource_slug_change(resource=obj, slug=obj.slug)
        super().save_model(request, obj, form, change)


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    """Editors keep the synonyms and acronyms search expands; each row is one group."""

    list_display = ("terms",)
    search_fields = ("terms",)
