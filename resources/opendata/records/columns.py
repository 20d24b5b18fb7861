"""List every column of the flat form once, in order: how to read it and how to load it.

This is the one column list of the CSV export, the JSON backup and the importer.
"""

from collections import namedtuple
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import urljoin

from django.urls import reverse
from django.utils.duration import duration_string
from django.utils.translation import gettext_lazy as _

from hub.preloaded import preloaded_attribute, related
from resources.models import Resource, Scope
from resources.submission.uploads import download_path
from resources.vocabulary import BY_NAME, PARAMETERS, ChoiceParameter, TermParameter

from .loaders import (
    GLOBAL_SCOPE_PRINCIPLE,
    Loader,
    RecordDraft,
    load_choice,
    load_converted,
    load_created_at,
    load_editions,
    load_keywords,
    load_lines,
    load_one,
    load_optional_number,
    load_published_at,
    load_publishers,
    load_slug,
    load_tags,
    load_text,
    load_year,
    store_status,
)
from .parsers import boolean, date_value, datetime_value, day, duration_value, moment, yes_no
from .vocabulary import Vocabulary

SLUG_MARKER = "slug-marker"


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


def _page_url(resource: Resource, context: ReadContext) -> str:
    before, after = context.page_url_parts
    return f"{before}{resource.slug}{after}"


def _file_url(resource: Resource, context: ReadContext) -> str:
    """Link to the download view, which checks permission, never to where the file lies."""
    path = download_path(resource)
    return _absolute(context, path) if path else ""


def _editions(resource: Resource, context: ReadContext) -> list[str]:
    """List the slugs of an item's editions; the public form names only published ones.

    ``resources_with_tags`` attaches the editions the record may name; an item read alone
    reads them here.
    """
    editions = getattr(resource, preloaded_attribute("language_editions"), None)
    if editions is None:
        editions = resource.language_editions.all()
        if context.public:
            editions = editions.published()
    return sorted(edition.slug for edition in editions)


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
        str(getattr(row, attribute)) for row in related(resource, relation)
    ]


def _text_column(name: str, *, required: str | None = None) -> Column:
    return Column(name, _attribute(name), load_text(name, required=required))


def _label_column(name: str, read: Callable[[Resource, ReadContext], Any]) -> Column:
    return Column(name, read, backup=False, label=True)


# The vocabulary columns: one per browse parameter that has a ``column``, read and loaded
# as its declaration says (codes of its relation or its choice, and the labels in words).


def _names_column_name(declared: TermParameter) -> str:
    """Name the column of a term parameter's labels: one label, or a list of them."""
    if declared.field.many_to_many:
        return f"{declared.parameter}_names"
    return f"{declared.column}_name"


def _has_names(declared: TermParameter) -> bool:
    """Say whether a term parameter's labels say more than its codes (not action letters)."""
    return declared.label_field != declared.code_field


def term_codes(
    parameter: str,
    message: str,
    *,
    load: Loader | None = None,
    code_field: str = "",
    implied_scopes: Mapping[str, Scope] | None = None,
) -> Column:
    """Return the column of a term parameter's codes, loaded back by code or label.

    ``code_field`` overrides the declared code where a file names terms otherwise
    (keywords by name); ``load`` replaces the vocabulary lookup (publishers, keywords).
    """
    declared = BY_NAME[parameter]
    code_field = code_field or declared.code_field
    label_column = _names_column_name(declared) if _has_names(declared) else None
    if declared.field.many_to_many:
        read = _codes(declared.relation, code_field)
        load = load or load_tags(
            declared.relation,
            declared.parameter,
            message,
            label_column=label_column,
            implied_scopes=implied_scopes,
        )
    else:
        read = _term_code(declared.relation, code_field)
        load = load or load_one(
            declared.relation, declared.parameter, message, label_column=label_column
        )
    return Column(declared.column, read, load)


def term_names(parameter: str) -> Column:
    """Return the column of a term parameter's labels, which repeats its codes in words."""
    declared = BY_NAME[parameter]
    if declared.field.many_to_many:
        read = _codes(declared.relation, declared.label_field)
    else:
        read = _term_code(declared.relation, declared.label_field)
    return _label_column(_names_column_name(declared), read)


def choice_code(parameter: str, message: str) -> Column:
    """Return the column of a choice parameter's code, loaded back by code or label."""
    declared = BY_NAME[parameter]

    def read(resource: Resource, context: ReadContext) -> str:
        return declared.code(declared.choices(getattr(resource, declared.field_name)))

    return Column(
        declared.column, read, load_choice(declared.field_name, declared.parameter, message)
    )


def _term_code(relation: str, attribute: str) -> Callable[[Resource, ReadContext], Any]:
    def read(resource: Resource, context: ReadContext) -> Any:
        term = getattr(resource, relation)
        return getattr(term, attribute) if term else None

    return read


