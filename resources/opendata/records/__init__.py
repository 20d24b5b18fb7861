"""Flatten a resource into one record, and read such a record back.

This module is the one definition of a resource's flat form, shared by the public CSV
export (``/resources/export.csv``), the JSON backup (``manage.py export_resources``) and
the importer (``manage.py import_resources``). ``COLUMNS`` lists every column once, in
order, saying how to read it from a ``Resource`` and how to load it back into a
``RecordDraft``.

Conventions:

- Taxonomy is written as codes: objective codes (``10``, ``general``), principle, region,
  document-type and publisher slugs, ISO 3166-1 alpha-3 country codes, ISO 639-1 language
  codes, Objective 10 action letters, the kind and the geographic scope code. Where a code
  is not self-explanatory a label column follows it (``countries`` then ``country_names``).
- A record holds JSON values: text, whole numbers, ``true``/``false``, ``null``, and lists
  for multi-valued columns. In CSV a list is joined with ``"; "`` and ``null`` is empty.
- Dates are ISO 8601 (``2025-07-30``), times ISO 8601 with their UTC offset, durations
  ``[D ]HH:MM:SS``.
- On import a code column also accepts the Hub's labels ("Bahamas, The", "10 - Eradicate
  trafficking", "Policy Brief", "French"); a label column is read only when its code column
  is missing from the file.
- Column names are stable identifiers, like API field names, and are not translated.
- A value that itself contains ``;`` (an author "Smith; Jones") cannot be told apart in
  CSV; the JSON backup keeps lists as lists and has no such limit.
- The public form (``PUBLIC_COLUMNS``) has no status, no submitter, no reviewer and no
  e-mail address; it links only to published language editions. The backup
  (``BACKUP_COLUMNS``) adds ``status``, the uploaded ``file``'s storage name and
  ``created_at``, and leaves out the label columns and the derived ``page_url`` and
  ``file_url``.
"""

from .backup import BACKUP_FORMAT, BACKUP_VERSION, backup_lines, backup_write
from .cells import cell_text, spreadsheet_safe, spreadsheet_text
from .columns import (
    BACKUP_COLUMNS,
    BACKUP_CONTEXT,
    COLUMN_NAMES,
    COLUMNS,
    PUBLIC_COLUMNS,
    TAG_RELATIONS,
    Column,
    ReadContext,
    record_draft,
    resource_record,
)
from .loaders import PublisherRef, RecordDraft
from .parsers import RecordValueError, fold
from .tags import resources_with_tags
from .vocabulary import Vocabulary

__all__ = [
    "BACKUP_COLUMNS",
    "BACKUP_CONTEXT",
    "BACKUP_FORMAT",
    "BACKUP_VERSION",
    "COLUMNS",
    "COLUMN_NAMES",
    "PUBLIC_COLUMNS",
    "TAG_RELATIONS",
    "Column",
    "PublisherRef",
    "ReadContext",
    "RecordDraft",
    "RecordValueError",
    "Vocabulary",
    "backup_lines",
    "backup_write",
    "cell_text",
    "fold",
    "record_draft",
    "resource_record",
    "resources_with_tags",
    "spreadsheet_safe",
    "spreadsheet_text",
]
