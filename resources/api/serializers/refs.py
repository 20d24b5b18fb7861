"""Describe the taxonomy terms an item names, each represented once per response."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from taxonomy.models import (
    Country,
    DocumentType,
    GuidingPrinciple,
    Keyword,
    Language,
    Objective,
    ObjectiveAction,
    Organization,
    Region,
)

from .fields import TextOrNullField


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
