"""Store the peer review: the roster, assignments, reviews and each item's history.

The history is append-only: an entry is written in the same transaction as the change it
records (see ``review.workflow``) and is never edited or deleted afterwards.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from resources.models import Resource, Status
from taxonomy.models import Language, Objective, Region


class Step(models.TextChoices):
    """Name every step an item's history records: its transitions, then the other steps."""

    SUBMIT = "submit", _("Submitted for review")
    RESUBMIT = "resubmit", _("Resubmitted")
    WITHDRAW = "withdraw", _("Withdrawn")
    START_REVIEW = "start_review", _("Review started")
    PUBLISH = "publish", _("Published")
    REQUEST_CHANGES = "request_changes", _("Changes requested")
    REJECT = "reject", _("Rejected")
    ARCHIVE = "archive", _("Archived")
    MARK_DUPLICATE = "mark_duplicate", _("Marked as a duplicate")
    ASSIGN = "assign", _("Reviewer assigned")
    UNASSIGN = "unassign", _("Reviewer removed")
    CONFLICT = "conflict", _("Conflict of interest declared")
    DECLARE = "declare", _("No conflict of interest declared")
    REVIEW = "review", _("Review submitted")
    POSSIBLE_DUPLICATE = "possible_duplicate", _("Possible duplicate found")


class RosterStep(models.TextChoices):
    """Name every step the roster's history records: applications, decisions, members."""

    APPLIED = "applied", _("Applied to the roster")
    ACCEPTED = "accepted", _("Application accepted")
    DECLINED = "declined", _("Application declined")
    REMOVED = "removed", _("Taken off the roster")
    UN_CONFIRMED = "un_confirmed", _("UN affiliation confirmed")


@dataclass(frozen=True)
class StateChange:
    """One change of an assignment's or a roster application's state, and the step it records.

    The states each table allows, and the groups of states the code asks about ("open",
    "active"), are read from these tables rather than listed again.
    """

    name: str
    sources: frozenset[str]
    target: str
    step: str


def state_changes(*changes: StateChange) -> dict[str, StateChange]:
    return {change.name: change for change in changes}


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


class Expertise(models.Model):
    """What a reviewer knows: objectives, regions, languages, affiliation and experience."""

    is_un_affiliated = models.BooleanField(
        _("UN affiliation"),
        default=False,
        help_text=_("Tick if you work for a United Nations entity."),
    )
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="+", verbose_name=_("objectives")
    )
    regions = models.ManyToManyField(
        Region, blank=True, related_name="+", verbose_name=_("regions")
    )
    languages = models.ManyToManyField(
        Language, blank=True, related_name="+", verbose_name=_("languages")
    )
    years_of_experience = models.PositiveSmallIntegerField(
        _("years of experience"), default=0, validators=[MaxValueValidator(80)]
    )
    publications = models.TextField(_("publications"), blank=True)
    statement = models.TextField(_("statement of interest"), blank=True)

    class Meta:
        abstract = True


class ReviewerProfile(Expertise):
    """An accepted member of the peer review roster."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reviewer_profile",
        verbose_name=_("user"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)
    un_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("UN affiliation confirmed by"),
    )
    un_confirmed_at = models.DateTimeField(
        _("UN affiliation confirmed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "A claimed UN affiliation counts for the panel only once an editor has confirmed it."
        ),
    )
    previous_affiliation = models.CharField(
        _("previous organization"), max_length=300, blank=True, editable=False
    )
    affiliation_changed_at = models.DateTimeField(
        _("organization changed"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("reviewer profile")
        verbose_name_plural = _("reviewer profiles")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def is_confirmed_un(self) -> bool:
        """Tell whether the reviewer counts as UN: claimed, and confirmed by an editor."""
        return self.is_un_affiliated and self.un_confirmed_at is not None


class RosterApplication(Expertise):
    """A request to join the peer review roster, decided by an editor."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    CHANGES = state_changes(
        StateChange("accept", frozenset({State.PENDING}), State.ACCEPTED, RosterStep.ACCEPTED),
        StateChange("decline", frozenset({State.PENDING}), State.DECLINED, RosterStep.DECLINED),
    )

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="roster_applications",
        verbose_name=_("applicant"),
    )
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.PENDING)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("message to the applicant"), blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("roster application")
        verbose_name_plural = _("roster applications")

    def __str__(self) -> str:
        return f"{self.applicant} ({self.get_state_display()})"

    @property
    def is_pending(self) -> bool:
        """Tell whether the application still waits for an editor's decision."""
        return self.state in self.CHANGES["accept"].sources


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
    comments_for_submitter = models.TextField(_("comments for the submitter"), blank=True)
    confidential_comments = models.TextField(_("confidential comments for the editors"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.assignment}: {self.get_recommendation_display()}"

    @property
    def scores(self) -> list[tuple[str, int]]:
        return [(label, getattr(self, name)) for name, label in CRITERIA]


class HistoryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied("The review history is append-only.")

    def delete(self):
        raise PermissionDenied("The review history is append-only.")


class HistoryEntry(models.Model):
    """One step in an item's life: who, when, from which state to which, and why.

    ``message`` is shown to the submitter (an editor's message); ``note`` is for editors
    only. Reviewer names are never part of what a submitter sees.
    """

    resource = models.ForeignKey(
        Resource, on_delete=models.PROTECT, related_name="history", verbose_name=_("resource")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("step"), max_length=40, choices=Step)
    from_status = models.CharField(_("from"), max_length=20, choices=Status, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status, blank=True)
    message = models.TextField(_("message to the submitter"), blank=True)
    note = models.TextField(_("note for editors"), blank=True)
    visible_to_submitter = models.BooleanField(_("shown to the submitter"), default=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    # What the submitter sent, recorded at each submission and resubmission, so that an
    # editor sees what changed from one round to the next
    # (``resources.submission.revisions``).
    submitted_fields = models.JSONField(
        _("submitted fields"), null=True, blank=True, editable=False
    )

    objects = HistoryQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history")

    def __str__(self) -> str:
        return f"{self.resource}: {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("The review history is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The review history is append-only.")


class RosterEntry(models.Model):
    """One step in the roster's life: who applied, was accepted, declined or taken off, by whom.

    Editors read it on the roster page. Like an item's history it is append-only; a
    person's entries go with their account.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="roster_history",
        verbose_name=_("person"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("step"), max_length=20, choices=RosterStep)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    objects = HistoryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("roster history entry")
        verbose_name_plural = _("roster history")

    def __str__(self) -> str:
        return f"{self.person}: {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("The roster history is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The roster history is append-only.")
