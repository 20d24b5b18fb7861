"""Name the fields that only some kinds of resource have; all other fields belong to every kind."""

from resources.models import Kind

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
