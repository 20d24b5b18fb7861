"""Describe the list's page with its facet counts, the errors, the kinds and the root."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from resources.facets import FacetCounts
from resources.vocabulary import FACETS

from .items import ResourceSerializer


class FacetValueSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("The value to pass in the facet's parameter."))
    label = serializers.CharField()
    count = serializers.IntegerField(
        min_value=0,
        help_text=_("Items matching every other active filter and this value."),
    )


class FacetsSerializer(serializers.Serializer):
    """Give each facet's values with their disjunctive counts, keyed by the facet's parameter."""

    def get_fields(self):
        return {
            spec.parameter: FacetValueSerializer(many=True, help_text=spec.label) for spec in FACETS
        }


def facets_data(counts: list[FacetCounts]) -> dict[str, list[dict]]:
    """Turn facet counts into the API's ``facets`` object."""
    return {
        facet.spec.parameter: [
            {"code": value.code, "label": str(value.label), "count": value.count}
            for value in facet.values
        ]
        for facet in counts
    }


@extend_schema_serializer(many=False)
class ResourcePageSerializer(serializers.Serializer):
    count = serializers.IntegerField(min_value=0, help_text=_("Items matching the filters."))
    next = serializers.URLField(allow_null=True, help_text=_("The next page, if any."))
    previous = serializers.URLField(allow_null=True, help_text=_("The previous page, if any."))
    results = ResourceSerializer(many=True)
    facets = FacetsSerializer(
        help_text=_("Disjunctive counts: each facet applies every active filter but its own.")
    )


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("What went wrong, in words."))


class FilterErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("What went wrong, in words."))
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_("For each parameter that could not be used, why."),
    )


class KindSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField(min_value=0, help_text=_("Published items of this kind."))
    url = serializers.URLField(help_text=_("The kind's items on the hub's browse page."))
    resources_url = serializers.URLField(help_text=_("The kind's published items in this API."))


class RootSerializer(serializers.Serializer):
    resources = serializers.URLField()
    objectives = serializers.URLField()
    principles = serializers.URLField()
    regions = serializers.URLField()
    countries = serializers.URLField()
    document_types = serializers.URLField()
    kinds = serializers.URLField()
    languages = serializers.URLField()
    organizations = serializers.URLField()
    schema = serializers.URLField(help_text=_("The OpenAPI 3 description of this API."))
    docs = serializers.URLField(help_text=_("Interactive documentation."))
    guide = serializers.URLField(help_text=_("A short introduction for people."))
