"""Answer the six OAI-PMH verbs at ``/oai``, by GET or by POST, always as XML with HTTP 200.

The one exception is flow control, which OAI-PMH leaves to HTTP: each client may send
``HUB_RATE_LIMITS["oai"]`` requests, then gets 503 with ``Retry-After`` until its window
ends. It is 503 rather than the 429 of the hub's other limits because that is what the
protocol names for flow control (OAI-PMH 2.0, HTTP status codes) and so what harvesters
wait on and retry, going on from where they stopped; a 429 would end their harvest.
"""

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from email.utils import parseaddr

from django.conf import settings
from django.db.models import Min, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from hub.ratelimits import check_rate_limit
from resources.models import Resource

from . import records, tokens
from .markup import (
    DC_NS,
    OAI_DC_NS,
    OAI_DC_SCHEMA,
    OAI_IDENTIFIER_NS,
    OAI_IDENTIFIER_SCHEMA,
    OAI_NS,
    OAI_SCHEMA,
    XSI_NS,
    element,
    serialize,
    sub,
)
from .protocol import (
    GRANULARITY,
    METADATA_PREFIX,
    OAIError,
    Request,
    check_metadata_prefix,
    date_range,
    format_datestamp,
    parse_request,
)

REPOSITORY_NAME = "GCM Objective 10 Knowledge Hub"
DEFAULT_PAGE_SIZE = 100
# The oai-identifier scheme wants a domain name as the repository identifier.
DOMAIN_NAME = r"[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+"


def page_size() -> int:
    """Return how many headers or records one list response holds."""
    return max(1, int(getattr(settings, "HUB_OAI_PAGE_SIZE", DEFAULT_PAGE_SIZE)))


def admin_email() -> str:
    """Return the repository's contact address: HUB_ADMIN_EMAIL, else DEFAULT_FROM_EMAIL's."""
    configured = getattr(settings, "HUB_ADMIN_EMAIL", "")
    return configured or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def endpoint(request: HttpRequest) -> HttpResponse:
    """Answer one OAI-PMH request; errors are the protocol's error codes, never HTTP errors."""
    refusal = check_rate_limit(request, group="oai", keys=("ip",), methods=("GET", "HEAD", "POST"))
    if refusal is not None:
        return harvest_paused(retry_after=int(refusal["Retry-After"]))
    query = request.POST if request.method == "POST" else request.GET
    base_url = request.build_absolute_uri(reverse("opendata:oai"))
    oai_request = None
    with translation.override(settings.LANGUAGE_CODE):
        try:
            oai_request = parse_request(query)
            payload = HANDLERS[oai_request.verb](request, oai_request)
        except OAIError as error:
            root = envelope(base_url, oai_request if error.echoes_arguments else None)
            sub(root, "error", error.message, {"code": error.code})
        else:
            root = envelope(base_url, oai_request)
            root.append(payload)
    return HttpResponse(serialize(root), content_type="text/xml; charset=utf-8")


