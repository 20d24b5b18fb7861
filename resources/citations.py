"""Turn a published resource into citation data: formatted text, RIS, BibTeX and CSL-JSON.

The item page's "Cite" section, the per-item downloads and the exports of a filtered
result all build on ``Citation``, so an item is cited the same way everywhere. The
formatted text follows APA 7 for grey literature: authors (or, without authors, the
publishing organizations as group author), date as precise as it is known, title in
italics with its form in brackets, publishers, link.

Values are made safe for each format here: control characters are removed everywhere,
RIS values are kept on one line, and LaTeX's special characters are escaped in BibTeX
so that every brace in an entry is balanced.
"""

import calendar
import datetime
import re
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Prefetch, QuerySet
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from hub.text import clean_text
from taxonomy.models import Organization

from .models import Kind, Resource

CITATION_PREFETCHES = ("publishers", "languages", "objectives", "keywords")
_PREFETCHED = "cited_{}"

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

_BIBTEX_MONTHS = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)
_LATEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_LATEX_SPECIAL = re.compile("|".join(re.escape(character) for character in _LATEX_ESCAPES))
_CORPORATE_WORDS = frozenset({"of", "the", "for", "and", "on", "against", "in", "&"})
_BIBTEX_AND = re.compile(r"\band\b", re.IGNORECASE)
_URL_UNSAFE_IN_BIBTEX = {"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20"}


def with_citation_data(queryset: QuerySet) -> QuerySet:
    """Load everything a citation needs in a fixed number of queries per batch of items.

    The related items are stored as plain lists (``Prefetch(to_attr=…)``), which spares
    Django building a related manager per item and relation: exports of many items are
    several times faster.
    """
    return queryset.select_related("document_type").prefetch_related(
        *(Prefetch(name, to_attr=_PREFETCHED.format(name)) for name in CITATION_PREFETCHES)
    )


def _related(resource: Resource, name: str) -> list:
    """Return a relation's items, from ``with_citation_data``'s lists when it loaded them."""
    prefetched = getattr(resource, _PREFETCHED.format(name), None)
    return list(getattr(resource, name).all()) if prefetched is None else prefetched


def latex_escape(value: str) -> str:
    """Escape LaTeX's special characters so a BibTeX value is literal and its braces balance."""
    return _LATEX_SPECIAL.sub(lambda match: _LATEX_ESCAPES[match.group()], clean_text(value))


def _looks_corporate(word: str) -> bool:
    """Tell whether a word marks an organization's name: an acronym or a connecting word."""
    letters = word.strip(".,()")
    return letters.lower() in _CORPORATE_WORDS or (len(letters) > 1 and letters.isupper())


@dataclass(frozen=True)
class Name:
    """A person's name split as reference managers expect, or kept whole (``literal``)."""

    family: str = ""
    given: str = ""
    literal: str = ""

    @classmethod
    def parse(cls, text: str) -> "Name":
        """Read "Family, Given" or "Given Family"; a single word or an organization stays whole."""
        text = clean_text(text)
        if "," in text:
            family, given = (part.strip() for part in text.split(",", 1))
            if family and given:
                return cls(family=family, given=given)
            return cls(literal=family or given)
        parts = text.split(" ")
        if len(parts) < 2 or any(_looks_corporate(part) for part in parts):
            return cls(literal=text)
        return cls(family=parts[-1], given=" ".join(parts[:-1]))

    @property
    def full(self) -> str:
        return self.literal or f"{self.given} {self.family}"

    @property
    def inverted(self) -> str:
        """Return "Family, Given", the form RIS and BibTeX read unambiguously."""
        return self.literal or f"{self.family}, {self.given}"

    @property
    def initials(self) -> str:
        """Return the given names as initials: "Linh Thi" → "L. T.", "Jean-Paul" → "J.-P."."""
        return " ".join(
            "-".join(f"{piece[0]}." for piece in part.split("-") if piece)
            for part in self.given.split()
            if part.strip("-")
        )

    @property
    def apa(self) -> str:
        return self.literal or f"{self.family}, {self.initials}"

    def csl(self) -> dict[str, str]:
        if self.literal:
            return {"literal": self.literal}
        return {"family": self.family, "given": self.given}

    def bibtex(self) -> str:
        """Return the name for a BibTeX name list, braced whole when BibTeX would split it."""
        if self.literal:
            return "{" + latex_escape(self.literal) + "}"
        family, given = latex_escape(self.family), latex_escape(self.given)
        if _BIBTEX_AND.search(family):
            family = "{" + family + "}"
        if _BIBTEX_AND.search(given):
            given = "{" + given + "}"
        return f"{family}, {given}"


