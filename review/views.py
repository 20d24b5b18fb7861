"""Serve the peer review pages: the roster, the queue, an item's review and a reviewer's form.

Each view checks who may act, validates its form, calls one service or selector and
renders. A refused or impossible action answers 4xx with a message and changes nothing;
a successful one redirects, so reloading a page never repeats it.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from accounts.roles import is_editor, is_roster_member

from . import selectors, services, workflow
from .forms import (
    AssignForm,
    DecisionForm,
    DeclarationForm,
    QueueFilterForm,
    ReviewForm,
    RosterApplicationForm,
    RosterDecisionForm,
)
from .models import Assignment, ReviewerProfile, RosterApplication
from .workflow import NotAllowed, WorkflowError

QUEUE_PAGE_SIZE = 50

# Refusals that mean "not now, the item has moved on" rather than "the request is wrong".
CONFLICT_CODES = {"wrong_state", "conflict", "duplicate", "panel_incomplete", "email_unconfirmed"}


def error_status(error: WorkflowError) -> int:
    """Choose the status that tells the client why a workflow step was refused."""
    if isinstance(error, NotAllowed):
        return 403
    return 409 if error.code in CONFLICT_CODES else 400


def refuse(request: HttpRequest, message: str = "") -> HttpResponse:
    """Answer 403 with a page that says who may use this page."""
    return render(request, "review/forbidden.html", {"message": message}, status=403)


def editor_required(view):
    """Let only signed-in editors through; others are sent to sign in or refused."""

    @login_required
    @wraps(view)
    def check(request, *args, **kwargs):
        if not is_editor(request.user):
            return refuse(request, gettext("This page is for the hub's editors."))
        return view(request, *args, **kwargs)

    return check


def roster_member_required(view):
    """Let only active roster members act on assignments; others are refused."""

    @login_required
    @wraps(view)
    def check(request, *args, **kwargs):
        if not is_roster_member(request.user):
            return refuse(
                request,
                gettext(
                    "You are not on the peer review roster, so you cannot open or act on review "
                    "assignments. Write to the editors if you think this is a mistake."
                ),
            )
        return view(request, *args, **kwargs)

    return check


# Queue


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """Show editors every submitted item and reviewers their own assignments."""
    user = request.user
    if is_editor(user):
        form = QueueFilterForm(request.GET)
        items = selectors.editor_queue(**form.filters())
        page = Paginator(items, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
        return render(
            request,
            "review/queue_editor.html",
            {
                "form": form,
                "page": page,
                "rows": selectors.queue_rows(resources=list(page.object_list)),
                "assignments": (
                    selectors.reviewer_assignments(reviewer=user)
                    if is_roster_member(user)
                    else None
                ),
            },
            status=400 if form.errors else 200,
        )
    if is_roster_member(user):
        return render(
            request,
            "review/queue_reviewer.html",
            {
                "assignments": selectors.reviewer_assignments(reviewer=user),
            },
        )
    return refuse(request, gettext("The review queue is for peer reviewers and editors."))


# Editor's item page


def render_item(
    request: HttpRequest,
    pk: int,
    *,
    assign_form=None,
    decision_form=None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    """Render the editor's item page, with any bound form and refusal to show."""
    item = selectors.item_review(resource_id=pk, actor=request.user)
    return render(
        request,
        "review/item.html",
        {
            "item": item,
            "assign_form": assign_form or AssignForm(suggestions=item.suggestions),
            "decision_form": decision_form or DecisionForm(transitions=item.transitions),
            "error": error,
        },
        status=status,
    )


@editor_required
def item(request: HttpRequest, pk: int) -> HttpResponse:
    """Show an item's panel, reviews side by side, decisions and history to an editor."""
    return render_item(request, pk)


@editor_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a reviewer from the suggestions to an item's panel."""
    item = selectors.item_review(resource_id=pk, actor=request.user)
    form = AssignForm(request.POST, suggestions=item.suggestions)
    if not form.is_valid():
        return render_item(request, pk, assign_form=form, status=400)
    reviewer = form.cleaned_data["reviewer"]
    try:
        services.assignment_create(resource_id=pk, reviewer=reviewer, actor=request.user)
    except WorkflowError as error:
        return render_item(request, pk, error=error.message, status=error_status(error))
    messages.success(
        request, gettext("%(name)s has been asked to review this item.") % {"name": reviewer}
    )
    return redirect("review:item", pk=pk)


