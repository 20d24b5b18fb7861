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

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext

from resources.models import Resource, Status, unique_slug
from taxonomy.models import Keyword, Organization

from .records import (
    BACKUP_FORMAT,
    BACKUP_VERSION,
    COLUMN_NAMES,
    TAG_RELATIONS,
    PublisherRef,
    RecordDraft,
    Vocabulary,
    fold,
    record_draft,
    spreadsheet_text,
)

CHUNK_SIZE = 200
FORMATS = ("csv", "json")
UNVALIDATED_FIELDS = ["search_text", "search_vector"]


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


# Reading files ------------------------------------------------------------------------


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
    path: Path,
    *,
    count: int,
    slugs: set[str],
    keys: set[str],
    organizations: list[Any],
    keywords: list[Any],
    read_records: Callable[[], Iterator[tuple[int, Any]]],
) -> ImportSource:
    problems = [
        ImportProblem(None, name, gettext("Unknown field; it is ignored."), is_error=False)
        for name in sorted(keys - COLUMN_NAMES)
    ]
    return ImportSource(
        name=str(path),
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
        path,
        count=len(resources),
        slugs=slugs,
        keys=keys,
        organizations=sections["organizations"],
        keywords=sections["keywords"],
        read_records=lambda: iter(enumerate(resources, start=1)),
    )


# Matching and writing -----------------------------------------------------------------


