"""Read what the API serves, in a fixed number of queries, from the published catalogue only."""

from django.db.models import Prefetch, QuerySet

from resources.facets import term_counts, with_term_counts
from resources.selectors import objectives_with_counts
from resources.vocabulary import declared, of_model
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

# The kinds of item, a fixed choice of the item's column.
KINDS = declared("kind")


def published_count(queryset: QuerySet) -> QuerySet:
    """Annotate terms with the number of published items tagged with each, from the index.

    The facet counted is the browse parameter whose values are the queryset's terms.
    """
    return with_term_counts(queryset, of_model(queryset.model).parameter)


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
    return published_count(GuidingPrinciple.objects.all())


def regions_for_api() -> QuerySet:
    return published_count(Region.objects.all())


def countries_for_api() -> QuerySet:
    return published_count(Country.objects.select_related("region").prefetch_related("aliases"))


def document_types_for_api() -> QuerySet:
    return published_count(DocumentType.objects.all())


def languages_for_api() -> QuerySet:
    return published_count(Language.objects.all())


def publishers_for_api() -> QuerySet:
    """Return the organizations that publish at least one published item.

    Organizations known only as a submitter's affiliation are not public, so they are left out.
    """
    return published_count(public_publishers()).order_by("name", "id")


def kinds_with_counts() -> list[tuple[str, str, int]]:
    """Return each kind's code, label and number of published items, in the Hub's order."""
    totals = term_counts(KINDS.parameter)
    return [(kind.value, str(kind.label), totals.get(kind.value, 0)) for kind in KINDS.choices]
