"""Take the ways readers reach a resource: a web link as typed, or an uploaded document."""

from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..uploads import validate_upload


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


class DocumentFileField(forms.FileField):
    """Take a new upload of the resource's document, checked by its content and renamed.

    The stored file is never sent again by the browser: a field left empty gives
    ``None``, so the item keeps its file unless the submitter asks to remove it.
    """

    default_error_messages = {
        "empty": _("The file is empty. Choose the document itself."),
        "invalid": _("No file was received. Choose the file again."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            _(
                "PDF, Word (.docx), OpenDocument text (.odt) or PowerPoint "
                "(.pptx), at most 20 MB. If the form shows an error, choose the file "
                "again."
            ),
        )
        kwargs.setdefault(
            "widget",
            forms.FileInput(
                attrs={
                    "accept": ".pdf,.docx,.odt,.pptx,application/pdf,application/vnd."
                    "openxmlformats-officedocument.wordprocessingml.document,application/"
                    "vnd.oasis.opendocument.text,application/vnd.openxmlformats-"
                    "officedocument.presentationml.presentation",
                }
            ),
        )
        super().__init__(**kwargs)

    def clean(self, data, initial=None) -> UploadedFile | None:
        upload = super().clean(data, initial)
        if not isinstance(upload, UploadedFile):
            return None
        extension = validate_upload(upload)
        upload.name = f"upload.{extension}"
        return upload