def normalized_url(url: str) -> str:
    """Reduce a link to what identifies it: host without ``www.``, path, query."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").removeprefix("www.")
        port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    except ValueError:
        return url.strip().casefold()
    if not host:
        return ""
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{port}{parts.path.rstrip('/')}{query}"


class _Catalogue:
    """Keep what the import needs to look up, loaded once and kept current as it writes."""

    def __init__(self, *, file_slugs: frozenset[str]) -> None:
        self.vocabulary = Vocabulary()
        self.file_slugs = file_slugs
        self.slug_pk: dict[str, int] = {}
        self.items: dict[int, tuple[str, str, str]] = {}
        self.url_items: dict[str, dict[int, str]] = {}
        for pk, slug, url, title in Resource.objects.values_list(
            "pk", "slug", "url", "title"
        ).iterator():
            self._remember(pk, slug, url, title)
        self.organizations: dict[str, Organization] = {}
        self.organization_labels: dict[str, Organization | None] = {}
        for organization in Organization.objects.all():
            self._remember_organization(organization)
        self.keywords: dict[str, Keyword] = {}
        for keyword in Keyword.objects.all():
            self._remember_keyword(keyword)
        self.new_in_row: list[models.Model] = []

    def _remember(self, pk: int, slug: str, url: str, title: str) -> None:
        if pk in self.items:
            old_slug, old_url, _title = self.items[pk]
            self.slug_pk.pop(old_slug, None)
            self.url_items.get(old_url, {}).pop(pk, None)
        key = normalized_url(url) if url else ""
        self.items[pk] = (slug, key, title)
        self.slug_pk[slug] = pk
        if key:
            self.url_items.setdefault(key, {})[pk] = slug

    def remember_resource(self, resource: Resource) -> None:
        """Keep the look-ups current after an item was written."""
        self._remember(resource.pk, resource.slug, resource.url, resource.title)

    def slug_of(self, pk: int) -> str:
        return self.items[pk][0]

    def _remember_organization(self, organization: Organization) -> None:
        self.organizations[organization.slug] = organization
        for label in (organization.name, organization.acronym):
            if not label:
                continue
            key = fold(label)
            known = self.organization_labels.get(key, organization)
            # An acronym two organizations share names neither.
            self.organization_labels[key] = organization if known == organization else None

    def _remember_keyword(self, keyword: Keyword) -> None:
        self.keywords[keyword.slug] = keyword
        self.keywords[f"name:{fold(keyword.name)}"] = keyword

    def forget_new(self) -> None:
        """Drop what the failed record created: its savepoint rolled it back."""
        for row in self.new_in_row:
            if isinstance(row, Organization):
                self.organizations.pop(row.slug, None)
                for label in (row.name, row.acronym):
                    if label and self.organization_labels.get(fold(label)) == row:
                        del self.organization_labels[fold(label)]
            else:
                self.keywords.pop(row.slug, None)
                self.keywords.pop(f"name:{fold(row.name)}", None)
        self.new_in_row = []

    def match(self, draft: RecordDraft) -> tuple[int | None, str | None]:
        """Return the pk of the item a record describes (None: a new item), or a problem.

        The record's slug decides; without a match, its link does (unless the item found
        has its own row in the file); a record with neither slug nor link is matched on the
        slug its title gives, when that item has the same title.
        """
        if draft.slug and draft.slug in self.slug_pk:
            return self.slug_pk[draft.slug], None
        url = draft.fields.get("url")
        if url:
            candidates = [
                pk
                for pk, slug in self.url_items.get(normalized_url(url), {}).items()
                if slug not in self.file_slugs
            ]
            if len(candidates) > 1:
                return None, gettext(
                    "Several items have this link; give the slug of the one to update."
                )
            if candidates:
                return candidates[0], None
        title = draft.fields.get("title", "")
        if draft.slug or url or not title:
            return None, None
        derived = slugify(title)[:100].strip("-")
        pk = self.slug_pk.get(derived)
        if (
            pk is not None
            and derived not in self.file_slugs
            and fold(self.items[pk][2]) == fold(title)
        ):
            return pk, None
        return None, None

    def organization(self, reference: PublisherRef) -> Organization:
        """Return the publisher a record names, creating it when it is new."""
        found = self.organizations.get(reference.label)
        if found is None:
            found = self.organization_labels.get(fold(reference.label))
        if found is None and reference.name:
            found = self.organization_labels.get(fold(reference.name))
        if found is not None:
            return found
        name = reference.name or reference.label
        wanted = reference.label if reference.label == slugify(reference.label) else ""
        slug = _free_slug(wanted or slugify(name), taken=self.organizations)
        organization = Organization(name=name, slug=slug, is_un_entity=bool(reference.is_un_entity))
        try:
            organization.full_clean()
        except ValidationError as error:
            raise ValidationError({"publishers": _messages(error)}) from error
        organization.save()
        self._remember_organization(organization)
        self.new_in_row.append(organization)
        return organization

    def keyword(self, name: str) -> Keyword:
        """Return the keyword with this name or slug, creating it when it is new."""
        found = self.keywords.get(f"name:{fold(name)}") or self.keywords.get(name)
        if found is not None:
            return found
        keyword = Keyword(name=name, slug=_free_slug(slugify(name), taken=self.keywords))
        try:
            keyword.full_clean()
        except ValidationError as error:
            raise ValidationError({"keywords": _messages(error)}) from error
        keyword.save()
        self._remember_keyword(keyword)
        self.new_in_row.append(keyword)
        return keyword

    def new_resource_slug(self, title: str) -> str:
        """Make a slug for a new item that neither the catalogue nor the file uses."""
        slug = unique_slug(title)
        base, counter = slug, 2
        while slug in self.file_slugs or slug in self.slug_pk:
            slug = f"{base}-{counter}"
            counter += 1
        return slug


def _free_slug(base: str, *, taken: Mapping[str, Any], max_length: int = 100) -> str:
    base = base[:max_length].strip("-") or "item"
    slug, counter = base, 2
    while slug in taken:
        suffix = f"-{counter}"
        slug = f"{base[: max_length - len(suffix)]}{suffix}"
        counter += 1
    return slug


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "message_dict"):
        return [
            f"{name}: {message}" if name != "__all__" else message
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return list(error.messages)


@dataclass
class _Outcome:
    pk: int = 0
    created: bool = False
    changed: bool = False


def _set_if_changed(resource: Resource, name: str, targets: Iterable[models.Model]) -> bool:
    manager = getattr(resource, name)
    targets = list(targets)
    if {row.pk for row in manager.all()} == {row.pk for row in targets}:
        return False
    manager.set(targets)
    return True


def _check_objectives(
    draft: RecordDraft, resource: Resource, status: str, *, restoring: bool
) -> None:
    """Check that a published item has objectives and that its primary one is among them.

    From a file with statuses (a backup) these are warnings: the backup restores what was
    stored and says what looks wrong. From other files they are errors.
    """
    objectives = draft.tags.get("objectives")
    if objectives is None:
        objectives = list(resource.objectives.all()) if resource.pk else []
    primary = draft.fields.get("primary_objective_id", resource.primary_objective_id)
    problems = {}
    if status == Status.PUBLISHED and not objectives:
        problems["objectives"] = gettext("A published item needs at least one GCM objective.")
    if primary is not None and primary not in {objective.pk for objective in objectives}:
        problems["primary_objective"] = gettext(
            "The primary objective must be one of the item's objectives."
        )
    if problems and not restoring:
        raise ValidationError(problems)
    for column, message in problems.items():
        draft.warn(column, message)


def _same_authors(stored: str, wanted: str) -> bool:
    """Compare author lists as the item shows them: one name per line, blank lines aside."""
    return [line.strip() for line in stored.splitlines() if line.strip()] == (
        wanted.split("\n") if wanted else []
    )


def _differs(resource: Resource, name: str, value: Any) -> bool:
    stored = getattr(resource, name)
    if name == "authors":
        return not _same_authors(stored, value)
    return stored != value


def _write(
    draft: RecordDraft, resource: Resource | None, catalogue: _Catalogue
) -> tuple[_Outcome, Resource]:
    """Create or update one item from a record, writing only what differs."""
    outcome = _Outcome(created=resource is None)
    if resource is None:
        title = draft.fields.get("title", "")
        resource = Resource(slug=draft.slug or catalogue.new_resource_slug(title))
    values = dict(draft.fields)
    if draft.status:
        values["status"] = draft.status
    elif outcome.created:
        values["status"] = Status.PUBLISHED
    status = values.get("status", resource.status)
    if draft.has_published_at:
        if draft.published_at is not None:
            values["published_at"] = draft.published_at
        elif status != Status.PUBLISHED:
            values["published_at"] = None
    _check_objectives(draft, resource, status, restoring=draft.status is not None)

    changed = [name for name, value in values.items() if _differs(resource, name, value)]
    if outcome.created or changed:
        for name in changed:
            setattr(resource, name, values[name])
        resource.full_clean(exclude=UNVALIDATED_FIELDS)
        resource.save()

    relations: dict[str, list[models.Model]] = dict(draft.tags)
    if draft.publishers is not None:
        relations["publishers"] = list(
            dict.fromkeys(catalogue.organization(reference) for reference in draft.publishers)
        )
    if draft.keywords is not None:
        relations["keywords"] = list(
            dict.fromkeys(catalogue.keyword(name) for name in draft.keywords)
        )
    retagged = False
    for name in TAG_RELATIONS:
        if name in relations:
            retagged |= _set_if_changed(resource, name, relations[name])
    if retagged and not outcome.created and not changed:
        resource.save(update_fields=["updated_at"])

    restored_creation = False
    if draft.created_at is not None and resource.created_at != draft.created_at:
        Resource.objects.filter(pk=resource.pk).update(created_at=draft.created_at)
        restored_creation = True
    outcome.pk = resource.pk
    outcome.changed = bool(changed or retagged or restored_creation)
    return outcome, resource


def _record_problems(report: ImportReport, draft: RecordDraft) -> None:
    for column, message in draft.errors:
        report.problems.append(ImportProblem(draft.row, column, message))
    for column, message in draft.warnings:
        report.problems.append(ImportProblem(draft.row, column, message, is_error=False))


def _validation_problems(row: int, error: ValidationError) -> list[ImportProblem]:
    if not hasattr(error, "message_dict"):
        return [ImportProblem(row, "", message) for message in error.messages]
    return [
        ImportProblem(row, "" if name == "__all__" else name.removesuffix("_id"), message)
        for name, messages in error.message_dict.items()
        for message in messages
    ]


def _sync_section(
    report: ImportReport,
    entries: list[Any],
    *,
    section: str,
    model: type[models.Model],
    fields: Mapping[str, Any],
) -> None:
    """Create or update organizations or keywords of a backup, by slug, where they differ."""
    for position, entry in enumerate(entries, start=1):
        column = f"{section}[{position}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("slug"), str):
            report.problems.append(
                ImportProblem(None, column, gettext("Each entry must be an object with a slug."))
            )
            continue
        instance = model.objects.filter(slug=entry["slug"]).first() or model(slug=entry["slug"])
        values = {name: entry.get(name, default) for name, default in fields.items()}
        changed = [name for name, value in values.items() if getattr(instance, name) != value]
        if instance.pk is not None and not changed:
            continue
        for name in changed:
            setattr(instance, name, values[name])
        try:
            with transaction.atomic():
                instance.full_clean()
                instance.save()
        except ValidationError as error:
            for message in _messages(error):
                report.problems.append(ImportProblem(None, column, message))


def _link_editions(
    report: ImportReport,
    plans: dict[int, tuple[int, list[str], bool]],
    catalogue: _Catalogue,
    outcomes: dict[int, _Outcome],
) -> None:
    """Link language editions once every record is written, so links may point forward.

    Editions are symmetrical: a record's editions are those it lists and those that list
    it. A record from the public CSV (no status) keeps its links to unpublished items,
    which that file could not show.
    """
    wanted: dict[int, set[int]] = {pk: set() for pk in plans}
    for pk, (row, slugs, _public) in plans.items():
        for slug in slugs:
            other = catalogue.slug_pk.get(slug)
            if other is None or other == pk:
                report.problems.append(
                    ImportProblem(
                        row,
                        "language_editions",
                        gettext(
                            "No item “%(slug)s” to link as a language edition; the link "
                            "is left out."
                        )
                        % {"slug": slug},
                        is_error=False,
                    )
                )
                continue
            wanted[pk].add(other)
            if other in wanted:
                wanted[other].add(pk)
    pks = list(plans)
    for start in range(0, len(pks), CHUNK_SIZE):
        chunk = Resource.objects.filter(pk__in=pks[start : start + CHUNK_SIZE]).prefetch_related(
            models.Prefetch(
                "language_editions", queryset=Resource.objects.order_by().only("id", "status")
            )
        )
        for resource in chunk:
            current = {edition.pk: edition for edition in resource.language_editions.all()}
            targets = set(wanted[resource.pk])
            if plans[resource.pk][2]:
                targets |= {
                    pk for pk, edition in current.items() if edition.status != Status.PUBLISHED
                }
            if set(current) == targets:
                continue
            resource.language_editions.set(targets)
            outcome = outcomes[resource.pk]
            if not outcome.created and not outcome.changed:
                outcome.changed = True
                report.unchanged -= 1
                report.updated += 1
                resource.save(update_fields=["updated_at"])


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@transaction.atomic
def resources_import(
    *,
    source: ImportSource,
    dry_run: bool = False,
    all_or_nothing: bool = False,
    on_progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import every record of an opened file and report, row by row, what happened.

    Each record is written in its own savepoint, so a record that fails leaves nothing
    behind. With ``dry_run`` everything is rolled back at the end; with ``all_or_nothing``
    it is rolled back when any record failed.
    """
    report = ImportReport(rows=source.total, dry_run=dry_run, problems=list(source.problems))
    _sync_section(
        report,
        source.organizations,
        section="organizations",
        model=Organization,
        fields={"name": "", "acronym": "", "is_un_entity": False, "website": ""},
    )
    _sync_section(report, source.keywords, section="keywords", model=Keyword, fields={"name": ""})
    catalogue = _Catalogue(file_slugs=source.slugs)
    claimed: dict[int, int] = {}
    plans: dict[int, tuple[int, list[str], bool]] = {}
    outcomes: dict[int, _Outcome] = {}

    for chunk in _chunks(source.read_records(), CHUNK_SIZE):
        drafts = [(_read(row, raw, catalogue), raw) for row, raw in chunk]
        existing = _load_items(
            [catalogue.match(draft)[0] for draft, _raw in drafts if not draft.errors]
        )
        for draft, raw in drafts:
            outcome = _import_one(draft, catalogue, claimed, existing, report)
            if outcome is None:
                continue
            claimed[outcome.pk] = draft.row
            if outcome.created:
                report.created += 1
            elif outcome.changed:
                report.updated += 1
            else:
                report.unchanged += 1
            if draft.editions is not None:
                plans[outcome.pk] = (draft.row, draft.editions, "status" not in raw)
                outcomes[outcome.pk] = outcome
        if on_progress is not None:
            on_progress(len(chunk))

    _link_editions(report, plans, catalogue, outcomes)
    report.problems.sort(key=lambda problem: (problem.row or 0, not problem.is_error))
    if dry_run or (all_or_nothing and report.failed):
        transaction.set_rollback(True)
        report.written = False
    return report


