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

import datetime
import json
import re
from collections import namedtuple
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TextIO
from urllib.parse import urljoin

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime, parse_duration
from django.utils.duration import duration_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from resources.models import Kind, Resource, Scope, Status
from resources.submission.uploads import download_path
from taxonomy.models import (
    DocumentType,
    GuidingPrinciple,
    Keyword,
    Language,
    Objective,
    ObjectiveAction,
    Organization,
    Region,
)
from taxonomy.selectors import APOSTROPHES, country_by_label

LIST_SEPARATOR = "; "
ACTIONS_OBJECTIVE_CODE = "10"
BACKUP_FORMAT = "gcm-objective10-hub-backup"
BACKUP_VERSION = 1
RECORD_CHUNK_SIZE = 500
TAG_ATTRIBUTE_PREFIX = "record_"
SLUG_MARKER = "slug-marker"

# The Hub lists "Global geographic scope" among its guiding principles: it is a scope.
GLOBAL_SCOPE_PRINCIPLE = "global geographic scope"

# Spreadsheets run a cell that starts with one of these as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NEUTRALISED = re.compile("'*[" + re.escape("".join(FORMULA_TRIGGERS)) + "]")

TRUE_WORDS = {"true", "yes", "y", "1"}
FALSE_WORDS = {"false", "no", "n", "0"}

_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})


# Reading ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadContext:
    """Say whom a record is for: the public (absolute links) or a backup (storage names)."""

    public: bool
    base_url: str = ""

    @cached_property
    def page_url_parts(self) -> tuple[str, str]:
        """Split an item page's address around its slug, to build it without reverse()."""
        before, _marker, after = reverse("resources:detail", args=[SLUG_MARKER]).partition(
            SLUG_MARKER
        )
        return _absolute(self, before), after


BACKUP_CONTEXT = ReadContext(public=False)


def _absolute(context: ReadContext, url: str) -> str:
    return urljoin(context.base_url, url) if context.base_url else url


def _moment(value: datetime.datetime | None) -> str | None:
    return value.astimezone(datetime.UTC).isoformat() if value else None


def _day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _yes_no(value: bool) -> str:
    return "true" if value else "false"


def _page_url(resource: Resource, context: ReadContext) -> str:
    before, after = context.page_url_parts
    return f"{before}{resource.slug}{after}"


def _file_url(resource: Resource, context: ReadContext) -> str:
    """Link to the download view, which checks permission, never to where the file lies."""
    path = download_path(resource)
    return _absolute(context, path) if path else ""


def _related(resource: Resource, relation: str) -> list[Any]:
    """Return the rows of a relation: the list ``resources_with_tags`` loaded, else a query."""
    loaded = getattr(resource, f"{TAG_ATTRIBUTE_PREFIX}{relation}", None)
    return loaded if loaded is not None else list(getattr(resource, relation).all())


def _editions(resource: Resource, context: ReadContext) -> list[str]:
    editions = getattr(resource, f"{TAG_ATTRIBUTE_PREFIX}language_editions", None)
    if editions is None:
        editions = resource.language_editions.all()
        if context.public:
            editions = editions.filter(status=Status.PUBLISHED)
    return sorted(edition.slug for edition in editions)


# Loading ------------------------------------------------------------------------------


class RecordValueError(ValueError):
    """Say, in words a person understands, why one value of a record cannot be read."""


@dataclass(frozen=True)
class PublisherRef:
    """Name a publisher as a record does: a slug or label, and what to create it with."""

    label: str
    name: str = ""
    is_un_entity: bool | None = None


