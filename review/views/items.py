"""Serve the review queue and the editor's item page: assign, take off and decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from accounts.roles import is_editor, is_roster_member

from .. import selectors, services, workflow
from ..forms.assignments import AssignForm
from ..forms.decisions import DecisionForm
from ..forms.queue import QueueFilterForm
from ..models import Assignment
from ..workflow import WorkflowError
from .access import editor_required, error_status, refuse

QUEUE_PAGE_SIZE = 50


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
