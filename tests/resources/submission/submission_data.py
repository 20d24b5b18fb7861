"""Build what a partner's browser posts to the submission form, and small valid documents."""

import io
import zipfile

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

KIND_DATA = {
    "document": {},
    "training": {},
    "practice": {
        "implemented_by": "Ministry of Labour",
        "practice_type": "Referral mechanism",
        "takeaway": "Labour inspectors refer victims within 24 hours.",
        "sdgs": ["5", "8", "16"],
        "period_start": "2021-01-01",
        "period_end": "2023-12-31",
    },
    "event": {
        "starts_at": "2025-06-30T14:00",
        "ends_at": "2025-06-30T17:00",
        "location": "Geneva, Switzerland",
        "is_online": "on",
    },
    "project": {
        "period_start": "2020-03-01",
        "period_end": "2024-02-29",
        "implementers": "UNODC and IOM",
        "funding": "European Union",
    },
    "video": {
        "duration": "0:12:30",
        "embed_url": "https://www.youtube-nocookie.com/embed/abc123",
    },
}


def form_data(kind: str = "document", action: str = "submit", **overrides) -> dict:
    """Return a complete, valid submission of one kind; override any field by name."""
    data = {
        "title": "Forced criminality in online scam centres",
        "summary": "How recruiters lure migrants into scam compounds, and how to respond.",
        "url": "https://example.org/reports/scam-centres",
        "publication_year": "2024",
        "publication_month": "5",
        "publication_day": "17",
        "publishers": [],
        "new_publishers": "Anti-Trafficking Observatory",
        "authors": "A. Researcher\nB. Analyst",
        "un_languages": ["en", "fr"],
        "other_languages": ["pt"],
        "document_type": "report",
        "objectives": ["10", "6"],
        "primary_objective": "10",
        "principles": ["human-rights", "gender-responsive"],
        "scope": "2",
        "regions": ["asia"],
        "countries": ["KHM", "MMR"],
        "actions": ["a", "c"],
        "keywords": "forced criminality, online recruitment",
        "action": action,
    }
    data.update(KIND_DATA[kind])
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def docx_bytes() -> bytes:
    """Build the smallest zip that is a Word document by its table of contents."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def pptx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<p:presentation/>")
    return buffer.getvalue()


def odt_bytes(mimetype: bytes = b"application/vnd.oasis.opendocument.text") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        archive.writestr(
            "content.xml", "<office:document-content/>", compress_type=zipfile.ZIP_DEFLATED
        )
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
    return buffer.getvalue()
