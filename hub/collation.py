"""Sort names as readers of the six UN languages expect, without ICU.

Names sort case- and accent-insensitively: "Égypte" among the E's, "Ёлка" with "Е",
an Arabic letter with its hamza or marks with the plain letter. Ties keep the exact
spelling's order so that the result is stable. Chinese names sort by code point, which
follows radicals and strokes rather than pinyin; ICU would be needed for pinyin order.
"""

import unicodedata


def sort_key(name: str) -> tuple[str, str]:
    """Return a key that orders names without regard to case or accents."""
    decomposed = unicodedata.normalize("NFKD", name)
    base = "".join(char for char in decomposed if not unicodedata.combining(char))
    return base.casefold(), name
