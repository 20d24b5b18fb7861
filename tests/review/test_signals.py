"""The announcement of a status change: sent once its transaction commits, never otherwise."""

import pytest
from django.db import transaction

from resources.models import Resource, Status
from review import workflow
from review.signals import ResourceTransition, resource_transitioned
from review.workflow import WorkflowError
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def announced():
    """Collect what ``resource_transitioned`` announces during a test."""
    received = []

    def receive(sender, transition, **kwargs):
        received.append((sender, transition))

    resource_transitioned.connect(receive)
    yield received
    resource_transitioned.disconnect(receive)


@pytest.fixture
def draft(partner):
    return ResourceFactory(status=Status.DRAFT, submitted_by=partner)


def test_a_transition_is_announced_once_after_commit_with_what_changed(
    draft, partner, announced, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        workflow.transition(resource_id=draft.pk, name="submit", actor=partner)
    assert announced == []  # not before the commit
    for callback in callbacks:
        callback()
    assert announced == [
        (
            Resource,
            ResourceTransition(
                resource_id=draft.pk,
                transition="submit",
                from_status=Status.DRAFT,
                to_status=Status.SUBMITTED,
                actor_id=partner.pk,
            ),
        )
    ]


def test_a_transition_rolled_back_is_never_announced(
    draft, partner, announced, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            workflow.transition(resource_id=draft.pk, name="submit", actor=partner)
            raise RuntimeError("the request failed after the transition")
    assert announced == []
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_refused_transition_is_not_announced(draft, editor, announced, committed):
    with pytest.raises(WorkflowError):
        committed(workflow.transition, resource_id=draft.pk, name="publish", actor=editor)
    assert announced == []


def test_a_failing_receiver_leaves_the_change_and_its_mail_in_place(
    draft, partner, committed, mailoutbox
):
    def broken(sender, transition, **kwargs):
        raise RuntimeError("a receiver failed")

    resource_transitioned.connect(broken)
    try:
        committed(workflow.transition, resource_id=draft.pk, name="submit", actor=partner)
    finally:
        resource_transitioned.disconnect(broken)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert [message.to for message in mailoutbox] == [[partner.email]]
