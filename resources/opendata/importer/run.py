"""Import every record of an opened file, each in its own savepoint, and report."""

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext

from resources.models import Resource
from taxonomy.models import Keyword, Organization

from ..records import TAG_RELATIONS, RecordDraft, record_draft
from .editions import CHUNK_SIZE, editions_link
from .matching import Catalogue
from .sources import ImportProblem, ImportReport, ImportSource
from .writing import Outcome, record_write, section_sync


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
    section_sync(
        report,
        source.organizations,
        section="organizations",
        model=Organization,
        fields={"name": "", "acronym": "", "is_un_entity": False, "website": ""},
    )
    section_sync(report, source.keywords, section="keywords", model=Keyword, fields={"name": ""})
    catalogue = Catalogue(file_slugs=source.slugs)
    claimed: dict[int, int] = {}
    plans: dict[int, tuple[int, list[str], bool]] = {}
    outcomes: dict[int, Outcome] = {}

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

    editions_link(report, plans, catalogue, outcomes)
    report.problems.sort(key=lambda problem: (problem.row or 0, not problem.is_error))
    if dry_run or (all_or_nothing and report.failed):
        transaction.set_rollback(True)
        report.written = False
    return report


def _read(row: int, raw: Any, catalogue: Catalogue) -> RecordDraft:
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
    catalogue: Catalogue,
    claimed: dict[int, int],
    existing: dict[int, Resource],
    report: ImportReport,
) -> "Outcome | None":
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
            outcome, resource = record_write(draft, resource, catalogue)
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
