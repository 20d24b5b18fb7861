"""Let editors curate the controlled vocabularies in the Django admin."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    Country,
    CountryAlias,
    DocumentType,
    GuidingPrinciple,
    Keyword,
    Language,
    Objective,
    ObjectiveAction,
    ObjectiveCrossReference,
    Organization,
    Region,
)


class ObjectiveActionInline(admin.TabularInline):
    model = ObjectiveAction
    extra = 0


class ObjectiveCrossReferenceInline(admin.TabularInline):
    model = ObjectiveCrossReference
    fk_name = "objective"
    extra = 0
    fields = ("position", "referenced_objective", "section", "paragraph", "note")


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    fieldsets = (
        (None, {"fields": ("code", "number", "short_name", "title", "slug", "position")}),
        (
            _("Page text"),
            {
                "classes": ("collapse",),
                "fields": ("introduction", "commitment", "commitment_reference", "background"),
            },
        ),
    )
    inlines = [ObjectiveActionInline, ObjectiveCrossReferenceInline]
    list_display = ("short_name", "title", "code", "position")
    search_fields = ("code", "short_name", "title")
    prepopulated_fields = {"slug": ("short_name",)}


@admin.register(GuidingPrinciple)
class GuidingPrincipleAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "position")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("name", "m49", "slug", "position")
    search_fields = ("name", "m49")
    prepopulated_fields = {"slug": ("name",)}


class CountryAliasInline(admin.TabularInline):
    model = CountryAlias
    extra = 1


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    inlines = [CountryAliasInline]
    list_display = ("name", "iso3", "iso2", "m49", "region", "sub_region")
    list_filter = ("region", "sub_region")
    list_select_related = ("region",)
    search_fields = ("name", "iso3", "iso2", "m49", "aliases__label")


@admin.register(CountryAlias)
class CountryAliasAdmin(admin.ModelAdmin):
    list_display = ("label", "country")
    list_select_related = ("country",)
    search_fields = ("label", "country__name", "country__iso3")
    autocomplete_fields = ("country",)


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "position")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ("name", "native_name", "code", "is_un_official", "position")
    list_filter = ("is_un_official",)
    search_fields = ("code", "name", "native_name")


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "acronym", "is_un_entity", "website")
    list_filter = ("is_un_entity",)
    search_fields = ("name", "acronym")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Keyword)
class KeywordAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
