"""Change the review's state: assign reviewers, declare conflicts, review, run the roster.

Each function checks who may act, writes in one transaction, records the step (in the
item's history, or the roster's) and queues its emails after commit. Assignments and
roster applications move between states by the tables on their models
(``Assignment.CHANGES``, ``RosterApplication.CHANGES``); item status changes themselves go
through ``review.workflow.transition``.
"""

from .assignments import (
    assignment_create,
    assignment_declare,
    assignment_remove,
    reviewer_assignments_withdraw,
    reviewer_organization_changed,
)
from .reviews import review_submit
from .roster import roster_apply, roster_confirm_un, roster_decide, roster_remove

__all__ = [
    "assignment_create",
    "assignment_declare",
    "assignment_remove",
    "review_submit",
    "reviewer_assignments_withdraw",
    "reviewer_organization_changed",
    "roster_apply",
    "roster_confirm_un",
    "roster_decide",
    "roster_remove",
]
