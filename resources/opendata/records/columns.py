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
from resources.models import Resource
from resources.submission.uploads import download_path

from .loaders import (
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


COLUMNS: tuple[Column, ...] = (
    Column("slug", _attribute("slug"), load_slug),
    Column("page_url", _page_url, backup=False),
    Column(
        "kind",
        _attribute("kind"),
        load_choice("kind", "kind", _("Unknown kind “%(value)s”.")),
    ),
    _text_column("title", required=_("Give a title.")),
    _text_column("summary", required=_("Give a summary.")),
    _text_column("url"),
    Column("file_url", _file_url, backup=False),
    Column(
        "file", lambda resource, context: resource.file.name or "", load_text("file"), public=False
    ),
    Column("publication_year", _attribute("publication_year"), load_year),
    Column(
        "publication_month",
        _attribute("publication_month"),
        load_optional_number("publication_month"),
    ),
    Column(
        "publication_day", _attribute("publication_day"), load_optional_number("publication_day")
    ),
    Column("authors", lambda resource, context: resource.author_list, load_lines("authors")),
    Column("publishers", _codes("publishers", "slug"), load_publishers),
    Column(
        "proposed_publishers",
        lambda resource, context: resource.proposed_publisher_list,
        load_lines("proposed_publishers"),
        public=False,
    ),
    _label_column("publisher_names", _codes("publishers", "name")),
    _label_column(
        "publisher_un_entity",
        lambda resource, context: [
            yes_no(publisher.is_un_entity) for publisher in related(resource, "publishers")
        ],
    ),
    Column(
        "languages",
        _codes("languages", "code"),
        load_tags(
            "languages",
            "language",
            _("Unknown language “%(value)s”."),
            label_column="language_names",
        ),
    ),
    _label_column("language_names", _codes("languages", "name")),
    Column("language_editions", _editions, load_editions),
    Column(
        "document_type",
        lambda resource, context: resource.document_type.slug if resource.document_type else None,
        load_one(
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
        load_tags(
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
        load_one("primary_objective", "objective", _("Unknown GCM objective “%(value)s”.")),
    ),
    Column(
        "principles",
        _codes("principles", "slug"),
        load_tags(
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
        load_choice("scope", "scope", _("Unknown geographic scope “%(value)s”.")),
    ),
    Column(
        "regions",
        _codes("regions", "slug"),
        load_tags(
            "regions", "region", _("Unknown region “%(value)s”."), label_column="region_names"
        ),
    ),
    _label_column("region_names", _codes("regions", "name")),
    Column(
        "countries",
        _codes("countries", "iso3"),
        load_tags(
            "countries", "country", _("Unknown country “%(value)s”."), label_column="country_names"
        ),
    ),
    _label_column("country_names", _codes("countries", "name")),
    Column(
        "actions",
        _codes("actions", "letter"),
        load_tags(
            "actions", "action", _("Unknown Objective 10 action “%(value)s”; use a letter a–j.")
        ),
    ),
    Column("keywords", _codes("keywords", "name"), load_keywords),
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
        load_choice("status", "status", _("Unknown status “%(value)s”.")),
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
