"""Store the peer review: the roster, assignments, reviews and each item's history.

The histories are append-only: an entry is written in the same transaction as the change
it records (see ``review.workflow``) and is never edited or deleted afterwards.
"""

from .assignments import CRITERIA as CRITERIA
from .assignments import Assignment as Assignment
from .assignments import Recommendation as Recommendation
from .assignments import Review as Review
from .history import HistoryEntry as HistoryEntry
from .history import HistoryQuerySet as HistoryQuerySet
from .history import RosterEntry as RosterEntry
from .history import RosterStep as RosterStep
from .history import StateChange as StateChange
from .history import Step as Step
from .history import state_changes as state_changes
from .roster import Expertise as Expertise
from .roster import ReviewerProfile as ReviewerProfile
from .roster import RosterApplication as RosterApplication
