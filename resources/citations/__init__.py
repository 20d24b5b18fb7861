"""Turn a published resource into citation data: formatted text, RIS, BibTeX and CSL-JSON.

The item page's "Cite" section, the per-item downloads and the exports of a filtered
result all build on ``Citation``, so an item is cited the same way everywhere. What every
format reads of an item is in ``citation`` (with the names of its authors in ``names``);
each format is written by its own module: ``apa`` (the formatted text, APA 7 for grey
literature), ``ris``, ``bibtex`` and ``csl`` (CSL-JSON).

Values are made safe for each format: control characters are removed everywhere
(``hub.text``), RIS values are kept on one line, and LaTeX's special characters are escaped in
BibTeX so that every brace in an entry is balanced.
"""

from hub.text import clean_text

from .bibtex import latex_escape
from .citation import CITATION_PREFETCHES, Citation, with_citation_data
from .csl import iso_duration
from .names import Name

__all__ = [
    "CITATION_PREFETCHES",
    "Citation",
    "Name",
    "clean_text",
    "iso_duration",
    "latex_escape",
    "with_citation_data",
]
