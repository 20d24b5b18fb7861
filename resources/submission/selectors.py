"""Read what a submitter may see of their own items, and who may download an item's file.

A submitter sees their items' states, dates and the editors' messages, and the reviewers'
comments for them once a decision has been made, numbered "Reviewer 1, 2…". They never
see who reviewed, editors' notes, confidential comments or other people's unpublished
items.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.db.models import QuerySet
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext

from accounts.roles import can_open_submission, is_roster_member
from resources.models import Resource, Status
from review import workflow
from review.models import Assignment, HistoryEntry, Review

from .forms import ResourceForm
from .uploads import download_path

# Fields of the submission form that are not answers: a choice to act on the stored file.
NOT_ANSWERS = frozenset({"remove_file"})
# Shown together as the date of publication, which says it as precisely as it is known.
DATE_PARTS = ("publication_year", "publication_month", "publication_day")


def my_items(*, user) -> QuerySet:
    """Return the items a user submitted, most recently changed first."""
    return (
        Resource.objects.filter(submitted_by=user)
        .select_related("document_type")
        .prefetch_related("languages")  # each title is marked with its item's language
        .order_by("-updated_at", "-pk")
    )


def my_item_get(*, user, pk: int) -> Resource:
    """Return one of the user's own items, or raise Http404 (also for other people's)."""
    resource = (
        Resource.objects.filter(pk=pk, submitted_by=user)
        .select_related("document_type", "primary_objective")
        .first()
        if user.is_authenticated
        else None
    )
    if resource is None:
        raise Http404(gettext("You have no item with this number."))
    return resource


def my_item_actions(*, user, resource: Resource) -> set[str]:
    """Name what the submitter can do with their item now: edit, submit, resubmit, withdraw."""
    names = {transition.name for transition in workflow.available(resource=resource, actor=user)}
    if resource.is_editable and names & set(workflow.SUBMISSION_STEPS):
        names.add("edit")
    return names


@dataclass(frozen=True)
class Step:
    """One entry of an item's history as its submitter sees it."""

    when: datetime
    by: str
    from_status: str
    to_status: str
    message: str


def submitter_history(*, resource: Resource) -> list[Step]:
    """Return the item's history for its submitter, naming only them ("You") or "The editors"."""
    entries = (
        HistoryEntry.objects.filter(resource=resource, visible_to_submitter=True)
        .order_by("created_at", "pk")
        .values("created_at", "actor_id", "from_status", "to_status", "message")
    )
    labels = dict(Status.choices)
    steps = []
    for entry in entries:
        by = (
            gettext("You")
            if entry["actor_id"] == resource.submitted_by_id
            else gettext("The editors")
        )
        steps.append(
            Step(
                when=entry["created_at"],
                by=by,
                from_status=str(labels.get(entry["from_status"], "")),
                to_status=str(labels.get(entry["to_status"], "")),
                message=entry["message"],
            )
        )
    return steps


@dataclass(frozen=True)
class ReviewerComment:
    reviewer: str
    comments: str


def reviewer_comments(*, resource: Resource) -> list[ReviewerComment]:
    """Return reviewers' comments for the submitter made before the latest decision.

    Reviewers are numbered by the order of their assignment; nothing else about them is read.
    """
    decided = (
        HistoryEntry.objects.filter(resource=resource, action__in=workflow.DECISIONS)
        .order_by("-created_at", "-pk")
        .values_list("created_at", flat=True)
        .first()
    )
    if decided is None:
        return []
    reviews = (
        Review.objects.filter(assignment__resource=resource)
        .order_by("assignment__assigned_at", "assignment__pk")
        .values_list("submitted_at", "comments_for_submitter")
    )
    comments = []
    for number, (submitted_at, text) in enumerate(reviews, start=1):
        if submitted_at <= decided and text.strip():
            comments.append(
                ReviewerComment(
                    reviewer=gettext("Reviewer %(number)s") % {"number": number}, comments=text
                )
            )
    return comments


def can_download(*, user, resource: Resource) -> bool:
    """Tell whether a user may download an item's file: published, or theirs to handle."""
    if resource.is_published:
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    if resource.submitted_by_id == user.pk or can_open_submission(user, resource):
        return True
    return (
        is_roster_member(user)
        and Assignment.objects.filter(
            resource=resource, reviewer=user, state__in=Assignment.ACTIVE_STATES
        ).exists()
    )


def downloadable_file_get(*, user, pk: int) -> Resource:
    """Return the item whose file the user asked for, or raise Http404 if they may not have it."""
    resource = Resource.objects.filter(pk=pk).exclude(file="").first()
    if resource is None or not can_download(user=user, resource=resource):
        raise Http404(gettext("There is no file at this address."))
    return resource


