"""Read what the API serves, in a fixed number of queries, from the published catalogue only."""

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from resources.models import Kind, Resource
from resources.selectors import objectives_with_counts
from taxonomy.models import (
    Country,
    DocumentType,
    GuidingPrinciple,
    Language,
    ObjectiveAction,
    ObjectiveCrossReference,
    Organization,
    Region,
)


def resources_for_api(queryset: QuerySet) -> QuerySet:
    """Load every public field of the items in a fixed number of queries, whatever their number.

    Other language editions are limited to published ones.
    """
    return queryset.select_related("document_type", "primary_objective").prefetch_related(
        "publishers", "languages", "objectives", "principles", "regions", "countries",
        "keywords",
        Prefetch("actions", queryset=ObjectiveAction.objects.select_related("objective")),
        Prefetch(
            "language_editions",
            queryset=Resource.objects.published().order_by("title", "id")
            .prefetch_related("languages"),
        ),
    )


def published_count(relation: str) -> Coalesce:
    """Count, for each term, the published items tagged with it, as one correlated subquery.

    ``relation`` is the name of the ``Resource`` field that points at the term.
    """
    field = Resource._meta.get_field(relation)
    published = Resource.objects.published()
    if field.many_to_many:
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        tagged = field.remote_field.through.objects.filter(
            **{f"{source}__in": published.values("pk"), target: OuterRef("pk")}
        ).order_by().values(target)
    else:
        tagged = published.filter(**{relation: OuterRef("pk")}).order_by().values(relation)
    return Coalesce(Subquery(tagged.annotate(n=Count("pk")).values("n")), 0)


def objectives_for_api() -> QuerySet:
    return objectives_with_counts().prefetch_related(
        Prefetch("actions", queryset=ObjectiveAction.objects.order_by("letter")),
        Prefetch(
            "cross_references",
            queryset=ObjectiveCrossReference.objects.select_related("referenced_objective")
            .order_by("position", "id"),
        ),
    )


def principles_for_api() -> QuerySet:
    return GuidingPrinciple.objects.annotate(published_count=published_count("principles"))


def regions_for_api() -> QuerySet:
    return Region.objects.annotate(published_count=published_count("regions"))


def countries_for_api() -> QuerySet:
    return (
        Country.objects.select_related("region").prefetch_related("aliases")
        .annotate(published_count=published_count("countries"))
    )


def document_types_for_api() -> QuerySet:
    return DocumentType.objects.annotate(published_count=published_count("document_type"))


def languages_for_api() -> QuerySet:
    return Language.objects.annotate(published_count=published_count("languages"))


def publishers_for_api() -> QuerySet:
    """Return the organizations that publish at least one published item.

    Organizations known only as a submitter's affiliation are not public, so they are left out.
    """
    return (
        Organization.objects.annotate(published_count=published_count("publishers"))
        .filter(published_count__gt=0)
        .order_by("name", "id")
    )


def kinds_with_counts() -> list[tuple[str, str, int]]:
    """Return each kind's code, label and number of published items, in the Hub's order."""
    totals = dict(
        Resource.objects.published().order_by().values_list("kind").annotate(n=Count("pk"))
    )
    return [(kind.value, str(kind.label), totals.get(kind.value, 0)) for kind in Kind]
