"""Count, for each facet value, how many items a user would get by choosing it.

Counts are disjunctive: the counts of one facet apply every other active filter but not
the facet's own, so choosing a second country widens the result instead of emptying it.
All facets are counted in one SQL statement (a ``UNION ALL`` of one ``GROUP BY`` per
facet over its tag table), so the number of queries does not depend on the number of
facets, facet values or results.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import CharField, Count, F, IntegerField, QuerySet, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from .filters import ResourceFilter
from .models import Kind, Resource, Scope


@dataclass(frozen=True)
class FacetSpec:
    """How one browse parameter is counted: which relation, which code, which label."""

    parameter: str
    label: str
    relation: str = ""
    code_field: str = ""
    label_field: str = ""
    position_field: str = ""
    excludes: tuple[str, ...] = ()
    order_by: str = "position"  # "position", "label", "count" or "code-descending"

    @property
    def excluded_filters(self) -> tuple[str, ...]:
        return self.excludes or (self.parameter,)


FACETS: tuple[FacetSpec, ...] = (
    FacetSpec("objective", _("GCM objective"), "objectives", "code", "short_name", "position"),
    FacetSpec("principle", _("Guiding principle"), "principles", "slug", "name", "position"),
    FacetSpec("region", _("Region"), "regions", "slug", "name", "position"),
    FacetSpec("country", _("Country"), "countries", "iso3", "name", order_by="label"),
    FacetSpec("type", _("Type of document"), "document_type", "slug", "name", "position"),
    FacetSpec("kind", _("Kind")),
    FacetSpec("scope", _("Geographic scope")),
    FacetSpec("language", _("Language"), "languages", "code", "name", "position"),
    FacetSpec("publisher", _("Publisher"), "publishers", "slug", "name", order_by="count"),
    FacetSpec("action", _("Objective 10 action"), "actions", "letter", "letter",
              order_by="label"),
    FacetSpec("year", _("Year of publication"), excludes=("year_from", "year_to"),
              order_by="code-descending"),
)


@dataclass
class FacetValue:
    code: str
    label: str
    count: int
    position: int = 0


@dataclass
class FacetCounts:
    spec: FacetSpec
    values: list[FacetValue] = field(default_factory=list)


def facet_counts(filterset: ResourceFilter, base: QuerySet | None = None) -> list[FacetCounts]:
    """Return every facet's values with disjunctive counts over the published catalogue."""
    base = Resource.objects.published() if base is None else base
    parts = [_count_query(spec, filterset.filter_queryset(base, exclude=spec.excluded_filters))
             for spec in FACETS]
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    values: dict[str, list[FacetValue]] = defaultdict(list)
    kind_labels = dict(Kind.choices)
    kind_positions = {code: index for index, code in enumerate(Kind.values)}
    for parameter, code, label, position, count in rows:
        if code is None:
            continue
        if parameter == "kind":
            label, position = kind_labels.get(code, code), kind_positions.get(code, 0)
        elif parameter == "scope":
            scope = Scope(int(code))
            code, label = scope.code, scope.label
        values[parameter].append(FacetValue(str(code), str(label), count, position or 0))
    return [FacetCounts(spec, _sorted(spec, values[spec.parameter])) for spec in FACETS]


def _count_query(spec: FacetSpec, matching: QuerySet) -> QuerySet:
    columns = {"facet": Value(spec.parameter, output_field=CharField())}
    if spec.parameter == "kind":
        grouped = matching.order_by().values(code=F("kind"))
        columns |= {"label": F("kind"), "position": Value(0, output_field=IntegerField())}
        return _grouped(grouped, columns, "pk")
    if spec.parameter == "scope":
        scope = Cast("scope", output_field=CharField())
        grouped = matching.order_by().values(code=scope)
        columns |= {"label": scope, "position": F("scope")}
        return _grouped(grouped, columns, "pk")
    if spec.parameter == "year":
        year = Cast("publication_year", output_field=CharField())
        grouped = matching.order_by().values(code=year)
        columns |= {"label": year, "position": Value(0, output_field=IntegerField())}
        return _grouped(grouped, columns, "pk")
    relation = Resource._meta.get_field(spec.relation)
    position = (F(f"{spec.position_field}") if spec.position_field
                else Value(0, output_field=IntegerField()))
    if relation.many_to_many:
        target = relation.m2m_reverse_field_name()
        tags = relation.remote_field.through.objects.filter(
            **{f"{relation.m2m_field_name()}__in": matching.order_by().values("pk")}
        )
        position = (F(f"{target}__{spec.position_field}") if spec.position_field
                    else Value(0, output_field=IntegerField()))
        grouped = tags.values(code=F(f"{target}__{spec.code_field}"))
        columns |= {"label": F(f"{target}__{spec.label_field}"), "position": position}
        return _grouped(grouped, columns, target)
    grouped = matching.order_by().filter(**{f"{spec.relation}__isnull": False}).values(
        code=F(f"{spec.relation}__{spec.code_field}")
    )
    columns |= {
        "label": F(f"{spec.relation}__{spec.label_field}"),
        "position": F(f"{spec.relation}__{spec.position_field}") if spec.position_field
        else position,
    }
    return _grouped(grouped, columns, "pk")


def _grouped(grouped: QuerySet, columns: dict, counted: str) -> QuerySet:
    """Group by code (label and position depend on it) and count, in a fixed column order."""
    label_and_position = {name: columns[name] for name in ("label", "position")}
    return (
        grouped.annotate(**label_and_position)
        .values("code", "label", "position")
        .annotate(facet=columns["facet"], count=Count(counted))
        .values_list("facet", "code", "label", "position", "count")
    )


def _sorted(spec: FacetSpec, values: list[FacetValue]) -> list[FacetValue]:
    if spec.order_by == "label":
        return sorted(values, key=lambda value: value.label.casefold())
    if spec.order_by == "count":
        return sorted(values, key=lambda value: (-value.count, value.label.casefold()))
    if spec.order_by == "code-descending":
        return sorted(values, key=lambda value: value.code, reverse=True)
    return sorted(values, key=lambda value: (value.position, value.label))
