"""Declare each browse parameter once; every channel derives what it needs from here.

``ResourceFilter`` takes its filters from these declarations, the facet index its rows
and keys (``resources.facets``), the API its query parameters and facet fields, the
browse page its facets and chips, feeds their titles and the taxonomy's landing pages
their preset filter. Adding a facet is its model relation, its migration (with the
public-change triggers for its tables) and one declaration here; see "Adding a facet" in
docs/ARCHITECTURE.md. PRODUCT.md section 4 describes the parameters to users.
"""

from django.utils.translation import gettext_lazy as _

from taxonomy.models import ObjectiveAction
from taxonomy.selectors import public_publishers

from ..models import Kind, Scope
from .parameters import BrowseParameter, ChoiceParameter, RangeParameter, TermParameter

# The objective whose actions the ``action`` parameter names.
ACTIONS_OBJECTIVE_CODE = "10"

PARAMETERS: tuple[BrowseParameter, ...] = (
    TermParameter(
        parameter="objective",
        label=_("GCM objective"),
        description=_("GCM objective: 1 to 23, or general."),
        relation="objectives",
        code_field="code",
        label_field="short_name",
        position_field="position",
        column="objectives",
    ),
    TermParameter(
        parameter="principle",
        label=_("Guiding principle"),
        description=_("Guiding principle, by slug (see /api/principles/)."),
        relation="principles",
        code_field="slug",
        label_field="name",
        position_field="position",
        column="principles",
    ),
    TermParameter(
        parameter="region",
        label=_("Region"),
        description=_("Region, by slug (see /api/regions/)."),
        relation="regions",
        code_field="slug",
        label_field="name",
        position_field="position",
        column="regions",
    ),
    TermParameter(
        parameter="country",
        label=_("Country"),
        description=_("Country, by ISO 3166-1 alpha-3 code (see /api/countries/)."),
        relation="countries",
        code_field="iso3",
        label_field="name",
        upper_case=True,
        order_by="label",
        column="countries",
    ),
    TermParameter(
        parameter="type",
        label=_("Type of document"),
        description=_("Document type, by slug (see /api/document-types/)."),
        relation="document_type",
        code_field="slug",
        label_field="name",
        position_field="position",
        column="document_type",
    ),
    ChoiceParameter(
        parameter="kind",
        label=_("Kind"),
        description=_("Kind of item."),
        field_name="kind",
        choices=Kind,
        column="kind",
    ),
    ChoiceParameter(
        parameter="scope",
        label=_("Geographic scope"),
        description=_("Geographic scope."),
        field_name="scope",
        choices=Scope,
        code=lambda scope: scope.code,
        column="scope",
    ),
    TermParameter(
        parameter="language",
        label=_("Language"),
        description=_("Language, by ISO 639-1 code (see /api/languages/)."),
        relation="languages",
        code_field="code",
        label_field="name",
        position_field="position",
        column="languages",
    ),
    # Only publishers of published items: any other organization is refused exactly like
    # an unknown one, so a filter never tells whether an organization is registered.
    TermParameter(
        parameter="publisher",
        label=_("Publisher"),
        description=_("Publisher, by slug (see /api/organizations/)."),
        relation="publishers",
        code_field="slug",
        label_field="name",
        chosen_field="display_name",
        choices=public_publishers,
        order_by="count",
        column="publishers",
    ),
    TermParameter(
        parameter="action",
        label=_("Objective 10 action"),
        description=_("Objective 10 action, by letter: a to j."),
        relation="actions",
        code_field="letter",
        label_field="letter",
        option_format="({})",
        choices=lambda: ObjectiveAction.objects.filter(objective__code=ACTIONS_OBJECTIVE_CODE),
        related=("objective",),
        order_by="label",
        column="actions",
    ),
    RangeParameter(
        parameter="year",
        label=_("Year of publication"),
        description=_("Year of publication, from and to."),
        field_name="publication_year",
        minimum=1900,
        maximum=2100,
        bounds={
            "year_from": ("gte", _("From year"), _("Published in or after this year.")),
            "year_to": ("lte", _("To year"), _("Published in or before this year.")),
        },
        order_by="code-descending",
        column="publication_year",
    ),
    # Shown on item pages from the index, never counted and not a filter.
    TermParameter(
        parameter="keyword",
        label=_("Keyword"),
        description=_("Keyword, by slug."),
        relation="keywords",
        code_field="slug",
        label_field="name",
        order_by="label",
        counted=False,
        column="keywords",
    ),
)

BY_NAME: dict[str, BrowseParameter] = {declared.parameter: declared for declared in PARAMETERS}
# The parameters people filter and count by, in the order pages show them.
FACETS: tuple[BrowseParameter, ...] = tuple(declared for declared in PARAMETERS if declared.counted)
# Tags the index holds for item pages but that are never counted: keywords.
SHOWN_TAGS: tuple[BrowseParameter, ...] = tuple(
    declared for declared in PARAMETERS if not declared.counted
)


def declared(parameter: str) -> BrowseParameter:
    """Return the declaration of one browse parameter by its address name."""
    return BY_NAME[parameter]


def of_relation(relation: str) -> TermParameter:
    """Return the declaration of the parameter that reads an item's relation (``countries``)."""
    return next(
        found
        for found in PARAMETERS
        if isinstance(found, TermParameter) and found.relation == relation
    )


def of_model(model: type) -> TermParameter:
    """Return the declaration of the parameter whose values are this taxonomy model's terms."""
    return next(
        found for found in FACETS if isinstance(found, TermParameter) and found.model is model
    )
