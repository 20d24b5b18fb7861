"""Write an item's citation as formatted text, following APA 7 for grey literature.

Authors (or, without authors, the publishing organizations as group author), the date as
precisely as it is known, the title in italics with its form in brackets, the publishers
and the link.
"""

import datetime
from typing import TYPE_CHECKING

from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString

from hub.reading import language_attributes

if TYPE_CHECKING:
    from .citation import Citation
    from .names import Name


def name(person: "Name") -> str:
    """Return a name as APA lists it: "Family, G. N.", or an organization's name whole."""
    return person.literal or f"{person.family}, {initials(person.given)}"


def initials(given: str) -> str:
    """Return given names as initials: "Linh Thi" → "L. T.", "Jean-Paul" → "J.-P."."""
    return " ".join(
        "-".join(f"{piece[0]}." for piece in part.split("-") if piece)
        for part in given.split()
        if part.strip("-")
    )


def _join(names: list[str]) -> str:
    """Join names as APA does: "A, B, & C"; "A, & B" for two (APA keeps the comma)."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _end_sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _date(citation: "Citation") -> str:
    parts = citation.date_parts
    if len(parts) == 3:
        return date_format(datetime.date(*parts), "Y, F j")
    if len(parts) == 2:
        return date_format(datetime.date(parts[0], parts[1], 1), "Y, F")
    return str(parts[0])


def _parts(citation: "Citation") -> tuple[str, str, str]:
    """Return the formatted citation as the text before the title, the title and after."""
    date = f"({_date(citation)})."
    if citation.authors:
        creators = _join([name(author) for author in citation.authors])
        publishers = "; ".join(citation.publisher_names)
    else:
        creators = _join(citation.publisher_names)
        publishers = ""
    before = f"{_end_sentence(creators)} {date} " if creators else ""
    after = f" [{citation.form}]."
    rest = [date] if not creators else []
    if publishers:
        rest.append(_end_sentence(publishers))
    rest.append(citation.link)
    return before, citation.title, after + "".join(f" {part}" for part in rest)


def text(citation: "Citation") -> str:
    """Return the formatted citation as plain text."""
    return "".join(_parts(citation))


def html(citation: "Citation") -> SafeString:
    """Return the formatted citation as HTML, the title in italics and in its own language.

    The names before the title and the form, publishers and link after it are each isolated
    (``<bdi>``), so on a right-to-left page Latin names keep their punctuation in place.
    """
    before, title, after = _parts(citation)
    language = language_attributes(citation.resource.text_language)
    return format_html("<bdi>{}</bdi><i{}>{}</i><bdi>{}</bdi>", before, language, title, after)
