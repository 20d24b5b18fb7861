"""Store the review of items: reviewers' assignments and the reviews they give."""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from resources.models import Resource

from .history import StateChange, Step, state_changes


class Recommendation(models.TextChoices):
    ACCEPT = "accept", _("Accept")
    MINOR_CHANGES = "minor_changes", _("Accept with minor changes")
    MAJOR_CHANGES = "major_changes", _("Major changes needed")
    REJECT = "reject", _("Reject")

    @property
    def step(self) -> int:
        """Place the recommendation on a scale, so disagreement can be measured in steps."""
        return list(Recommendation).index(self)


# The review criteria of PRODUCT.md section 3, each scored 1–5.
CRITERIA = (
    ("relevance", _("Relevance to the GCM objective(s)")),
    (
        "principles",
        _(
            "Consistency with the guiding principles (human-rights-based, "
            "gender-responsive, child-sensitive)"
        ),
    ),
    ("credibility", _("Credibility of the source and transparency of method")),
    ("currency", _("Currency")),
    ("applicability", _("Applicability at local, national, regional or global level")),
    ("accessibility", _("Accessibility (working link, language)")),
    ("do_no_harm", _("Do no harm (nothing that identifies a victim or survivor)")),
)


class Assignment(models.Model):
    """A reviewer asked to review one item; they declare conflicts of interest first."""

    class State(models.TextChoices):
        AWAITING_DECLARATION = "awaiting_declaration", _("Awaiting conflict declaration")
        REVIEWING = "reviewing", _("Reviewing")
        CONFLICT = "conflict", _("Conflict of interest declared")
        COMPLETED = "completed", _("Review submitted")
        REMOVED = "removed", _("Removed by an editor")

    CHANGES = state_changes(
        StateChange(
            "declare", frozenset({State.AWAITING_DECLARATION}), State.REVIEWING, Step.DECLARE
        ),
        StateChange(
            "declare_conflict",
            frozenset({State.AWAITING_DECLARATION}),
            State.CONFLICT,
            Step.CONFLICT,
        ),
        # The hub finds a conflict when the reviewer declares, reviews or changes organization.
        StateChange(
            "find_conflict",
            frozenset({State.AWAITING_DECLARATION, State.REVIEWING}),
            State.CONFLICT,
            Step.CONFLICT,
        ),
        StateChange("review", frozenset({State.REVIEWING}), State.COMPLETED, Step.REVIEW),
        # Taken off by an editor, by leaving the roster or by deleting their account.
        StateChange(
            "remove",
            frozenset({State.AWAITING_DECLARATION, State.REVIEWING}),
            State.REMOVED,
            Step.UNASSIGN,
        ),
        # A review whose reviewer turns out to be in conflict (``review.conflicts``).
        StateChange("remove_review", frozenset({State.COMPLETED}), State.REMOVED, Step.UNASSIGN),
    )
    # Assignments that still need their reviewer: declaring, or reviewing.
    OPEN_STATES = CHANGES["remove"].sources
    # Assignments on the panel: open, or reviewed.
    ACTIVE_STATES = OPEN_STATES | {CHANGES["review"].target}

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("resource")
    )
    # A reviewer who deletes their account leaves their reviews behind, detached from them;
    # their UN affiliation is kept so the item's review record still counts them.
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="review_assignments",
        verbose_name=_("reviewer"),
    )
    former_reviewer_un = models.BooleanField(
        _("former reviewer was UN-affiliated"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Kept when the reviewer's account is deleted."),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    state = models.CharField(
        _("state"), max_length=25, choices=State, default=State.AWAITING_DECLARATION
    )
    declared_at = models.DateTimeField(_("conflict declaration"), null=True, blank=True)
    conflict_note = models.TextField(_("conflict of interest"), blank=True)
    # The organizations as they stood when the editor assigned: a later profile edit can
    # neither hide a conflict nor rewrite what the editor saw.
    submitter_organization = models.CharField(
        _("submitter's organization at assignment"), max_length=300, blank=True, editable=False
    )
    reviewer_organization = models.CharField(
        _("reviewer's organization at assignment"), max_length=300, blank=True, editable=False
    )

    class Meta:
        ordering = ["assigned_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "reviewer"], name="one_assignment_per_reviewer_and_item"
            ),
        ]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self) -> str:
        return f"{self.reviewer_label} → {self.resource}"

    @property
    def reviewer_label(self) -> str:
        """Name the reviewer for editors, or say that their account was deleted."""
        return str(self.reviewer) if self.reviewer_id else str(_("Deleted account"))

    @property
    def is_un(self) -> bool:
        """Tell whether the reviewer counts as UN (confirmed), also once their account is gone."""
        if self.reviewer_id is None:
            return bool(self.former_reviewer_un)
        profile = getattr(self.reviewer, "reviewer_profile", None)
        return bool(profile and profile.is_confirmed_un)

    @property
    def is_active(self) -> bool:
        return self.state in self.ACTIVE_STATES

    @property
    def is_open(self) -> bool:
        """Tell whether the assignment still needs its reviewer (to declare, or to review)."""
        return self.state in self.OPEN_STATES

    @property
    def awaits_declaration(self) -> bool:
        return self.state in self.CHANGES["declare"].sources

    @property
    def is_reviewing(self) -> bool:
        return self.state in self.CHANGES["review"].sources

    @property
    def is_conflict(self) -> bool:
        """Tell whether the reviewer was taken off for a conflict of interest."""
        return self.state == self.CHANGES["declare_conflict"].target

    @property
    def is_completed(self) -> bool:
        return self.state == self.CHANGES["review"].target

    @property
    def is_removed(self) -> bool:
        return self.state == self.CHANGES["remove"].target


def score_field(label):
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


COMMENTS_MAX_LENGTH = 10000


class Review(models.Model):
    """A reviewer's scores, recommendation and comments on one item."""

    assignment = models.OneToOneField(
        Assignment, on_delete=models.CASCADE, related_name="review", verbose_name=_("assignment")
    )
    relevance = score_field(CRITERIA[0][1])
    principles = score_field(CRITERIA[1][1])
    credibility = score_field(CRITERIA[2][1])
    currency = score_field(CRITERIA[3][1])
    applicability = score_field(CRITERIA[4][1])
    accessibility = score_field(CRITERIA[5][1])
    do_no_harm = score_field(CRITERIA[6][1])
    recommendation = models.CharField(_("recommendation"), max_length=20, choices=Recommendation)
    # A text field's max_length only reaches its form field; the validator holds it for
    # every caller of full_clean().
    comments_for_submitter = models.TextField(
        _("comments for the submitter"),
        blank=True,
        max_length=COMMENTS_MAX_LENGTH,
        validators=[MaxLengthValidator(COMMENTS_MAX_LENGTH)],
    )
    confidential_comments = models.TextField(
        _("confidential comments for the editors"),
        blank=True,
        max_length=COMMENTS_MAX_LENGTH,
        validators=[MaxLengthValidator(COMMENTS_MAX_LENGTH)],
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.assignment}: {self.get_recommendation_display()}"

    @property
    def scores(self) -> list[tuple[str, int]]:
        return [(label, getattr(self, name)) for name, label in CRITERIA]
