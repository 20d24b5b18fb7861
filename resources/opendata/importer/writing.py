"""Write one record, and the organizations and keywords of a backup, where they differ."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext

from resources.models import KEEP, Resource, Status
from resources.services import resource_restore

from ..records import TAG_RELATIONS, RecordDraft
from .matching import Catalogue, validation_messages
from .sources import ImportProblem, ImportReport


@dataclass
class Outcome:
    """Say what writing one record did: which item, and whether it was created or changed."""

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


def _check_objectives(draft: RecordDraft, resource: Resource, *, restoring: bool) -> None:
    """Check that a published item has objectives and that its primary one is among them.

    ``resource`` holds the record's values, not yet saved. From a file with statuses (a
    backup) these are warnings: the backup restores what was stored and says what looks
    wrong. From other files they are errors.
    """
    objectives = draft.tags.get("objectives")
    if objectives is None:
        objectives = list(resource.objectives.all()) if resource.pk else []
    primary = resource.primary_objective_id
    problems = {}
    if resource.is_published and not objectives:
        problems["objectives"] = gettext("A published item needs at least one GCM objective.")
    if primary is not None and primary not in {objective.pk for objective in objectives}:
        problems["primary_objective"] = gettext(
            "The primary objective must be one of the item's objectives."
        )
    if problems and not restoring:
        raise ValidationError(problems)
    for column, message in problems.items():
        draft.warn(column, message)


def record_write(
    draft: RecordDraft, resource: Resource | None, catalogue: Catalogue
) -> tuple[Outcome, Resource]:
    """Create or update one item from a record, writing only what differs.

    A record without a status (the public CSV) creates a published item and leaves an
    existing item's status as it is.
    """
    outcome = Outcome(created=resource is None)
    if resource is None:
        title = draft.fields.get("title", "")
        resource = Resource(slug=draft.slug or catalogue.new_resource_slug(title))
    status = draft.status or (Status.PUBLISHED if outcome.created else None)
    restoring = draft.status is not None
    changed = resource_restore(
        resource=resource,
        fields=draft.fields,
        status=status,
        published_at=draft.published_at if draft.has_published_at else KEEP,
        check=lambda item: _check_objectives(draft, item, restoring=restoring),
    )

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


def section_sync(
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
            for message in validation_messages(error):
                report.problems.append(ImportProblem(None, column, message))
