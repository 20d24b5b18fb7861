"""Read what every citation format says of an item: its names, date, form and links."""

import calendar
from functools import cached_property

from django.db.models import QuerySet
from django.utils.safestring import SafeString

from hub.preloaded import preload, related
from hub.text import clean_text
from taxonomy.models import Organization

from ..models import Kind, Resource
from . import apa, bibtex, csl, ris
from .names import Name

CITATION_PREFETCHES = ("publishers", "languages", "objectives", "keywords")

# Document types that are reports in the bibliographic sense (issued by an institution).
REPORT_TYPES = frozenset(
    {
        "analysis",
        "guidelines-toolkits-manuals",
        "methodology",
        "policy-brief",
        "report",
        "working-paper",
    }
)
JOURNAL_ARTICLE = "journal-article"


def with_citation_data(queryset: QuerySet) -> QuerySet:
    """Load everything a citation needs in a fixed number of queries per batch of items."""
    return queryset.select_related("document_type").prefetch_related(
        *(preload(name) for name in CITATION_PREFETCHES)
    )


class Citation:
    """The citation data of one resource, with its page at ``base_url`` (scheme and host)."""

    def __init__(self, resource: Resource, *, base_url: str):
        self.resource = resource
        self.item_url = base_url.rstrip("/") + resource.get_absolute_url()

    @cached_property
    def title(self) -> str:
        return clean_text(self.resource.title)

    @cached_property
    def summary(self) -> str:
        return clean_text(self.resource.summary)

    @cached_property
    def authors(self) -> list[Name]:
        return [Name.parse(line) for line in self.resource.author_list if clean_text(line)]

    @cached_property
    def publishers(self) -> list[Organization]:
        return related(self.resource, "publishers")

    @cached_property
    def publisher_names(self) -> list[str]:
        return [clean_text(organization.name) for organization in self.publishers]

    @cached_property
    def language_codes(self) -> list[str]:
        return [language.code for language in related(self.resource, "languages")]

    @cached_property
    def subjects(self) -> list[str]:
        """Name the item's GCM objectives and keywords, for subject and keyword fields."""
        objectives = [
            clean_text(objective.short_name) for objective in related(self.resource, "objectives")
        ]
        keywords = [clean_text(keyword.name) for keyword in related(self.resource, "keywords")]
        return [subject for subject in [*objectives, *keywords] if subject]

    @property
    def link(self) -> str:
        """Return where the work itself can be found: its own link, else its page here."""
        return self.resource.url or self.item_url

    @property
    def document_type_slug(self) -> str:
        document_type = self.resource.document_type
        return document_type.slug if document_type else ""

    @property
    def form(self) -> str:
        """Describe what the item is, as APA's bracketed description: "Report", "Video"."""
        if self.resource.kind == Kind.DOCUMENT and self.resource.document_type:
            return clean_text(self.resource.document_type.name)
        return str(Kind(self.resource.kind).label)

    @property
    def is_report(self) -> bool:
        return self.resource.kind == Kind.DOCUMENT and self.document_type_slug in REPORT_TYPES

    @property
    def is_journal_article(self) -> bool:
        return self.resource.kind == Kind.DOCUMENT and self.document_type_slug == JOURNAL_ARTICLE

    @property
    def date_parts(self) -> list[int]:
        """Return [year], [year, month] or [year, month, day], as precisely as validly known."""
        resource = self.resource
        parts = [resource.publication_year]
        if resource.publication_month and 1 <= resource.publication_month <= 12:
            parts.append(resource.publication_month)
            last_day = calendar.monthrange(*parts)[1]
            if resource.publication_day and 1 <= resource.publication_day <= last_day:
                parts.append(resource.publication_day)
        return parts

    @property
    def iso_date(self) -> str:
        """Return the publication date as ISO 8601 at its precision: 2021, 2021-12, 2021-12-01."""
        return "-".join(
            f"{part:02d}" if index else str(part) for index, part in enumerate(self.date_parts)
        )

    @property
    def slash_date(self) -> str:
        """Return the date as RIS and Highwire write it: 2021/12/01."""
        return self.iso_date.replace("-", "/")

    # Each format is written by its own module.

    def text(self) -> str:
        return apa.text(self)

    def html(self) -> SafeString:
        return apa.html(self)

    @property
    def ris_type(self) -> str:
        return ris.record_type(self)

    def ris(self) -> str:
        return ris.record(self)

    @property
    def bibtex_type(self) -> str:
        return bibtex.entry_type(self)

    def bibtex(self) -> str:
        return bibtex.entry(self)

    @property
    def csl_type(self) -> str:
        return csl.item_type(self)

    def csl(self) -> dict:
        return csl.item(self)
