"""Store the peer review roster: its members' profiles and the applications to join it."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Language, Objective, Region

from .history import RosterStep, StateChange, state_changes


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
