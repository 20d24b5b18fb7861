"""Describe a published item: every public field, taxonomy as codes with labels."""

from django.urls import reverse
from django.utils.duration import duration_iso_string
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from resources.models import Kind, Resource, Scope

from .fields import (
    CodeLabelSerializer,
    LinkOrNullField,
    PublicationSerializer,
    TextOrNullField,
    absolute,
    download_url,
    related_list,
)
from .refs import (
    ActionSerializer,
    CountryRefSerializer,
    DocumentTypeRefSerializer,
    KeywordSerializer,
    LanguageRefSerializer,
    ObjectiveRefSerializer,
    OrganizationRefSerializer,
    PrincipleRefSerializer,
    RegionRefSerializer,
)


class LanguageEditionSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("The edition's page on the hub."))
    api_url = serializers.SerializerMethodField(help_text=_("The edition in this API."))
    languages = related_list(LanguageRefSerializer)

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
    publishers = related_list(OrganizationRefSerializer)
    authors = serializers.ListField(child=serializers.CharField(), source="author_list")
    languages = related_list(LanguageRefSerializer)
    language_editions = related_list(
        LanguageEditionSerializer,
        help_text=_("Published editions of the same item in other languages."),
    )
    document_type = DocumentTypeRefSerializer(allow_null=True)
    objectives = related_list(ObjectiveRefSerializer)
    primary_objective = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text=_("The code of the item's main objective."),
    )
    principles = related_list(PrincipleRefSerializer)
    scope = serializers.SerializerMethodField()
    regions = related_list(RegionRefSerializer)
    countries = related_list(CountryRefSerializer)
    actions = related_list(ActionSerializer)
    keywords = related_list(KeywordSerializer)
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
