"""Give items their tags and terms from the facet index, as the ORM's prefetching would.

An item page or a list of cards reads a dozen relations of each item; the index already
holds every published item's terms, so they are attached (``hub.preloaded.attach``)
without a query, and read back with ``hub.preloaded.related``.
"""

from django.db.models import prefetch_related_objects

from hub.preloaded import attach, preload

from ..models import Resource
from ..vocabulary import of_model, of_relation
from .current import current_index
from .index import FacetIndex


def attach_tags(
    resources: list[Resource], relations: tuple[str, ...], *, index: FacetIndex | None = None
) -> None:
    """Give published items their tags from the facet index, as ``prefetch_related`` would.

    Afterwards ``related(item, "countries")`` and the like answer without a query. Items
    the index does not hold (not published, or published since it was built) get their
    tags from the database instead, into the same lists.
    """
    index = index or current_index()
    parameters = [of_relation(relation).parameter for relation in relations]
    missing = []
    for resource in resources:
        tags = index.tags(resource.pk, parameters)
        if tags is None:
            missing.append(resource)
            continue
        for relation, parameter in zip(relations, parameters, strict=True):
            attach(resource, relation, tags[parameter])
    if missing:
        prefetch_related_objects(missing, *(preload(relation) for relation in relations))


def attach_terms(resources: list[Resource], fields: tuple[str, ...], *, index: FacetIndex) -> None:
    """Give items their document type or primary objective from the index, as select_related would.

    A term no published item is tagged with is not in the index; the field then loads it
    from the database when it is read.
    """
    for name in fields:
        field = Resource._meta.get_field(name)
        parameter = of_model(field.related_model).parameter
        for resource in resources:
            key = getattr(resource, field.attname)
            term = None if key is None else index.term(parameter, key)
            if key is None or term is not None:
                attach(resource, name, term)
