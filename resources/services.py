"""Write items as a backup, an import or the demo describes them.

``review.workflow.transition`` changes an item's status as people decide it;
``resource_restore`` is the only other writer of a status: it puts an item back as a file
says it was (the JSON backup, a CSV import, the demo content). Both take the status and
the moment of publication from ``Resource.status_changes``, so the two always agree.
"""

from collections.abc import Callable, Mapping
from typing import Any

from resources.models import KEEP, Resource

# Derived for search and rebuilt on every save, so never compared nor validated here.
UNVALIDATED_FIELDS = ["search_text", "search_vector"]


def _same_authors(stored: str, wanted: str) -> bool:
    """Compare author lists as the item shows them: one name per line, blank lines aside."""
    return [line.strip() for line in stored.splitlines() if line.strip()] == (
        wanted.split("\n") if wanted else []
    )


def _differs(resource: Resource, name: str, value: Any) -> bool:
    stored = getattr(resource, name)
    if name == "authors":
        return not _same_authors(stored, value)
    return stored != value


def resource_restore(
    *,
    resource: Resource,
    fields: Mapping[str, Any],
    status: str | None = None,
    published_at: Any = KEEP,
    check: Callable[[Resource], None] | None = None,
) -> list[str]:
    """Give an item the field values, status and moment of publication a file records.

    Only values that differ from what is stored are written, so restoring the same file
    twice writes nothing and leaves ``updated_at`` alone; a new item (no pk) is always
    saved. ``status`` None keeps the item's status; ``published_at`` left out keeps its
    moment of publication unless the status calls for one. ``check`` is called with the
    item as it will be saved and may refuse it with a ``ValidationError``, as
    ``full_clean`` does. Return the names of the fields written.
    """
    values = dict(fields)
    if status is not None or published_at is not KEEP:
        values.update(
            resource.status_changes(status=status or resource.status, published_at=published_at)
        )
    changed = [name for name, value in values.items() if _differs(resource, name, value)]
    for name in changed:
        setattr(resource, name, values[name])
    if check is not None:
        check(resource)
    if resource.pk is None or changed:
        resource.full_clean(exclude=UNVALIDATED_FIELDS)
        resource.save()
    return changed