def _read(row: int, raw: Any, catalogue: _Catalogue) -> RecordDraft:
    if not isinstance(raw, dict):
        draft = RecordDraft(row=row)
        draft.error("", gettext("Each resource must be a JSON object."))
        return draft
    draft = record_draft(row=row, raw=raw, vocabulary=catalogue.vocabulary)
    if None in raw:
        draft.error("", gettext("This row has more cells than the header has columns."))
    return draft


def _load_items(pks: Iterable[int | None]) -> dict[int, Resource]:
    """Fetch items with their tags, for comparing what is stored with what a file says."""
    wanted = [pk for pk in pks if pk is not None]
    if not wanted:
        return {}
    return {
        resource.pk: resource
        for resource in Resource.objects.filter(pk__in=wanted).prefetch_related(*TAG_RELATIONS)
    }


def _import_one(
    draft: RecordDraft,
    catalogue: _Catalogue,
    claimed: dict[int, int],
    existing: dict[int, Resource],
    report: ImportReport,
) -> "_Outcome | None":
    """Match and write one record in its own savepoint; report it and return the outcome."""
    pk = None
    if not draft.errors:
        pk, problem = catalogue.match(draft)
        if problem:
            draft.error("url", problem)
        elif pk is not None and pk in claimed:
            draft.error(
                "slug" if draft.slug else "url",
                gettext("This is the same item as row %(row)s; each item may appear only once.")
                % {"row": claimed[pk]},
            )
        elif pk is not None and draft.slug and draft.slug not in catalogue.slug_pk:
            draft.warn(
                "url",
                gettext("Matched the existing item “%(slug)s” by its link; its slug is kept.")
                % {"slug": catalogue.slug_of(pk)},
            )
    if draft.errors:
        _record_problems(report, draft)
        report.failed += 1
        return None
    resource = None
    if pk is not None:
        resource = existing.get(pk) or _load_items([pk])[pk]
    try:
        with transaction.atomic():
            outcome, resource = _write(draft, resource, catalogue)
    except (ValidationError, DatabaseError) as error:
        # The savepoint undid the writes; forget what memory still holds of them.
        catalogue.forget_new()
        existing.pop(pk, None)
        _record_problems(report, draft)
        if isinstance(error, ValidationError):
            report.problems.extend(_validation_problems(draft.row, error))
        else:
            report.problems.append(
                ImportProblem(
                    draft.row,
                    "",
                    gettext("The database refused this row: %(reason)s") % {"reason": error},
                )
            )
        report.failed += 1
        return None
    _record_problems(report, draft)
    catalogue.new_in_row = []
    catalogue.remember_resource(resource)
    return outcome
