"""Give the API's shared fields and addresses: text or null, links, absolute URLs, codes."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from hub.preloaded import related
from resources.models import Resource
from resources.submission.uploads import download_path


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


class RelatedListSerializer(serializers.ListSerializer):
    """List an item's rows of a relation as ``hub.preloaded.related`` reads them.

    Lists and item pages attach their items' tags from the facet index; the related
    manager knows nothing of them and would ask the database once per item and relation.
    """

    def get_attribute(self, instance):
        return related(instance, self.source)


def related_list(child: type[serializers.Serializer], **kwargs) -> RelatedListSerializer:
    """Return the field listing a relation of an item with the ``child`` serializer."""
    return RelatedListSerializer(child=child(), **kwargs)


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
