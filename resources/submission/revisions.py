"""Record what a submitter sent at each submission, and show what changed between rounds.

The workflow keeps a record of the submitted fields in the history entry of every
submission and resubmission (``HistoryEntry.submitted_fields``), so an editor looking at a
resubmitted item sees, field by field, what the partner changed since the round the
reviewers saw. Tags are recorded by key and named when shown, in the editor's language.
"""

import datetime
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext

from resources.models import Resource

from .kinds import submitted_field_names


def _stored(field: models.Field, value: Any) -> Any:
    """Turn a field's value into JSON: keys for tags, ISO text for dates, seconds."""
    if value is None:
        return None
    if isinstance(field, models.FileField):
        return value.name or ""
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    return value


def submitted_fields_record(*, resource: Resource) -> dict[str, Any]:
    """Return what the submitter has sent, as JSON, to keep with the submission's history."""
    record = {}
    for name in submitted_field_names(resource.kind):
        field = Resource._meta.get_field(name)
        if field.many_to_many:
            record[name] = sorted(getattr(resource, name).values_list("pk", flat=True))
        elif field.many_to_one:
            record[name] = getattr(resource, field.attname)
        else:
            record[name] = _stored(field, getattr(resource, name))
    return record


@dataclass(frozen=True)
class FieldChange:
    """One field whose value differs between two rounds, shown as words."""

    label: str
    before: str
    after: str


def _shown(field: models.Field, value: Any, names: dict) -> str:
    """Put a recorded value into words for the editor; an empty value is an empty string."""
    if value in (None, "", []):
        return ""
    if field.many_to_many:
        return ", ".join(sorted(names.get(pk, gettext("(removed from the hub)")) for pk in value))
    if field.many_to_one:
        return names.get(value, gettext("(removed from the hub)"))
    if isinstance(field, models.FileField):
        return PurePosixPath(value).name
    if isinstance(field, models.BooleanField):
        return gettext("Yes") if value else gettext("No")
    if isinstance(field, models.DurationField):
        return str(datetime.timedelta(seconds=value))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def _names(field: models.Field, keys: set) -> dict:
    """Name the tags or related objects with these keys, in one query."""
    model = field.related_model
    return {obj.pk: str(obj) for obj in model.objects.filter(pk__in=keys)}


def fields_changed(*, before: dict[str, Any], after: dict[str, Any]) -> list[FieldChange]:
    """Compare two records of submitted fields and return each change, in the form's order."""
    changes = []
    names = [
        name for name in dict.fromkeys([*after, *before]) if before.get(name) != after.get(name)
    ]
    for name in names:
        try:
            field = Resource._meta.get_field(name)
        except FieldDoesNotExist:  # recorded before the field was removed: not shown
            continue
        keys = set()
        for value in (before.get(name), after.get(name)):
            if field.many_to_many and value:
                keys.update(value)
            elif field.many_to_one and value is not None:
                keys.add(value)
        known = _names(field, keys) if keys else {}
        changes.append(
            FieldChange(
                label=capfirst(str(field.verbose_name)),
                before=_shown(field, before.get(name), known),
                after=_shown(field, after.get(name), known),
            )
        )
    return changes
