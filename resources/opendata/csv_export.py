"""Export a filtered result of the public catalogue as CSV, streamed.

``/resources/export.csv`` takes the browse parameters (``ResourceFilter``) and answers a
download of every published item that matches, in the browse order, one row per item with
the columns of ``records.PUBLIC_COLUMNS``. Invalid parameters answer 400 with a message.

Decisions:

- The file is UTF-8 with a byte order mark, so Excel opens accents and non-Latin scripts
  correctly; ``csv`` readers that open it with ``utf-8-sig`` see no trace of the mark.
- Cells are made safe for spreadsheets: a cell starting with ``=``, ``+``, ``-``, ``@``,
  tab or carriage return gets a leading single quote (``records.spreadsheet_safe``); the
  importer removes it again.
- Rows are written as they are read, ``records.RECORD_CHUNK_SIZE`` items at a time with
  their tags (``records.resources_with_tags``), and sent in blocks of about ``BLOCK_SIZE``
  characters, so memory stays flat and the number of queries depends on the number of
  chunks, not of items.
- Status, submitter, reviewers and e-mail addresses are never part of the public form.
- Rate limit, the cap on exports at once and the stored export of the whole catalogue
  are those of every export (``delivery``).
"""

import csv
from collections.abc import Iterator

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from resources.exports import invalid_parameters
from resources.filters import ResourceFilter
from resources.models import Resource

from .delivery import export_rate_limited, export_response
from .records import (
    PUBLIC_COLUMNS,
    ReadContext,
    cell_text,
    resource_record,
    resources_with_tags,
    spreadsheet_safe,
)

FILENAME = "objective10-hub-resources.csv"
BYTE_ORDER_MARK = "\ufeff"
BLOCK_SIZE = 64 * 1024


class _Echo:
    """Hand back what ``csv.writer`` writes, so each row can be yielded as it is made."""

    def write(self, value: str) -> str:
        return value


def csv_lines(*, queryset: QuerySet, context: ReadContext) -> Iterator[str]:
    """Yield the CSV text of the items, header first, in blocks of about ``BLOCK_SIZE``."""
    writer = csv.writer(_Echo())
    block = [BYTE_ORDER_MARK, writer.writerow([column.name for column in PUBLIC_COLUMNS])]
    size = 0
    for resource in resources_with_tags(queryset, public=context.public):
        record = resource_record(resource, context=context, columns=PUBLIC_COLUMNS)
        line = writer.writerow([spreadsheet_safe(cell_text(value)) for value in record.values()])
        block.append(line)
        size += len(line)
        if size >= BLOCK_SIZE:
            yield "".join(block)
            block, size = [], 0
    if block:
        yield "".join(block)


@export_rate_limited
@require_safe
def export_csv(request: HttpRequest) -> HttpResponse:
    """Stream the published items that match the browse parameters as a CSV download."""
    published = Resource.objects.published()
    filterset = ResourceFilter(request.GET, queryset=published)
    refusal = invalid_parameters(
        filterset, heading=gettext("The export was not made: fix these parameters.")
    )
    if refusal:
        return refusal
    queryset = filterset.ordered(filterset.filter_queryset(published))
    context = ReadContext(public=True, base_url=request.build_absolute_uri("/"))
    return export_response(
        request,
        filterset=filterset,
        extension="csv",
        content_type="text/csv; charset=utf-8",
        filename=FILENAME,
        live=lambda: csv_lines(queryset=queryset, context=context),
    )
