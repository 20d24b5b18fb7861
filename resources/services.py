"""Write the public catalogue's own data: items as a file describes them, and addresses.

``review.workflow.transition`` changes an item's status as people decide it;
``resource_restore`` is the only other writer of a status: it puts an item back as a file
says it was (the JSON backup, a CSV import, the demo content). Both take the status and
the moment of publication from ``Resource.status_changes``, so the two always agree.
An item renamed keeps its former addresses (``resource_slug_change``), which answer 301.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from resources.models import KEEP, FormerSlug, Resource

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


def resource_slug_check(*, resource: Resource, slug: str) -> None:
    """Refuse a slug another item has, now or as a former address, which still leads to it."""
    taken = Resource.objects.filter(slug=slug).exclude(pk=resource.pk).exists()
    taken = taken or FormerSlug.objects.filter(slug=slug).exclude(resource=resource).exists()
    if taken:
        raise ValidationError(
            gettext("The address “%(slug)s” is, or was, another item’s; choose another."),
            code="slug_taken",
            params={"slug": slug},
        )


@transaction.atomic
def resource_slug_change(*, resource: Resource, slug: str) -> None:
    """Give an item a new slug and keep its old one, whose address then answers 301.

    The item's language editions link to it by address in their OAI records, so their
    datestamps move too and an incremental harvest sends them again.
    """
    stored = Resource.objects.select_for_update().values_list("slug", flat=True).get(pk=resource.pk)
    if slug == stored:
        return
    resource_slug_check(resource=resource, slug=slug)
    FormerSlug.objects.filter(resource=resource, slug=slug).delete()  # its address again
    FormerSlug.objects.create(resource=resource, slug=stored)
    resource.slug = slug
    resource.save(update_fields=["slug", "updated_at"])
    Resource.objects.filter(language_editions=resource).update(updated_at=timezone.now())