def harvest_paused(*, retry_after: int) -> HttpResponse:
    """Ask a harvester to wait ``retry_after`` seconds: OAI-PMH's flow control (503)."""
    message = ngettext(
        "This harvester has sent too many requests. Please try again in %(seconds)d second.",
        "This harvester has sent too many requests. Please try again in %(seconds)d seconds.",
        retry_after,
    ) % {"seconds": retry_after}
    response = HttpResponse(message + "\n", status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(retry_after)
    return response


def envelope(base_url: str, oai_request: Request | None) -> ET.Element:
    """Start a response: the root element, the response date and the request echoed."""
    root = element(
        "OAI-PMH",
        {
            "xmlns": OAI_NS,
            "xmlns:xsi": XSI_NS,
            "xsi:schemaLocation": f"{OAI_NS} {OAI_SCHEMA}",
        },
    )
    sub(root, "responseDate", format_datestamp(timezone.now()))
    attributes = {}
    if oai_request is not None:
        attributes = {"verb": oai_request.verb, **oai_request.arguments}
    sub(root, "request", base_url, attributes)
    return root


def identify(request: HttpRequest, oai_request: Request) -> ET.Element:
    """Describe the repository."""
    earliest = records.harvestable().aggregate(earliest=Min("updated_at"))["earliest"]
    payload = element("Identify")
    sub(payload, "repositoryName", REPOSITORY_NAME)
    sub(payload, "baseURL", request.build_absolute_uri(reverse("opendata:oai")))
    sub(payload, "protocolVersion", "2.0")
    sub(payload, "adminEmail", admin_email())
    sub(payload, "earliestDatestamp", format_datestamp(earliest or timezone.now()))
    sub(payload, "deletedRecord", "persistent")
    sub(payload, "granularity", GRANULARITY)
    repository_id = records.repository_id()
    if re.fullmatch(DOMAIN_NAME, repository_id):
        description = sub(payload, "description")
        scheme = sub(
            description,
            "oai-identifier",
            attributes={
                "xmlns": OAI_IDENTIFIER_NS,
                "xmlns:xsi": XSI_NS,
                "xsi:schemaLocation": f"{OAI_IDENTIFIER_NS} {OAI_IDENTIFIER_SCHEMA}",
            },
        )
        sub(scheme, "scheme", "oai")
        sub(scheme, "repositoryIdentifier", repository_id)
        sub(scheme, "delimiter", ":")
        sub(scheme, "sampleIdentifier", f"oai:{repository_id}:{records.LOCAL_PREFIX}1")
    return payload


def list_metadata_formats(request: HttpRequest, oai_request: Request) -> ET.Element:
    """List ``oai_dc``, after checking the item when an identifier is given."""
    identifier = oai_request.arguments.get("identifier")
    if identifier is not None:
        records.find(identifier, records.harvestable())
    payload = element("ListMetadataFormats")
    metadata_format = sub(payload, "metadataFormat")
    sub(metadata_format, "metadataPrefix", METADATA_PREFIX)
    sub(metadata_format, "schema", OAI_DC_SCHEMA)
    sub(metadata_format, "metadataNamespace", OAI_DC_NS)
    return payload


def list_sets(request: HttpRequest, oai_request: Request) -> ET.Element:
    """List the sets: every GCM objective and every kind, under two parent sets."""
    if "resumptionToken" in oai_request.arguments:
        raise OAIError("badResumptionToken", "ListSets is complete in one response.")
    payload = element("ListSets")
    for spec, name, description in records.all_sets():
        oai_set = sub(payload, "set")
        sub(oai_set, "setSpec", spec)
        sub(oai_set, "setName", name)
        if description:
            dc = sub(
                sub(oai_set, "setDescription"),
                "oai_dc:dc",
                attributes={
                    "xmlns:oai_dc": OAI_DC_NS,
                    "xmlns:dc": DC_NS,
                    "xmlns:xsi": XSI_NS,
                    "xsi:schemaLocation": f"{OAI_DC_NS} {OAI_DC_SCHEMA}",
                },
            )
            sub(dc, "dc:description", description)
    return payload


def get_record(request: HttpRequest, oai_request: Request) -> ET.Element:
    """Return one record, or its deleted header."""
    check_metadata_prefix(oai_request.arguments["metadataPrefix"])
    resource = records.find(oai_request.arguments["identifier"], records.record_queryset())
    payload = element("GetRecord")
    records.add_record(payload, resource, request)
    return payload


def list_identifiers(request: HttpRequest, oai_request: Request) -> ET.Element:
    """Return a page of headers."""
    return list_items(request, oai_request, records.header_queryset(), records.add_header)


def list_records(request: HttpRequest, oai_request: Request) -> ET.Element:
    """Return a page of records."""
    return list_items(
        request,
        oai_request,
        records.record_queryset(),
        lambda parent, resource: records.add_record(parent, resource, request),
    )


def list_items(
    request: HttpRequest,
    oai_request: Request,
    queryset: QuerySet,
    add: Callable[[ET.Element, Resource], ET.Element],
) -> ET.Element:
    """Return one page of a list in (datestamp, id) order, with a token when more follow."""
    arguments = oai_request.arguments
    if "resumptionToken" in arguments:
        state = tokens.decode(arguments["resumptionToken"], verb=oai_request.verb)
    else:
        state = tokens.ListState(
            verb=oai_request.verb,
            metadata_prefix=arguments["metadataPrefix"],
            set_spec=arguments.get("set", ""),
            from_=arguments.get("from", ""),
            until=arguments.get("until", ""),
        )
    lower, upper = date_range(state.from_ or None, state.until or None)
    check_metadata_prefix(state.metadata_prefix)
    if lower is not None:
        queryset = queryset.filter(updated_at__gte=lower)
    if upper is not None:
        queryset = queryset.filter(updated_at__lt=upper)
    if state.set_spec:
        queryset = records.in_set(queryset, state.set_spec)
    selected = queryset
    if state.after_datestamp is not None:
        queryset = queryset.filter(
            Q(updated_at__gt=state.after_datestamp)
            | Q(updated_at=state.after_datestamp, pk__gt=state.after_pk)
        )
    size = page_size()
    page = list(queryset.order_by("updated_at", "pk")[: size + 1])
    if not page:
        raise OAIError("noRecordsMatch", "No items match these arguments.")
    more = len(page) > size
    page = page[:size]
    payload = element(oai_request.verb)
    for resource in page:
        add(payload, resource)
    if more or state.cursor:
        attributes = {"completeListSize": selected.order_by().count(), "cursor": state.cursor}
        token = ""
        if more:
            last = page[-1]
            token = tokens.encode(
                state.advance(datestamp=last.updated_at, pk=last.pk, sent=len(page))
            )
        sub(payload, "resumptionToken", token, attributes)
    return payload


HANDLERS: dict[str, Callable[[HttpRequest, Request], ET.Element]] = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
}
