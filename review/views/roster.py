"""Serve the peer review roster: apply to it, decide applications, remove and confirm members."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..forms.roster import RosterApplicationForm, RosterDecisionForm
from ..models import ReviewerProfile, RosterApplication
from ..workflow import WorkflowError
from .access import editor_required, error_status


def roster_apply(request: HttpRequest) -> HttpResponse:
    """Let a signed-in person apply to join the peer review roster.

    A visitor without an account is told that one is needed, with links to sign in and
    to sign up that both bring them back here.
    """
    if not request.user.is_authenticated:
        here = urlencode({"next": reverse("review:roster_apply")})
        return render(
            request,
            "review/roster_apply.html",
            {
                "needs_account": True,
                "login_url": f"{reverse('accounts:login')}?{here}",
                "signup_url": f"{reverse('accounts:signup')}?{here}",
            },
            status=200 if request.method in ("GET", "HEAD") else 403,
        )
    form = RosterApplicationForm(request.POST or None)
    status = 200
    error = ""
    if request.method == "POST":
        if form.is_valid():
            try:
                services.roster_apply(applicant=request.user, **form.application())
            except WorkflowError as refusal:
                error, status = refusal.message, error_status(refusal)
            else:
                messages.success(
                    request,
                    gettext(
                        "Thank you. Your application has been sent to the editors; we will "
                        "email you their decision."
                    ),
                )
                return redirect("review:roster_apply")
        else:
            status = 400
    return render(
        request,
        "review/roster_apply.html",
        {
            "form": form,
            "standing": selectors.roster_standing(user=request.user),
            "error": error,
            "email_confirmed": request.user.email_confirmed,
        },
        status=status,
    )


def render_roster(
    request: HttpRequest, *, bound_form=None, bound_pk=None, error: str = "", status: int = 200
) -> HttpResponse:
    """Render the roster applications with a decision form for each pending one."""
    applications = list(selectors.roster_applications())
    pending = [
        (
            application,
            bound_form
            if application.pk == bound_pk
            else RosterDecisionForm(prefix=f"application-{application.pk}"),
        )
        for application in applications
        if application.is_pending
    ]
    decided = [application for application in applications if not application.is_pending]
    return render(
        request,
        "review/roster_list.html",
        {
            "pending": pending,
            "decided": decided,
            "members": selectors.roster_profiles(),
            "history": selectors.roster_history(),
            "error": error,
        },
        status=status,
    )


@editor_required
def roster(request: HttpRequest) -> HttpResponse:
    """List roster applications for editors to decide."""
    return render_roster(request)


@editor_required
@require_POST
def roster_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or decline a roster application."""
    application = get_object_or_404(RosterApplication.objects.select_related("applicant"), pk=pk)
    form = RosterDecisionForm(request.POST, prefix=f"application-{pk}")
    if not form.is_valid():
        return render_roster(request, bound_form=form, bound_pk=pk, status=400)
    try:
        services.roster_decide(
            application_id=pk,
            actor=request.user,
            accept=form.accept,
            note=form.cleaned_data["message"],
        )
    except WorkflowError as error:
        return render_roster(request, error=error.message, status=error_status(error))
    messages.success(
        request,
        (
            gettext("%(name)s is now on the peer review roster.")
            if form.accept
            else gettext("The application from %(name)s was declined.")
        )
        % {"name": application.applicant},
    )
    return redirect("review:roster")


def _act_on_roster_member(request: HttpRequest, pk: int, *, service, done: str) -> HttpResponse:
    """Apply a roster service to a member, then say ``done`` (``%(name)s``) or the refusal."""
    profile = get_object_or_404(ReviewerProfile.objects.select_related("user"), pk=pk)
    try:
        service(profile_id=pk, actor=request.user)
    except WorkflowError as error:
        return render_roster(request, error=error.message, status=error_status(error))
    messages.success(request, done % {"name": profile.user})
    return redirect("review:roster")


@editor_required
@require_POST
def roster_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a reviewer off the roster, withdrawing the assignments they have not finished."""
    return _act_on_roster_member(
        request,
        pk,
        service=services.roster_remove,
        done=gettext("%(name)s has been taken off the peer review roster."),
    )


@editor_required
@require_POST
def roster_confirm_un(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm a roster member's UN affiliation, so that it counts for the panel's UN seat."""
    return _act_on_roster_member(
        request,
        pk,
        service=services.roster_confirm_un,
        done=gettext("The UN affiliation of %(name)s is confirmed."),
    )
