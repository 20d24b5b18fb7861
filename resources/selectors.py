"""Read the public catalogue: every function starts from ``Resource.objects.published()``."""

from django.db.models import F, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Objective

from .cards import COMPACT_CARD, result_cards
from .facets import (
    attach_tags,
    attach_terms,
    first_pks,
    set_prefetched,
    term_counts,
    with_term_counts,
)
from .facets.current import current_index
from .facets.index import FacetIndex
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

ITEM_TAGS = ("publishers", "objectives", "principles", "regions", "countries", "languages",
             "actions", "keywords")


def resource_get_published(*, slug: str, index: FacetIndex | None = None) -> Resource:
    """Return the published item with this slug, or raise Http404.

    One query reads the item. Its tags, keywords, document type and primary objective come
    from the facet index, and its other language editions, which few items have, from a
    second query only when it has any: the prefetching machinery cost more than the item
    page's queries themselves.
    """
    index = index or current_index()
    resource = get_object_or_404(Resource.objects.published().defer(*SEARCH_COLUMNS), slug=slug)
    attach_terms([resource], ("document_type", "primary_objective"), index=index)
    attach_tags([resource], ITEM_TAGS, index=index)
    language_editions = []
    if index.may_have_editions(resource.pk):
        language_editions = list(Resource.objects.published().defer(*SEARCH_COLUMNS)
                                 .filter(language_editions=resource))
        attach_tags(language_editions, ("languages",), index=index)
    set_prefetched(resource, "language_editions", language_editions)
    return resource


def related_cards(*, resource: Resource, limit: int = 5,
                  index: FacetIndex | None = None) -> list[SafeString]:
    """Return the cards of published items sharing an objective and, when it has any, a country."""
    index = index or current_index()
    shared = index.mask_of_values("objective", [objective.pk for objective in
                                                resource.objectives.all()])
    countries = [country.pk for country in resource.countries.all()]
    if countries:
        shared = shared & index.mask_of_values("country", countries)
    shared = shared & ~index.mask_of_pks([resource.pk])
    return result_cards(first_pks(shared, limit=limit, index=index), index=index)


def latest_cards(*, limit: int = 6, index: FacetIndex | None = None) -> list[SafeString]:
    """Return the cards of the most recently published items."""
    latest = Resource.objects.published().order_by(
        F("published_at").desc(nulls_last=True), "-id"
    ).values_list("pk", flat=True)
    return result_cards(list(latest[:limit]), index=index or current_index())


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
        groups.append({
            "kind": kind, "label": KIND_GROUP_LABELS[kind], "total": index.count(of_kind),
            "cards": result_cards(first_pks(of_kind, limit=per_kind, index=index),
                                  index=index, template=COMPACT_CARD),
        })
    return groups


def objectives_with_counts(*, index: FacetIndex | None = None) -> QuerySet:
    """Return every objective with the number of published items tagged with it."""
    return with_term_counts(Objective.objects.all(), "objective", index=index
                            ).order_by("position")
