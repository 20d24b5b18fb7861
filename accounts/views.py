"""Serve sign-up, email confirmation, sign-in and sign-out, password pages and the profile.

A person can also download everything the hub holds about them and delete their account.

Views are thin: forms validate, ``services`` writes, ``selectors`` reads. A form sent
with mistakes is shown again with its messages and status 400.
"""

import math
from copy import copy

from axes.utils import reset as axes_reset
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.messages.views import SuccessMessageMixin
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from hub.ratelimits import rate_limit_count, rate_limit_wait

from . import roles, selectors, services, tokens
from .forms import (
    AccountDeleteForm,
    LoginForm,
    PasswordResetRequestForm,
    ProfileForm,
    ResendConfirmationForm,
    SignUpForm,
)

SIGN_IN_BACKEND = "accounts.backends.EmailOrUsernameBackend"


class InvalidFormIs400:
    """Answer a form sent with mistakes with status 400, still showing the form."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


def next_page(request: HttpRequest) -> str:
    """Return the ``next`` address a form or link carries, or "" if it leads off the hub."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def with_next_page(url: str, next_address: str) -> str:
    """Add the ``next`` address to a link, when there is one."""
    return f"{url}?{urlencode({'next': next_address})}" if next_address else url


def sign_up_email_domain(request: HttpRequest) -> str | None:
    """Return the domain of the email address a sign-up form carries, for its own limit."""
    email = request.POST.get("email", "").strip().lower()
    domain = email.rpartition("@")[2]
    return domain if "@" in email and domain else None


SIGN_UP_LIMITS = (
    ("signup", ("ip",)),
    ("signup_domain", (sign_up_email_domain,)),
    ("signup_email", ("post:email",)),
)


