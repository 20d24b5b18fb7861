"""Serve the read-only JSON API: published resources with facets, and the taxonomy.

Every item and every count comes from ``Resource.objects.published()``. Views answer JSON
only, treat every client as anonymous (no session or password is read) and are rate
limited per client.
"""

from functools import partial

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from drf_spectacular.settings import spectacular_settings
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularSwaggerView
from rest_framework import generics
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from resources.addresses import current_address_redirect
from resources.facets import matching, matching_results, published_in_order
from resources.filters import MAX_PARAMETERS, MAX_VALUES_PER_PARAMETER, ResourceFilter, Sort
from resources.models import Resource
from resources.selectors import resource_get_published, resources_with_tags
from resources.vocabulary import FACETS, declared

from . import selectors
from .filtering import ResourceFilterBackend
from .languages import LANGUAGE_PARAMETER, activate_requested_language, mark_language
from .pagination import HubPagination
from .serializers import (
    CountrySerializer,
    DocumentTypeSerializer,
    ErrorSerializer,
    FilterErrorSerializer,
    KindSerializer,
    LanguageSerializer,
    ObjectiveSerializer,
    OrganizationSerializer,
    PrincipleSerializer,
    RegionSerializer,
    ResourcePageSerializer,
    ResourceSerializer,
    RootSerializer,
    absolute,
    api_list_url,
    browse_url,
    facets_data,
)
from .throttling import AnonymousRateThrottle

TAXONOMY_TAG = "taxonomy"
RESOURCES_TAG = "resources"

COMMON_ERRORS = {
    400: FilterErrorSerializer,
    429: ErrorSerializer,
}


# The schema and documentation views come from drf-spectacular; they get the same
# anonymous access and rate limit as the API itself.
PUBLIC_VIEW_OPTIONS = {
    "authentication_classes": [],
    "throttle_classes": [AnonymousRateThrottle],
}


class PublicAPIMixin:
    """Answer JSON to anonymous clients, rate limited, with no filters unless a view adds them."""

    authentication_classes: list = []
    renderer_classes = [JSONRenderer]
    throttle_classes = [AnonymousRateThrottle]
    filter_backends: list = []
    pagination_class = None

    def initial(self, request: Request, *args, **kwargs) -> None:
        activate_requested_language(request)
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request: Request, response, *args, **kwargs):
        return mark_language(super().finalize_response(request, response, *args, **kwargs))


FILTER_PARAMETERS = [
    OpenApiParameter(
        "q",
        {"type": "string", "maxLength": 5000},
        OpenApiParameter.QUERY,
        description=_(
            'Free text: words, "exact phrases", or, -excluded. '
            "Only the first 500 characters are used."
        ),
    ),
    *[parameter for facet in FACETS for parameter in facet.openapi_parameters()],
    OpenApiParameter(
        "sort",
        {"type": "string", "enum": [code for code, _label in Sort.CHOICES]},
        OpenApiParameter.QUERY,
        description=_(
            "Order of results. Default: relevance with a text query, otherwise "
            "global items first, then newest."
        ),
    ),
    OpenApiParameter(
        "page",
        {"type": "integer", "minimum": 1},
        OpenApiParameter.QUERY,
        description=_("Page number. A page beyond the last one answers 404."),
    ),
    OpenApiParameter(
        "page_size",
        {"type": "integer", "minimum": 1, "maximum": 100},
        OpenApiParameter.QUERY,
        description=_("Items per page: 20 unless given, at most 100."),
    ),
    LANGUAGE_PARAMETER,
]


