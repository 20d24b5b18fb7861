"""Serve a reviewer's assignment: see it, declare conflicts of interest and review."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..forms.assignments import DeclarationForm
from ..forms.reviews import ReviewForm
from ..models import Assignment
from ..workflow import WorkflowError
from .access import error_status, roster_member_required


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
