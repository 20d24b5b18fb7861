"""Let editors curate the controlled vocabularies in the Django admin.

A translated term shows one group of fields per language — its names there and where
each name comes from — so that an editor sees which names are working translations.
Editing a name without choosing its source records the editor as the source.
"""

from django.conf import settings
from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline
from modeltranslation.utils import build_localized_fieldname

from .models import (
    Country,
    CountryAlias,
    DocumentType,
    GuidingPrinciple,
    Keyword,
    Language,
    NameSource,
    Objective,
    ObjectiveAction,
    ObjectiveCrossReference,
    Organization,
    Region,
)
from .translation import NAMED_FIELDS, source_field


def per_language(*fields: str) -> tuple:
    """Return one admin fieldset per language, English open, with its localized fields."""
    return tuple(
        (
            name,
            {
                "classes": () if code == settings.LANGUAGE_CODE else ("collapse",),
                "fields": [build_localized_fieldname(field, code) for field in fields],
            },
        )
        for code, name in settings.LANGUAGES
    )


def named(model, *texts: str) -> tuple[str, ...]:
    """List a model's translated names, each followed by its source, then its texts."""
    fields = []
    for field in NAMED_FIELDS[model]:
        fields += [field, source_field(field)]
    return (*fields, *texts)


class TranslatedNamesAdmin(TranslationAdmin):
    """Edit a term's names per language, recording the editor as the source of an edit."""

    def save_model(self, request, obj, form, change):
        for field in NAMED_FIELDS[self.model]:
            for code, _name in settings.LANGUAGES:
                name = build_localized_fieldname(field, code)
                source = build_localized_fieldname(source_field(field), code)
                if name in form.changed_data and source not in form.changed_data:
                    setattr(obj, source, NameSource.EDITOR if getattr(obj, name) else "")
        super().save_model(request, obj, form, change)


class ObjectiveActionInline(TranslationStackedInline):
    model = ObjectiveAction
    extra = 0


class ObjectiveCrossReferenceInline(admin.TabularInline):
    model = ObjectiveCrossReference
    fk_name = "objective"
    extra = 0
    fields = ("position", "referenced_objective", "section", "paragraph", "note")


@admin.register(Objective)
class ObjectiveAdmin(TranslatedNamesAdmin):
    fieldsets = (
        (None, {"fields": ("code", "number", "slug", "position", "commitment_reference")}),
        *per_language(*named(Objective, "introduction", "commitment", "background")),
    )
    inlines = [ObjectiveActionInline, ObjectiveCrossReferenceInline]
    list_display = ("short_name", "title", "code", "position")
    search_fields = ("code", "short_name", "title")
    prepopulated_fields = {"slug": ("short_name_en",)}


@admin.register(GuidingPrinciple)
class GuidingPrincipleAdmin(TranslatedNamesAdmin):
    fieldsets = (
        (None, {"fields": ("slug", "position")}),
        *per_language(*named(GuidingPrinciple, "description")),
    )
    list_display = ("name", "slug", "position")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(Region)
class RegionAdmin(TranslatedNamesAdmin):
    fieldsets = (
        (None, {"fields": ("slug", "m49", "position")}),
        *per_language(*named(Region, "description")),
    )
    list_display = ("name", "m49", "slug", "position")
    search_fields = ("name", "m49")
    prepopulated_fields = {"slug": ("name_en",)}


class CountryAliasInline(admin.TabularInline):
    model = CountryAlias
    extra = 1


@admin.register(Country)
class CountryAdmin(TranslatedNamesAdmin):
    fieldsets = (
        (None, {"fields": ("iso3", "iso2", "m49", "region", "sub_region", "intermediate_region")}),
        *per_language(*named(Country)),
    )
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
class DocumentTypeAdmin(TranslatedNamesAdmin):
    fieldsets = (
        (None, {"fields": ("slug", "position")}),
        *per_language(*named(DocumentType, "description")),
    )
    list_display = ("name", "slug", "position")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(Language)
class LanguageAdmin(TranslatedNamesAdmin):
    fieldsets = (
        (None, {"fields": ("code", "native_name", "is_un_official", "position")}),
        *per_language(*named(Language)),
    )
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
