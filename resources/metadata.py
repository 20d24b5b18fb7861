"""Describe an item page for machines: Highwire Press, Dublin Core, Open Graph and JSON-LD.

Reference managers (Zotero, Mendeley), Google Scholar, library harvesters and social
previews read these from the page's head. Everything is built from the same
``Citation`` as the downloads, so the page and its citation files agree.
"""

import json
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from hub.reading import shorten
from taxonomy.models import Organization

from .citations import Citation, clean_text, iso_duration
from .models import Kind, Resource
from .submission.uploads import download_path

DUBLIN_CORE_TYPES = {Kind.EVENT: "Event", Kind.VIDEO: "MovingImage"}
OPEN_GRAPH_TYPES = {Kind.VIDEO: "video.other"}
DESCRIPTION_WORDS = 60

# JSON is safe inside <script> once the characters that could close or confuse it are
# escaped, as Django's json_script does.
_JSON_SCRIPT_ESCAPES = {
    ord(">"): "\\u003E",
    ord("<"): "\\u003C",
    ord("&"): "\\u0026",
    ord("\u2028"): "\\u2028",
    ord("\u2029"): "\\u2029",
}


@dataclass
class ItemMetadata:
    url: str
    highwire: list[tuple[str, str]]
    dublin_core: list[tuple[str, str]]
    open_graph: list[tuple[str, str]]
    json_ld: dict

    @property
    def json_ld_script(self) -> SafeString:
        """Return the JSON-LD as a ``<script type="application/ld+json">`` element."""
        data = json.dumps(self.json_ld, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
        return format_html('<script type="application/ld+json">{}</script>', SafeString(data))

    @property
    def head(self) -> SafeString:
        """Return every element for the page's head, escaped.

        Built here rather than looped over in a template: the forty-odd tags of an item
        took a tenth of its page's rendering there.
        """
        return SafeString(
            f'<link rel="canonical" href="{conditional_escape(self.url)}">\n'
            '  <link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">\n'
            + _meta_tags("name", self.highwire)
            + _meta_tags("name", self.dublin_core)
            + _meta_tags("property", self.open_graph)
            + f"  {self.json_ld_script}\n"
        )


def _meta_tags(attribute: str, pairs: list[tuple[str, str]]) -> str:
    """Write ``<meta>`` elements, escaped; format_html took a tenth of an item page here."""
    return "".join(
        f'  <meta {attribute}="{conditional_escape(name)}" '
        f'content="{conditional_escape(content)}">\n'
        for name, content in pairs
    )


def site_url(request: HttpRequest) -> str:
    """Return the scheme and host the visitor used, without a trailing slash."""
    return request.build_absolute_uri("/").rstrip("/")


def pdf_url(request: HttpRequest, resource: Resource) -> str | None:
    """Return the public address of the item's file when it is a PDF, as Highwire asks."""
    if not resource.file.name.lower().endswith(".pdf"):
        return None
    return request.build_absolute_uri(download_path(resource))


def item_metadata(request: HttpRequest, resource: Resource) -> ItemMetadata:
    """Build every kind of embedded metadata for a published item's page."""
    citation = Citation(resource, base_url=site_url(request))
    return ItemMetadata(
        url=citation.item_url,
        highwire=_highwire(citation, pdf_url(request, resource)),
        dublin_core=_dublin_core(citation),
        open_graph=_open_graph(citation),
        json_ld=json_ld(citation),
    )


def _pairs(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(name, clean_text(value)) for name, value in pairs if clean_text(value)]


def _highwire(citation: Citation, pdf_url: str | None) -> list[tuple[str, str]]:
    date = citation.slash_date if len(citation.date_parts) == 3 else str(citation.date_parts[0])
    tags = [("citation_title", citation.title)]
    tags += [("citation_author", name.full) for name in citation.authors]
    tags.append(("citation_publication_date", date))
    tags += [("citation_publisher", name) for name in citation.publisher_names]
    if citation.is_report:
        tags += [
            ("citation_technical_report_institution", name) for name in citation.publisher_names
        ]
    tags += [("citation_language", code) for code in citation.language_codes]
    tags += [("citation_keywords", subject) for subject in citation.subjects]
    tags.append(("citation_abstract_html_url", citation.item_url))
    if pdf_url:
        tags.append(("citation_pdf_url", pdf_url))
    return _pairs(tags)


def _dublin_core(citation: Citation) -> list[tuple[str, str]]:
    resource = citation.resource
    tags = [("DC.title", citation.title)]
    tags += [("DC.creator", name.full) for name in citation.authors]
    tags += [("DC.publisher", name) for name in citation.publisher_names]
    tags.append(("DC.date", citation.iso_date))
    tags += [("DC.language", code) for code in citation.language_codes]
    tags.append(("DC.type", DUBLIN_CORE_TYPES.get(resource.kind, "Text")))
    tags.append(("DC.identifier", citation.item_url))
    if resource.url:
        tags.append(("DC.relation", resource.url))
    tags.append(("DC.description", citation.summary))
    tags += [("DC.subject", subject) for subject in citation.subjects]
    return _pairs(tags)


def _open_graph(citation: Citation) -> list[tuple[str, str]]:
    tags = [
        ("og:title", citation.title),
        ("og:description", shorten(citation.summary, DESCRIPTION_WORDS)),
        ("og:type", OPEN_GRAPH_TYPES.get(citation.resource.kind, "article")),
        ("og:url", citation.item_url),
        ("og:site_name", gettext("GCM Objective 10 Knowledge Hub")),
    ]
    return _pairs(tags)


def json_ld_type(citation: Citation) -> str:
    """Choose the schema.org type of an item from its kind and, for documents, its type."""
    resource = citation.resource
    if resource.kind == Kind.DOCUMENT:
        if citation.is_journal_article:
            return "ScholarlyArticle"
        if citation.is_report or not citation.document_type_slug:
            return "Report"
        return "CreativeWork"
    return {
        Kind.EVENT: "Event",
        Kind.VIDEO: "VideoObject",
        Kind.TRAINING: "Course",
        Kind.PROJECT: "Project",
    }.get(resource.kind, "CreativeWork")


def _organization(organization: Organization) -> dict:
    data = {"@type": "Organization", "name": clean_text(organization.name)}
    if organization.acronym:
        data["alternateName"] = clean_text(organization.acronym)
    if organization.website:
        data["url"] = organization.website
    return data


def json_ld(citation: Citation) -> dict:
    """Describe the item in schema.org terms, with the properties its type adds."""
    resource = citation.resource
    kind_type = json_ld_type(citation)
    data: dict = {
        "@context": "https://schema.org",
        "@type": kind_type,
        "@id": citation.item_url,
        "url": citation.item_url,
        "name": citation.title,
        "description": citation.summary,
        "datePublished": citation.iso_date,
        "genre": citation.form,
    }
    if citation.authors:
        data["author"] = [{"@type": "Person", "name": name.full} for name in citation.authors]
    organizations = [_organization(organization) for organization in citation.publishers]
    if organizations:
        data["publisher"] = organizations
    if citation.language_codes:
        data["inLanguage"] = citation.language_codes
    if citation.subjects:
        data["keywords"] = citation.subjects
    if resource.url:
        data["sameAs"] = resource.url
    if resource.updated_at:
        data["dateModified"] = resource.updated_at.isoformat()

    if kind_type == "Event":
        _event(resource, data, organizations)
    elif kind_type == "VideoObject":
        data["uploadDate"] = citation.iso_date
        if resource.duration:
            data["duration"] = iso_duration(resource.duration)
        if resource.embed_url:
            data["embedUrl"] = resource.embed_url
        if resource.url:
            data["contentUrl"] = resource.url
    elif kind_type == "Course":
        if organizations:
            data["provider"] = organizations
    elif kind_type == "Project":
        if resource.period_start:
            data["foundingDate"] = resource.period_start.isoformat()
        if resource.period_end:
            data["dissolutionDate"] = resource.period_end.isoformat()
        if resource.funding:
            data["funding"] = {"@type": "Grant", "name": clean_text(resource.funding)}
    return data


def _event(resource: Resource, data: dict, organizations: list[dict]) -> None:
    if resource.starts_at:
        data["startDate"] = resource.starts_at.isoformat()
    if resource.ends_at:
        data["endDate"] = resource.ends_at.isoformat()
    places = []
    if resource.is_online:
        places.append({"@type": "VirtualLocation", "url": resource.url or data["url"]})
    if resource.location:
        location = clean_text(resource.location)
        places.append({"@type": "Place", "name": location, "address": location})
    if places:
        data["location"] = places if len(places) > 1 else places[0]
    if resource.is_online and resource.location:
        mode = "MixedEventAttendanceMode"
    elif resource.is_online:
        mode = "OnlineEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode"
    data["eventAttendanceMode"] = f"https://schema.org/{mode}"
    if organizations:
        data["organizer"] = organizations
