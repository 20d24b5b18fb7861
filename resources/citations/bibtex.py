"""Write an item as a BibTeX entry, every value braced and escaped.

LaTeX's special characters are escaped so that every brace in an entry is balanced, and
names that BibTeX would split at an "and" are braced whole.
"""

import re
from typing import TYPE_CHECKING

from hub.text import clean_text

if TYPE_CHECKING:
    from .citation import Citation
    from .names import Name

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
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
_AND = re.compile(r"\band\b", re.IGNORECASE)
_URL_UNSAFE = {"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20"}


def latex_escape(value: str) -> str:
    """Escape LaTeX's special characters so a BibTeX value is literal and its braces balance."""
    return _LATEX_SPECIAL.sub(lambda match: _LATEX_ESCAPES[match.group()], clean_text(value))


def name(person: "Name") -> str:
    """Return a name for a BibTeX name list, braced whole when BibTeX would split it."""
    if person.literal:
        return "{" + latex_escape(person.literal) + "}"
    family, given = latex_escape(person.family), latex_escape(person.given)
    if _AND.search(family):
        family = "{" + family + "}"
    if _AND.search(given):
        given = "{" + given + "}"
    return f"{family}, {given}"


def entry_type(citation: "Citation") -> str:
    if citation.is_journal_article:
        return "article"
    if citation.is_report:
        return "techreport"
    return "misc"


def entry_key(citation: "Citation") -> str:
    """Return the entry key: the item's slug, unique in the catalogue and stable."""
    return citation.resource.slug


def _url(url: str) -> str:
    url = clean_text(url)
    for character, encoded in _URL_UNSAFE.items():
        url = url.replace(character, encoded)
    return url


def entry(citation: "Citation") -> str:
    """Return one BibTeX entry; every value is braced and escaped."""
    kind = entry_type(citation)
    fields: list[tuple[str, str]] = [("title", "{" + latex_escape(citation.title) + "}")]
    if citation.authors:
        fields.append(("author", " and ".join(name(author) for author in citation.authors)))
    publishers = latex_escape("; ".join(citation.publisher_names))
    if publishers:
        fields.append(("institution" if citation.is_report else "publisher", publishers))
    if citation.is_report:
        fields.append(("type", latex_escape(citation.form)))
    elif kind == "misc":
        fields.append(("note", latex_escape(citation.form)))
    fields.append(("year", str(citation.resource.publication_year)))
    if len(citation.date_parts) > 1:
        fields.append(("month", _MONTHS[citation.date_parts[1] - 1]))
    fields.append(("date", citation.iso_date))
    fields.append(("url", _url(citation.link)))
    if citation.summary:
        fields.append(("abstract", latex_escape(citation.summary)))
    if citation.subjects:
        fields.append(("keywords", latex_escape(", ".join(citation.subjects))))
    if citation.language_codes:
        fields.append(("language", latex_escape(", ".join(citation.language_codes))))
    body = ",\n".join(
        f"  {field} = {value}" if field == "month" else f"  {field} = {{{value}}}"
        for field, value in fields
    )
    return f"@{kind}{{{entry_key(citation)},\n{body}\n}}\n\n"
