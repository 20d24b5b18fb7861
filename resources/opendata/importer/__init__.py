"""Import resources from the export's own CSV columns or from a JSON backup.

``import_source_open`` reads a file (checking its encoding, its header or structure) and
``resources_import`` writes what it holds, record by record. Decisions:

- **Matching.** A record is the item with its ``slug``. When no item has that slug, it is
  matched on its normalised link (scheme, ``www.``, case of the host and a trailing slash
  ignored), as long as exactly one item has that link and that item's own slug is not
  named elsewhere in the file; the matched item keeps its slug. A record with neither slug
  nor link is matched on the slug its title gives, when that item has the same title.
  Otherwise a new item is created, with the record's slug or one made from its title.
- **Only what differs is written.** Columns missing from the file leave stored values as
  they are; values equal to what is stored are not written, so importing the same file
  twice changes nothing and leaves ``updated_at`` alone. Free text is stored exactly as
  written (no trimming), so a backup restores it to the character.
- **Status.** A record with a ``status`` (the JSON backup) keeps it. A file without a
  status column (the public CSV export) creates published items and leaves the status of
  existing items unchanged: an import never publishes or unpublishes an item by omission.
- **Per-row report.** Each record is checked on its own; a record with errors is skipped
  and reported with its row number (CSV: the spreadsheet row, header = row 1; JSON: the
  position in ``resources``), its column and a message. Valid records are still imported,
  unless ``all_or_nothing`` is set, in which case one failure means nothing is written.
  ``dry_run`` does the whole import and then rolls it back, so the report is exact.
  A published item without objectives, or a primary objective that is not among the
  objectives, is an error, except in a file with statuses (a backup), where it is restored
  as it was stored and reported as a warning.
- **Taxonomy.** Objectives, principles, regions, countries, languages, document types and
  actions must exist; publishers and keywords are created as needed (a CSV cannot say more
  of a new publisher than its slug, name and UN flag; the backup restores them entirely).
- **What a backup cannot restore.** ``updated_at`` records when the row was last written in
  this database and is set by it; uploaded files are restored by name only, the files
  themselves live in media storage.
"""

from .matching import normalized_url
from .run import resources_import
from .sources import (
    FORMATS,
    ImportFileError,
    ImportProblem,
    ImportReport,
    ImportSource,
    import_source_from_data,
    import_source_open,
)

__all__ = [
    "FORMATS",
    "ImportFileError",
    "ImportProblem",
    "ImportReport",
    "ImportSource",
    "import_source_from_data",
    "import_source_open",
    "normalized_url",
    "resources_import",
]
