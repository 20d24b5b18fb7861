"""Tell an editor where a submitted item stands and what they may do now, in one state.

The queue's marks and the guidance on the editor's item page are both read from
``item_stage``, which derives the stage from the item's status, the panel rule and
disagreement (``review.panel``); the decisions offered come from the transitions table
(``review.workflow``). One stage, one message: the page never says two things at once.
"""

from dataclasses import dataclass, field

from django.db import models
from django.utils.text import get_text_list
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .panel import PanelStatus
from .workflow import CHANGES_REQUESTED_STATES, RESUBMITTED_STATES, REVIEWABLE, Transition


class Stage(models.TextChoices):
    NEEDS_REVIEWERS = "needs_reviewers", _("Needs reviewers")
    WAITING_FOR_REVIEWS = "waiting_for_reviews", _("Waiting for reviews")
    REVIEWS_DISAGREE = "reviews_disagree", _("Reviews disagree")
    READY_TO_DECIDE = "ready_to_decide", _("Ready to decide")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    WITH_SUBMITTER = "with_submitter", _("Waiting for the submitter")
    DECIDED = "decided", _("Decided")


def item_stage(*, status: str, panel: PanelStatus) -> Stage:
    """Place an item in one stage of its review, from its status and its panel."""
    if status in CHANGES_REQUESTED_STATES:
        return Stage.WITH_SUBMITTER
    if status in RESUBMITTED_STATES:
        return Stage.RESUBMITTED
    if status not in REVIEWABLE:
        return Stage.DECIDED
    if panel.disagreement:
        return Stage.REVIEWS_DISAGREE
    if panel.complete:
        return Stage.READY_TO_DECIDE
    if panel.composition_ok:
        return Stage.WAITING_FOR_REVIEWS
    return Stage.NEEDS_REVIEWERS


@dataclass(frozen=True)
class Guidance:
    """The item's stage and the sentences that explain it: what, who else, what now.

    ``add_reviewer`` tells the page to point to the reviewer suggestions: the stage calls
    for another reviewer and one can be added.
    """

    stage: Stage
    sentences: list[str] = field(default_factory=list)
    add_reviewer: bool = False

    @property
    def is_warning(self) -> bool:
        """Tell whether the page should show the guidance as a warning: reviews disagree."""
        return self.stage == Stage.REVIEWS_DISAGREE


def _disagreement(panel: PanelStatus) -> str:
    opinions = "; ".join(
        gettext("%(reviewer)s recommends “%(recommendation)s”")
        % {
            "reviewer": review.assignment.reviewer_label,
            "recommendation": review.get_recommendation_display(),
        }
        for review in panel.reviews
    )
    return gettext("The reviewers disagree: %(opinions)s.") % {"opinions": opinions}


def _still_to_review(panel: PanelStatus) -> str:
    return ngettext(
        "%(count)s reviewer on the panel has not reviewed yet.",
        "%(count)s reviewers on the panel have not reviewed yet.",
        panel.waiting,
    ) % {"count": panel.waiting}


NO_REVIEWER_LEFT = _(
    "No other roster reviewer can review this item (reviewers never review "
    "their own or their organization's items)."
)


def _decisions(transitions: list[Transition]) -> str:
    if not transitions:
        return gettext("No decision can be taken on this item now.")
    labels = [
        gettext("“%(decision)s”") % {"decision": transition.label} for transition in transitions
    ]
    return ngettext(
        "The decision open to you now: %(decisions)s.",
        "The decisions open to you now: %(decisions)s.",
        len(labels),
    ) % {"decisions": get_text_list(labels, gettext("or"))}


def decision_guidance(
    *, status: str, panel: PanelStatus, can_add_reviewer: bool, transitions: list[Transition]
) -> Guidance:
    """Say in one state what the editor faces: the item's stage, the panel, the decisions."""
    stage = item_stage(status=status, panel=panel)
    sentences = []
    if stage == Stage.NEEDS_REVIEWERS:
        sentences.append(panel.problem)
        sentences.append(
            gettext("Add reviewers from the roster below.")
            if can_add_reviewer
            else str(NO_REVIEWER_LEFT)
        )
    elif stage == Stage.WAITING_FOR_REVIEWS:
        sentences += [_still_to_review(panel), panel.problem]
    elif stage == Stage.REVIEWS_DISAGREE:
        sentences.append(_disagreement(panel))
        if panel.waiting:
            sentences.append(_still_to_review(panel))
        if can_add_reviewer:
            sentences.append(
                gettext(
                    "Where reviewers disagree, the hub's rule is that an editor adds another "
                    "reviewer: add one below, and decide once their review is in."
                )
            )
        else:
            sentences.append(
                gettext(
                    "No other roster reviewer can review this item, so the decision is yours "
                    "to take on the reviews given."
                )
            )
        if not panel.complete:
            sentences.append(panel.problem)
    elif stage == Stage.READY_TO_DECIDE:
        sentences.append(gettext("The panel is complete and the reviewers agree."))
        if panel.waiting:
            sentences.append(_still_to_review(panel))
    elif stage == Stage.RESUBMITTED:
        sentences.append(
            gettext(
                "The submitter has resubmitted the item after changes were "
                "requested; what they changed is shown below."
            )
        )
        if panel.disagreement:
            sentences.append(_disagreement(panel))
        if panel.waiting:
            sentences += [
                _still_to_review(panel),
                gettext(
                    "Start the review again so that they can review the revised item; the "
                    "reviews already given still count."
                ),
            ]
        else:
            sentences.append(
                gettext(
                    "The reviews from the previous round still count: you may decide now, or "
                    "add a reviewer to have the revised item reviewed again."
                )
                if can_add_reviewer
                else gettext("The reviews from the previous round still count: you may decide now.")
            )
        if not panel.complete:
            sentences.append(panel.problem)
    elif stage == Stage.WITH_SUBMITTER:
        sentences.append(
            gettext(
                "Changes were requested: the item waits for the submitter "
                "to revise and resubmit it."
            )
        )
    sentences.append(_decisions(transitions))
    wanted = stage in (Stage.NEEDS_REVIEWERS, Stage.REVIEWS_DISAGREE)
    return Guidance(stage=stage, sentences=sentences, add_reviewer=wanted and can_add_reviewer)
