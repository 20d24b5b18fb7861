"""Read what the home page shows: entry points into the taxonomy, latest items, totals."""

from hub.collation import sort_key
from resources.facets import term_counts
from resources.facets.index import FacetIndex
from resources.selectors import objectives_with_counts
from taxonomy.models import Country, DocumentType, GuidingPrinciple, Region


def home_entry_points(*, index: FacetIndex) -> dict:
    """Return the taxonomy terms the home page links to, counted in this index.

    Only countries with published items are offered: a visitor who picks one always finds
    something. Their counts are set on them rather than annotated in SQL, whose ``CASE`` of
    two hundred countries costs more to compile than the part takes to render, and the part
    is rendered again at every change to the catalogue.
    """
    counts = term_counts("country", index)
    countries = sorted(
        Country.objects.select_related("region").filter(pk__in=list(counts)),
        key=lambda country: (country.region.position, sort_key(country.name)),
    )
    for country in countries:
        country.published_count = counts[country.pk]
    return {
        "objectives": objectives_with_counts(index=index),
        "principles": GuidingPrinciple.objects.all(),
        "regions": Region.objects.all(),
        "countries": countries,
        "document_types": DocumentType.objects.all(),
    }
