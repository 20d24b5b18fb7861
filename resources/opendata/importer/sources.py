"""Open a file for import: check its encoding, header or structure, and read it lazily.

CSV files are read row by row; a JSON backup laid out as ``export_resources`` writes it is
read line by line, any other JSON whole. Either way the records are read again when they
are imported, so memory stays flat however large the file.
"""

import csv
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext

from ..records import BACKUP_FORMAT, BACKUP_VERSION, COLUMN_NAMES, spreadsheet_text

FORMATS = ("csv", "json")


class ImportFileError(ValueError):
    """Say why a whole file cannot be imported: unreadable, not CSV or JSON, no columns."""


@dataclass(frozen=True)
class ImportProblem:
    """One finding of the import: where (row, column) and what."""

    row: int | None
    column: str
    message: str
    is_error: bool = True


@dataclass
class ImportSource:
    """A file opened for import: its records, read lazily, and what is known in advance."""

    name: str
    format: str
    total: int
    slugs: frozenset[str]
    read_records: Callable[[], Iterator[tuple[int, Any]]]
    organizations: list[Any] = field(default_factory=list)
    keywords: list[Any] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)


@dataclass
class ImportReport:
    """Count what an import created, updated, left unchanged and could not import."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    dry_run: bool = False
    written: bool = True
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def errors(self) -> list[ImportProblem]:
        return [problem for problem in self.problems if problem.is_error]

    @property
    def warnings(self) -> list[ImportProblem]:
        return [problem for problem in self.problems if not problem.is_error]


def import_source_open(*, path: Path, format: str | None = None) -> ImportSource:
    """Open a CSV or JSON file for import, checking that it can be read as a whole.

    The format is the one given, else the file's extension, else its first character.
    Raises ``ImportFileError`` with a message for a person when the file cannot be used.
    """
    path = Path(path)
    if not path.is_file():
        raise ImportFileError(gettext("There is no file %(path)s.") % {"path": path})
    chosen = (format or "").lower() or _guess_format(path)
    if chosen not in FORMATS:
        raise ImportFileError(
            gettext("Unknown format “%(format)s”; use csv or json.") % {"format": chosen}
        )
    return _open_json(path) if chosen == "json" else _open_csv(path)


def _guess_format(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    try:
        with open(path, encoding="utf-8-sig") as file:
            start = file.read(1024).lstrip()
    except (OSError, UnicodeDecodeError):
        return "csv"
    return "json" if start[:1] in ("{", "[") else "csv"


def _read_failure(path: Path, error: Exception) -> ImportFileError:
    if isinstance(error, UnicodeDecodeError):
        return ImportFileError(
            gettext("%(path)s is not UTF-8 text; save it as CSV UTF-8 and try again.")
            % {"path": path}
        )
    if isinstance(error, OSError):
        return ImportFileError(
            gettext("Cannot read %(path)s: %(reason)s.") % {"path": path, "reason": error.strerror}
        )
    return ImportFileError(
        gettext("%(path)s is not a readable CSV file: %(reason)s.")
        % {"path": path, "reason": error}
    )


def _csv_rows(path: Path) -> Iterator[tuple[int, list[str], list[str]]]:
    """Yield (row number, header, cells) for each non-empty row after the header."""
    with open(path, encoding="utf-8-sig", newline="") as file:
        reader = csv.reader(file)
        header = [name.strip() for name in next(reader, [])]
        for row, cells in enumerate(reader, start=2):
            if any(cell.strip() for cell in cells):
                yield row, header, cells


def _open_csv(path: Path) -> ImportSource:
    try:
        with open(path, encoding="utf-8-sig", newline="") as file:
            header = [name.strip() for name in next(csv.reader(file), [])]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise _read_failure(path, error) from error
    if not any(header):
        raise ImportFileError(gettext("%(path)s is empty: it has no header row.") % {"path": path})
    duplicates = sorted({name for name in header if name and header.count(name) > 1})
    if duplicates:
        raise ImportFileError(
            gettext("The header names these columns more than once: %(columns)s.")
            % {"columns": ", ".join(duplicates)}
        )
    if "slug" not in header and "title" not in header:
        raise ImportFileError(
            gettext(
                "The header has neither a “slug” nor a “title” column; is this a resources CSV?"
            )
        )
    problems = [
        ImportProblem(None, name, gettext("Unknown column; it is ignored."), is_error=False)
        for name in header
        if name and name not in COLUMN_NAMES
    ]
    total, slugs = 0, set()
    slug_position = header.index("slug") if "slug" in header else None
    try:
        for _row, _header, cells in _csv_rows(path):
            total += 1
            if slug_position is not None and slug_position < len(cells):
                slugs.add(cells[slug_position].strip())
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise _read_failure(path, error) from error

    def read_records() -> Iterator[tuple[int, Any]]:
        for row, names, cells in _csv_rows(path):
            record: dict[str, Any] = {
                name: spreadsheet_text(cell)
                for name, cell in zip(names, cells, strict=False)
                if name
            }
            if len(cells) > len(names) and any(cell.strip() for cell in cells[len(names) :]):
                record[None] = cells[len(names) :]
            yield row, record

    return ImportSource(
        name=str(path),
        format="csv",
        total=total,
        slugs=frozenset(slugs - {""}),
        read_records=read_records,
        problems=problems,
    )


class _NotBackupLayout(Exception):
    """The JSON file is not laid out one entry per line as ``export_resources`` writes it."""


_SECTION_START = re.compile(r'"(organizations|keywords|resources)": \[')


def _backup_entries(path: Path) -> Iterator[tuple[str, Any]]:
    """Yield (section, entry) from a backup laid out as ``records.backup_lines`` writes it.

    Reading line by line keeps memory flat however large the backup; any other layout
    raises ``_NotBackupLayout`` and the file is read whole instead.
    """
    with open(path, encoding="utf-8-sig") as file:
        opening = [next(file, "").strip() for _ in range(3)]
        if opening != ["{", f'"format": "{BACKUP_FORMAT}",', f'"version": {BACKUP_VERSION},']:
            raise _NotBackupLayout
        section = None
        for line in file:
            text = line.strip()
            if section is None:
                if text == "}":
                    return
                started = _SECTION_START.fullmatch(text)
                if started is None:
                    raise _NotBackupLayout
                section = started.group(1)
            elif text in ("]", "],"):
                section = None
            else:
                try:
                    yield section, json.loads(text.removesuffix(","))
                except json.JSONDecodeError:
                    raise _NotBackupLayout from None
    raise _NotBackupLayout


def _json_source(
    name: str | Path,
    *,
    count: int,
    slugs: set[str],
    keys: set[str],
    organizations: list[Any],
    keywords: list[Any],
    read_records: Callable[[], Iterator[tuple[int, Any]]],
) -> ImportSource:
    problems = [
        ImportProblem(None, column, gettext("Unknown field; it is ignored."), is_error=False)
        for column in sorted(keys - COLUMN_NAMES)
    ]
    return ImportSource(
        name=str(name),
        format="json",
        total=count,
        slugs=frozenset(slugs - {""}),
        read_records=read_records,
        organizations=organizations,
        keywords=keywords,
        problems=problems,
    )


def _note_entry(entry: Any, slugs: set[str], keys: set[str]) -> None:
    if isinstance(entry, dict):
        keys.update(str(key) for key in entry)
        if isinstance(entry.get("slug"), str):
            slugs.add(entry["slug"].strip())


def _open_json(path: Path) -> ImportSource:
    try:
        return _open_backup_layout(path)
    except _NotBackupLayout:
        return _open_json_whole(path)
    except (OSError, UnicodeDecodeError) as error:
        raise _read_failure(path, error) from error


def _open_backup_layout(path: Path) -> ImportSource:
    sections: dict[str, list[Any]] = {"organizations": [], "keywords": []}
    count, slugs, keys = 0, set(), set()
    for section, entry in _backup_entries(path):
        if section == "resources":
            count += 1
            _note_entry(entry, slugs, keys)
        else:
            sections[section].append(entry)

    def read_records() -> Iterator[tuple[int, Any]]:
        entries = (entry for section, entry in _backup_entries(path) if section == "resources")
        return enumerate(entries, start=1)

    return _json_source(
        path,
        count=count,
        slugs=slugs,
        keys=keys,
        organizations=sections["organizations"],
        keywords=sections["keywords"],
        read_records=read_records,
    )


def _open_json_whole(path: Path) -> ImportSource:
    try:
        with open(path, encoding="utf-8-sig") as file:
            data = json.load(file)
    except (OSError, UnicodeDecodeError) as error:
        raise _read_failure(path, error) from error
    except json.JSONDecodeError as error:
        raise ImportFileError(
            gettext("%(path)s is not valid JSON (line %(line)s, column %(column)s): %(reason)s.")
            % {"path": path, "line": error.lineno, "column": error.colno, "reason": error.msg}
        ) from error
    return import_source_from_data(name=str(path), data=data)


def import_source_from_data(*, name: str, data: Any) -> ImportSource:
    """Open a backup already read into memory (the demo content, say) for import.

    ``data`` is what the JSON file holds: an object with ``resources`` and, as a backup
    has them, ``organizations`` and ``keywords``; or a bare list of resources.
    """
    if isinstance(data, list):
        data = {"resources": data}
    if not isinstance(data, dict):
        raise ImportFileError(gettext("The JSON file must hold an object with “resources”."))
    if data.get("format", BACKUP_FORMAT) != BACKUP_FORMAT:
        raise ImportFileError(
            gettext("This JSON file is of format “%(format)s”, not a resources backup.")
            % {"format": data.get("format")}
        )
    sections = {}
    for name in ("organizations", "keywords", "resources"):
        entries = data.get(name, [])
        if not isinstance(entries, list):
            raise ImportFileError(gettext("“%(section)s” must be a list.") % {"section": name})
        sections[name] = entries
    resources = sections["resources"]
    slugs, keys = set(), set()
    for entry in resources:
        _note_entry(entry, slugs, keys)
    return _json_source(
        name,
        count=len(resources),
        slugs=slugs,
        keys=keys,
        organizations=sections["organizations"],
        keywords=sections["keywords"],
        read_records=lambda: iter(enumerate(resources, start=1)),
    )