@dataclass
class RecordDraft:
    """Hold one record as read back: field values, tags and links to write, and problems.

    ``fields`` maps model attribute names to values; ``tags`` maps many-to-many names to
    taxonomy rows. ``None`` for ``publishers``, ``keywords`` or ``editions`` means the
    record does not say, so what is stored stays as it is.
    """

    row: int
    slug: str = ""
    fields: dict[str, Any] = field(default_factory=dict)
    tags: dict[str, list[Any]] = field(default_factory=dict)
    publishers: list[PublisherRef] | None = None
    keywords: list[str] | None = None
    editions: list[str] | None = None
    status: str | None = None
    has_published_at: bool = False
    published_at: datetime.datetime | None = None
    created_at: datetime.datetime | None = None
    implied_scope: int | None = None
    errors: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def error(self, column: str, message: str) -> None:
        self.errors.append((column, message))

    def warn(self, column: str, message: str) -> None:
        self.warnings.append((column, message))


def fold(label: str) -> str:
    """Fold case, spacing, apostrophe and dash variants so that labels compare equal."""
    text = " ".join(label.translate(APOSTROPHES).translate(_DASHES).split()).casefold()
    return re.sub(r"\s*-\s*", "-", text)


def _text(value: Any, *, strip: bool = True) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return value.strip() if strip else value
    raise RecordValueError(gettext("Give a text value here, not a list or an object."))


