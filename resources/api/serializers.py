"""Describe the public shape of resources, facets and taxonomy terms in the JSON API.

Only public fields are named here: an item's status, submitter, submitter's organization
and search index never appear. Text that is empty is ``null``; lists are always lists.
"""

from django.urls import reverse
from django.utils.duration import duration_iso_string
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from resources.facets import FACETS, FacetCounts
from resources.models import Kind, Resource, Scope
from resources.submission.uploads import download_path
from taxonomy.models import (
    Country,
    DocumentType,
    GuidingPrinciple,
    Keyword,
    Language,
    Objective,
    ObjectiveAction,
    ObjectiveCrossReference,
    Organization,
    Region,
)


class TextOrNullField(serializers.CharField):
    """Give stored text as it is, and empty text as ``null``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        text = str(value)
        return text or None


class LinkOrNullField(serializers.URLField):
    """Give a stored address as it is, and an empty one as ``null``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return str(value) or None


def absolute(request, path: str) -> str:
    """Make an absolute address of a path on this site, for the client that asked."""
    return request.build_absolute_uri(path) if request is not None else path


def browse_url(request, parameter: str, code: str) -> str:
    """Return the browse page filtered by one term."""
    return absolute(request, f"{reverse('resources:browse')}?{urlencode({parameter: code})}")


def api_list_url(request, parameter: str, code: str) -> str:
    """Return the API's resource list filtered by one term."""
    return absolute(request, f"{reverse('api:resource-list')}?{urlencode({parameter: code})}")


def download_url(request, resource: Resource) -> str | None:
    """Return the address that serves the item's file, or None when it has none."""
    path = download_path(resource)
    return absolute(request, path) if path else None


class CodeLabelSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("The value used in query parameters."))
    label = serializers.CharField(help_text=_("The name people read, in the request's language."))


class PublicationSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    month = serializers.IntegerField(allow_null=True, min_value=1, max_value=12)
    day = serializers.IntegerField(allow_null=True, min_value=1, max_value=31)
    display = serializers.CharField(
        help_text=_('The date as precisely as it is known, e.g. "30 July 2025" or "2025".')
    )


class TermRefSerializer(serializers.ModelSerializer):
    # A taxonomy term named on an item, represented once per response however many items
    # carry it: the same objectives, regions and publishers recur on every item of a list,
    # and building each one's dictionary again was a fifth of the list's cost. (A comment,
    # not a docstring, so that the API schema does not describe the terms with it.)

    def to_representation(self, instance):
        represented = self.context.setdefault("represented_terms", {})
        key = (type(self), instance.pk)
        if key not in represented:
            represented[key] = super().to_representation(instance)
        return represented[key]


class OrganizationRefSerializer(TermRefSerializer):
    acronym = TextOrNullField()

    class Meta:
        model = Organization
        fields = ["slug", "name", "acronym", "is_un_entity"]


class LanguageRefSerializer(TermRefSerializer):
    class Meta:
        model = Language
        fields = ["code", "name"]


class DocumentTypeRefSerializer(TermRefSerializer):
    class Meta:
        model = DocumentType
        fields = ["slug", "name"]


class ObjectiveRefSerializer(TermRefSerializer):
    class Meta:
        model = Objective
        fields = ["code", "short_name", "title"]


class PrincipleRefSerializer(TermRefSerializer):
    class Meta:
        model = GuidingPrinciple
        fields = ["slug", "name"]


class RegionRefSerializer(TermRefSerializer):
    class Meta:
        model = Region
        fields = ["slug", "name"]


class CountryRefSerializer(TermRefSerializer):
    class Meta:
        model = Country
        fields = ["iso3", "iso2", "name"]


class ActionSerializer(TermRefSerializer):
    objective = serializers.CharField(
        source="objective.code", help_text=_("The code of the objective the action belongs to.")
    )

    class Meta:
        model = ObjectiveAction
        fields = ["objective", "letter", "text"]


class KeywordSerializer(TermRefSerializer):
    class Meta:
        model = Keyword
        fields = ["slug", "name"]


class LanguageEditionSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("The edition's page on the hub."))
    api_url = serializers.SerializerMethodField(help_text=_("The edition in this API."))
    languages = LanguageRefSerializer(many=True)

    class Meta:
        model = Resource
        fields = ["slug", "title", "url", "api_url", "languages"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, resource: Resource) -> str:
        return absolute(self.context.get("request"), resource.get_absolute_url())

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, resource: Resource) -> str:
        return absolute(
            self.context.get("request"), reverse("api:resource-detail", args=[resource.slug])
        )


class ResourceSerializer(serializers.ModelSerializer):
    """Give every public field of a published item, taxonomy as codes with labels."""

    url = serializers.SerializerMethodField(help_text=_("The item's page on the hub."))
    api_url = serializers.SerializerMethodField(help_text=_("This item in the API."))
    kind = serializers.SerializerMethodField()
    link = LinkOrNullField(source="url", help_text=_("The publisher's address for the item."))
    file = serializers.SerializerMethodField(
        allow_null=True,
        help_text=_("The address to download the item's file, or null when there is none."),
    )
    publication = serializers.SerializerMethodField()
    publishers = OrganizationRefSerializer(many=True)
    authors = serializers.ListField(child=serializers.CharField(), source="author_list")
    languages = LanguageRefSerializer(many=True)
    language_editions = LanguageEditionSerializer(
        many=True, help_text=_("Published editions of the same item in other languages.")
    )
    document_type = DocumentTypeRefSerializer(allow_null=True)
    objectives = ObjectiveRefSerializer(many=True)
    primary_objective = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text=_("The code of the item's main objective."),
    )
    principles = PrincipleRefSerializer(many=True)
    scope = serializers.SerializerMethodField()
    regions = RegionRefSerializer(many=True)
    countries = CountryRefSerializer(many=True)
    actions = ActionSerializer(many=True)
    keywords = KeywordSerializer(many=True)
    implemented_by = TextOrNullField()
    practice_type = TextOrNullField()
    takeaway = TextOrNullField()
    sdgs = serializers.ListField(
        child=serializers.IntegerField(),
        source="sdg_list",
        help_text=_("Numbers of the Sustainable Development Goals the practice serves."),
    )
    implementers = TextOrNullField()
    funding = TextOrNullField()
    location = TextOrNullField()
    duration = serializers.SerializerMethodField(
        allow_null=True, help_text=_("The video's length as an ISO 8601 duration.")
    )
    duration_seconds = serializers.SerializerMethodField(
        allow_null=True, help_text=_("The video's length in seconds.")
    )
    embed_url = LinkOrNullField()

    class Meta:
        model = Resource
        fields = [
            "slug",
            "url",
            "api_url",
            "kind",
            "title",
            "summary",
            "link",
            "file",
            "publication",
            "publishers",
            "authors",
            "languages",
            "language_editions",
            "document_type",
            "objectives",
            "primary_objective",
            "principles",
            "scope",
            "regions",
            "countries",
            "actions",
            "keywords",
            "implemented_by",
            "practice_type",
            "takeaway",
            "sdgs",
            "period_start",
            "period_end",
            "starts_at",
            "ends_at",
            "location",
            "is_online",
            "implementers",
            "funding",
            "duration",
            "duration_seconds",
            "embed_url",
            "published_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, resource: Resource) -> str:
        return absolute(self.context.get("request"), resource.get_absolute_url())

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, resource: Resource) -> str:
        return absolute(
            self.context.get("request"), reverse("api:resource-detail", args=[resource.slug])
        )

    @extend_schema_field(CodeLabelSerializer)
    def get_kind(self, resource: Resource) -> dict:
        return {"code": resource.kind, "label": str(Kind(resource.kind).label)}

    @extend_schema_field(OpenApiTypes.URI)
    def get_file(self, resource: Resource) -> str | None:
        return download_url(self.context.get("request"), resource)

    @extend_schema_field(PublicationSerializer)
    def get_publication(self, resource: Resource) -> dict:
        return {
            "year": resource.publication_year,
            "month": resource.publication_month,
            "day": resource.publication_day,
            "display": resource.publication_date_display,
        }

    @extend_schema_field(CodeLabelSerializer)
    def get_scope(self, resource: Resource) -> dict:
        scope = Scope(resource.scope)
        return {"code": scope.code, "label": str(scope.label)}

    @extend_schema_field(OpenApiTypes.STR)
    def get_duration(self, resource: Resource) -> str | None:
        return duration_iso_string(resource.duration) if resource.duration else None

    @extend_schema_field(OpenApiTypes.INT)
    def get_duration_seconds(self, resource: Resource) -> int | None:
        return int(resource.duration.total_seconds()) if resource.duration else None


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


