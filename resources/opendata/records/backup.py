"""Write the JSON backup of the whole catalogue: every status, one resource per line."""

import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from resources.models import Resource
from taxonomy.models import Keyword, Organization

from .columns import BACKUP_CONTEXT, resource_record
from .tags import resources_with_tags

BACKUP_FORMAT = "gcm-objective10-hub-backup"
BACKUP_VERSION = 1


def organization_entry(organization: Organization) -> dict[str, Any]:
    return {
        "slug": organization.slug,
        "name": organization.name,
        "acronym": organization.acronym,
        "is_un_entity": organization.is_un_entity,
        "website": organization.website,
    }


def keyword_entry(keyword: Keyword) -> dict[str, Any]:
    return {"slug": keyword.slug, "name": keyword.name}


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def backup_lines() -> Iterator[str]:
    """Yield the JSON backup of the whole catalogue, every status, piece by piece.

    Organizations and keywords come first, then one resource per line, each sorted by
    slug, so that two backups of the same catalogue are identical text.
    """
    yield "{\n"
    yield f'"format": {_dumps(BACKUP_FORMAT)},\n"version": {BACKUP_VERSION},\n'
    sections: list[tuple[str, Iterable[dict[str, Any]]]] = [
        (
            "organizations",
            (
                organization_entry(organization)
                for organization in Organization.objects.order_by("slug").iterator()
            ),
        ),
        (
            "keywords",
            (keyword_entry(keyword) for keyword in Keyword.objects.order_by("slug").iterator()),
        ),
        (
            "resources",
            (
                resource_record(resource, context=BACKUP_CONTEXT)
                for resource in resources_with_tags(Resource.objects.order_by("slug"), public=False)
            ),
        ),
    ]
    for position, (name, entries) in enumerate(sections):
        yield f'"{name}": ['
        for count, entry in enumerate(entries):
            yield ("," if count else "") + "\n" + _dumps(entry)
        yield "\n]" + ("," if position < len(sections) - 1 else "") + "\n"
    yield "}\n"


def backup_write(*, output: TextIO) -> None:
    """Write the JSON backup to an open text file, keeping memory flat."""
    for piece in backup_lines():
        output.write(piece)