@editor_required
@require_POST
def unassign(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a reviewer who has not reviewed yet off an item's panel."""
    assignment = get_object_or_404(Assignment.objects.select_related("reviewer"), pk=pk)
    try:
        services.assignment_remove(assignment_id=pk, actor=request.user)
    except WorkflowError as error:
        return render_item(
            request, assignment.resource_id, error=error.message, status=error_status(error)
        )
    messages.success(
        request, gettext("%(name)s has been taken off this item.") % {"name": assignment.reviewer}
    )
    return redirect("review:item", pk=assignment.resource_id)


@editor_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply an editor's decision (publish, request changes, reject…) through the workflow."""
    resource = selectors.submitted_item(resource_id=pk)
    form = DecisionForm(
        request.POST, transitions=workflow.available(resource=resource, actor=request.user)
    )
    if not form.is_valid():
        return render_item(request, pk, decision_form=form, status=400)
    try:
        resource = workflow.transition(
            resource_id=resource.pk,
            name=form.cleaned_data["action"],
            actor=request.user,
            message=form.cleaned_data["message"],
            note=form.cleaned_data["note"],
        )
    except WorkflowError as error:
        return render_item(
            request, pk, decision_form=form, error=error.message, status=error_status(error)
        )
    messages.success(request, str(workflow.TRANSITIONS[form.cleaned_data["action"]].done))
    return redirect("review:item", pk=pk)


# Reviewer's assignment page


def render_assignment(
    request: HttpRequest,
    assignment: Assignment,
    *,
    declaration_form=None,
    review_form=None,
    error: str = "",
    withdrawn: bool = False,
    status: int = 200,
) -> HttpResponse:
    """Render a reviewer's assignment: declaration first, then the review form or review."""
    return render(
        request,
        "review/assignment.html",
        {
            "assignment": assignment,
            "resource": assignment.resource,
            "declaration_form": declaration_form or DeclarationForm(),
            "review_form": review_form or ReviewForm(),
            "error": error,
            "withdrawn": withdrawn,
        },
        status=status,
    )


def refused_assignment(request: HttpRequest, pk: int, error: WorkflowError) -> HttpResponse:
    """Show why a step was refused, with the assignment as it is now.

    A conflict found at this step has taken the reviewer off the item, which they are told.
    """
    assignment = selectors.assignment_for_reviewer(assignment_id=pk, reviewer=request.user)
    withdrawn = error.code == "conflict" and assignment.is_conflict
    return render_assignment(
        request, assignment, error=error.message, withdrawn=withdrawn, status=error_status(error)
    )


@roster_member_required
def assignment(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the assigned reviewer what to do next on their assignment."""
    return render_assignment(
        request, selectors.assignment_for_reviewer(assignment_id=pk, reviewer=request.user)
    )


@roster_member_required
@require_POST
def declare(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the reviewer's conflict-of-interest declaration."""
    assignment = selectors.assignment_for_reviewer(assignment_id=pk, reviewer=request.user)
    form = DeclarationForm(request.POST)
    if not form.is_valid():
        return render_assignment(request, assignment, declaration_form=form, status=400)
    try:
        services.assignment_declare(
            assignment_id=pk,
            actor=request.user,
            has_conflict=form.cleaned_data["has_conflict"],
            note=form.cleaned_data["conflict_note"],
        )
    except WorkflowError as error:
        return refused_assignment(request, pk, error)
    if form.cleaned_data["has_conflict"]:
        messages.success(
            request,
            gettext("Thank you. You have been taken off this item and the editors have been told."),
        )
        return redirect("review:queue")
    messages.success(request, gettext("Thank you. You can now review the item."))
    return redirect("review:assignment", pk=pk)


@roster_member_required
@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """Store the reviewer's scores, recommendation and comments."""
    assignment = selectors.assignment_for_reviewer(assignment_id=pk, reviewer=request.user)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return render_assignment(request, assignment, review_form=form, status=400)
    data = form.cleaned_data
    try:
        services.review_submit(
            assignment_id=pk,
            actor=request.user,
            scores=form.scores(),
            recommendation=data["recommendation"],
            comments_for_submitter=data["comments_for_submitter"],
            confidential_comments=data["confidential_comments"],
        )
    except WorkflowError as error:
        if error.code == "conflict":
            return refused_assignment(request, pk, error)
        return render_assignment(
            request, assignment, review_form=form, error=error.message, status=error_status(error)
        )
    messages.success(request, gettext("Thank you. Your review has been sent to the editors."))
    return redirect("review:assignment", pk=pk)


# Roster


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
