"""Describe the public shape of resources, facets and taxonomy terms in the JSON API.

Only public fields are named here: an item's status, submitter, submitter's organization
and search index never appear. Text that is empty is ``null``; lists are always lists.

- ``fields``: shared fields and addresses;
- ``refs``: the terms an item names;
- ``items``: a published item;
- ``terms``: the taxonomy's term lists;
- ``pages``: the list's page with facets, errors, kinds and the root.
"""

from .fields import (
    CodeLabelSerializer,
    LinkOrNullField,
    PublicationSerializer,
    TextOrNullField,
    absolute,
    api_list_url,
    browse_url,
    download_url,
)
from .items import LanguageEditionSerializer, ResourceSerializer
from .pages import (
    ErrorSerializer,
    FacetsSerializer,
    FacetValueSerializer,
    FilterErrorSerializer,
    KindSerializer,
    ResourcePageSerializer,
    RootSerializer,
    facets_data,
)
from .terms import (
    CountrySerializer,
    DocumentTypeSerializer,
    LanguageSerializer,
    ObjectiveSerializer,
    OrganizationSerializer,
    PrincipleSerializer,
    RegionSerializer,
    TermSerializer,
)

__all__ = [
    "CodeLabelSerializer",
    "CountrySerializer",
    "DocumentTypeSerializer",
    "ErrorSerializer",
    "FacetValueSerializer",
    "FacetsSerializer",
    "FilterErrorSerializer",
    "KindSerializer",
    "LanguageEditionSerializer",
    "LanguageSerializer",
    "LinkOrNullField",
    "ObjectiveSerializer",
    "OrganizationSerializer",
    "PrincipleSerializer",
    "PublicationSerializer",
    "RegionSerializer",
    "ResourcePageSerializer",
    "ResourceSerializer",
    "RootSerializer",
    "TermSerializer",
    "TextOrNullField",
    "absolute",
    "api_list_url",
    "browse_url",
    "download_url",
    "facets_data",
]
