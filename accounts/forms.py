"""Validate what people type to sign up, sign in, reset a password and edit a profile.

Forms that edit an account are ``ModelForm``s, so the account's own rules (lengths,
choices, address format) are the form's; ``services`` still do the writing.
"""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordMixin
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import services

ORGANIZATION_HELP = _(
    "The organization you work for: the full name or the acronym, for example "
    "“International Organization for Migration” or “IOM”."
)


class LanguageSelect(forms.Select):
    """Mark each option with its language, so that screen readers speak its name in it."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        option["attrs"]["lang"] = value
        return option


class AccountForm(forms.ModelForm):
    """Validate the details every account has: a full name and the organization, as typed.

    The organization is text here: ``services`` keeps it as the affiliation and links a
    known organization, so it is not the model's ``organization`` field.
    """

    organization = forms.CharField(
        label=_("Organization"),
        max_length=get_user_model()._meta.get_field("affiliation").max_length,
        help_text=ORGANIZATION_HELP,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )

    class Meta:
        model = get_user_model()
        fields = ["name"]
        labels = {"name": _("Full name")}
        widgets = {"name": forms.TextInput(attrs={"autocomplete": "name"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise ValidationError(gettext("Enter your full name."), code="required")
        return name

    def clean_organization(self) -> str:
        organization = " ".join(self.cleaned_data["organization"].split())
        if not organization:
            raise ValidationError(gettext("Enter the name of your organization."), code="required")
        return organization


class SignUpForm(SetPasswordMixin, AccountForm):
    """Ask a new partner for their name, email address, organization and a password."""

    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("Password"), label2=_("Password again")
    )

    class Meta(AccountForm.Meta):
        fields = ["name", "email"]
        labels = {**AccountForm.Meta.labels, "email": _("Email address")}
        help_texts = {
            "email": _(
                "We will send a link to this address to confirm it. Only the hub's editors "
                "can see it."
            )
        }
        widgets = {
            **AccountForm.Meta.widgets,
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def clean_email(self) -> str:
        return get_user_model().objects.normalize_email(self.cleaned_data["email"].strip())

    def _get_validation_exclusions(self):
        # An address already in use is not refused here, neither by the model's unique
        # rules: the sign-up view answers as for a new one and mails the owner, so the
        # form never tells who has an account. The form field checks the address itself.
        return {*super()._get_validation_exclusions(), "email"}

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
            user=context["user"], uidb64=context["uid"], token=context["token"]
        )


class ResendConfirmationForm(forms.Form):
    """Ask for the address of an account still waiting for email confirmation."""

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class ProfileForm(AccountForm):
    """Let a person change their name, their organization and the language mail is written in.

    A form sent without a language (a page from before the choice existed) keeps the
    saved one.
    """

    field_order = ["name", "organization", "language"]

    class Meta(AccountForm.Meta):
        fields = ["name", "language"]
        labels = {**AccountForm.Meta.labels, "language": _("Language of the hub's emails")}
        help_texts = {"language": _("The hub writes to you in this language.")}
        widgets = {**AccountForm.Meta.widgets, "language": LanguageSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = self.fields["language"]
        language.required = False
        language.choices = [
            (code, translation.get_language_info(code)["name_local"])
            for code, _name in settings.LANGUAGES
        ]

    def clean_language(self) -> str:
        return self.cleaned_data["language"] or self.instance.language


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
