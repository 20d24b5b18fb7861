"""Check who may use a review page and answer a refused step with the status that says why."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext

from accounts.roles import is_editor, is_roster_member

from ..workflow import NotAllowed, WorkflowError

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
