"""Validate what people type to sign up, sign in, reset a password and edit a profile."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordMixin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import services

ORGANIZATION_HELP = _(
    "The organization you work for: the full name or the acronym, for example "
    "“International Organization for Migration” or “IOM”."
)


def _organization_field() -> forms.CharField:
    return forms.CharField(
        label=_("Organization"),
        max_length=300,
        help_text=ORGANIZATION_HELP,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )


def _name_field() -> forms.CharField:
    return forms.CharField(
        label=_("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )


class SignUpForm(SetPasswordMixin, forms.Form):
    """Ask a new partner for their name, email address, organization and a password."""

    name = _name_field()
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_(
            "We will send a link to this address to confirm it. Only the hub's editors can see it."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organization = _organization_field()
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("Password"), label2=_("Password again")
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise ValidationError(gettext("Enter your full name."), code="required")
        return name

    def clean_email(self) -> str:
        # An address already in use is not refused here: the sign-up view answers as for
        # a new one and mails the owner, so the form never tells who has an account.
        return get_user_model().objects.normalize_email(self.cleaned_data["email"].strip())

    def clean_organization(self) -> str:
        organization = " ".join(self.cleaned_data["organization"].split())
        if not organization:
            raise ValidationError(gettext("Enter the name of your organization."), code="required")
        return organization

    def clean(self):
        cleaned = super().clean()
        self.validate_passwords()
        if not self.has_error("password2"):
            candidate = get_user_model()(
                username=(cleaned.get("email") or "").split("@", 1)[0],
                email=cleaned.get("email") or "",
                name=cleaned.get("name") or "",
            )
            self.validate_password_for_user(candidate, password_field_name="password1")
        return cleaned


class LoginForm(AuthenticationForm):
    """Sign in with a username or an email address, and a password."""

    username = forms.CharField(
        label=_("Username or email address"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _(
            "The username or email address and the password do not match an "
            "account. Check them and try again; passwords are case-sensitive."
        ),
        "inactive": _(
            "This account has been closed. Write to the editors through the "
            "contact form if you think this is a mistake."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].max_length = 254
        self.fields["username"].widget.attrs["maxlength"] = 254

    def full_clean(self):
        super().full_clean()
        if self.non_field_errors():
            for name in ("username", "password"):
                self.fields[name].widget.attrs["aria-describedby"] = "form-errors"
                self.fields[name].widget.attrs["aria-invalid"] = "true"


class PasswordResetRequestForm(PasswordResetForm):
    """Ask for the address to send a password reset link to; mail goes out after commit."""

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        services.password_reset_send(
            user=context["user"], uidb64=context["uid"], token=context["token"], email=to_email
        )


class ResendConfirmationForm(forms.Form):
    """Ask for the address of an account still waiting for email confirmation."""

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class ProfileForm(forms.Form):
    """Let a person change their name and the organization they work for."""

    name = _name_field()
    organization = _organization_field()

    clean_name = SignUpForm.clean_name
    clean_organization = SignUpForm.clean_organization


class AccountDeleteForm(forms.Form):
    """Ask for the password before deleting an account, so a borrowed session cannot."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(
                gettext("The password is not correct, so your account has not been deleted."),
                code="password_incorrect",
            )
        return password
