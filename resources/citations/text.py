"""Make text from an item safe for every citation format: no control characters, one line."""

import re

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str) -> str:
    """Return text without control characters, on one line, without repeated spaces."""
    return " ".join(_CONTROL_CHARACTERS.sub(" ", value or "").split())
