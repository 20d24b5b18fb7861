"""Serve submission pages: choose a kind, fill the form, follow one's items, download files."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from accounts.roles import is_partner
from hub.ratelimits import check_rate_limit
from resources.models import Kind
from review.workflow import NotAllowed, WorkflowError

from . import selectors, services
from .duplicates import find_duplicates
from .forms import ConfirmSubmitForm, KindForm, ResourceForm
from .uploads import file_extension

logger = logging.getLogger(__name__)


def _not_a_partner(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "submission/not_allowed.html",
        {
            "unconfirmed": not getattr(request.user, "email_confirmed", False),
        },
        status=403,
    )


def _refused(request: HttpRequest, resource, error: WorkflowError) -> HttpResponse:
    if isinstance(error, NotAllowed):
        raise Http404(error.message)
    return render(
        request,
        "submission/refused.html",
        {"resource": resource, "message": error.message},
        status=409,
    )


def _after_save(request: HttpRequest, resource, *, submitted: bool) -> HttpResponse:
    if submitted:
        messages.success(
            request,
            gettext(
                "Thank you. Your submission was sent to the editors; we will email you a "
                "confirmation."
            ),
        )
    elif resource.awaits_resubmission:
        messages.success(
            request,
            gettext(
                "Your changes are saved. The item still waits for you to resubmit it: choose "
                "“Resubmit for review” when it is ready."
            ),
        )
    else:
        messages.success(request, gettext("Saved as a draft. Submit it when it is ready."))
    return redirect("submission:item", pk=resource.pk)


def _save(request: HttpRequest, form: ResourceForm, *, resource=None) -> HttpResponse:
    """Store a valid form; a submission with possible duplicates waits for confirmation."""
    try:
        saved = services.resource_save(
            author=request.user,
            kind=form.kind,
            data=form.cleaned_data,
            resource=resource,
            submit=request.POST.get("action") == "submit",
        )
    except WorkflowError as error:
        return _refused(request, resource, error)
    if saved.duplicates:
        messages.warning(
            request,
            gettext(
                "Your item is saved but not yet submitted. Please check the possible duplicates "
                "below first."
            ),
        )
        return redirect("submission:submit_item", pk=saved.resource.pk)
    return _after_save(request, saved.resource, submitted=saved.submitted)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    """Choose the kind of item, then describe it, save it as a draft or submit it."""
    if not is_partner(request.user):
        return _not_a_partner(request)
    kind_form = KindForm(request.GET if "kind" in request.GET else None)
    if not kind_form.is_bound or not kind_form.is_valid():
        refused = kind_form.is_bound or request.method == "POST"
        return render(
            request,
            "submission/choose_kind.html",
            {"kind_form": kind_form},
            status=400 if refused else 200,
        )
    kind = kind_form.cleaned_data["kind"]
    if request.method == "POST":
        form = ResourceForm(request.POST, request.FILES, kind=kind)
        if form.is_valid():
            refusal = check_rate_limit(request, group="submission", keys=("ip", "user"))
            return refusal or _save(request, form)
    else:
        form = ResourceForm(kind=kind)
    return render(
        request,
        "submission/form.html",
        {
            "form": form,
            "kind_label": Kind(kind).label,
            "resource": None,
        },
        status=400 if form.errors else 200,
    )


@login_required
def my_list(request: HttpRequest) -> HttpResponse:
    """List the user's own items with their status and last change."""
    page = Paginator(selectors.my_items(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "submission/my_list.html", {"page": page})


@login_required
def item(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one of the user's items: its state, history, messages and what they can do."""
    resource = selectors.my_item_get(user=request.user, pk=pk)
    return render(
        request,
        "submission/my_item.html",
        {
            "resource": resource,
            "history": selectors.submitter_history(resource=resource),
            "reviewer_comments": selectors.reviewer_comments(resource=resource),
            "actions": selectors.my_item_actions(user=request.user, resource=resource),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a draft, or an item whose changes were requested, with the submission form."""
    resource = selectors.my_item_get(user=request.user, pk=pk)
    if not resource.is_editable:
        return render(
            request,
            "submission/refused.html",
            {
                "resource": resource,
                "message": gettext("This item is %(status)s; it can no longer be changed.")
                % {"status": resource.get_status_display().lower()},
            },
            status=409,
        )
    if request.method == "POST":
        form = ResourceForm(request.POST, request.FILES, kind=resource.kind, resource=resource)
        if form.is_valid():
            return _save(request, form, resource=resource)
    else:
        form = ResourceForm(kind=resource.kind, resource=resource)
    return render(
        request,
        "submission/form.html",
        {
            "form": form,
            "kind_label": resource.get_kind_display(),
            "resource": resource,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def submit_item(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a saved item to the editors, after showing any possible duplicates."""
    resource = selectors.my_item_get(user=request.user, pk=pk)
    if not resource.is_editable:
        return render(
            request,
            "submission/refused.html",
            {
                "resource": resource,
                "message": gettext(
                    "This item is %(status)s; it has already been sent to the editors."
                )
                % {"status": resource.get_status_display().lower()},
            },
            status=409,
        )
    duplicates = find_duplicates(
        url=resource.url, title=resource.title, submitter=request.user, exclude_pk=resource.pk
    )
    form = ConfirmSubmitForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        refusal = check_rate_limit(request, group="submission", keys=("ip", "user"))
        if refusal is not None:
            return refusal
        if form.is_valid() and (form.cleaned_data["confirm"] or not duplicates):
            try:
                services.resource_submit(resource_id=resource.pk, actor=request.user)
            except WorkflowError as error:
                return _refused(request, resource, error)
            return _after_save(request, resource, submitted=True)
        form.add_error(
            "confirm",
            gettext(
                "Choose “Submit anyway” to confirm that this is not a duplicate, or edit or "
                "withdraw the item."
            ),
        )
        status = 400
    return render(
        request,
        "submission/submit_item.html",
        {
            "resource": resource,
            "duplicates": duplicates,
            "form": form,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for confirmation, then withdraw the user's item from the review."""
    resource = selectors.my_item_get(user=request.user, pk=pk)
    if "withdraw" not in selectors.my_item_actions(user=request.user, resource=resource):
        return render(
            request,
            "submission/refused.html",
            {
                "resource": resource,
                "message": gettext("This item is %(status)s; it can no longer be withdrawn.")
                % {"status": resource.get_status_display().lower()},
            },
            status=409,
        )
    if request.method == "POST":
        try:
            services.resource_withdraw(resource_id=resource.pk, actor=request.user)
        except WorkflowError as error:
            return _refused(request, resource, error)
        messages.success(request, gettext("The item was withdrawn. It will not be published."))
        return redirect("submission:item", pk=resource.pk)
    return render(request, "submission/withdraw.html", {"resource": resource})


@require_http_methods(["GET", "HEAD"])
def download(request: HttpRequest, pk: int) -> FileResponse:
    """Send an item's file as an attachment to those allowed to see the item."""
    resource = selectors.downloadable_file_get(user=request.user, pk=pk)
    extension = file_extension(resource.file.name)
    if not extension:
        raise Http404(gettext("There is no file at this address."))
    try:
        handle = resource.file.open("rb")
    except OSError:
        logger.error("file of resource %s is missing from storage", resource.pk)
        raise Http404(gettext("There is no file at this address.")) from None
    response = FileResponse(
        handle, as_attachment=True, filename=f"{resource.slug or 'resource'}.{extension}"
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if not resource.is_published:
        patch_cache_control(response, private=True, no_store=True)
    return response
