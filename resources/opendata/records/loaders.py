"""Load each column of a record into a ``RecordDraft``: what to write, and what is wrong.

A loader reads one column (or its label twin) and either fills the draft or records an
error against the column; it never writes to the database.
"""

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext

from resources.models import Scope

from .parsers import (
    RecordValueError,
    boolean,
    datetime_value,
    fold,
    item_list,
    text_value,
    whole_number,
)
from .vocabulary import Vocabulary

# The Hub lists "Global geographic scope" among its guiding principles: it is a scope.
GLOBAL_SCOPE_PRINCIPLE = "global geographic scope"


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


Loader = Callable[[RecordDraft, Mapping[str, Any], Vocabulary], None]


def _source(raw: Mapping[str, Any], name: str, label_column: str | None) -> str | None:
    """Return which column to read: the code column, else its label twin, else none."""
    if name in raw:
        return name
    if label_column and label_column in raw:
        return label_column
    return None


def load_text(name: str, *, required: str | None = None) -> Loader:
    """Read free text exactly as written, so a backup restores it to the character."""

    def load(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
        if name not in raw:
            return
        try:
            value = text_value(raw[name], strip=False)
        except RecordValueError as error:
            draft.error(name, str(error))
            return
        if required and not value.strip():
            draft.error(name, str(required))
            return
        draft.fields[name] = value

    return load


def load_converted(name: str, convert: Callable[[Any], Any]) -> Loader:
    def load(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
        if name not in raw:
            return
        try:
            draft.fields[name] = convert(raw[name])
        except RecordValueError as error:
            draft.error(name, str(error))

    return load


def load_slug(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
    if "slug" in raw:
        try:
            draft.slug = text_value(raw["slug"])
        except RecordValueError as error:
            draft.error("slug", str(error))


def load_year(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
    if "publication_year" not in raw:
        return
    message = gettext("“%(value)s” is not a year; write the year in four digits, e.g. 2021.") % {
        "value": raw["publication_year"]
    }
    try:
        year = whole_number(raw["publication_year"], message=message)
    except RecordValueError as error:
        draft.error("publication_year", str(error))
        return
    if year is None:
        draft.error("publication_year", gettext("Give the year of publication."))
        return
    draft.fields["publication_year"] = year


def load_optional_number(name: str) -> Loader:
    def load(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
        if name not in raw:
            return
        message = gettext("“%(value)s” is not a whole number.") % {"value": raw[name]}
        try:
            draft.fields[name] = whole_number(raw[name], message=message)
        except RecordValueError as error:
            draft.error(name, str(error))

    return load


def load_lines(name: str) -> Loader:
    """Read a list of names into a text field with one name per line."""

    def load(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
        if name in raw:
            try:
                draft.fields[name] = "\n".join(item_list(raw[name]))
            except RecordValueError as error:
                draft.error(name, str(error))

    return load


def store_status(draft: RecordDraft, value: str) -> None:
    """Keep a record's status apart from its fields: the workflow writes it."""
    draft.status = value


def load_choice(
    name: str,
    vocabulary_name: str,
    message: str,
    *,
    store: Callable[[RecordDraft, str], None] | None = None,
) -> Loader:
    """Load a choice by its code or label into the field ``name``, or through ``store``."""

    def load(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
        if name not in raw:
            return
        try:
            text = text_value(raw[name])
        except RecordValueError as error:
            draft.error(name, str(error))
            return
        if not text:
            return
        choice = vocabulary.find(vocabulary_name, text)
        if choice is None:
            draft.error(name, str(message) % {"value": text})
        elif store is not None:
            store(draft, choice.value)
        else:
            draft.fields[name] = choice.value

    return load


def load_one(
    name: str, vocabulary_name: str, message: str, *, label_column: str | None = None
) -> Loader:
    def load(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
        column = _source(raw, name, label_column)
        if column is None:
            return
        try:
            text = text_value(raw[column])
        except RecordValueError as error:
            draft.error(column, str(error))
            return
        row = vocabulary.find(vocabulary_name, text) if text else None
        if text and row is None:
            draft.error(column, str(message) % {"value": text})
            return
        draft.fields[f"{name}_id"] = row.pk if row else None

    return load


def load_tags(
    name: str,
    vocabulary_name: str,
    message: str,
    *,
    label_column: str | None = None,
    implied_scopes: Mapping[str, Scope] | None = None,
) -> Loader:
    """Load a list of tags; ``implied_scopes`` names labels that set the scope instead."""
    implied = {fold(label): scope for label, scope in (implied_scopes or {}).items()}

    def load(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
        column = _source(raw, name, label_column)
        if column is None:
            return
        try:
            labels = item_list(raw[column])
        except RecordValueError as error:
            draft.error(column, str(error))
            return
        rows: list[Any] = []
        for label in labels:
            if fold(label) in implied:
                draft.implied_scope = implied[fold(label)]
                continue
            row = vocabulary.find(vocabulary_name, label)
            if row is None:
                draft.error(column, str(message) % {"value": label})
            elif row not in rows:
                rows.append(row)
        draft.tags[name] = rows

    return load


def load_publishers(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
    column = _source(raw, "publishers", "publisher_names")
    if column is None:
        return
    try:
        labels = item_list(raw[column])
        names = item_list(raw.get("publisher_names"))
        flags = [boolean(flag) for flag in item_list(raw.get("publisher_un_entity"))]
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


def load_keywords(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
    if "keywords" not in raw:
        return
    try:
        names = item_list(raw["keywords"])
    except RecordValueError as error:
        draft.error("keywords", str(error))
        return
    unique: dict[str, str] = {}
    for name in names:
        unique.setdefault(fold(name), name)
    draft.keywords = list(unique.values())


def load_editions(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
    if "language_editions" not in raw:
        return
    try:
        draft.editions = sorted(set(item_list(raw["language_editions"])))
    except RecordValueError as error:
        draft.error("language_editions", str(error))


def load_published_at(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
    if "published_at" not in raw:
        return
    try:
        draft.published_at = datetime_value(raw["published_at"])
        draft.has_published_at = True
    except RecordValueError as error:
        draft.error("published_at", str(error))


def load_created_at(draft: RecordDraft, raw: Mapping[str, Any], vocabulary: Vocabulary) -> None:
    if "created_at" not in raw:
        return
    try:
        draft.created_at = datetime_value(raw["created_at"])
    except RecordValueError as error:
        draft.error("created_at", str(error))
