"""An assignment's life: each change follows the assignment table and is in the item's history."""

import pytest
from django.urls import reverse

from resources.models import Status
from review import services
from review.models import Assignment, HistoryEntry, Step
from review.services.assignments import assignment_change
from review.workflow import WorkflowError
from tests.factories import ResourceFactory, ReviewerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assignment(partner, editor):
    resource = ResourceFactory(status=Status.SUBMITTED, submitted_by=partner)
    return services.assignment_create(
        resource_id=resource.pk, reviewer=ReviewerFactory(), actor=editor
    )


def steps(resource) -> list[str]:
    return list(HistoryEntry.objects.filter(resource=resource).values_list("action", flat=True))


def test_the_open_and_active_states_are_read_from_the_table():
    State = Assignment.State
    assert Assignment.OPEN_STATES == {State.AWAITING_DECLARATION, State.REVIEWING}
    assert Assignment.ACTIVE_STATES == {
        State.AWAITING_DECLARATION,
        State.REVIEWING,
        State.COMPLETED,
    }


def test_every_change_records_a_step_with_a_label():
    for change in Assignment.CHANGES.values():
        assert change.target not in change.sources
        assert Step(change.step).label


def test_declaring_no_conflict_is_recorded_for_the_editors(client, assignment, editor):
    services.assignment_declare(
        assignment_id=assignment.pk, actor=assignment.reviewer, has_conflict=False
    )
    assert steps(assignment.resource)[-1] == Step.DECLARE
    entry = HistoryEntry.objects.get(resource=assignment.resource, action=Step.DECLARE)
    assert entry.actor == assignment.reviewer and not entry.visible_to_submitter
    client.force_login(editor)
    page = client.get(reverse("review:item", args=[assignment.resource.pk])).content.decode()
    assert "No conflict of interest declared" in page


def test_a_change_from_a_state_the_table_does_not_allow_is_refused(assignment, editor):
    services.assignment_remove(assignment_id=assignment.pk, actor=editor)
    before = steps(assignment.resource)
    assignment.refresh_from_db()
    with pytest.raises(WorkflowError) as error:
        assignment_change(assignment=assignment, name="review", actor=assignment.reviewer)
    assert error.value.code == "wrong_state"
    assignment.refresh_from_db()
    assert assignment.state == Assignment.State.REMOVED
    assert steps(assignment.resource) == before


def test_withdrawing_a_reviewers_assignments_leaves_their_finished_reviews(partner, editor):
    reviewer = ReviewerFactory()
    open_item = ResourceFactory(status=Status.SUBMITTED, submitted_by=partner)
    declared_item = ResourceFactory(status=Status.SUBMITTED, submitted_by=partner)
    services.assignment_create(resource_id=open_item.pk, reviewer=reviewer, actor=editor)
    declared = services.assignment_create(
        resource_id=declared_item.pk, reviewer=reviewer, actor=editor
    )
    services.assignment_declare(
        assignment_id=declared.pk, actor=reviewer, has_conflict=True, note="I wrote it."
    )
    titles = services.reviewer_assignments_withdraw(reviewer=reviewer, actor=editor, note="Gone.")
    assert titles == [open_item.title]
    assert steps(open_item)[-1] == Step.UNASSIGN
    declared.refresh_from_db()
    assert declared.state == Assignment.State.CONFLICT
