"""Describe the taxonomy's term lists, each term with its count and its addresses.

Which browse parameter a term list filters by, and by which code, comes from the
term's declaration (``resources.vocabulary``).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from resources.vocabulary import of_model
from taxonomy.models import (
    Country,
    DocumentType,
    GuidingPrinciple,
    Language,
    Objective,
    ObjectiveAction,
    ObjectiveCrossReference,
    Organization,
    Region,
)

from .fields import LinkOrNullField, TextOrNullField, absolute, api_list_url, browse_url


class TermSerializer(serializers.ModelSerializer):
    # A taxonomy term with its number of published items, its page on the hub and its
    # items in this API. The browse parameter and the term's code come from the
    # declaration of the parameter whose values are the serializer's model's terms.
    count = serializers.IntegerField(
        source="published_count", min_value=0, help_text=_("Published items with this term.")
    )
    url = serializers.SerializerMethodField(help_text=_("The term's page on the hub."))
    resources_url = serializers.SerializerMethodField(
        help_text=_("The term's published items in this API.")
    )

    @property
    def parameter(self) -> str:
        return of_model(self.Meta.model).parameter

    def term_code(self, term) -> str:
        return of_model(self.Meta.model).code_of(term)

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
    description = TextOrNullField()

    class Meta:
        model = GuidingPrinciple
        fields = ["slug", "name", "description", "count", "url", "resources_url"]


class RegionSerializer(TermSerializer):
    m49 = TextOrNullField(help_text=_("The UN M49 code of the region."))

    class Meta:
        model = Region
        fields = ["slug", "name", "m49", "count", "url", "resources_url"]


class CountrySerializer(TermSerializer):
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
    description = TextOrNullField()

    class Meta:
        model = DocumentType
        fields = ["slug", "name", "description", "count", "url", "resources_url"]


class LanguageSerializer(TermSerializer):
    native_name = TextOrNullField()

    class Meta:
        model = Language
        fields = ["code", "name", "native_name", "is_un_official", "count", "url", "resources_url"]


class OrganizationSerializer(TermSerializer):
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
