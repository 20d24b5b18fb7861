"""Photograph the stored data before and after a request, and check what it may have changed.

A refused request must change nothing; an accepted one only what its form stores. And
whatever happens, an item's status changes only with a history entry recording that very
change, and every status-changing history entry matches a status change (review/workflow.py).
"""

import json
from dataclasses import dataclass

from django.apps import apps

from resources.models import Resource, Status
from review.models import HistoryEntry

WATCHED_APPS = ("accounts", "taxonomy", "resources", "review", "hub", "auth")
# Reference lists only the admin edits (the fuzzers leave the admin alone); skipping them
# keeps a snapshot cheap enough to take twice per example.
UNWATCHED = {
    "auth.permission",
    "auth.group_permissions",
    "taxonomy.objective",
    "taxonomy.objectiveaction",
    "taxonomy.objectivecrossreference",
    "taxonomy.guidingprinciple",
    "taxonomy.region",
    "taxonomy.country",
    "taxonomy.countryalias",
    "taxonomy.documenttype",
    "taxonomy.language",
    # The version and record of changes the database writes with every public
    # change, and the search's vocabulary, which every saved item adds to:
    # derived, not data.
    "resources.catalogueversion",
    "resources.cataloguechange",
    "resources.searchword",
}

# History entries that record a step without changing the status (workflow.record).
RECORDED_STEPS = {"assign", "unassign", "declare", "conflict", "review", "possible_duplicate"}


def _label(model) -> str:
    return model._meta.label_lower


def _comparable(value):
    """Make a stored value hashable: a JSON field's dict or list becomes its sorted text."""
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return value


def watched_models() -> list:
    """Return every model of the hub's apps, with the tables behind many-to-many fields."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in WATCHED_APPS and _label(model) not in UNWATCHED
    ]


def labels(*models) -> frozenset[str]:
    """Name models (or ``app.model`` strings) as the snapshot does."""
    return frozenset(model if isinstance(model, str) else _label(model) for model in models)


# The item and every tag table behind it.
RESOURCE_TABLES = labels(
    Resource, *(field.remote_field.through for field in Resource._meta.many_to_many)
)


@dataclass(frozen=True)
class Snapshot:
    """Every row of the watched tables, and each item's status."""

    rows: dict[str, frozenset]
    statuses: dict[int, str]
    history_ids: frozenset[int]

    @classmethod
    def take(cls) -> "Snapshot":
        rows = {
            _label(model): frozenset(
                tuple(sorted((name, _comparable(value)) for name, value in row.items()))
                for row in model.objects.values()
            )
            for model in watched_models()
        }
        return cls(
            rows=rows,
            statuses=dict(Resource.objects.values_list("pk", "status")),
            history_ids=frozenset(HistoryEntry.objects.values_list("pk", flat=True)),
        )

    def public_rows(self) -> dict[str, frozenset]:
        """Return the published items' rows and tag rows: what the public sees."""
        public = {pk for pk, status in self.statuses.items() if status == Status.PUBLISHED}
        resource = _label(Resource)
        return {
            label: frozenset(
                row
                for row in self.rows[label]
                if dict(row).get("id" if label == resource else "resource_id") in public
            )
            for label in RESOURCE_TABLES
        }

    def changed_since(self, before: "Snapshot") -> set[str]:
        """Name the tables whose rows differ from ``before``."""
        return {label for label, rows in self.rows.items() if before.rows.get(label) != rows}


def assert_history_matches_status(before: Snapshot, after: Snapshot) -> None:
    """Check that statuses moved only with history entries and history only with moves."""
    moves: dict[int, list[tuple[str, str]]] = {}
    for entry in HistoryEntry.objects.exclude(pk__in=before.history_ids).order_by("pk"):
        if entry.from_status == entry.to_status:
            assert entry.action in RECORDED_STEPS, (
                f"history entry {entry.action!r} without a status change"
            )
        else:
            moves.setdefault(entry.resource_id, []).append((entry.from_status, entry.to_status))
    for pk, status in after.statuses.items():
        previous = before.statuses.get(pk, Status.DRAFT)
        steps = moves.get(pk, [])
        if previous == status:
            assert not steps, f"item {pk} stayed {status} but its history says {steps}"
            continue
        assert steps, f"item {pk} went from {previous} to {status} without a history entry"
        assert steps[0][0] == previous and steps[-1][1] == status, (
            f"item {pk} went from {previous} to {status}; its history says {steps}"
        )
        assert all(one[1] == two[0] for one, two in zip(steps, steps[1:], strict=False)), steps
