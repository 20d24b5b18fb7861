"""Uploaded files: checked by content, stored privately, downloaded only by those allowed."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from resources.models import Resource, Status
from resources.submission import uploads
from review.models import Assignment, ReviewerProfile
from tests.factories import ResourceFactory, ReviewerFactory, UserFactory

from .submission_data import MINIMAL_PDF, docx_bytes, form_data, odt_bytes, pptx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def partner():
    return UserFactory(username="uploader")


@pytest.fixture
def partner_client(client, partner):
    client.force_login(partner)
    return client


def upload(client, name: str, content: bytes, **overrides):
    data = form_data(**overrides)
    data["file"] = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post("/submit/?kind=document", data)


def file_error(response) -> str:
    html = response.content.decode()
    start = html.find('id="id_file_error"')
    return html[start : html.find("</ul>", start)] if start != -1 else ""


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


# Accepted -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "extension"),
    [
        ("report.pdf", MINIMAL_PDF, "pdf"),
        ("Report.PDF", MINIMAL_PDF, "pdf"),
        ("brief.docx", docx_bytes(), "docx"),
        ("slides.pptx", pptx_bytes(), "pptx"),
        ("notes.odt", odt_bytes(), "odt"),
    ],
)
def test_real_documents_are_accepted_and_stored_under_a_generated_name(
    partner_client, private_media, name, content, extension
):
    response = upload(partner_client, name, content)
    assert response.status_code == 302, file_error(response)
    resource = Resource.objects.get()
    stored = Path(resource.file.path)
    assert stored.is_relative_to(private_media / "private")
    assert stored.suffix == f".{extension}"
    assert len(stored.stem) == 32 and Path(name).stem.lower() not in stored.name.lower()
    assert stored.read_bytes() == content


def test_a_path_traversal_name_is_stored_safely_inside_media_root(partner_client, private_media):
    response = upload(partner_client, "../../etc/passwd.pdf", MINIMAL_PDF)
    assert response.status_code == 302
    [stored] = stored_files(private_media)
    assert stored.resolve().is_relative_to(private_media.resolve())
    assert "passwd" not in Resource.objects.get().file.name
    assert stored.suffix == ".pdf"


# Refused ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "report.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200,
            "This file is not a real PDF document",
        ),
        ("report.docx", b"MZ\x90\x00" + b"\x00" * 200, "not a real DOCX document"),
        ("invoice.exe", b"MZ\x90\x00" + b"\x00" * 200, "Upload a PDF, Word (.docx)"),
        ("report", MINIMAL_PDF, "Upload a PDF, Word (.docx)"),
        ("report.pdf.exe", MINIMAL_PDF, "Upload a PDF, Word (.docx)"),
        ("page.html", b"<html><script>alert(1)</script>", "Upload a PDF, Word (.docx)"),
        ("brief.docx", MINIMAL_PDF, "This file is a PDF document named as DOCX"),
        ("report.pdf", docx_bytes(), "This file is a DOCX document named as PDF"),
        ("slides.pptx", docx_bytes(), "This file is a DOCX document named as PPTX"),
        (
            "notes.odt",
            odt_bytes(b"application/vnd.oasis.opendocument.spreadsheet"),
            "not a real ODT document",
        ),
        ("archive.docx", b"PK\x03\x04" + b"\x00" * 100, "not a real DOCX document"),
    ],
)
def test_files_whose_content_is_not_what_their_name_says_are_refused(
    partner_client, private_media, name, content, message
):
    response = upload(partner_client, name, content)
    assert response.status_code == 400
    assert message in file_error(response)
    assert not Resource.objects.exists()
    assert stored_files(private_media) == []


def test_a_zip_that_merely_contains_an_executable_is_refused(partner_client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("setup.exe", b"MZ" + b"\x00" * 100)
    response = upload(partner_client, "brief.docx", buffer.getvalue())
    assert "not a real DOCX document" in file_error(response)


def test_a_zip_bomb_is_refused_without_being_extracted(partner_client, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_ZIP_UNCOMPRESSED_BYTES", 4 * 1024 * 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/media/padding.bin", b"\x00" * (5 * 1024 * 1024))
    content = buffer.getvalue()
    assert len(content) < 64 * 1024
    response = upload(partner_client, "brief.docx", content)
    assert "not a real DOCX document" in file_error(response)


def test_an_empty_file_is_refused(partner_client, private_media):
    response = upload(partner_client, "report.pdf", b"")
    assert response.status_code == 400
    assert "The file is empty" in file_error(response)
    assert not Resource.objects.exists()


def test_a_file_over_the_limit_is_refused(partner_client, settings, private_media):
    settings.HUB_UPLOAD_MAX_BYTES = 1024
    response = upload(partner_client, "report.pdf", MINIMAL_PDF + b"0" * 2048)
    assert response.status_code == 400
    assert "Files may be at most" in file_error(response)
    assert not Resource.objects.exists()
    assert stored_files(private_media) == []


def test_the_default_limit_is_twenty_megabytes():
    just_over = SimpleUploadedFile("big.pdf", MINIMAL_PDF)
    just_over.size = 20 * 1024 * 1024 + 1
    with pytest.raises(Exception, match="at most 20 MB"):
        uploads.validate_upload(just_over)
    at_limit = SimpleUploadedFile("big.pdf", MINIMAL_PDF)
    at_limit.size = 20 * 1024 * 1024
    assert uploads.validate_upload(at_limit) == "pdf"


def test_the_sizes_in_the_refusal_are_written_as_the_visitor_writes_numbers(settings):
    settings.HUB_UPLOAD_MAX_BYTES = int(2.5 * 1024 * 1024)
    too_large = SimpleUploadedFile("big.pdf", MINIMAL_PDF)
    too_large.size = 3 * 1024 * 1024 + 512 * 1024
    with translation.override("fr"), pytest.raises(ValidationError) as refused:
        uploads.validate_upload(too_large)
    # The sentence is the catalogue's; the numbers take the French decimal comma.
    assert "3,5" in refused.value.messages[0] and "2,5" in refused.value.messages[0]
    with pytest.raises(ValidationError, match=r"\(3\.5 MB\).*at most 2\.5 MB"):
        uploads.validate_upload(too_large)


def test_a_real_oversized_upload_is_refused(partner_client, private_media):
    content = MINIMAL_PDF + b"\x00" * (20 * 1024 * 1024)
    response = upload(partner_client, "huge.pdf", content)
    assert "Files may be at most 20 MB" in file_error(response)
    assert stored_files(private_media) == []


def test_replacing_the_file_of_a_draft_keeps_one_file(
    partner_client, partner, private_media, committed
):
    committed(upload, partner_client, "first.pdf", MINIMAL_PDF, action="draft")
    resource = Resource.objects.get()
    first = Path(resource.file.path)
    data = form_data(action="draft")
    data["file"] = SimpleUploadedFile("second.docx", docx_bytes())
    committed(partner_client.post, f"/my/{resource.pk}/edit/", data)
    resource.refresh_from_db()
    assert resource.file.name.endswith(".docx")
    assert not first.exists()
    assert stored_files(private_media) == [Path(resource.file.path)]


def test_a_draft_keeps_its_file_when_edited_without_a_new_one(partner_client, private_media):
    upload(partner_client, "first.pdf", MINIMAL_PDF, action="draft", url="")
    resource = Resource.objects.get()
    name = resource.file.name
    response = partner_client.post(f"/my/{resource.pk}/edit/", form_data(url="", action="draft"))
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.file.name == name


# Downloads ----------------------------------------------------------------------------


@pytest.fixture
def people(partner):
    reviewer = ReviewerFactory(username="assigned-reviewer")
    return {
        "anonymous": None,
        "other partner": UserFactory(username="other-partner"),
        "submitter": partner,
        "editor": UserFactory(username="the-editor", groups=["editor"]),
        "assigned reviewer": reviewer,
        "unassigned reviewer": ReviewerFactory(username="unassigned-reviewer"),
        "conflicted reviewer": ReviewerFactory(username="conflicted-reviewer"),
        "reviewer off the roster": ReviewerFactory(username="former-reviewer"),
    }


def item_with_file(partner, people, status) -> Resource:
    resource = ResourceFactory(title="Scam centres report", status=status, submitted_by=partner)
    resource.file.save("whatever.pdf", io.BytesIO(MINIMAL_PDF))
    Assignment.objects.create(
        resource=resource, reviewer=people["assigned reviewer"], state=Assignment.State.REVIEWING
    )
    Assignment.objects.create(
        resource=resource, reviewer=people["conflicted reviewer"], state=Assignment.State.CONFLICT
    )
    former = people["reviewer off the roster"]
    Assignment.objects.create(resource=resource, reviewer=former, state=Assignment.State.REVIEWING)
    ReviewerProfile.objects.filter(user=former).update(is_active=False)
    return resource


ALLOWED_UNPUBLISHED = {"submitter", "editor", "assigned reviewer"}
# A draft that was never submitted is its author's alone, not yet the editors'.
ALLOWED_DRAFT = ALLOWED_UNPUBLISHED - {"editor"}


@pytest.mark.parametrize(
    "status", [Status.PUBLISHED, Status.IN_REVIEW, Status.DRAFT, Status.REJECTED]
)
@pytest.mark.parametrize(
    "who",
    [
        "anonymous",
        "other partner",
        "submitter",
        "editor",
        "assigned reviewer",
        "unassigned reviewer",
        "conflicted reviewer",
        "reviewer off the roster",
    ],
)
def test_download_permission_matrix(client, partner, people, status, who):
    resource = item_with_file(partner, people, status)
    if people[who] is not None:
        client.force_login(people[who])
    response = client.get(f"/files/{resource.pk}/")
    allowed = status == Status.PUBLISHED or who in (
        ALLOWED_DRAFT if status == Status.DRAFT else ALLOWED_UNPUBLISHED
    )
    if allowed:
        assert response.status_code == 200
        assert response["Content-Disposition"] == ('attachment; filename="scam-centres-report.pdf"')
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == MINIMAL_PDF
    else:
        assert response.status_code == 404


def test_unpublished_files_are_not_cached_by_shared_caches(client, partner, people):
    resource = item_with_file(partner, people, Status.IN_REVIEW)
    client.force_login(partner)
    response = client.get(f"/files/{resource.pk}/")
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_the_item_page_links_to_the_protected_download(client, partner, people):
    resource = item_with_file(partner, people, Status.PUBLISHED)
    html = client.get(resource.get_absolute_url()).content.decode()
    assert f'href="/files/{resource.pk}/"' in html
    assert "/media/" not in html


def test_an_item_without_a_file_or_a_missing_file_is_a_404(client, partner, people):
    without = ResourceFactory(status=Status.PUBLISHED)
    assert client.get(f"/files/{without.pk}/").status_code == 404
    assert client.get("/files/999999/").status_code == 404
    resource = item_with_file(partner, people, Status.PUBLISHED)
    Path(resource.file.path).unlink()
    assert client.get(f"/files/{resource.pk}/").status_code == 404


def test_the_upload_path_never_uses_the_users_name():
    path = uploads.private_upload_path(None, "../../etc/passwd.pdf")
    assert path.startswith("private/resources/") and path.endswith(".pdf")
    assert ".." not in path and "passwd" not in path
    assert uploads.private_upload_path(None, "evil.sh").endswith(".bin")