@dataclass(frozen=True)
class SubmittedField:
    """One answer of the submission form as it is stored on the item.

    ``values`` are the answer as the submitter saw it in the form (labels, not codes), and
    empty when the field was left empty; ``link`` is where a link or the file leads;
    ``multiline`` keeps the line breaks of a text box; ``item_text`` marks text the
    submitter wrote, in the item's language, rather than a label of the hub's.
    """

    name: str
    label: str
    values: tuple[str, ...]
    link: str = ""
    multiline: bool = False
    item_text: bool = False

    @property
    def given(self) -> bool:
        return bool(self.values)


def submitted_fields(*, resource: Resource) -> list[SubmittedField]:
    """Return every field of the submission form for the item's kind, with its stored answer.

    Read from the form itself, filled as it would be to edit the item, so the fields, their
    labels and their order are the ones the submitter filled in: a field added to the form
    is shown here without another list to keep up. Reviewers judge the item on these
    answers (guiding principles, Objective 10 actions, primary objective…), editors decide
    on them and the submitter checks them.
    """
    form = ResourceForm(kind=resource.kind, resource=resource)
    answers = [
        SubmittedField(name="kind", label=gettext("Kind"), values=(resource.get_kind_display(),))
    ]
    for name, field in form.fields.items():
        if name in NOT_ANSWERS or name in DATE_PARTS[1:]:
            continue
        if name == DATE_PARTS[0]:
            answers.append(
                SubmittedField(
                    name="publication_date",
                    label=gettext("Date of publication"),
                    values=(resource.publication_date_display,),
                )
            )
            continue
        answers.append(_answer(name=name, field=field, value=form[name].initial, resource=resource))
    return answers


def _answer(*, name: str, field: forms.Field, value, resource: Resource) -> SubmittedField:
    """Describe one stored answer with the labels its form field shows."""
    label = str(field.label)
    if isinstance(field, forms.FileField):
        if not resource.file:
            return SubmittedField(name=name, label=label, values=())
        return SubmittedField(
            name=name,
            label=label,
            values=(gettext("Download the file"),),
            link=download_path(resource),
        )
    if value in (None, "", [], ()):
        return SubmittedField(name=name, label=label, values=())
    if isinstance(field, forms.BooleanField):
        return SubmittedField(
            name=name, label=label, values=(gettext("Yes") if value else gettext("No"),)
        )
    if isinstance(field, forms.ModelChoiceField):  # also the multiple choice fields
        return SubmittedField(name=name, label=label, values=_term_labels(field, _as_list(value)))
    if isinstance(field, forms.ChoiceField):  # choices, typed or multiple
        labels = _choice_labels(field.choices)
        return SubmittedField(
            name=name,
            label=label,
            values=tuple(labels.get(str(code), str(code)) for code in _as_list(value)),
        )
    if isinstance(field, forms.DateTimeField):
        when = timezone.localtime(value) if timezone.is_aware(value) else value
        # The language's date and time, then the time zone's name ("UTC"), when known.
        shown = f"{formats.date_format(when, 'DATETIME_FORMAT')} {formats.date_format(when, 'e')}"
        return SubmittedField(name=name, label=label, values=(shown.strip(),))
    if isinstance(field, forms.DateField):
        return SubmittedField(
            name=name, label=label, values=(formats.date_format(value, "DATE_FORMAT"),)
        )
    if isinstance(field, forms.DurationField):
        return SubmittedField(name=name, label=label, values=(_duration(value),))
    text = str(value)
    if isinstance(field.widget, forms.URLInput):
        return SubmittedField(name=name, label=label, values=(text,), link=text)
    return SubmittedField(
        name=name,
        label=label,
        values=(text,),
        item_text=True,
        multiline=isinstance(field.widget, forms.Textarea),
    )


def _as_list(value) -> list:
    return list(value) if isinstance(value, list | tuple) else [value]


def _term_labels(field: forms.ModelChoiceField, codes: Iterable) -> tuple[str, ...]:
    """Label the chosen terms (codes, or the terms themselves) as the form does, in its order."""
    key = field.to_field_name or "pk"
    chosen = field.queryset.filter(**{f"{key}__in": [field.prepare_value(code) for code in codes]})
    return tuple(field.label_from_instance(term) for term in chosen)


def _choice_labels(choices) -> dict[str, str]:
    """Map each choice's value to its label, looking inside grouped choices too."""
    labels = {}
    for value, label in choices:
        if isinstance(label, list | tuple):
            labels.update(_choice_labels(label))
        else:
            labels[str(value)] = str(label)
    return labels


def _duration(value: dt.timedelta) -> str:
    """Say a duration as hours:minutes:seconds, the way the form asks for it."""
    seconds = int(value.total_seconds())
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
