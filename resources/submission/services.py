"""Store partners' submissions and move them through the workflow.

Everything a submission writes (the item, its tags, new keywords, its status change and
history entry) happens in one transaction; the workflow queues the notification mails to
be sent after commit, so a failing mail server can neither block nor undo a submission.

A submission never creates an organization: publishers the hub does not list yet are
kept as names on the item (``proposed_publishers``) and become organizations when the
item is published (``proposed_publishers_adopt``), so nothing unpublished is ever named
in a public list of publishers.
"""

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext

from accounts.models import User
from accounts.roles import is_partner
from accounts.selectors import organization_matching
from hub.slugs import unique_slug
from resources.models import Kind, Resource, Status
from review import workflow
from review.models import Step
from review.workflow import NotAllowed, WorkflowError
from taxonomy.models import Keyword, Organization

from .duplicates import Duplicate, find_duplicates
from .kinds import KIND_FIELDS, SPECIFIC_FIELDS, submitted_field_names

logger = logging.getLogger(__name__)


def _unique_slug(model, name: str) -> str:
    return unique_slug(
        name, taken=lambda slug: model.objects.filter(slug=slug).exists(), allow_unicode=True
    )


def organizations_get_or_create(*, names: Iterable[str]) -> list[Organization]:
    """Find each publisher by name or acronym, creating the ones the hub does not know yet."""
    organizations = []
    for name in names:
        found = organization_matching(text=name)
        if found is None:
            found = Organization.objects.create(
                name=name[:300], slug=_unique_slug(Organization, name)
            )
        organizations.append(found)
    return organizations


def proposed_publishers_adopt(*, resource: Resource) -> list[Organization]:
    """Make the publishers an item's submitter named into the item's publishers.

    Called by the publish transition, in its transaction: an existing organization with
    that name or acronym is linked, and any other is created now that an item of theirs
    is public. The names are then cleared, as they have become the item's publishers.
    """
    names = resource.proposed_publisher_list
    if not names:
        return []
    organizations = organizations_get_or_create(names=names)
    resource.publishers.add(*organizations)
    Resource.objects.filter(pk=resource.pk).update(proposed_publishers="")
    resource.proposed_publishers = ""
    return organizations


def keywords_get_or_create(*, names: Iterable[str]) -> list[Keyword]:
    """Find each keyword by name or slug, creating the ones the hub does not know yet."""
    keywords = []
    for name in names:
        slug = slugify(name, allow_unicode=True)[:100]
        found = (
            Keyword.objects.filter(name__iexact=name).first()
            or Keyword.objects.filter(slug=slug).first()
        )
        if found is None:
            found = Keyword.objects.create(name=name[:100], slug=_unique_slug(Keyword, name))
        keywords.append(found)
    return keywords


def _delete_replaced_file(storage, name: str) -> None:
    """Remove a file the submitter replaced; a failure leaves it on disk and is logged."""
    try:
        storage.delete(name)
    except OSError:
        logger.warning("could not delete the replaced file %s", name)


def _check_may_edit(*, resource: Resource, author: User) -> None:
    if resource.submitted_by_id != author.pk:
        raise NotAllowed(gettext("You can only change your own submissions."), code="forbidden")
    if not resource.is_editable:
        raise WorkflowError(
            gettext("This item is %(status)s; it can no longer be changed.")
            % {"status": resource.get_status_display().lower()},
            code="wrong_state",
        )


@dataclass(frozen=True)
class Saved:
    """What ``resource_save`` did: the stored item, whether it was submitted, and why not."""

    resource: Resource
    submitted: bool
    duplicates: list[Duplicate] = field(default_factory=list)


@transaction.atomic
def resource_save(
    *,
    author: User,
    kind: str,
    data: Mapping[str, Any],
    resource: Resource | None = None,
    submit: bool = False,
) -> Saved:
    """Store a new or edited submission as its author's draft, and submit it if asked.

    ``data`` holds the item's fields by name, as ``forms.ResourceForm``'s cleaned data
    does; a field left out keeps its stored value, and the fields of other kinds are
    emptied. The item is checked by its own rules (``full_clean``) before anything is
    written, so a caller cannot store what the form would refuse: a ``ValidationError``
    leaves the database as it was. An edited item keeps its status (draft, or changes
    requested) unless ``submit`` sends it to the editors. An item that may duplicate
    others is stored but not submitted: the submitter confirms first
    (``resource_submit``), having seen the duplicates returned here.
    """
    if not is_partner(author):
        raise NotAllowed(gettext("Only partners can submit resources."), code="forbidden")
    if kind not in Kind.values:
        raise WorkflowError(gettext("Unknown kind of resource."), code="unknown_kind")
    if resource is None:
        resource = Resource(status=Status.DRAFT, submitted_by=author)
    else:
        resource = Resource.objects.select_for_update().get(pk=resource.pk)
        _check_may_edit(resource=resource, author=author)

    old_file = resource.file.name if resource.file else ""
    resource.kind = kind
    relations = {}
    for name in submitted_field_names(kind):
        field = Resource._meta.get_field(name)
        if field.many_to_many:
            relations[name] = list(data.get(name) or [])
        elif name in data and name not in ("kind", "file"):
            value = data[name]
            setattr(
                resource, name, field.get_default() if value is None and not field.null else value
            )
    for name in SPECIFIC_FIELDS - set(KIND_FIELDS[kind]):
        setattr(resource, name, Resource._meta.get_field(name).get_default())
    resource.submitter_organization = author.organization
    if data.get("file"):
        resource.file = data["file"]
    elif data.get("remove_file"):
        resource.file = None
    resource.full_clean(exclude={"slug"}, validate_unique=False)
    resource.save()

    relations["keywords"] = keywords_get_or_create(names=relations.get("keywords", []))
    for name, values in relations.items():
        getattr(resource, name).set(values)

    new_file = resource.file.name if resource.file else ""
    if old_file and old_file != new_file:
        storage = resource.file.storage
        transaction.on_commit(lambda: _delete_replaced_file(storage, old_file))
    if not submit:
        return Saved(resource=resource, submitted=False)
    duplicates = find_duplicates(
        url=resource.url, title=resource.title, submitter=author, exclude_pk=resource.pk
    )
    if duplicates:
        return Saved(resource=resource, submitted=False, duplicates=duplicates)
    return Saved(resource=resource_submit(resource_id=resource.pk, actor=author), submitted=True)


@transaction.atomic
def resource_submit(*, resource_id: int, actor: User) -> Resource:
    """Send a draft, or an item whose changes were requested, to the editors.

    Possible duplicates found at this moment are recorded for the editors in the item's
    history (a note submitters never see).
    """
    resource = Resource.objects.select_for_update().get(pk=resource_id)
    name = Step.RESUBMIT if resource.awaits_resubmission else Step.SUBMIT
    resource = workflow.transition(resource_id=resource.pk, name=name, actor=actor)
    duplicates = find_duplicates(
        url=resource.url,
        title=resource.title,
        submitter=actor,
        exclude_pk=resource.pk,
        for_editors=True,
    )
    if duplicates:
        workflow.record(
            resource=resource,
            actor=actor,
            action=Step.POSSIBLE_DUPLICATE,
            note="\n".join(duplicate.describe_for_editors() for duplicate in duplicates),
            visible_to_submitter=False,
        )
    return resource


@transaction.atomic
def resource_withdraw(*, resource_id: int, actor: User) -> Resource:
    """Withdraw the submitter's item from the review; it is kept, but never published."""
    return workflow.transition(resource_id=resource_id, name=Step.WITHDRAW, actor=actor)
