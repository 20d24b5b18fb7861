"""Read the public catalogue: every function starts from ``Resource.objects.published()``."""

from django.db.models import F, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Objective

from .facets import attach_tags, first_pks, term_counts, with_term_counts
from .facets.current import current_index
from .facets.index import FacetIndex
from .models import Kind, Resource

CARD_PREFETCHES = ("publishers", "objectives")
SEARCH_COLUMNS = ("search_text", "search_vector")

# The Hub's headings for the groups of an objective page.
KIND_GROUP_LABELS = {
    Kind.DOCUMENT: _("Documents"),
    Kind.PRACTICE: _("Practices"),
    Kind.EVENT: _("Events"),
    Kind.PROJECT: _("Projects"),
    Kind.TRAINING: _("Training and guidance"),
    Kind.VIDEO: _("Videos"),
}


def resources_for_cards(queryset: QuerySet, *, index: FacetIndex | None = None
                        ) -> list[Resource]:
    """Load what result cards show in one query, whatever the page size.

    Publishers and objectives come from the facet index (``attach_tags``); the search
    columns, a few kilobytes per item that no card shows, stay in the database.
    """
    cards = list(queryset.select_related("document_type").defer(*SEARCH_COLUMNS))
    attach_tags(cards, CARD_PREFETCHES, index=index)
    return cards


ITEM_TAGS = ("publishers", "objectives", "principles", "regions", "countries", "languages",
             "actions")


def resource_get_published(*, slug: str, index: FacetIndex | None = None) -> Resource:
    """Return the published item with this slug, or raise Http404.

    Its tags, and its other language editions' languages, come from the facet index.
    """
    queryset = Resource.objects.published().select_related(
        "document_type", "primary_objective"
    ).defer(*SEARCH_COLUMNS).prefetch_related(
        "keywords", Prefetch("language_editions",
                             queryset=Resource.objects.published().defer(*SEARCH_COLUMNS)),
    )
    resource = get_object_or_404(queryset, slug=slug)
    index = index or current_index()
    attach_tags([resource], ITEM_TAGS, index=index)
    attach_tags(list(resource.language_editions.all()), ("languages",), index=index)
    return resource


def resources_related(*, resource: Resource, limit: int = 5,
                      index: FacetIndex | None = None) -> list[Resource]:
    """Return published items sharing an objective and, when it has any, a country."""
    index = index or current_index()
    shared = index.mask_of_values("objective", [objective.pk for objective in
                                                resource.objectives.all()])
    countries = [country.pk for country in resource.countries.all()]
    if countries:
        shared = shared & index.mask_of_values("country", countries)
    shared = shared & ~index.mask_of_pks([resource.pk])
    return _cards_in_order(first_pks(shared, limit=limit, index=index), index=index)


def _cards_in_order(pks: list[int], *, index: FacetIndex) -> list[Resource]:
    rows = {row.pk: row for row in resources_for_cards(
        Resource.objects.published().filter(pk__in=pks), index=index)}
    return [rows[pk] for pk in pks if pk in rows]


def resources_latest(*, limit: int = 6) -> list[Resource]:
    """Return the most recently published items."""
    latest = Resource.objects.published().order_by(
        F("published_at").desc(nulls_last=True), "-id"
    )
    return resources_for_cards(latest[:limit])


def catalogue_totals() -> dict[str, int]:
    """Count published items, the countries they cover and their publishers."""
    index = current_index()
    return {
        "resources": index.size,
        "countries": len(term_counts("country", index)),
        "publishers": len(term_counts("publisher", index)),
    }


def objective_items_by_kind(*, objective: Objective, per_kind: int = 5) -> list[dict]:
    """Group an objective's published items by kind, a few of each, with each kind's total.

    Totals and the first items of each kind come from the facet index; one query loads
    the cards, so the page costs the same whatever the number of items.
    """
    index = current_index()
    tagged = index.mask_of_values("objective", [objective.pk])
    firsts, totals = {}, {}
    for kind in Kind.values:
        of_kind = tagged & index.mask_of_values("kind", [kind])
        totals[kind] = index.count(of_kind)
        firsts[kind] = first_pks(of_kind, limit=per_kind, index=index)
    cards = {card.pk: card for card in _cards_in_order(
        [pk for pks in firsts.values() for pk in pks], index=index)}
    return [
        {"kind": kind, "label": KIND_GROUP_LABELS[kind], "total": totals[kind],
         "items": [cards[pk] for pk in firsts[kind] if pk in cards]}
        for kind in Kind.values
    ]


def objectives_with_counts() -> QuerySet:
    """Return every objective with the number of published items tagged with it."""
    return with_term_counts(Objective.objects.all(), "objective").order_by("position")
