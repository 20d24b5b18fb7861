"""Map the fields the submission form asks differently from the item's, both ways.

The one place where the form's own fields (``new_publishers``, ``un_languages`` and
``other_languages``, keywords and goals as typed, terms by their codes) meet the item's;
``ModelForm`` fills and reads every other field itself.
"""

from resources.models import Resource

from ..kinds import COMMON_FIELDS, KIND_FIELDS

# The form's fields standing for an item's field, where they differ from it by name.
FORM_FIELDS = {
    "kind": (),  # chosen before the form
    "file": ("file", "remove_file"),
    "proposed_publishers": ("new_publishers",),
    "languages": ("un_languages", "other_languages"),
}
# The form's fields in the order it asks for them; those of one kind only are removed
# for the others (``KIND_FIELDS``).
FIELD_ORDER = tuple(
    name
    for item_field in dict.fromkeys(
        [*COMMON_FIELDS, *(name for names in KIND_FIELDS.values() for name in names)]
    )
    for name in FORM_FIELDS.get(item_field, (item_field,))
)


def languages_split(resource: Resource) -> dict[str, list[str]]:
    languages = list(resource.languages.all())
    return {
        "un_languages": [language.code for language in languages if language.is_un_official],
        "other_languages": [language.code for language in languages if not language.is_un_official],
    }


def form_only_initial(resource: Resource) -> dict:
    """Fill the fields the form asks differently from the item's, to edit a stored item.

    The one place, with ``form_only_values``, where those fields meet the model's: the
    other fields are filled from the item by ``ModelForm`` itself.
    """
    return {
        "new_publishers": resource.proposed_publishers,
        **languages_split(resource),
        "document_type": resource.document_type.slug if resource.document_type else None,
        "primary_objective": (
            resource.primary_objective.code if resource.primary_objective else None
        ),
        "countries": [country.iso3 for country in resource.countries.all()],
        "keywords": ", ".join(keyword.name for keyword in resource.keywords.all()),
        "sdgs": resource.sdg_list,
    }


def form_only_values(data: dict) -> dict:
    """Turn the fields the form asks differently into the item's fields, for the service."""
    return {
        "proposed_publishers": "\n".join(data.get("new_publishers") or []),
        "languages": [*(data.get("un_languages") or []), *(data.get("other_languages") or [])],
    }
