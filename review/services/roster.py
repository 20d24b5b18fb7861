"""Run the peer review roster: applications, decisions, members taken off, UN confirmations.

Each step is recorded in the roster's history (``RosterEntry``), which editors read on
the roster page; an application's decision follows ``RosterApplication.CHANGES``.
"""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from accounts.models import User
from accounts.roles import REVIEWER, editors, is_editor, is_roster_member, role_grant
from hub.mail import queue_mail, site_link
from taxonomy.models import Language, Objective, Region

from ..models import ReviewerProfile, RosterApplication, RosterEntry, RosterStep
from ..workflow import NotAllowed, WorkflowError
from .assignments import reviewer_assignments_withdraw


def roster_record(*, person: User, actor: User | None, action: str, note: str = "") -> RosterEntry:
    """Append a step to the roster's history."""
    return RosterEntry.objects.create(person=person, actor=actor, action=action, note=note)


@transaction.atomic
def roster_apply(
    *,
    applicant: User,
    is_un_affiliated: bool,
    objectives: Iterable[Objective],
    regions: Iterable[Region],
    languages: Iterable[Language],
    years_of_experience: int,
    publications: str,
    statement: str,
) -> RosterApplication:
    """File an application to join the peer review roster."""
    if not applicant.is_authenticated:
        raise NotAllowed(gettext("Please sign in to apply."), code="forbidden")
    if not applicant.email_confirmed:
        raise NotAllowed(
            gettext(
                "Please confirm your email address before applying: follow "
                "the link we sent you, or ask for a new one."
            ),
            code="email_unconfirmed",
        )
    if is_roster_member(applicant):
        raise WorkflowError(gettext("You are already on the peer review roster."), code="duplicate")
    if RosterApplication.objects.filter(
        applicant=applicant, state=RosterApplication.State.PENDING
    ).exists():
        raise WorkflowError(
            gettext("You already have an application waiting for a decision."), code="duplicate"
        )
    application = RosterApplication.objects.create(
        applicant=applicant,
        is_un_affiliated=is_un_affiliated,
        years_of_experience=years_of_experience,
        publications=publications.strip(),
        statement=statement.strip(),
    )
    application.objectives.set(objectives)
    application.regions.set(regions)
    application.languages.set(languages)
    roster_record(person=applicant, actor=applicant, action=RosterStep.APPLIED)
    queue_mail(
        to=editors(),
        subject=gettext_lazy("New application to the peer review roster"),
        template="email/roster_application.txt",
        context={"name": str(applicant), "link": site_link("review:roster")},
    )
    return application


@transaction.atomic
def roster_decide(
    *, application_id: int, actor: User, accept: bool, note: str = ""
) -> RosterApplication:
    """Accept or decline a roster application; accepting makes the applicant a reviewer."""
    if not is_editor(actor):
        raise NotAllowed(gettext("Only editors decide on roster applications."), code="forbidden")
    application = RosterApplication.objects.select_for_update().get(pk=application_id)
    if not application.is_pending:
        raise WorkflowError(
            gettext("This application has already been decided."), code="wrong_state"
        )
    applicant = application.applicant
    if accept and not applicant.email_confirmed:
        raise WorkflowError(
            gettext(
                "%(name)s has not confirmed their email address yet, so "
                "they cannot join the roster."
            )
            % {"name": applicant},
            code="email_unconfirmed",
        )
    change = RosterApplication.CHANGES["accept" if accept else "decline"]
    application.state = change.target
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.decision_note = note.strip()
    application.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    if accept:
        profile, _ = ReviewerProfile.objects.update_or_create(
            user=applicant,
            defaults={
                "is_un_affiliated": application.is_un_affiliated,
                "years_of_experience": application.years_of_experience,
                "publications": application.publications,
                "statement": application.statement,
                "is_active": True,
                "un_confirmed_at": None,
                "un_confirmed_by": None,
            },
        )
        profile.objectives.set(application.objectives.all())
        profile.regions.set(application.regions.all())
        profile.languages.set(application.languages.all())
        role_grant(user=applicant, role=REVIEWER)
    roster_record(person=applicant, actor=actor, action=change.step, note=application.decision_note)
    queue_mail(
        to=[applicant],
        subject=gettext_lazy("Your application to the peer review roster"),
        template="email/roster_decision.txt",
        context={
            "accepted": accept,
            "message": application.decision_note,
            "link": site_link("review:queue"),
        },
    )
    return application


@transaction.atomic
def roster_remove(*, profile_id: int, actor: User) -> ReviewerProfile:
    """Take a reviewer off the roster and withdraw the assignments they have not finished.

    Their submitted reviews stay and count; each withdrawn assignment is recorded in its
    item's history, and the editors get one mail listing the items that need a reviewer.
    """
    if not is_editor(actor):
        raise NotAllowed(gettext("Only editors change the roster."), code="forbidden")
    profile = ReviewerProfile.objects.select_for_update().select_related("user").get(pk=profile_id)
    if not profile.is_active:
        raise WorkflowError(
            gettext("%(name)s is not on the roster.") % {"name": profile.user}, code="wrong_state"
        )
    profile.is_active = False
    profile.save(update_fields=["is_active"])
    reviewer = profile.user
    titles = reviewer_assignments_withdraw(
        reviewer=reviewer,
        actor=actor,
        note=gettext("%(name)s was taken off the roster; their assignment was withdrawn.")
        % {"name": reviewer},
    )
    roster_record(person=reviewer, actor=actor, action=RosterStep.REMOVED)
    queue_mail(
        to=editors(),
        subject=gettext_lazy("A reviewer was taken off the roster"),
        template="email/roster_removed.txt",
        context={"name": str(reviewer), "titles": titles, "link": site_link("review:queue")},
    )
    return profile


@transaction.atomic
def roster_confirm_un(*, profile_id: int, actor: User) -> ReviewerProfile:
    """Confirm a reviewer's claimed UN affiliation, so that it counts for the UN seat."""
    if not is_editor(actor):
        raise NotAllowed(gettext("Only editors confirm UN affiliations."), code="forbidden")
    profile = ReviewerProfile.objects.select_for_update().select_related("user").get(pk=profile_id)
    if not profile.is_un_affiliated:
        raise WorkflowError(
            gettext("%(name)s has not claimed a UN affiliation.") % {"name": profile.user},
            code="wrong_state",
        )
    if profile.un_confirmed_at is not None:
        raise WorkflowError(gettext("This UN affiliation is already confirmed."), code="duplicate")
    profile.un_confirmed_at = timezone.now()
    profile.un_confirmed_by = actor
    profile.save(update_fields=["un_confirmed_at", "un_confirmed_by"])
    roster_record(person=profile.user, actor=actor, action=RosterStep.UN_CONFIRMED)
    return profile
