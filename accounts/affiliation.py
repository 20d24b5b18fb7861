"""Compare organization names as people type them: one key per name, whatever its spelling.

"Conflict Org.", "conflict org" and "CONFLICT  ORG" are one organization; so are
"Médecins du Monde" and "Medecins du monde". The review's conflict-of-interest rule
compares these keys, never the names as typed.
"""

import unicodedata

# Dots and apostrophes join letters ("U.N.", "People's"); other punctuation separates words.
_JOINERS = frozenset(".'’")


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
