"""Render result cards once per version of the catalogue and reuse them wherever they appear.

The same few hundred items head the default order, so the same cards fill the browse page,
the landing pages and the related items of most item pages; rendering a card and loading
its row cost more than the rest of an item page. Rendered cards are kept with the facet
index they were read with (``FacetIndex.rendered``): any change to an item, its tags or the
taxonomy replaces the index, and its cards with it, so a card is never older than the
catalogue the rest of the page shows. On search results a card shows a snippet of the
summary with the matched words; it is put in place of the summary of the remembered card.
"""

from django.db.models import QuerySet
from django.template.loader import get_template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from .facets import attach_tags, attach_terms
from .facets.current import current_index
from .facets.index import FacetIndex
from .models import SEARCH_COLUMNS, Resource

CARD = "includes/resource_card.html"
COMPACT_CARD = "includes/resource_card_compact.html"
# Languages: each card marks its title and summary with the item's language.
CARD_TAGS = ("publishers", "objectives", "languages")
# The summary's paragraph opens with its class, then the item's lang and dir attributes.
SUMMARY_START, SUMMARY_END = '<p class="card-summary"', "</p>"


def resources_for_cards(queryset: QuerySet, *, index: FacetIndex | None = None) -> list[Resource]:
    """Load what result cards show in one query, whatever the page size.

    Document types, publishers and objectives come from the facet index; the search
    columns, a few kilobytes per item that no card shows, stay in the database.
    """
    index = index or current_index()
    cards = list(queryset.defer(*SEARCH_COLUMNS))
    attach_terms(cards, ("document_type",), index=index)
    attach_tags(cards, CARD_TAGS, index=index)
    return cards


def result_cards(
    pks: list[int],
    *,
    index: FacetIndex,
    template: str = CARD,
    snippets: dict[int, str] | None = None,
) -> list[SafeString]:
    """Return the cards of these published items in the order given.

    Only the items without a remembered card are read from the database, in one query.
    Items that are no longer published are left out. An item with a search snippet gets
    its remembered card with the snippet in place of the summary.
    """
    language = get_language()
    cards: dict[int, SafeString] = {}
    for pk in pks:
        card = index.rendered.peek(("card", template, language, pk))
        if card is not None:
            cards[pk] = card
    missing = [pk for pk in pks if pk not in cards]
    if missing:
        card_template = get_template(template)
        rows = resources_for_cards(Resource.objects.published().filter(pk__in=missing), index=index)
        for resource in rows:
            card = SafeString(card_template.render({"resource": resource}))
            index.rendered.put(("card", template, language, resource.pk), card)
            cards[resource.pk] = card
    snippets = snippets or {}
    return [with_snippet(cards[pk], snippets.get(pk)) for pk in pks if pk in cards]


def with_snippet(card: SafeString, snippet: str | None) -> SafeString:
    """Show a search snippet (HTML) in a card instead of the start of the summary.

    A card holds its summary, escaped, in its one ``<p class="card-summary" …>``; escaped
    text cannot close the paragraph early, so the card splits there safely. The
    paragraph keeps its attributes: the snippet is in the item's language too.
    """
    if not snippet:
        return card
    before, found, rest = card.partition(SUMMARY_START)
    if not found:
        return card
    attributes, _, rest = rest.partition(">")
    _, _, after = rest.partition(SUMMARY_END)
    opening = SUMMARY_START + attributes + ">"
    return SafeString(before + opening + conditional_escape(snippet) + SUMMARY_END + after)
