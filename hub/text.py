"""Clean text that comes from outside or goes out: no NUL, no control characters.

A query parameter, a search, a citation or a feed all take text through ``clean_text``,
so what one channel refuses to carry no other lets through. No database stores NUL, no
XML document may hold most control characters, and the two private-use characters the
search uses to mark matches in snippets must never come from a visitor.
"""

import re

# C0 and C1 control characters (tab, line feed and carriage return become spaces too),
# and the search's match markers (resources.search).
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\ue000\ue001]")


def clean_text(value: str | None, *, max_length: int | None = None) -> str:
    """Return text without control characters, on one line, without repeated spaces.

    ``max_length`` bounds the result, for text a visitor sends (a search query).
    """
    text = " ".join(_CONTROL_CHARACTERS.sub(" ", value or "").split())
    return text[:max_length] if max_length is not None else text


# Commas and semicolons of the six UN languages' scripts (Arabic ، ؛, Chinese ， ； 、), and ends
# of lines: a person separates a list with what their keyboard gives them.
_LIST_SEPARATORS = re.compile(r"[,;\n،؛，；、]")


def list_items(text: str) -> list[str]:
    """Return the items of a list a person typed, spacing tidied, empty items left out."""
    return [
        item for item in (" ".join(part.split()) for part in _LIST_SEPARATORS.split(text)) if item
    ]
