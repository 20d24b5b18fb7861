"""Write an item as an RIS record, the format most reference managers import.

Every value is kept on one line, and lines end with CR LF as the format asks.
"""

from typing import TYPE_CHECKING

from django.utils.translation import gettext

from hub.text import clean_text

from ..models import Kind

if TYPE_CHECKING:
    from .citation import Citation


def record_type(citation: "Citation") -> str:
    """Return the RIS type (``TY``) of the item: a report, an article, a video…"""
    kind = citation.resource.kind
    if kind == Kind.VIDEO:
        return "VIDEO"
    if citation.is_journal_article:
        return "JOUR"
    if citation.is_report:
        return "RPRT"
    if kind == Kind.DOCUMENT and citation.document_type_slug == "resolution":
        return "GOVDOC"
    if kind == Kind.DOCUMENT and citation.document_type_slug in ("e-learning-course", "link"):
        return "ELEC"
    return "GEN"


def record(citation: "Citation") -> str:
    """Return one RIS record, ending with its ``ER`` line and a blank line."""
    resource = citation.resource
    lines = [("TY", record_type(citation)), ("ID", resource.slug), ("TI", citation.title)]
    lines += [("AU", name.inverted) for name in citation.authors]
    lines.append(("PY", str(resource.publication_year)))
    if len(citation.date_parts) > 1:
        lines.append(("DA", citation.slash_date))
    if citation.publisher_names:
        lines.append(("PB", "; ".join(citation.publisher_names)))
    lines.append(("M3", citation.form))
    if citation.summary:
        lines.append(("AB", citation.summary))
    lines += [("KW", subject) for subject in citation.subjects]
    if citation.language_codes:
        lines.append(("LA", "; ".join(citation.language_codes)))
    if resource.kind == Kind.EVENT and resource.location:
        lines.append(("CY", resource.location))
    urls = [resource.url, citation.item_url] if resource.url else [citation.item_url]
    lines += [("UR", url) for url in urls]
    lines.append(("DB", gettext("GCM Objective 10 Knowledge Hub")))
    body = "".join(f"{tag}  - {clean_text(value)}\r\n" for tag, value in lines if clean_text(value))
    return f"{body}ER  - \r\n\r\n"