def _join_apa(names: list[str]) -> str:
    """Join names as APA does: "A, B, & C"; "A, & B" for two (APA keeps the comma)."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _end_sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else f"{text}."


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
        return _related(self.resource, "publishers")

    @cached_property
    def publisher_names(self) -> list[str]:
        return [clean_text(organization.name) for organization in self.publishers]

    @cached_property
    def language_codes(self) -> list[str]:
        return [language.code for language in _related(self.resource, "languages")]

    @cached_property
    def subjects(self) -> list[str]:
        """Name the item's GCM objectives and keywords, for subject and keyword fields."""
        objectives = [
            clean_text(objective.short_name) for objective in _related(self.resource, "objectives")
        ]
        keywords = [clean_text(keyword.name) for keyword in _related(self.resource, "keywords")]
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

    # Formatted text

    def _apa_date(self) -> str:
        parts = self.date_parts
        if len(parts) == 3:
            return date_format(datetime.date(*parts), "Y, F j")
        if len(parts) == 2:
            return date_format(datetime.date(parts[0], parts[1], 1), "Y, F")
        return str(parts[0])

    def _apa_parts(self) -> tuple[str, str, str]:
        """Return the formatted citation as the text before the title, the title and after."""
        date = f"({self._apa_date()})."
        if self.authors:
            creators = _join_apa([name.apa for name in self.authors])
            publishers = "; ".join(self.publisher_names)
        else:
            creators = _join_apa(self.publisher_names)
            publishers = ""
        before = f"{_end_sentence(creators)} {date} " if creators else ""
        after = f" [{self.form}]."
        rest = [date] if not creators else []
        if publishers:
            rest.append(_end_sentence(publishers))
        rest.append(self.link)
        return before, self.title, after + "".join(f" {part}" for part in rest)

    def text(self) -> str:
        """Return the formatted citation as plain text."""
        return "".join(self._apa_parts())

    def html(self) -> SafeString:
        """Return the formatted citation as HTML, the title in italics."""
        before, title, after = self._apa_parts()
        return format_html("{}<i>{}</i>{}", before, title, after)

    # RIS

    @property
    def ris_type(self) -> str:
        kind = self.resource.kind
        if kind == Kind.VIDEO:
            return "VIDEO"
        if self.is_journal_article:
            return "JOUR"
        if self.is_report:
            return "RPRT"
        if kind == Kind.DOCUMENT and self.document_type_slug == "resolution":
            return "GOVDOC"
        if kind == Kind.DOCUMENT and self.document_type_slug in ("e-learning-course", "link"):
            return "ELEC"
        return "GEN"

    def ris(self) -> str:
        """Return one RIS record, ending with its ``ER`` line and a blank line."""
        lines = [("TY", self.ris_type), ("ID", self.resource.slug), ("TI", self.title)]
        lines += [("AU", name.inverted) for name in self.authors]
        lines.append(("PY", str(self.resource.publication_year)))
        if len(self.date_parts) > 1:
            lines.append(("DA", self.slash_date))
        if self.publisher_names:
            lines.append(("PB", "; ".join(self.publisher_names)))
        lines.append(("M3", self.form))
        if self.summary:
            lines.append(("AB", self.summary))
        lines += [("KW", subject) for subject in self.subjects]
        if self.language_codes:
            lines.append(("LA", "; ".join(self.language_codes)))
        if self.resource.kind == Kind.EVENT and self.resource.location:
            lines.append(("CY", self.resource.location))
        urls = [self.resource.url, self.item_url] if self.resource.url else [self.item_url]
        lines += [("UR", url) for url in urls]
        lines.append(("DB", gettext("GCM Objective 10 Knowledge Hub")))
        body = "".join(
            f"{tag}  - {clean_text(value)}\r\n" for tag, value in lines if clean_text(value)
        )
        return f"{body}ER  - \r\n\r\n"

    # BibTeX

    @property
    def bibtex_type(self) -> str:
        if self.is_journal_article:
            return "article"
        if self.is_report:
            return "techreport"
        return "misc"

    @property
    def bibtex_key(self) -> str:
        """Return the entry key: the item's slug, unique in the catalogue and stable."""
        return self.resource.slug

    def bibtex(self) -> str:
        """Return one BibTeX entry; every value is braced and escaped."""
        fields: list[tuple[str, str]] = [("title", "{" + latex_escape(self.title) + "}")]
        if self.authors:
            fields.append(("author", " and ".join(name.bibtex() for name in self.authors)))
        publishers = latex_escape("; ".join(self.publisher_names))
        if publishers:
            fields.append(("institution" if self.is_report else "publisher", publishers))
        if self.is_report:
            fields.append(("type", latex_escape(self.form)))
        elif self.bibtex_type == "misc":
            fields.append(("note", latex_escape(self.form)))
        fields.append(("year", str(self.resource.publication_year)))
        if len(self.date_parts) > 1:
            fields.append(("month", _BIBTEX_MONTHS[self.date_parts[1] - 1]))
        fields.append(("date", self.iso_date))
        fields.append(("url", self._bibtex_url(self.link)))
        if self.summary:
            fields.append(("abstract", latex_escape(self.summary)))
        if self.subjects:
            fields.append(("keywords", latex_escape(", ".join(self.subjects))))
        if self.language_codes:
            fields.append(("language", latex_escape(", ".join(self.language_codes))))
        body = ",\n".join(
            f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
            for name, value in fields
        )
        return f"@{self.bibtex_type}{{{self.bibtex_key},\n{body}\n}}\n\n"

    @staticmethod
    def _bibtex_url(url: str) -> str:
        url = clean_text(url)
        for character, encoded in _URL_UNSAFE_IN_BIBTEX.items():
            url = url.replace(character, encoded)
        return url

    # CSL-JSON

    @property
    def csl_type(self) -> str:
        kind = self.resource.kind
        if kind == Kind.EVENT:
            return "event"
        if kind == Kind.VIDEO:
            return "motion_picture"
        if self.is_journal_article:
            return "article-journal"
        if self.is_report:
            return "report"
        return "document"

    def csl(self) -> dict:
        """Return the item as a CSL-JSON object, as citation processors read it."""
        item: dict = {
            "id": self.resource.slug,
            "type": self.csl_type,
            "title": self.title,
            "issued": {"date-parts": [self.date_parts]},
            "URL": self.link,
            "genre": self.form,
            "source": gettext("GCM Objective 10 Knowledge Hub"),
        }
        if self.authors:
            item["author"] = [name.csl() for name in self.authors]
        if self.publisher_names:
            item["publisher"] = "; ".join(self.publisher_names)
        if self.summary:
            item["abstract"] = self.summary
        if self.language_codes:
            item["language"] = self.language_codes[0]
        if self.subjects:
            item["keyword"] = ", ".join(self.subjects)
        resource = self.resource
        if resource.kind == Kind.EVENT:
            if resource.location:
                item["event-place"] = clean_text(resource.location)
            if resource.starts_at:
                start = resource.starts_at.date()
                item["event-date"] = {"date-parts": [[start.year, start.month, start.day]]}
        if resource.kind == Kind.VIDEO and resource.duration:
            item["dimensions"] = iso_duration(resource.duration)
        return item


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