_LEADING: tuple[Column, ...] = (
    Column("slug", _attribute("slug"), load_slug),
    Column("page_url", _page_url, backup=False),
    choice_code("kind", _("Unknown kind “%(value)s”.")),
    _text_column("title", required=_("Give a title.")),
    _text_column("summary", required=_("Give a summary.")),
    _text_column("url"),
    Column("file_url", _file_url, backup=False),
    Column(
        "file", lambda resource, context: resource.file.name or "", load_text("file"), public=False
    ),
    Column(BY_NAME["year"].column, _attribute(BY_NAME["year"].field_name), load_year),
    Column(
        "publication_month",
        _attribute("publication_month"),
        load_optional_number("publication_month"),
    ),
    Column(
        "publication_day", _attribute("publication_day"), load_optional_number("publication_day")
    ),
    Column("authors", lambda resource, context: resource.author_list, load_lines("authors")),
    term_codes("publisher", "", load=load_publishers),
    Column(
        "proposed_publishers",
        lambda resource, context: resource.proposed_publisher_list,
        load_lines("proposed_publishers"),
        public=False,
    ),
    term_names("publisher"),
    _label_column(
        "publisher_un_entity",
        lambda resource, context: [
            yes_no(publisher.is_un_entity) for publisher in related(resource, "publishers")
        ],
    ),
    term_codes("language", _("Unknown language “%(value)s”.")),
    term_names("language"),
    Column("language_editions", _editions, load_editions),
    term_codes("type", _("Unknown document type “%(value)s”.")),
    term_names("type"),
    term_codes("objective", _("Unknown GCM objective “%(value)s”.")),
    term_names("objective"),
    Column(
        "primary_objective",
        _term_code("primary_objective", BY_NAME["objective"].code_field),
        load_one("primary_objective", "objective", _("Unknown GCM objective “%(value)s”.")),
    ),
    term_codes(
        "principle",
        _("Unknown guiding principle “%(value)s”."),
        implied_scopes={GLOBAL_SCOPE_PRINCIPLE: Scope.GLOBAL},
    ),
    term_names("principle"),
    choice_code("scope", _("Unknown geographic scope “%(value)s”.")),
    term_codes("region", _("Unknown region “%(value)s”.")),
    term_names("region"),
    term_codes("country", _("Unknown country “%(value)s”.")),
    term_names("country"),
    term_codes("action", _("Unknown Objective 10 action “%(value)s”; use a letter a–j.")),
    term_codes("keyword", "", code_field="name", load=load_keywords),
)
_TRAILING: tuple[Column, ...] = (
    _text_column("implemented_by"),
    _text_column("practice_type"),
    _text_column("takeaway"),
    _text_column("sdgs"),
    Column(
        "period_start",
        lambda resource, context: day(resource.period_start),
        load_converted("period_start", date_value),
    ),
    Column(
        "period_end",
        lambda resource, context: day(resource.period_end),
        load_converted("period_end", date_value),
    ),
    _text_column("implementers"),
    _text_column("funding"),
    Column(
        "starts_at",
        lambda resource, context: moment(resource.starts_at),
        load_converted("starts_at", datetime_value),
    ),
    Column(
        "ends_at",
        lambda resource, context: moment(resource.ends_at),
        load_converted("ends_at", datetime_value),
    ),
    _text_column("location"),
    Column(
        "is_online",
        lambda resource, context: resource.is_online,
        load_converted("is_online", lambda value: bool(boolean(value))),
    ),
    Column(
        "duration",
        lambda resource, context: (
            duration_string(resource.duration) if resource.duration is not None else None
        ),
        load_converted("duration", duration_value),
    ),
    _text_column("embed_url"),
    Column(
        "status",
        _attribute("status"),
        load_choice("status", "status", _("Unknown status “%(value)s”."), store=store_status),
        public=False,
    ),
    Column(
        "published_at", lambda resource, context: moment(resource.published_at), load_published_at
    ),
    Column(
        "created_at",
        lambda resource, context: moment(resource.created_at),
        load_created_at,
        public=False,
    ),
)


def unplaced_columns(placed: tuple[Column, ...]) -> tuple[Column, ...]:
    """Return the columns of the browse parameters declared since the file format was set.

    The columns of the parameters the hub had then keep their place; a new parameter's
    columns follow the keywords, so adding a facet adds its column to every file.
    """
    names = {column.name for column in placed}
    columns: list[Column] = []
    for declared in PARAMETERS:
        if not declared.column or declared.column in names:
            continue
        message = _("Unknown value “%(value)s”.")
        if isinstance(declared, TermParameter):
            columns.append(term_codes(declared.parameter, message))
            if _has_names(declared):
                columns.append(term_names(declared.parameter))
        elif isinstance(declared, ChoiceParameter):
            columns.append(choice_code(declared.parameter, message))
    return tuple(columns)


COLUMNS: tuple[Column, ...] = (*_LEADING, *unplaced_columns(_LEADING), *_TRAILING)
COLUMN_NAMES = frozenset(column.name for column in COLUMNS)
PUBLIC_COLUMNS = tuple(column for column in COLUMNS if column.public)
BACKUP_COLUMNS = tuple(column for column in COLUMNS if column.backup)
# The fields a record reads of each tag besides its declared code and label.
EXTRA_TAG_FIELDS = {"publishers": ("is_un_entity",)}
# The tag relations of the browse parameters, with the fields a record reads of each.
TERM_TAG_FIELDS = {
    declared.relation: tuple(
        dict.fromkeys(
            (
                declared.code_field,
                declared.label_field,
                *EXTRA_TAG_FIELDS.get(declared.relation, ()),
            )
        )
    )
    for declared in PARAMETERS
    if isinstance(declared, TermParameter) and declared.column and declared.field.many_to_many
}
TAG_RELATIONS = tuple(TERM_TAG_FIELDS)
# Relations whose public records name only published items.
PUBLISHED_ONLY_TAGS = frozenset({"language_editions"})
TAG_FIELDS = {**TERM_TAG_FIELDS, "language_editions": ("slug",)}
TAG_ROWS = {
    name: namedtuple(f"{name.title().replace('_', '')}Row", fields)
    for name, fields in TAG_FIELDS.items()
}


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