def sign_up_refused(
    request: HttpRequest, form, *, retry_after: int, next_address: str
) -> HttpResponse:
    """Show the sign-up form again with what was typed, saying when to try again (429)."""
    response = render(
        request,
        "accounts/signup.html",
        {
            "form": form,
            "next": next_address,
            "retry_minutes": math.ceil(retry_after / 60),
        },
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """Create a partner account that waits for email confirmation.

    An address that already has an account gets the same answer ("check your email")
    and its owner a mail saying so, so that sign-up never tells who is registered.

    Only accepted sign-ups count against the sign-up limits (per client address, email
    domain and email address); forms sent back with mistakes count against a higher limit
    of their own. A refusal keeps what was typed. A ``next`` address is carried through
    the confirmation link, so the new partner comes back to what they set out to do.
    """
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    next_address = next_page(request)
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "GET":
        return render(request, "accounts/signup.html", {"form": form, "next": next_address})
    failures_wait = rate_limit_wait(request, group="signup_failed", keys=("ip",))
    if failures_wait:
        form.is_valid()
        return sign_up_refused(request, form, retry_after=failures_wait, next_address=next_address)
    if not form.is_valid():
        rate_limit_count(request, group="signup_failed", keys=("ip",))
        return render(
            request, "accounts/signup.html", {"form": form, "next": next_address}, status=400
        )
    waits = [rate_limit_wait(request, group=group, keys=keys) for group, keys in SIGN_UP_LIMITS]
    if any(waits):
        return sign_up_refused(
            request, form, retry_after=max(wait or 0 for wait in waits), next_address=next_address
        )
    for group, keys in SIGN_UP_LIMITS:
        rate_limit_count(request, group=group, keys=keys)
    data = form.cleaned_data
    try:
        services.user_sign_up(
            name=data["name"],
            email=data["email"],
            organization=data["organization"],
            password=data["password1"],
            language=translation.get_language(),
            next_address=next_address,
        )
    except IntegrityError:
        services.sign_up_attempt_notify(email=data["email"], next_address=next_address)
    return redirect("accounts:signup_done")


def signup_done(request: HttpRequest) -> HttpResponse:
    """Tell a new partner to look for the confirmation email."""
    return render(request, "accounts/signup_done.html", {"days": tokens.CONFIRMATION_MAX_AGE.days})


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Confirm an email address from a signed link, by a button rather than by opening it.

    Opening the link shows the button; pressing it (a POST, with its CSRF token)
    confirms the address and makes the person a partner. It signs them in only when no
    one is signed in in this browser: someone else's link, opened while signed in,
    confirms that address but never switches the browser to another account. Mail
    scanners that open links therefore confirm nothing either. The link's ``next`` address,
    if it stays on the hub, is where the confirmed person goes on to.
    """
    try:
        user = tokens.user_for_confirmation_token(token=token)
        if not user.is_active:
            raise tokens.InvalidLink
    except tokens.InvalidLink as problem:
        return render(
            request,
            "accounts/confirm_invalid.html",
            {
                "expired": isinstance(problem, tokens.ExpiredLink),
                "days": tokens.CONFIRMATION_MAX_AGE.days,
                "form": ResendConfirmationForm(),
            },
            status=400,
        )
    next_address = next_page(request)
    if request.user.is_authenticated:
        onward = next_address or reverse("accounts:profile")
    else:
        onward = with_next_page(reverse("accounts:login"), next_address)
    if user.email_confirmed:
        messages.info(request, gettext("Your email address is already confirmed."))
        return redirect(onward)
    if request.method == "GET":
        return render(request, "accounts/confirm.html", {"token": token, "next": next_address})
    user, newly_confirmed = services.email_confirm(user_id=user.pk)
    if not newly_confirmed:
        messages.info(request, gettext("Your email address is already confirmed."))
        return redirect(onward)
    if not request.user.is_authenticated:
        login(request, user, backend=SIGN_IN_BACKEND)
        messages.success(
            request,
            gettext(
                "Thank you: your email address is confirmed and you are signed in. You can now "
                "submit resources to the hub."
            ),
        )
    elif request.user.pk == user.pk:
        messages.success(
            request,
            gettext(
                "Thank you: your email address is confirmed. You can now submit resources to "
                "the hub."
            ),
        )
    else:
        messages.success(
            request,
            gettext(
                "The email address is confirmed. You are still signed in with your own "
                "account: sign out, then sign in with the confirmed account to use it."
            ),
        )
        return redirect("accounts:profile")
    return redirect(next_address or reverse("accounts:profile"))


@require_http_methods(["GET", "POST"])
def resend_confirmation(request: HttpRequest) -> HttpResponse:
    """Send a new confirmation link, without telling strangers whether an account exists."""
    if request.method == "POST" and request.user.is_authenticated and not request.POST.get("email"):
        if not request.user.email_confirmed:
            services.confirmation_send(user=request.user)
            messages.success(
                request, gettext("We have sent a new confirmation link to your email address.")
            )
        return redirect("accounts:profile")
    form = ResendConfirmationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            user = selectors.user_by_email(email=form.cleaned_data["email"])
            if user is not None and user.is_active and not user.email_confirmed:
                services.confirmation_send(user=user)
            messages.success(
                request,
                gettext(
                    "If an account with that address is waiting for confirmation, we have sent "
                    "it a new link. Please check your inbox and your spam folder."
                ),
            )
            return redirect("accounts:resend_confirmation")
        return render(request, "accounts/resend_confirmation.html", {"form": form}, status=400)
    return render(request, "accounts/resend_confirmation.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """Show a person their account; let them change their name, organization and language."""
    user = request.user
    # The form writes what was typed into its instance; the page shows the saved account.
    form = ProfileForm(
        request.POST if request.method == "POST" else None,
        instance=copy(user),
        initial={"organization": user.affiliation},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.profile_update(
                user=user,
                name=form.cleaned_data["name"],
                organization=form.cleaned_data["organization"],
                language=form.cleaned_data["language"],
            )
            messages.success(request, gettext("Your profile has been saved."))
            return redirect("accounts:profile")
        status = 400
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "roles": selectors.user_roles(user=user),
        },
        status=status,
    )


@never_cache
@login_required
@require_GET
def account_data(request: HttpRequest) -> HttpResponse:
    """Send a person everything the hub holds about them, as a JSON file to keep."""
    response = JsonResponse(
        selectors.account_data(user=request.user),
        json_dumps_params={"indent": 2, "ensure_ascii": False},
    )
    response["Content-Disposition"] = 'attachment; filename="objective10-hub-my-data.json"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    """Delete a person's account once they confirm with their password, then sign them out."""
    form = AccountDeleteForm(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            services.account_delete(user=request.user)
            logout(request)
            return redirect("accounts:deleted")
        return render(request, "accounts/delete.html", {"form": form}, status=400)
    return render(request, "accounts/delete.html", {"form": form})


def account_deleted(request: HttpRequest) -> HttpResponse:
    """Confirm that an account has been deleted."""
    return render(request, "accounts/deleted.html")


class LoginView(InvalidFormIs400, auth_views.LoginView):
    """Sign in with a username or an email address, then start from one's own work.

    Without a ``next`` address, each person lands where their role's work is
    (``roles.landing_url``).
    """

    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return roles.landing_url(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["signup_url"] = with_next_page(reverse("accounts:signup"), next_page(self.request))
        return context


class LogoutView(auth_views.LogoutView):
    """Sign out by a form (POST); a plain visit only asks for confirmation."""

    http_method_names = ["get", "post", "options"]
    template_name = "registration/logout.html"

    def get(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect("home")
        return render(request, self.template_name)

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, gettext("You have signed out."))
        return response


class PasswordChangeView(InvalidFormIs400, SuccessMessageMixin, auth_views.PasswordChangeView):
    """Change one's password, knowing the current one."""

    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("accounts:profile")
    success_message = _("Your password has been changed.")


class PasswordResetView(InvalidFormIs400, auth_views.PasswordResetView):
    """Send a link to choose a new password, whether or not the address has an account."""

    form_class = PasswordResetRequestForm
    template_name = "registration/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    """Say that a reset link is on its way if the address has an account."""

    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(InvalidFormIs400, auth_views.PasswordResetConfirmView):
    """Choose a new password from a reset link; a bad link answers 400 and says so."""

    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def dispatch(self, *args, **kwargs):
        response = super().dispatch(*args, **kwargs)
        if not self.validlink and response.status_code == 200:
            response.status_code = 400
        return response

    def form_valid(self, form):
        response = super().form_valid(form)
        axes_reset(username=form.user.get_username())
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    """Say the password is changed and invite the person to sign in."""

    template_name = "registration/password_reset_complete.html"
