"""Write record values as CSV cells a spreadsheet shows as text, and read them back."""

import re
from typing import Any

from .parsers import LIST_SEPARATOR, yes_no

# Spreadsheets run a cell that starts with one of these as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NEUTRALISED = re.compile("'*[" + re.escape("".join(FORMULA_TRIGGERS)) + "]")


def cell_text(value: Any) -> str:
    """Write one record value as a CSV cell: lists joined with "; ", null as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, list):
        return LIST_SEPARATOR.join(cell_text(item) for item in value)
    return str(value)


def spreadsheet_safe(cell: str) -> str:
    """Keep a spreadsheet from running a cell as a formula: prefix a single quote.

    Cells starting with =, +, -, @, tab or carriage return are prefixed, and so are cells
    that already start with quotes before one of those, so ``spreadsheet_text`` can undo it.
    """
    return f"'{cell}" if _NEUTRALISED.match(cell) else cell


def spreadsheet_text(cell: str) -> str:
    """Undo ``spreadsheet_safe``: drop the one quote it put before a formula character."""
    return cell[1:] if cell.startswith("'") and _NEUTRALISED.match(cell[1:]) else cell
