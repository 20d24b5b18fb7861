"""Read the public catalogue: every function starts from ``Resource.objects.published()``."""

from django.db.models import Count, F, OuterRef, Prefetch, QuerySet, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Country, Objective, Organization

from .filters import ORDERINGS, Sort
from .models import Kind, Resource

CARD_PREFETCHES = ("publishers", "objectives")

# The Hub's headings for the groups of an objective page.
KIND_GROUP_LABELS = {
    Kind.DOCUMENT: _("Documents"),
    Kind.PRACTICE: _("Practices"),
    Kind.EVENT: _("Events"),
    Kind.PROJECT: _("Projects"),
    Kind.TRAINING: _("Training and guidance"),
    Kind.VIDEO: _("Videos"),
}


def resources_for_cards(queryset: QuerySet) -> QuerySet:
    """Load what a result card shows in a fixed number of queries, whatever the page size."""
    return queryset.select_related("document_type").prefetch_related(*CARD_PREFETCHES)


def resource_get_published(*, slug: str) -> Resource:
    """Return the published item with this slug, or raise Http404."""
    queryset = Resource.objects.published().select_related(
        "document_type", "primary_objective"
    ).prefetch_related(
        "publishers", "objectives", "principles", "regions", "countries", "keywords",
        "languages", "actions",
        Prefetch("language_editions", queryset=Resource.objects.published()
                 .prefetch_related("languages")),
    )
    return get_object_or_404(queryset, slug=slug)


def resources_related(*, resource: Resource, limit: int = 5) -> list[Resource]:
    """Return published items sharing an objective and, when it has any, a country."""
    objectives = [objective.pk for objective in resource.objectives.all()]
    countries = [country.pk for country in resource.countries.all()]
    related = Resource.objects.published().exclude(pk=resource.pk)
    related = related.filter(
        pk__in=Resource.objectives.through.objects.filter(objective__in=objectives)
        .values("resource")
    )
    if countries:
        related = related.filter(
            pk__in=Resource.countries.through.objects.filter(country__in=countries)
            .values("resource")
        )
    return list(resources_for_cards(related.order_by(*ORDERINGS[Sort.SCOPE]))[:limit])


def resources_latest(*, limit: int = 6) -> list[Resource]:
    """Return the most recently published items."""
    latest = Resource.objects.published().order_by("-published_at", "-id")
    return list(resources_for_cards(latest)[:limit])


def catalogue_totals() -> dict[str, int]:
    """Count published items, the countries they cover and their publishers."""
    published = Resource.objects.published()
    return {
        "resources": published.count(),
        "countries": Country.objects.filter(resources__in=published).distinct().count(),
        "publishers": Organization.objects.filter(
            published_resources__in=published
        ).distinct().count(),
    }


def objective_items_by_kind(*, objective: Objective, per_kind: int = 5) -> list[dict]:
    """Group an objective's published items by kind, a few of each, with each kind's total.

    One query fetches the first items of every kind (a window function numbers them
    within their kind), so the page costs the same whatever the number of items.
    """
    tagged = Resource.objects.published().filter(
        pk__in=Resource.objectives.through.objects.filter(objective=objective).values("resource")
    )
    totals = dict(tagged.order_by().values_list("kind").annotate(n=Count("pk")))
    ordering = [F(name[1:]).desc() if name.startswith("-") else F(name).asc()
                for name in ORDERINGS[Sort.SCOPE]]
    first_items = resources_for_cards(
        tagged.annotate(
            row=Window(RowNumber(), partition_by=[F("kind")], order_by=ordering)
        ).filter(row__lte=per_kind).order_by("kind", "row")
    )
    items: dict[str, list[Resource]] = {}
    for resource in first_items:
        items.setdefault(resource.kind, []).append(resource)
    return [
        {"kind": kind, "label": KIND_GROUP_LABELS[kind], "total": totals.get(kind, 0),
         "items": items.get(kind, [])}
        for kind in Kind.values
    ]


def objectives_with_counts() -> QuerySet:
    """Return every objective with the number of published items tagged with it."""
    tagged = Resource.objectives.through.objects.filter(
        resource__in=Resource.objects.published().values("pk"), objective=OuterRef("pk")
    ).order_by().values("objective").annotate(n=Count("pk")).values("n")
    return Objective.objects.annotate(
        published_count=Coalesce(Subquery(tagged), 0)
    ).order_by("position")
