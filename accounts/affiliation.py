"""Compare organization names as people type them: one key per name, whatever its spelling.

"Conflict Org.", "conflict org" and "CONFLICT  ORG" are one organization; so are
"Médecins du Monde" and "Medecins du monde". The review's conflict-of-interest rule
compares these keys, never the names as typed, and ``OrganizationNames`` finds the
organization a person, a submission or an imported file names by them.
"""

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

# Dots and apostrophes join letters ("U.N.", "People's"); other punctuation separates words.
_JOINERS = frozenset(".'’")
_NAME_WITH_ACRONYM = re.compile(r"^(?P<name>.+?)\s*\((?P<acronym>[^()]+)\)$")


def organization_key(name: str) -> str:
    """Reduce an organization's name to what identifies it: no case, accents or punctuation."""
    decomposed = unicodedata.normalize("NFKD", name or "").casefold()
    kept = []
    for character in decomposed:
        if unicodedata.combining(character) or character in _JOINERS:
            continue
        kept.append(character if character.isalnum() else " ")
    return " ".join("".join(kept).split())


def organization_keys(*names: str) -> set[str]:
    """Return the keys of the names given, leaving out blank ones."""
    return {key for key in map(organization_key, names) if key}


def person_organization_keys(*, user) -> set[str]:
    """Return the keys a person's organization goes by: their affiliation and its record."""
    if user is None:
        return set()
    organization = user.organization
    return organization_keys(
        user.affiliation, *((organization.name, organization.acronym) if organization else ())
    )


class OrganizationNames:
    """Find the organization a name or acronym means, as people write it.

    Names and acronyms are compared by their keys (``organization_key``). A name is found
    before an acronym, and "Name (ACRONYM)" is found by its name too; an acronym that two
    organizations share names neither, so no one is linked to the wrong one. The
    affiliation on a profile, the publishers a submitter proposes and the publishers of an
    imported file are all resolved here.
    """

    def __init__(self, organizations: Iterable[Any] = ()) -> None:
        self._names: dict[str, Any] = {}
        self._acronyms: dict[str, Any] = {}
        for organization in organizations:
            self.add(organization)

    def add(self, organization: Any) -> None:
        """Make an organization findable by its name and acronym."""
        name = organization_key(organization.name)
        if name:
            self._names.setdefault(name, organization)
        acronym = organization_key(organization.acronym)
        if acronym:
            known = self._acronyms.get(acronym, organization)
            self._acronyms[acronym] = organization if known == organization else None

    def remove(self, organization: Any) -> None:
        """Forget an organization (one whose creation was rolled back)."""
        for table, label in (
            (self._names, organization.name),
            (self._acronyms, organization.acronym),
        ):
            key = organization_key(label)
            if key and table.get(key) == organization:
                del table[key]

    def find(self, text: str) -> Any:
        """Return the organization the text names, or None."""
        key = organization_key(text)
        if not key:
            return None
        found = self._names.get(key)
        parts = _NAME_WITH_ACRONYM.match(" ".join(text.split()))
        if found is None and parts:
            found = self._names.get(organization_key(parts["name"]))
        return found if found is not None else self._acronyms.get(key)