def _items(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        parts = [_text(item) for item in value]
    else:
        parts = _text(value).split(";")
    return [part.strip() for part in parts if part.strip()]


def _whole_number(value: Any, *, message: str) -> int | None:
    if isinstance(value, bool):
        raise RecordValueError(message)
    if isinstance(value, int):
        return value
    text = _text(value)
    if not text:
        return None
    if not re.fullmatch(r"\d{1,6}", text):
        raise RecordValueError(message)
    return int(text)


def _boolean(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    text = _text(value).casefold()
    if not text:
        return None
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise RecordValueError(
        gettext("Write “true” or “false”, not “%(value)s”.") % {"value": _text(value)}
    )


def _date(value: Any) -> datetime.date | None:
    text = _text(value)
    if not text:
        return None
    try:
        parsed = parse_date(text)
    except ValueError:
        parsed = None
    if parsed is None:
        raise RecordValueError(
            gettext("“%(value)s” is not a date; write it as YYYY-MM-DD.") % {"value": text}
        )
    return parsed


def _datetime(value: Any) -> datetime.datetime | None:
    """Read an ISO 8601 time; a time without UTC offset is taken as UTC, a date as midnight."""
    text = _text(value)
    if not text:
        return None
    try:
        parsed = parse_datetime(text)
        if parsed is None and (day := parse_date(text)) is not None:
            parsed = datetime.datetime.combine(day, datetime.time())
    except ValueError:
        parsed = None
    if parsed is None:
        raise RecordValueError(
            gettext("“%(value)s” is not a date and time; write it as YYYY-MM-DDTHH:MM+00:00.")
            % {"value": text}
        )
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, datetime.UTC)
    return parsed


def _duration(value: Any) -> datetime.timedelta | None:
    text = _text(value)
    if not text:
        return None
    parsed = parse_duration(text)
    if parsed is None:
        raise RecordValueError(
            gettext("“%(value)s” is not a duration; write it as HH:MM:SS.") % {"value": text}
        )
    return parsed


class Vocabulary:
    """Find taxonomy rows by code or by the labels people use, loading each list once."""

    def __init__(self) -> None:
        self._indexes: dict[str, dict[str, Any]] = {
            "objective": _index(Objective.objects.all(), _objective_labels),
            "principle": _index(GuidingPrinciple.objects.all(), lambda p: [p.slug, p.name]),
            "region": _index(Region.objects.all(), lambda r: [r.slug, r.name, r.m49]),
            "language": _index(
                Language.objects.all(), lambda lang: [lang.code, lang.name, lang.native_name]
            ),
            "document_type": _index(DocumentType.objects.all(), lambda t: [t.slug, t.name]),
            "action": _index(
                ObjectiveAction.objects.filter(objective__code=ACTIONS_OBJECTIVE_CODE),
                lambda a: [a.letter, f"({a.letter})", f"{a.letter})"],
            ),
            "kind": _index(Kind, lambda k: [k.value, str(k.label), k.name]),
            "scope": _index(Scope, lambda s: [s.code, str(s.label)]),
            "status": _index(Status, lambda s: [s.value, str(s.label), s.name]),
        }
        self._countries: dict[str, Any] = {}

    def find(self, vocabulary: str, label: str) -> Any:
        """Return the row of this vocabulary that the label names, or None."""
        if vocabulary == "country":
            return self.country(label)
        return self._indexes[vocabulary].get(fold(label))

    def country(self, label: str) -> Any:
        """Return the country with this ISO code, name or alias (the Hub's labels too)."""
        key = fold(label)
        if key not in self._countries:
            self._countries[key] = country_by_label(label)
        return self._countries[key]


def _objective_labels(objective: Objective) -> list[str]:
    labels = [objective.code, objective.slug, objective.short_name, objective.title]
    if objective.number:
        labels += [f"Objective {objective.number}", f"GCM objective {objective.number}"]
    return labels


def _index(rows: Iterable[Any], labels: Callable[[Any], list[str]]) -> dict[str, Any]:
    index: dict[str, Any] = {}
    for row in rows:
        for label in labels(row):
            if label:
                index.setdefault(fold(str(label)), row)
    return index


Loader = Callable[[RecordDraft, Mapping[str, Any], Vocabulary], None]


def _source(raw: Mapping[str, Any], name: str, label_column: str | None) -> str | None:
    """Return which column to read: the code column, else its label twin, else none."""
    if name in raw:
        return name
    if label_column and label_column in raw:
        return label_column
    return None


def _load_text(name: str, *, required: str | None = None) -> Loader:
    """Read free text exactly as written, so a backup restores it to the character."""

    def load(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
        if name not in raw:
            return
        try:
            value = _text(raw[name], strip=False)
        except RecordValueError as error:
            draft.error(name, str(error))
            return
        if required and not value.strip():
            draft.error(name, str(required))
            return
        draft.fields[name] = value

    return load


def _load_converted(name: str, convert: Callable[[Any], Any]) -> Loader:
    def load(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
        if name not in raw:
            return
        try:
            draft.fields[name] = convert(raw[name])
        except RecordValueError as error:
            draft.error(name, str(error))

    return load


def _load_slug(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
    if "slug" in raw:
        try:
            draft.slug = _text(raw["slug"])
        except RecordValueError as error:
            draft.error("slug", str(error))


def _load_year(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
    if "publication_year" not in raw:
        return
    message = gettext("“%(value)s” is not a year; write the year in four digits, e.g. 2021.") % {
        "value": raw["publication_year"]
    }
    try:
        year = _whole_number(raw["publication_year"], message=message)
    except RecordValueError as error:
        draft.error("publication_year", str(error))
        return
    if year is None:
        draft.error("publication_year", gettext("Give the year of publication."))
        return
    draft.fields["publication_year"] = year


def _load_optional_number(name: str) -> Loader:
    def load(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
        if name not in raw:
            return
        message = gettext("“%(value)s” is not a whole number.") % {"value": raw[name]}
        try:
            draft.fields[name] = _whole_number(raw[name], message=message)
        except RecordValueError as error:
            draft.error(name, str(error))

    return load


def _load_lines(name: str) -> Loader:
    """Read a list of names into a text field with one name per line."""

    def load(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
        if name in raw:
            try:
                draft.fields[name] = "\n".join(_items(raw[name]))
            except RecordValueError as error:
                draft.error(name, str(error))

    return load


def _load_choice(name: str, vocabulary_name: str, message: str) -> Loader:
    def load(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
        if name not in raw:
            return
        try:
            text = _text(raw[name])
        except RecordValueError as error:
            draft.error(name, str(error))
            return
        if not text:
            return
        choice = vocabulary.find(vocabulary_name, text)
        if choice is None:
            draft.error(name, str(message) % {"value": text})
        elif name == "status":
            draft.status = choice.value
        else:
            draft.fields[name] = choice.value

    return load


def _load_one(
    name: str, vocabulary_name: str, message: str, *, label_column: str | None = None
) -> Loader:
    def load(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
        column = _source(raw, name, label_column)
        if column is None:
            return
        try:
            text = _text(raw[column])
        except RecordValueError as error:
            draft.error(column, str(error))
            return
        row = vocabulary.find(vocabulary_name, text) if text else None
        if text and row is None:
            draft.error(column, str(message) % {"value": text})
            return
        draft.fields[f"{name}_id"] = row.pk if row else None

    return load


def _load_tags(
    name: str, vocabulary_name: str, message: str, *, label_column: str | None = None
) -> Loader:
    def load(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
        column = _source(raw, name, label_column)
        if column is None:
            return
        try:
            labels = _items(raw[column])
        except RecordValueError as error:
            draft.error(column, str(error))
            return
        rows: list[Any] = []
        for label in labels:
            if vocabulary_name == "principle" and fold(label) == GLOBAL_SCOPE_PRINCIPLE:
                draft.implied_scope = Scope.GLOBAL
                continue
            row = vocabulary.find(vocabulary_name, label)
            if row is None:
                draft.error(column, str(message) % {"value": label})
            elif row not in rows:
                rows.append(row)
        draft.tags[name] = rows

    return load


def _load_publishers(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
    column = _source(raw, "publishers", "publisher_names")
    if column is None:
        return
    try:
        labels = _items(raw[column])
        names = _items(raw.get("publisher_names"))
        flags = [_boolean(flag) for flag in _items(raw.get("publisher_un_entity"))]
    except RecordValueError as error:
        draft.error(column, str(error))
        return
    if len(names) != len(labels):
        names = []
    if len(flags) != len(labels):
        flags = []
    draft.publishers = [
        PublisherRef(
            label=label,
            name=names[position] if names else "",
            is_un_entity=flags[position] if flags else None,
        )
        for position, label in enumerate(labels)
    ]


def _load_keywords(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
    if "keywords" not in raw:
        return
    try:
        names = _items(raw["keywords"])
    except RecordValueError as error:
        draft.error("keywords", str(error))
        return
    unique: dict[str, str] = {}
    for name in names:
        unique.setdefault(fold(name), name)
    draft.keywords = list(unique.values())


def _load_editions(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
    if "language_editions" not in raw:
        return
    try:
        draft.editions = sorted(set(_items(raw["language_editions"])))
    except RecordValueError as error:
        draft.error("language_editions", str(error))


def _load_published_at(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
    if "published_at" not in raw:
        return
    try:
        draft.published_at = _datetime(raw["published_at"])
        draft.has_published_at = True
    except RecordValueError as error:
        draft.error("published_at", str(error))


def _load_created_at(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
    if "created_at" not in raw:
        return
    try:
        draft.created_at = _datetime(raw["created_at"])
    except RecordValueError as error:
        draft.error("created_at", str(error))


# The column list ----------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of the flat form: how to read it from a resource and load it back.

    ``public`` columns are in the CSV export, ``backup`` columns in the JSON backup. A
    ``label`` column repeats a code column in words; it is read on import only when its
    code column is missing. A column without ``load`` is derived and ignored on import.
    """

    name: str
    read: Callable[[Resource, ReadContext], Any]
    load: Loader | None = None
    public: bool = True
    backup: bool = True
    label: bool = False


def _attribute(name: str) -> Callable[[Resource, ReadContext], Any]:
    return lambda resource, context: getattr(resource, name)


def _codes(relation: str, attribute: str) -> Callable[[Resource, ReadContext], list[str]]:
    return lambda resource, context: [
        str(getattr(row, attribute)) for row in _related(resource, relation)
    ]


def _text_column(name: str, *, required: str | None = None) -> Column:
    return Column(name, _attribute(name), _load_text(name, required=required))


def _label_column(name: str, read: Callable[[Resource, ReadContext], Any]) -> Column:
    return Column(name, read, backup=False, label=True)


COLUMNS: tuple[Column, ...] = (
    Column("slug", _attribute("slug"), _load_slug),
    Column("page_url", _page_url, backup=False),
    Column(
        "kind",
        _attribute("kind"),
        _load_choice("kind", "kind", _("Unknown kind “%(value)s”.")),
    ),
    _text_column("title", required=_("Give a title.")),
    _text_column("summary", required=_("Give a summary.")),
    _text_column("url"),
    Column("file_url", _file_url, backup=False),
    Column(
        "file", lambda resource, context: resource.file.name or "", _load_text("file"), public=False
    ),
    Column("publication_year", _attribute("publication_year"), _load_year),
    Column(
        "publication_month",
        _attribute("publication_month"),
        _load_optional_number("publication_month"),
    ),
    Column(
        "publication_day", _attribute("publication_day"), _load_optional_number("publication_day")
    ),
    Column("authors", lambda resource, context: resource.author_list, _load_lines("authors")),
    Column("publishers", _codes("publishers", "slug"), _load_publishers),
    Column(
        "proposed_publishers",
        lambda resource, context: resource.proposed_publisher_list,
        _load_lines("proposed_publishers"),
        public=False,
    ),
    _label_column("publisher_names", _codes("publishers", "name")),
    _label_column(
        "publisher_un_entity",
        lambda resource, context: [
            _yes_no(publisher.is_un_entity) for publisher in _related(resource, "publishers")
        ],
    ),
    Column(
        "languages",
        _codes("languages", "code"),
        _load_tags(
            "languages",
            "language",
            _("Unknown language “%(value)s”."),
            label_column="language_names",
        ),
    ),
    _label_column("language_names", _codes("languages", "name")),
    Column("language_editions", _editions, _load_editions),
    Column(
        "document_type",
        lambda resource, context: resource.document_type.slug if resource.document_type else None,
        _load_one(
            "document_type",
            "document_type",
            _("Unknown document type “%(value)s”."),
            label_column="document_type_name",
        ),
    ),
    _label_column(
        "document_type_name",
        lambda resource, context: resource.document_type.name if resource.document_type else None,
    ),
    Column(
        "objectives",
        _codes("objectives", "code"),
        _load_tags(
            "objectives",
            "objective",
            _("Unknown GCM objective “%(value)s”."),
            label_column="objective_names",
        ),
    ),
    _label_column("objective_names", _codes("objectives", "short_name")),
    Column(
        "primary_objective",
        lambda resource, context: (
            resource.primary_objective.code if resource.primary_objective else None
        ),
        _load_one("primary_objective", "objective", _("Unknown GCM objective “%(value)s”.")),
    ),
    Column(
        "principles",
        _codes("principles", "slug"),
        _load_tags(
            "principles",
            "principle",
            _("Unknown guiding principle “%(value)s”."),
            label_column="principle_names",
        ),
    ),
    _label_column("principle_names", _codes("principles", "name")),
    Column(
        "scope",
        lambda resource, context: resource.get_scope_code(),
        _load_choice("scope", "scope", _("Unknown geographic scope “%(value)s”.")),
    ),
    Column(
        "regions",
        _codes("regions", "slug"),
        _load_tags(
            "regions", "region", _("Unknown region “%(value)s”."), label_column="region_names"
        ),
    ),
    _label_column("region_names", _codes("regions", "name")),
    Column(
        "countries",
        _codes("countries", "iso3"),
        _load_tags(
            "countries", "country", _("Unknown country “%(value)s”."), label_column="country_names"
        ),
    ),
    _label_column("country_names", _codes("countries", "name")),
    Column(
        "actions",
        _codes("actions", "letter"),
        _load_tags(
            "actions", "action", _("Unknown Objective 10 action “%(value)s”; use a letter a–j.")
        ),
    ),
    Column("keywords", _codes("keywords", "name"), _load_keywords),
    _text_column("implemented_by"),
    _text_column("practice_type"),
    _text_column("takeaway"),
    _text_column("sdgs"),
    Column(
        "period_start",
        lambda resource, context: _day(resource.period_start),
        _load_converted("period_start", _date),
    ),
    Column(
        "period_end",
        lambda resource, context: _day(resource.period_end),
        _load_converted("period_end", _date),
    ),
    _text_column("implementers"),
    _text_column("funding"),
    Column(
        "starts_at",
        lambda resource, context: _moment(resource.starts_at),
        _load_converted("starts_at", _datetime),
    ),
    Column(
        "ends_at",
        lambda resource, context: _moment(resource.ends_at),
        _load_converted("ends_at", _datetime),
    ),
    _text_column("location"),
    Column(
        "is_online",
        lambda resource, context: resource.is_online,
        _load_converted("is_online", lambda value: bool(_boolean(value))),
    ),
    Column(
        "duration",
        lambda resource, context: (
            duration_string(resource.duration) if resource.duration is not None else None
        ),
        _load_converted("duration", _duration),
    ),
    _text_column("embed_url"),
    Column(
        "status",
        _attribute("status"),
        _load_choice("status", "status", _("Unknown status “%(value)s”.")),
        public=False,
    ),
    Column(
        "published_at", lambda resource, context: _moment(resource.published_at), _load_published_at
    ),
    Column(
        "created_at",
        lambda resource, context: _moment(resource.created_at),
        _load_created_at,
        public=False,
    ),
)

COLUMN_NAMES = frozenset(column.name for column in COLUMNS)
PUBLIC_COLUMNS = tuple(column for column in COLUMNS if column.public)
BACKUP_COLUMNS = tuple(column for column in COLUMNS if column.backup)
# The fields a record reads from each relation.
TAG_FIELDS = {
    "publishers": ("slug", "name", "is_un_entity"),
    "languages": ("code", "name"),
    "objectives": ("code", "short_name"),
    "principles": ("slug", "name"),
    "regions": ("slug", "name"),
    "countries": ("iso3", "name"),
    "actions": ("letter",),
    "keywords": ("name",),
    "language_editions": ("slug",),
}
TAG_RELATIONS = tuple(name for name in TAG_FIELDS if name != "language_editions")
_TAG_ROWS = {
    name: namedtuple(f"{name.title().replace('_', '')}Row", fields)
    for name, fields in TAG_FIELDS.items()
}


def _tag_query(relation: str, pks: list[int], *, public: bool) -> QuerySet:
    """Read one relation of many items from its link table as plain values, in list order.

    The order is the related model's own ordering, so a record lists tags as pages do.
    """
    field = Resource._meta.get_field(relation)
    owner, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    ordering = [
        f"-{target}__{item[1:]}" if item.startswith("-") else f"{target}__{item}"
        for item in field.related_model._meta.ordering
    ]
    links = field.remote_field.through.objects.filter(**{f"{owner}_id__in": pks})
    if public and relation == "language_editions":
        links = links.filter(**{f"{target}__status": Status.PUBLISHED})
    return links.order_by(*ordering, f"{target}_id").values_list(
        f"{owner}_id", *(f"{target}__{name}" for name in TAG_FIELDS[relation])
    )


def _attach_tags(resources: list[Resource], *, public: bool) -> None:
    pks = [resource.pk for resource in resources]
    for relation, row_type in _TAG_ROWS.items():
        rows: dict[int, list[Any]] = {pk: [] for pk in pks}
        for owner, *values in _tag_query(relation, pks, public=public):
            rows[owner].append(row_type(*values))
        for resource in resources:
            setattr(resource, f"{TAG_ATTRIBUTE_PREFIX}{relation}", rows[resource.pk])


def resources_with_tags(queryset: QuerySet, *, public: bool) -> Iterator[Resource]:
    """Yield the items of a queryset with everything a record shows, keeping memory flat.

    Items are read ``RECORD_CHUNK_SIZE`` at a time through ``iterator()``; for each chunk
    one query per relation reads the tags as plain values from the link table, which is
    several times cheaper than building model instances with ``prefetch_related``. So the
    number of queries grows with the number of chunks, not of items or tags. The public
    form links only to published language editions.
    """
    queryset = queryset.select_related("document_type", "primary_objective").defer(
        "search_text", "search_vector"
    )
    chunk: list[Resource] = []
    for resource in queryset.iterator(chunk_size=RECORD_CHUNK_SIZE):
        chunk.append(resource)
        if len(chunk) == RECORD_CHUNK_SIZE:
            _attach_tags(chunk, public=public)
            yield from chunk
            chunk = []
    if chunk:
        _attach_tags(chunk, public=public)
        yield from chunk


def resource_record(
    resource: Resource, *, context: ReadContext, columns: Iterable[Column] | None = None
) -> dict[str, Any]:
    """Return the flat record of a resource: column name to a JSON value."""
    if columns is None:
        columns = PUBLIC_COLUMNS if context.public else BACKUP_COLUMNS
    return {column.name: column.read(resource, context) for column in columns}


def record_draft(*, row: int, raw: Mapping[str, Any], vocabulary: Vocabulary) -> RecordDraft:
    """Read one record (a CSV row or a JSON object) back into what to write."""
    draft = RecordDraft(row=row)
    for column in COLUMNS:
        if column.load is not None:
            column.load(draft, raw, vocabulary)
    if draft.implied_scope is not None and "scope" not in draft.fields:
        draft.fields["scope"] = draft.implied_scope
    return draft


# CSV cells ----------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """Write one record value as a CSV cell: lists joined with "; ", null as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, list):
        return LIST_SEPARATOR.join(cell_text(item) for item in value)
    return str(value)


def spreadsheet_safe(cell: str) -> str:
    """Keep a spreadsheet from running a cell as a formula: prefix a single quote.

    Cells starting with =, +, -, @, tab or carriage return are prefixed, and so are cells
    that already start with quotes before one of those, so ``spreadsheet_text`` can undo it.
    """
    return f"'{cell}" if _NEUTRALISED.match(cell) else cell


def spreadsheet_text(cell: str) -> str:
    """Undo ``spreadsheet_safe``: drop the one quote it put before a formula character."""
    return cell[1:] if cell.startswith("'") and _NEUTRALISED.match(cell[1:]) else cell


# The JSON backup ----------------------------------------------------------------------


def organization_entry(organization: Organization) -> dict[str, Any]:
    return {
        "slug": organization.slug,
        "name": organization.name,
        "acronym": organization.acronym,
        "is_un_entity": organization.is_un_entity,
        "website": organization.website,
    }


def keyword_entry(keyword: Keyword) -> dict[str, Any]:
    return {"slug": keyword.slug, "name": keyword.name}


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def backup_lines() -> Iterator[str]:
    """Yield the JSON backup of the whole catalogue, every status, piece by piece.

    Organizations and keywords come first, then one resource per line, each sorted by
    slug, so that two backups of the same catalogue are identical text.
    """
    yield "{\n"
    yield f'"format": {_dumps(BACKUP_FORMAT)},\n"version": {BACKUP_VERSION},\n'
    sections: list[tuple[str, Iterable[dict[str, Any]]]] = [
        (
            "organizations",
            (
                organization_entry(organization)
                for organization in Organization.objects.order_by("slug").iterator()
            ),
        ),
        (
            "keywords",
            (keyword_entry(keyword) for keyword in Keyword.objects.order_by("slug").iterator()),
        ),
        (
            "resources",
            (
                resource_record(resource, context=BACKUP_CONTEXT)
                for resource in resources_with_tags(Resource.objects.order_by("slug"), public=False)
            ),
        ),
    ]
    for position, (name, entries) in enumerate(sections):
        yield f'"{name}": ['
        for count, entry in enumerate(entries):
            yield ("," if count else "") + "\n" + _dumps(entry)
        yield "\n]" + ("," if position < len(sections) - 1 else "") + "\n"
    yield "}\n"


def backup_write(*, output: TextIO) -> None:
    """Write the JSON backup to an open text file, keeping memory flat."""
    for piece in backup_lines():
        output.write(piece)
