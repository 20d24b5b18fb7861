"""Read the tags of many items at once, as plain values, for records and exports."""

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from hub.preloaded import attach
from resources.models import Resource, published_condition

from .columns import PUBLISHED_ONLY_TAGS, TAG_FIELDS, TAG_ROWS

RECORD_CHUNK_SIZE = 500


def _tag_query(relation: str, pks: list[int], *, public: bool) -> QuerySet:
    """Read one relation of many items from its link table as plain values, in list order.

    The order is the related model's own ordering, so a record lists tags as pages do.
    """
    field = Resource._meta.get_field(relation)
    owner, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    ordering = [
        f"-{target}__{item[1:]}" if item.startswith("-") else f"{target}__{item}"
        for item in field.related_model._meta.ordering
    ]
    links = field.remote_field.through.objects.filter(**{f"{owner}_id__in": pks})
    if public and relation in PUBLISHED_ONLY_TAGS:
        links = links.filter(published_condition(via=target))
    return links.order_by(*ordering, f"{target}_id").values_list(
        f"{owner}_id", *(f"{target}__{name}" for name in TAG_FIELDS[relation])
    )


def _attach_tags(resources: list[Resource], *, public: bool) -> None:
    pks = [resource.pk for resource in resources]
    for relation, row_type in TAG_ROWS.items():
        rows: dict[int, list[Any]] = {pk: [] for pk in pks}
        for owner, *values in _tag_query(relation, pks, public=public):
            rows[owner].append(row_type(*values))
        for resource in resources:
            attach(resource, relation, rows[resource.pk])


def resources_with_tags(queryset: QuerySet, *, public: bool) -> Iterator[Resource]:
    """Yield the items of a queryset with everything a record shows, keeping memory flat.

    Items are read ``RECORD_CHUNK_SIZE`` at a time through ``iterator()``; for each chunk
    one query per relation reads the tags as plain values from the link table, which is
    several times cheaper than building model instances with ``prefetch_related``. So the
    number of queries grows with the number of chunks, not of items or tags. The public
    form links only to published language editions.
    """
    queryset = queryset.select_related("document_type", "primary_objective").defer(
        "search_text", "search_vector"
    )
    chunk: list[Resource] = []
    for resource in queryset.iterator(chunk_size=RECORD_CHUNK_SIZE):
        chunk.append(resource)
        if len(chunk) == RECORD_CHUNK_SIZE:
            _attach_tags(chunk, public=public)
            yield from chunk
            chunk = []
    if chunk:
        _attach_tags(chunk, public=public)
        yield from chunk
