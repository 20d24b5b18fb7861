"""Split the names of an item's authors as reference managers expect them."""

from dataclasses import dataclass

from hub.text import clean_text

from . import apa, bibtex, csl

_CORPORATE_WORDS = frozenset({"of", "the", "for", "and", "on", "against", "in", "&"})


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
    def apa(self) -> str:
        return apa.name(self)

    def csl(self) -> dict[str, str]:
        return csl.name(self)

    def bibtex(self) -> str:
        return bibtex.name(self)
