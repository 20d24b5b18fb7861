"""Write an item as a CSL-JSON object, as citation processors (Zotero, Pandoc) read it."""

import datetime
from typing import TYPE_CHECKING

from django.utils.translation import gettext

from hub.text import clean_text

from ..models import Kind

if TYPE_CHECKING:
    from .citation import Citation
    from .names import Name


def name(person: "Name") -> dict[str, str]:
    if person.literal:
        return {"literal": person.literal}
    return {"family": person.family, "given": person.given}


def item_type(citation: "Citation") -> str:
    kind = citation.resource.kind
    if kind == Kind.EVENT:
        return "event"
    if kind == Kind.VIDEO:
        return "motion_picture"
    if citation.is_journal_article:
        return "article-journal"
    if citation.is_report:
        return "report"
    return "document"


def item(citation: "Citation") -> dict:
    """Return the item as a CSL-JSON object."""
    data: dict = {
        "id": citation.resource.slug,
        "type": item_type(citation),
        "title": citation.title,
        "issued": {"date-parts": [citation.date_parts]},
        "URL": citation.link,
        "genre": citation.form,
        "source": gettext("GCM Objective 10 Knowledge Hub"),
    }
    if citation.authors:
        data["author"] = [name(author) for author in citation.authors]
    if citation.publisher_names:
        data["publisher"] = "; ".join(citation.publisher_names)
    if citation.summary:
        data["abstract"] = citation.summary
    if citation.language_codes:
        data["language"] = citation.language_codes[0]
    if citation.subjects:
        data["keyword"] = ", ".join(citation.subjects)
    resource = citation.resource
    if resource.kind == Kind.EVENT:
        if resource.location:
            data["event-place"] = clean_text(resource.location)
        if resource.starts_at:
            start = resource.starts_at.date()
            data["event-date"] = {"date-parts": [[start.year, start.month, start.day]]}
    if resource.kind == Kind.VIDEO and resource.duration:
        data["dimensions"] = iso_duration(resource.duration)
    return data


def iso_duration(duration: datetime.timedelta) -> str:
    """Write a duration in ISO 8601, as schema.org and CSL expect: ``PT1H2M3S``."""
    seconds = max(int(duration.total_seconds()), 0)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    text = "PT"
    if hours:
        text += f"{hours}H"
    if minutes:
        text += f"{minutes}M"
    if seconds or text == "PT":
        text += f"{seconds}S"
    return text
