"""Announce each change of an item's status once it is committed, with what changed.

Receivers (search indexing, alerts, statistics) learn of a transition only when its
transaction commits, never of one rolled back, and read a typed payload rather than a
loose set of keyword arguments.
"""

from dataclasses import dataclass

from django.dispatch import Signal


@dataclass(frozen=True)
class ResourceTransition:
    """What a committed transition changed: which item, by which step, from and to which state."""

    resource_id: int
    transition: str
    from_status: str
    to_status: str
    actor_id: int | None


# Sent after commit by ``review.workflow.transition`` with ``transition=ResourceTransition``.
resource_transitioned = Signal()
