"""Accept uploaded files only when their content proves what they are, and store them privately.

A submission may carry one PDF, DOCX, ODT or PPTX file of at most 20 MB
(``HUB_UPLOAD_MAX_BYTES`` changes the limit). The type is read from the bytes: ``%PDF-``
for PDF; for the office formats a zip archive whose table of contents names the part
that defines the format. Archives are never extracted, so a zip bomb costs nothing.
The file's extension must agree with its content. Stored files get a random name under
``MEDIA_ROOT/private/`` and are only ever sent by the download view, as attachments.
"""

import uuid
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext

PRIVATE_FOLDER = "private/resources"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
ALLOWED_EXTENSIONS = ("pdf", "docx", "odt", "pptx")
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

# Bounds on an archive's table of contents; real documents stay far below them.
MAX_ZIP_ENTRIES = 5000
MAX_ZIP_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024
MAX_MIMETYPE_ENTRY_BYTES = 200


def max_upload_bytes() -> int:
    return int(getattr(settings, "HUB_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def download_path(resource) -> str:
    """Return the address that sends an item's file, or "" when the item has none.

    Every channel that shows the file (the item page, the API, embedded metadata, CSV and
    OAI-PMH records, the submitter's and the editors' pages) links here, never to where the
    file lies: the download view checks who may have it. The route takes the item's
    number, which never changes, not its slug.
    """
    if not resource.file:
        return ""
    return reverse("files:download", args=[resource.pk])


def private_upload_path(instance, filename: str) -> str:
    """Name a stored file with a random identifier and its checked extension, never the user's."""
    extension = PurePath(filename).suffix.lower().lstrip(".")
    if extension not in ALLOWED_EXTENSIONS:
        extension = "bin"
    return f"{PRIVATE_FOLDER}/{uuid.uuid4().hex}.{extension}"


def file_extension(name: str) -> str:
    """Return the extension of a stored file's name, or an empty string if it is not allowed."""
    extension = PurePath(name or "").suffix.lower().lstrip(".")
    return extension if extension in ALLOWED_EXTENSIONS else ""


def detect_type(file) -> str | None:
    """Tell which allowed format a file's content is ("pdf", "docx"…), or None."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        return _zip_type(file)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
        RuntimeError,
    ):
        return None
    finally:
        file.seek(0)


def _zip_type(file) -> str | None:
    with zipfile.ZipFile(file) as archive:
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            return None
        if sum(entry.file_size for entry in entries) > MAX_ZIP_UNCOMPRESSED_BYTES:
            return None
        names = {entry.filename for entry in entries}
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return "docx"
            if "ppt/presentation.xml" in names:
                return "pptx"
            return None
        mimetype = next((entry for entry in entries if entry.filename == "mimetype"), None)
        if mimetype is None or mimetype.file_size > MAX_MIMETYPE_ENTRY_BYTES:
            return None
        if mimetype.flag_bits & 0x1:
            return None
        if archive.read(mimetype).strip() == ODT_MIMETYPE and "content.xml" in names:
            return "odt"
    return None


def validate_upload(file: UploadedFile) -> str:
    """Check an uploaded file and return its extension; raise ValidationError if it is refused."""
    size = file.size or 0
    if size == 0:
        raise ValidationError(
            gettext("The file is empty. Choose the document itself."), code="empty"
        )
    limit = max_upload_bytes()
    if size > limit:
        raise ValidationError(
            gettext("The file is too large (%(size)s MB). Files may be at most %(limit)s MB.")
            % {"size": _megabytes(size), "limit": _megabytes(limit)},
            code="too_large",
        )
    extension = PurePath(file.name or "").suffix.lower().lstrip(".")
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            gettext(
                "Upload a PDF, Word (.docx), OpenDocument text (.odt) or PowerPoint (.pptx) file."
            ),
            code="extension",
        )
    detected = detect_type(file)
    if detected is None:
        raise ValidationError(
            gettext(
                "This file is not a real %(type)s document: its content does not match "
                "its name. Upload a PDF, DOCX, ODT or PPTX file."
            )
            % {"type": extension.upper()},
            code="content",
        )
    if detected != extension:
        raise ValidationError(
            gettext(
                "This file is a %(detected)s document named as %(extension)s. Rename it "
                "to .%(detected_lower)s and upload it again."
            )
            % {
                "detected": detected.upper(),
                "extension": extension.upper(),
                "detected_lower": detected,
            },
            code="extension_mismatch",
        )
    return detected


def _megabytes(size: int) -> str:
    """Write a size in megabytes as the visitor's locale writes numbers ("2.5", "2,5")."""
    value = size / (1024 * 1024)
    places = 0 if value >= 10 or value == int(value) else 1
    return number_format(round(value, places), decimal_pos=places)
