"""Read what the home page shows: entry points into the taxonomy, latest items, totals."""

from resources.facets import with_term_counts
from resources.facets.index import FacetIndex
from resources.selectors import objectives_with_counts
from taxonomy.models import Country, DocumentType, GuidingPrinciple, Region


def home_entry_points(*, index: FacetIndex) -> dict:
    """Return the taxonomy terms the home page links to, counted in this index.

    Only countries with published items are offered: a visitor who picks one always finds
    something.
    """
    countries = (
        with_term_counts(Country.objects.select_related("region"), "country", index=index)
        .filter(published_count__gt=0)
        .order_by("region__position", "name")
    )
    return {
        "objectives": objectives_with_counts(index=index),
        "principles": GuidingPrinciple.objects.all(),
        "regions": Region.objects.all(),
        "countries": list(countries),
        "document_types": DocumentType.objects.all(),
    }
