"""Take web addresses as typed, accepting only complete http:// and https:// links."""

from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext


def validate_web_link(value: str) -> None:
    """Accept only complete http:// or https:// addresses."""
    try:
        scheme = urlsplit(value).scheme.lower() if ":" in value else ""
    except ValueError:  # a malformed host such as "https://[::1"; the check below says so
        scheme = value.split(":", 1)[0].lower()
    if scheme not in ("http", "https"):
        raise ValidationError(
            gettext("The link must be a web address starting with https:// or http://."),
            code="scheme",
        )
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise ValidationError(
            gettext(
                "This is not a complete web address. Copy it from your browser's "
                "address bar, for example https://www.example.org/report."
            ),
            code="invalid_url",
        ) from None


class WebLinkField(forms.CharField):
    """Take a web address as typed, accepting only http and https.

    The form field of the item's ``URLField``s (``Meta.field_classes``), which gives it
    their length: the model alone would also accept ftp:// addresses, which readers of
    the hub cannot open.
    """

    widget = forms.URLInput

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(validate_web_link)