class TermSerializer(serializers.ModelSerializer):
    # A taxonomy term with its number of published items, its page on the hub and its
    # items in this API; subclasses name the browse parameter and the term's code field.
    count = serializers.IntegerField(
        source="published_count", min_value=0, help_text=_("Published items with this term.")
    )
    url = serializers.SerializerMethodField(help_text=_("The term's page on the hub."))
    resources_url = serializers.SerializerMethodField(
        help_text=_("The term's published items in this API.")
    )
    parameter = ""
    code_field = ""

    def term_code(self, term) -> str:
        return str(getattr(term, self.code_field))

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, term) -> str:
        request = self.context.get("request")
        if hasattr(term, "get_absolute_url"):
            return absolute(request, term.get_absolute_url())
        return browse_url(request, self.parameter, self.term_code(term))

    @extend_schema_field(OpenApiTypes.URI)
    def get_resources_url(self, term) -> str:
        return api_list_url(self.context.get("request"), self.parameter, self.term_code(term))


class CrossReferenceSerializer(serializers.ModelSerializer):
    objective = serializers.SlugRelatedField(
        source="referenced_objective",
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text=_("The referenced objective's code, or null for other parts of the GCM."),
    )
    paragraph = TextOrNullField()
    note = TextOrNullField()

    class Meta:
        model = ObjectiveCrossReference
        fields = ["objective", "section", "paragraph", "note"]


class ObjectiveActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ObjectiveAction
        fields = ["letter", "text"]


class ObjectiveSerializer(TermSerializer):
    parameter, code_field = "objective", "code"
    actions = ObjectiveActionSerializer(
        many=True, help_text=_("The actions through which the objective is realised.")
    )
    cross_references = CrossReferenceSerializer(
        many=True, help_text=_("Other places in the GCM that address the objective's theme.")
    )

    class Meta:
        model = Objective
        fields = [
            "code",
            "number",
            "short_name",
            "title",
            "count",
            "url",
            "resources_url",
            "actions",
            "cross_references",
        ]


class PrincipleSerializer(TermSerializer):
    parameter, code_field = "principle", "slug"
    description = TextOrNullField()

    class Meta:
        model = GuidingPrinciple
        fields = ["slug", "name", "description", "count", "url", "resources_url"]


class RegionSerializer(TermSerializer):
    parameter, code_field = "region", "slug"
    m49 = TextOrNullField(help_text=_("The UN M49 code of the region."))

    class Meta:
        model = Region
        fields = ["slug", "name", "m49", "count", "url", "resources_url"]


class CountrySerializer(TermSerializer):
    parameter, code_field = "country", "iso3"
    region = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    sub_region = TextOrNullField()
    aliases = serializers.SlugRelatedField(
        slug_field="label",
        many=True,
        read_only=True,
        help_text=_("Other names the Migration Network Hub uses for the country."),
    )

    class Meta:
        model = Country
        fields = [
            "iso3",
            "iso2",
            "m49",
            "name",
            "region",
            "sub_region",
            "aliases",
            "count",
            "url",
            "resources_url",
        ]


class DocumentTypeSerializer(TermSerializer):
    parameter, code_field = "type", "slug"
    description = TextOrNullField()

    class Meta:
        model = DocumentType
        fields = ["slug", "name", "description", "count", "url", "resources_url"]


class LanguageSerializer(TermSerializer):
    parameter, code_field = "language", "code"
    native_name = TextOrNullField()

    class Meta:
        model = Language
        fields = ["code", "name", "native_name", "is_un_official", "count", "url", "resources_url"]


class OrganizationSerializer(TermSerializer):
    parameter, code_field = "publisher", "slug"
    acronym = TextOrNullField()
    website = LinkOrNullField()

    class Meta:
        model = Organization
        fields = [
            "slug",
            "name",
            "acronym",
            "is_un_entity",
            "website",
            "count",
            "url",
            "resources_url",
        ]


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
