"""Name the item's fields a submitter fills: those of every kind, then those of some kinds."""

from resources.models import Kind

# Every field the submission form fills for every kind, in the order the form asks for them.
COMMON_FIELDS = (
    "kind",
    "title",
    "summary",
    "url",
    "file",
    "publication_year",
    "publication_month",
    "publication_day",
    "publishers",
    "proposed_publishers",
    "authors",
    "languages",
    "document_type",
    "objectives",
    "primary_objective",
    "principles",
    "scope",
    "regions",
    "countries",
    "actions",
    "keywords",
)
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    Kind.DOCUMENT: (),
    Kind.TRAINING: (),
    Kind.PRACTICE: (
        "implemented_by",
        "practice_type",
        "takeaway",
        "sdgs",
        "period_start",
        "period_end",
    ),
    Kind.EVENT: ("starts_at", "ends_at", "location", "is_online"),
    Kind.PROJECT: ("period_start", "period_end", "implementers", "funding"),
    Kind.VIDEO: ("duration", "embed_url"),
}
SPECIFIC_FIELDS = frozenset(name for names in KIND_FIELDS.values() for name in names)


def submitted_field_names(kind: str) -> tuple[str, ...]:
    """Name the item's fields a submission of this kind fills, in the form's order."""
    return COMMON_FIELDS + KIND_FIELDS.get(kind, ())
