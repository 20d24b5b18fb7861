"""Send every export download (CSV, RIS, BibTeX) within limits no client can push past.

An export of the whole catalogue takes about a minute and 100 MB at 100,000 items, so
exports are the easiest way to take an open hub down. Every export view validates its
parameters and then answers through :func:`export_response`:

- Each client address may ask for ``HUB_RATE_LIMITS["export"]`` exports, every format
  counted together (:data:`export_rate_limited`); beyond that it gets 429 with
  ``Retry-After``. HEAD is not counted: it reads no item.
- Each worker process sends at most ``HUB_EXPORTS_AT_ONCE`` export bodies at once;
  beyond that a request gets 503 with ``Retry-After``, so page views always keep a
  thread. The cap counts every body, live or read from the stored file, because either
  holds a thread until a possibly slow client has read its last byte.
- The export of the whole catalogue (no filter and no search, in the hub's order; other
  parameters are ignored as the live export ignores them) is served from the file
  written once per catalogue version (``catalogue_files``), without reading any item.
  Every other export is streamed live.
"""

from collections.abc import Callable, Iterable

from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.translation import ngettext

from hub.capacity import Slots, held
from hub.ratelimits import rate_limited
from resources.filters import ResourceFilter, Sort
from resources.metadata import site_url

from .catalogue_files import catalogue_file

EXPORT_SLOTS = Slots(setting="HUB_EXPORTS_AT_ONCE")
BUSY_RETRY_AFTER_SECONDS = 30
export_rate_limited = rate_limited(group="export", keys=("ip",), methods=("GET",))


def selects_whole_catalogue(filterset: ResourceFilter) -> bool:
    """Tell whether valid parameters give every published item in the hub's order."""
    chosen = {name for name in filterset.filters if filterset.data.getlist(name)}
    return not chosen - {"sort"} and filterset.sort_order == Sort.SCOPE


class CatalogueFileResponse(FileResponse):
    """A stored export, read in blocks as large as those a live export sends."""

    block_size = 64 * 1024


def exports_busy() -> HttpResponse:
    """Answer 503 with Retry-After: this worker already sends as many exports as it may."""
    seconds = BUSY_RETRY_AFTER_SECONDS
    message = ngettext(
        "Too many exports are being sent right now. Please try again in %(seconds)d second.",
        "Too many exports are being sent right now. Please try again in %(seconds)d seconds.",
        seconds,
    ) % {"seconds": seconds}
    response = HttpResponse(message + "\n", status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(seconds)
    return response


def export_response(
    request: HttpRequest,
    *,
    filterset: ResourceFilter,
    extension: str,
    content_type: str,
    filename: str,
    live: Callable[[], Iterable[str]],
) -> HttpResponse:
    """Answer a valid export request as a download, within the cap on exports at once.

    ``live`` makes the body from the database; it is called only when the body is not
    read from the stored export of the whole catalogue. HEAD reads nothing and takes no
    slot.
    """
    if request.method == "HEAD":
        response = StreamingHttpResponse(iter(()), content_type=content_type)
    else:
        slot = EXPORT_SLOTS.take()
        if slot is None:
            return exports_busy()
        try:
            response = held(
                _export_body(
                    request,
                    filterset=filterset,
                    extension=extension,
                    content_type=content_type,
                    live=live,
                ),
                slot,
            )
        except BaseException:
            slot.give_back()
            raise
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _export_body(
    request: HttpRequest,
    *,
    filterset: ResourceFilter,
    extension: str,
    content_type: str,
    live: Callable[[], Iterable[str]],
) -> HttpResponse:
    stored = None
    if selects_whole_catalogue(filterset):
        stored = catalogue_file(
            extension=extension, language=translation.get_language(), base_url=site_url(request)
        )
    if stored is not None and (opened := stored.open()) is not None:
        return CatalogueFileResponse(opened, content_type=content_type)
    response = StreamingHttpResponse(live(), content_type=content_type)
    if stored is not None:
        response.streaming_content = stored.write_while_sending(response.streaming_content)
    return response