@extend_schema_view(
    get=extend_schema(
        tags=[RESOURCES_TAG],
        summary=_("Search and filter published resources"),
        description=format_lazy(
            _(
                "Takes the same parameters as the browse page /resources/. Values of one parameter "
                "combine with OR, parameters with AND. An unknown value answers 400 and names the "
                "parameter; unknown parameters are ignored. More than {values} values of one "
                "parameter, or more than {parameters} parameters, answer 400. Facets are counted "
                "disjunctively: the counts of one facet apply every active filter except its own."
            ),
            values=MAX_VALUES_PER_PARAMETER,
            parameters=MAX_PARAMETERS,
        ),
        parameters=FILTER_PARAMETERS,
        responses={
            200: ResourcePageSerializer,
            400: FilterErrorSerializer,
            404: ErrorSerializer,
            **COMMON_ERRORS,
        },
    )
)
class ResourceListView(PublicAPIMixin, generics.ListAPIView):
    """List published resources with the browse page's filters and the facet counts."""

    serializer_class = ResourceSerializer
    filter_backends = [ResourceFilterBackend]
    filterset_class = ResourceFilter
    pagination_class = HubPagination
    filterset: ResourceFilter | None = None

    def get_queryset(self):
        return Resource.objects.published()

    def list(self, request: Request, *args, **kwargs) -> Response:
        # Counts, order and pages come from the facet index: the filters are only checked.
        filterset = ResourceFilterBackend().valid_filterset(request, self.get_queryset(), self)
        found = matching(filterset)
        load = partial(resources_with_tags, index=found.index)
        page = self.paginate_queryset(
            matching_results(found, load=partial(published_in_order, load=load))
        )
        response = self.get_paginated_response(self.get_serializer(page, many=True).data)
        response.data["facets"] = facets_data(found.facet_counts())
        return response


@extend_schema_view(
    get=extend_schema(
        tags=[RESOURCES_TAG],
        summary=_("One published resource"),
        description=_("An item that does not exist or is not published answers 404."),
        parameters=[LANGUAGE_PARAMETER],
        responses={200: ResourceSerializer, 404: ErrorSerializer, **COMMON_ERRORS},
    )
)
class ResourceDetailView(PublicAPIMixin, generics.RetrieveAPIView):
    """Show one published resource; anything else is 404."""

    serializer_class = ResourceSerializer

    def get_object(self) -> Resource:
        return resource_get_published(slug=self.kwargs["slug"])

    def retrieve(self, request: Request, *args, **kwargs) -> Response | HttpResponse:
        """Answer a slug the item had before a rename with 301 to its current address."""
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            return current_address_redirect(
                request, view_name="api:resource-detail", slug=self.kwargs["slug"]
            )


def _taxonomy_schema(serializer, summary, description=None):
    return extend_schema_view(
        get=extend_schema(
            tags=[TAXONOMY_TAG],
            summary=summary,
            description=description,
            parameters=[LANGUAGE_PARAMETER],
            responses={200: serializer(many=True), **COMMON_ERRORS},
        )
    )


@_taxonomy_schema(
    ObjectiveSerializer,
    _("GCM objectives"),
    _(
        "The 23 objectives and General, each with its actions, cross-references and the "
        "number of published items. Not paginated."
    ),
)
class ObjectiveListView(PublicAPIMixin, generics.ListAPIView):
    """List the GCM objectives with their actions, cross-references and item counts."""

    serializer_class = ObjectiveSerializer

    def get_queryset(self):
        return selectors.objectives_for_api()


@_taxonomy_schema(PrincipleSerializer, _("Guiding principles"), _("Not paginated."))
class PrincipleListView(PublicAPIMixin, generics.ListAPIView):
    """List the guiding principles with their item counts."""

    serializer_class = PrincipleSerializer

    def get_queryset(self):
        return selectors.principles_for_api()


@_taxonomy_schema(RegionSerializer, _("Regions"), _("Not paginated."))
class RegionListView(PublicAPIMixin, generics.ListAPIView):
    """List the regions with their item counts."""

    serializer_class = RegionSerializer

    def get_queryset(self):
        return selectors.regions_for_api()


@_taxonomy_schema(
    CountrySerializer,
    _("Countries"),
    _("Every UN Member State with its ISO and M49 codes, region and other labels. Not paginated."),
)
class CountryListView(PublicAPIMixin, generics.ListAPIView):
    """List the countries with their codes, region, aliases and item counts."""

    serializer_class = CountrySerializer

    def get_queryset(self):
        return selectors.countries_for_api()


@_taxonomy_schema(DocumentTypeSerializer, _("Document types"), _("Not paginated."))
class DocumentTypeListView(PublicAPIMixin, generics.ListAPIView):
    """List the document types with their item counts."""

    serializer_class = DocumentTypeSerializer

    def get_queryset(self):
        return selectors.document_types_for_api()


@_taxonomy_schema(
    LanguageSerializer,
    _("Languages"),
    _("Every ISO 639-1 language the hub knows, the six UN languages first. Not paginated."),
)
class LanguageListView(PublicAPIMixin, generics.ListAPIView):
    """List the languages with their item counts."""

    serializer_class = LanguageSerializer

    def get_queryset(self):
        return selectors.languages_for_api()


