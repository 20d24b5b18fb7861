"""Export a filtered result as RIS or BibTeX, and cite one item as RIS, BibTeX or CSL-JSON.

Exports take every browse parameter, go through the one ``ResourceFilter`` and keep
the browse page's order. They are streamed: rows are read from the database in chunks
of ``CHUNK_SIZE``, each chunk's publishers, languages, objectives and keywords are
prefetched together, and each record is written out as soon as it is built, so memory
stays flat however many items are exported and the number of queries grows only with
the number of chunks. Invalid parameters answer 400 with a plain-text explanation.
Every export is sent within the hub's limits by ``resources.opendata.delivery``.
"""

import json
from collections.abc import Callable, Iterator

from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    QueryDict,
)
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from .addresses import current_address_redirect
from .citations import Citation, with_citation_data
from .filters import ResourceFilter
from .metadata import site_url
from .models import Resource
from .opendata.delivery import export_rate_limited, export_response

CHUNK_SIZE = 500
FILENAME_STEM = "objective10-hub-resources"

RIS_CONTENT_TYPE = "application/x-research-info-systems; charset=utf-8"
BIBTEX_CONTENT_TYPE = "application/x-bibtex; charset=utf-8"
CSL_CONTENT_TYPE = "application/vnd.citationstyles.csl+json; charset=utf-8"


def filter_published(params: QueryDict) -> ResourceFilter:
    """Bind the browse parameters to the one FilterSet over the published catalogue."""
    return ResourceFilter(params, queryset=Resource.objects.published())


def results_query(filterset: ResourceFilter) -> str:
    """Return the query string that gives another channel the same results, page left out."""
    data = filterset.valid_data.copy()
    data.pop("page", None)
    if filterset.corrected_query:  # the page shows the correction's results
        data["q"] = filterset.corrected_query
        data.pop("as_typed", None)
    encoded = data.urlencode()
    return f"?{encoded}" if encoded else ""


def invalid_parameters(filterset: ResourceFilter, *, heading: str = "") -> HttpResponse | None:
    """Answer 400 naming each parameter that could not be used, or None when all are valid."""
    messages = filterset.error_messages()
    if not messages:
        return None
    lines = [heading or gettext("These parameters could not be used:"), *messages]
    return HttpResponseBadRequest("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def _stream(
    request: HttpRequest, render: Callable[[Citation], str], *, extension: str, content_type: str
) -> HttpResponse:
    filterset = filter_published(request.GET)
    if (bad_request := invalid_parameters(filterset)) is not None:
        return bad_request
    results = filterset.ordered(filterset.filter_queryset(Resource.objects.published()))
    base_url = site_url(request)
    language = translation.get_language()

    def records() -> Iterator[str]:
        rows = with_citation_data(results).iterator(chunk_size=CHUNK_SIZE)
        with translation.override(language):
            for resource in rows:
                yield render(Citation(resource, base_url=base_url))

    return export_response(
        request,
        filterset=filterset,
        extension=extension,
        content_type=content_type,
        filename=f"{FILENAME_STEM}-{timezone.localdate():%Y-%m-%d}.{extension}",
        live=records,
    )


@export_rate_limited
@require_safe
def export_ris(request: HttpRequest) -> HttpResponse:
    """Stream the filtered published items as RIS records."""
    return _stream(request, Citation.ris, extension="ris", content_type=RIS_CONTENT_TYPE)


@export_rate_limited
@require_safe
def export_bib(request: HttpRequest) -> HttpResponse:
    """Stream the filtered published items as BibTeX entries."""
    return _stream(request, Citation.bibtex, extension="bib", content_type=BIBTEX_CONTENT_TYPE)


CITE_FORMATS: dict[str, tuple[str, Callable[[Citation], str]]] = {
    "ris": (RIS_CONTENT_TYPE, Citation.ris),
    "bib": (BIBTEX_CONTENT_TYPE, Citation.bibtex),
    "json": (
        CSL_CONTENT_TYPE,
        lambda citation: json.dumps([citation.csl()], ensure_ascii=False, indent=2),
    ),
}


@require_safe
def cite(request: HttpRequest, slug: str, format: str) -> HttpResponse:
    """Download the citation of one published item as RIS, BibTeX or CSL-JSON."""
    if format not in CITE_FORMATS:
        raise Http404(gettext("Citations are available as RIS, BibTeX and CSL-JSON only."))
    resource = with_citation_data(Resource.objects.published()).filter(slug=slug).first()
    if resource is None:
        return current_address_redirect(
            request, view_name="resources:cite", slug=slug, format=format
        )
    content_type, render = CITE_FORMATS[format]
    response = HttpResponse(
        render(Citation(resource, base_url=site_url(request))), content_type=content_type
    )
    response["Content-Disposition"] = f'attachment; filename="{resource.slug}.{format}"'
    return response
