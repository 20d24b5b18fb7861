"""Read what the API serves, in a fixed number of queries, from the published catalogue only."""

from django.db.models import Prefetch, QuerySet

from resources.facets import term_counts, with_term_counts
from resources.models import Kind
from resources.selectors import objectives_with_counts
from taxonomy.models import (
    Country,
    DocumentType,
    GuidingPrinciple,
    Language,
    ObjectiveAction,
    ObjectiveCrossReference,
    Region,
)
from taxonomy.selectors import public_publishers


def published_count(queryset: QuerySet, relation: str) -> QuerySet:
    """Annotate terms with the number of published items tagged with each, from the index.

    ``relation`` is the browse parameter that names the term (``principle``, ``country``…).
    """
    return with_term_counts(queryset, relation)


def objectives_for_api() -> QuerySet:
    return objectives_with_counts().prefetch_related(
        Prefetch("actions", queryset=ObjectiveAction.objects.order_by("letter")),
        Prefetch(
            "cross_references",
            queryset=ObjectiveCrossReference.objects.select_related(
                "referenced_objective"
            ).order_by("position", "id"),
        ),
    )


def principles_for_api() -> QuerySet:
    return published_count(GuidingPrinciple.objects.all(), "principle")


def regions_for_api() -> QuerySet:
    return published_count(Region.objects.all(), "region")


def countries_for_api() -> QuerySet:
    return published_count(
        Country.objects.select_related("region").prefetch_related("aliases"), "country"
    )


def document_types_for_api() -> QuerySet:
    return published_count(DocumentType.objects.all(), "type")


def languages_for_api() -> QuerySet:
    return published_count(Language.objects.all(), "language")


def publishers_for_api() -> QuerySet:
    """Return the organizations that publish at least one published item.

    Organizations known only as a submitter's affiliation are not public, so they are left out.
    """
    return published_count(public_publishers(), "publisher").order_by("name", "id")


def kinds_with_counts() -> list[tuple[str, str, int]]:
    """Return each kind's code, label and number of published items, in the Hub's order."""
    totals = term_counts("kind")
    return [(kind.value, str(kind.label), totals.get(kind.value, 0)) for kind in Kind]
