"""Register the taxonomy's names, in the six UN languages, with django-modeltranslation.

Each name is stored once per language (``name_fr``…), with the source of each
translation beside it (``name_source_fr``…), so editors see in the admin which names
are the official text and which are working translations to replace. A name missing in
a language falls back to English. The Compact's own text (an objective's commitment and
actions) has no source field: only its official wording may be entered, and a language
without it shows the English text, marked as English.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    Country,
    DocumentType,
    GuidingPrinciple,
    Language,
    Objective,
    ObjectiveAction,
    Region,
)

# The translated fields holding a term's names, each with its source field.
NAMED_FIELDS = {
    Objective: ("short_name", "title"),
    GuidingPrinciple: ("name",),
    Region: ("name",),
    Country: ("name",),
    DocumentType: ("name",),
    Language: ("name",),
}


def source_field(field: str) -> str:
    """Name the field recording where a translated name comes from."""
    return f"{field}_source"


def _named(model, *texts: str) -> tuple[str, ...]:
    names = NAMED_FIELDS[model]
    return (*names, *map(source_field, names), *texts)


@register(Objective)
class ObjectiveTranslation(TranslationOptions):
    fields = _named(Objective, "introduction", "commitment", "background")


@register(ObjectiveAction)
class ObjectiveActionTranslation(TranslationOptions):
    fields = ("text",)


@register(GuidingPrinciple)
class GuidingPrincipleTranslation(TranslationOptions):
    fields = _named(GuidingPrinciple, "description")


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = _named(Region, "description")


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = _named(Country)


@register(DocumentType)
class DocumentTypeTranslation(TranslationOptions):
    fields = _named(DocumentType, "description")


@register(Language)
class LanguageTranslation(TranslationOptions):
    fields = _named(Language)
