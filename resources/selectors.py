"""Read the public catalogue: every function starts from ``Resource.objects.published()``."""

from django.db.models import QuerySet
from django.http import Http404
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hub.preloaded import attach, related
from taxonomy.models import Objective

from .cards import COMPACT_CARD, result_cards
from .facets import (
    attach_tags,
    attach_terms,
    first_pks,
    term_counts,
    with_term_counts,
)
from .facets.current import current_index
from .facets.index import FacetIndex
from .filters import Sort
from .models import SEARCH_COLUMNS, Kind, Resource

# The Hub's headings for the groups of an objective page.
KIND_GROUP_LABELS = {
    Kind.DOCUMENT: _("Documents"),
    Kind.PRACTICE: _("Practices"),
    Kind.EVENT: _("Events"),
    Kind.PROJECT: _("Projects"),
    Kind.TRAINING: _("Training and guidance"),
    Kind.VIDEO: _("Videos"),
}

ITEM_TAGS = (
    "publishers",
    "objectives",
    "principles",
    "regions",
    "countries",
    "languages",
    "actions",
    "keywords",
)


def resource_get_published(*, slug: str, index: FacetIndex | None = None) -> Resource:
    """Return the published item with this slug, with everything its page shows, or raise 404."""
    found = resources_with_tags(Resource.objects.published().filter(slug=slug), index=index)
    if not found:
        raise Http404(gettext("No published resource has this address."))
    return found[0]


def resource_current_slug(*, slug: str) -> str | None:
    """Return the current slug of the published item that had this slug, or None.

    Only published items answer: a former address of an item that is not public is as
    unknown as any other address.
    """
    return (
        Resource.objects.published()
        .filter(former_slugs__slug=slug)
        .values_list("slug", flat=True)
        .first()
    )


def resources_with_tags(queryset: QuerySet, *, index: FacetIndex | None = None) -> list[Resource]:
    """Read items with every tag and their published language editions, as pages and API show.

    One query reads the items. Their tags, keywords, document types and primary objectives
    come from the facet index, and the other language editions of the few items that have
    any from one more query: the prefetching machinery cost more than the queries it ran.
    """
    index = index or current_index()
    resources = list(queryset.defer(*SEARCH_COLUMNS))
    attach_terms(resources, ("document_type", "primary_objective"), index=index)
    attach_tags(resources, ITEM_TAGS, index=index)
    editions: dict[int, list[Resource]] = {resource.pk: [] for resource in resources}
    asked = [pk for pk in editions if index.may_have_editions(pk)]
    if asked:
        links = (
            Resource.language_editions.through.objects.filter(
                from_resource_id__in=asked,
                to_resource__in=Resource.objects.published(),
            )
            .select_related("to_resource")
            .defer(*[f"to_resource__{column}" for column in SEARCH_COLUMNS])
            .order_by("to_resource__title", "to_resource_id")
        )
        for link in links:
            editions[link.from_resource_id].append(link.to_resource)
        attach_tags(
            [edition for found in editions.values() for edition in found],
            ("languages",),
            index=index,
        )
    for resource in resources:
        attach(resource, "language_editions", editions[resource.pk])
    return resources


def related_cards(
    *, resource: Resource, limit: int = 5, index: FacetIndex | None = None
) -> list[SafeString]:
    """Return the cards of published items sharing an objective and, when it has any, a country."""
    index = index or current_index()
    shared = index.mask_of_values(
        "objective", [objective.pk for objective in related(resource, "objectives")]
    )
    countries = [country.pk for country in related(resource, "countries")]
    if countries:
        shared = shared & index.mask_of_values("country", countries)
    others = [pk for pk in first_pks(shared, limit=limit + 1, index=index) if pk != resource.pk]
    return result_cards(others[:limit], index=index)


def latest_cards(*, limit: int = 6, index: FacetIndex | None = None) -> list[SafeString]:
    """Return the cards of the most recent items, as browse's "newest first" begins.

    Recent means the date the item itself was published, which its card shows, so the list
    reads newest first and continues on browse's page sorted the same way.
    """
    index = index or current_index()
    return result_cards(
        first_pks(index.everything(), limit=limit, index=index, sort=Sort.NEWEST), index=index
    )


def catalogue_totals(*, index: FacetIndex | None = None) -> dict[str, int]:
    """Count published items, the countries they cover and their publishers."""
    index = index or current_index()
    return {
        "resources": index.size,
        "countries": len(term_counts("country", index)),
        "publishers": len(term_counts("publisher", index)),
    }


def objective_items_by_kind(*, objective: Objective, per_kind: int = 5) -> list[dict]:
    """Group an objective's published items by kind, a few of each, with each kind's total.

    Totals and the first items of each kind come from the facet index, their cards from
    ``result_cards``, so the page costs the same whatever the number of items.
    """
    index = current_index()
    tagged = index.mask_of_values("objective", [objective.pk])
    groups = []
    for kind in Kind.values:
        of_kind = tagged & index.mask_of_values("kind", [kind])
        groups.append(
            {
                "kind": kind,
                "label": KIND_GROUP_LABELS[kind],
                "total": index.count(of_kind),
                "cards": result_cards(
                    first_pks(of_kind, limit=per_kind, index=index),
                    index=index,
                    template=COMPACT_CARD,
                ),
            }
        )
    return groups


def objectives_with_counts(*, index: FacetIndex | None = None) -> QuerySet:
    """Return every objective with the number of published items tagged with it."""
    return with_term_counts(Objective.objects.all(), "objective", index=index).order_by("position")