@extend_schema_view(
    get=extend_schema(
        tags=[TAXONOMY_TAG],
        summary=_("Publishers"),
        description=_(
            "Organizations that publish at least one published item, by name. "
            "Paginated like the resource list."
        ),
        parameters=[LANGUAGE_PARAMETER],
        responses={200: OrganizationSerializer(many=True), 404: ErrorSerializer, **COMMON_ERRORS},
    )
)
class OrganizationListView(PublicAPIMixin, generics.ListAPIView):
    """List the organizations that publish published items, a page at a time."""

    serializer_class = OrganizationSerializer
    pagination_class = HubPagination

    def get_queryset(self):
        return selectors.publishers_for_api()


class KindListView(PublicAPIMixin, APIView):
    """List the kinds of item with their item counts."""

    @extend_schema(
        tags=[TAXONOMY_TAG],
        summary=_("Kinds of item"),
        description=_("Not paginated."),
        parameters=[LANGUAGE_PARAMETER],
        responses={200: KindSerializer(many=True), **COMMON_ERRORS},
    )
    def get(self, request: Request) -> Response:
        kinds = declared("kind")
        listed = [
            {
                "code": code,
                "label": label,
                "count": count,
                "url": browse_url(request, kinds.parameter, code),
                "resources_url": api_list_url(request, kinds.parameter, code),
            }
            for code, label, count in selectors.kinds_with_counts()
        ]
        return Response(KindSerializer(listed, many=True).data)


class RootView(PublicAPIMixin, APIView):
    """List the API's endpoints."""

    @extend_schema(
        tags=["api"],
        summary=_("The API's endpoints"),
        parameters=[LANGUAGE_PARAMETER],
        responses={200: RootSerializer, **COMMON_ERRORS},
    )
    def get(self, request: Request) -> Response:
        names = {
            "resources": "api:resource-list",
            "objectives": "api:objective-list",
            "principles": "api:principle-list",
            "regions": "api:region-list",
            "countries": "api:country-list",
            "document_types": "api:document-type-list",
            "kinds": "api:kind-list",
            "languages": "api:language-list",
            "organizations": "api:organization-list",
            "schema": "api:schema",
            "docs": "api:docs",
            "guide": "api:guide",
        }
        return Response({key: absolute(request, reverse(name)) for key, name in names.items()})


class DocsView(SpectacularSwaggerView):
    """Serve Swagger UI from the hub's own static files, calling no other site."""

    template_name = "api/swagger_ui.html"

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        configured = spectacular_settings.SWAGGER_UI_SETTINGS
        if isinstance(configured, dict):
            # Swagger UI otherwise sends the schema's address to an outside validator.
            response.data["settings"] = self._dump({**configured, "validatorUrl": None})
        return response


def guide(request: HttpRequest) -> HttpResponse:
    """Introduce the API to people, with examples, in a page that works without JavaScript."""
    example = f"{reverse('api:resource-list')}?objective=10&country=NGA&sort=newest"
    return render(
        request,
        "api/guide.html",
        {
            "example_url": absolute(request, example),
            "rate": _rate_text(api_settings.DEFAULT_THROTTLE_RATES.get("anon")),
        },
    )


def _rate_text(rate: str | None) -> str:
    """Say a REST framework rate such as "120/minute" in words: "120 requests a minute"."""
    try:
        number, period = (rate or "").split("/")
        count = int(number)
    except ValueError:
        return ""
    # One whole sentence per period: the unit's case and gender change the words around it.
    sentences = {
        "s": ngettext("%(count)s request a second", "%(count)s requests a second", count),
        "m": ngettext("%(count)s request a minute", "%(count)s requests a minute", count),
        "h": ngettext("%(count)s request an hour", "%(count)s requests an hour", count),
        "d": ngettext("%(count)s request a day", "%(count)s requests a day", count),
    }
    sentence = sentences.get(period[:1])
    if sentence is None:
        return ""
    return sentence % {"count": count}


def not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """Answer an address under /api/ that names no endpoint with a JSON 404."""
    return JsonResponse(
        {"detail": str(_("There is no API endpoint at this address. See /api/ for the list."))},
        status=404,
    )
