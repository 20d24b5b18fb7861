"""Offer the query a user probably meant when a word of theirs is a misspelling.

A misspelt word can still match something: "trafficing" stems to "traffic" and finds the
one item about "Traffic in Women", while "trafficking" finds dozens. So a correction is
looked for whether or not the query matched: each word of a plain query is compared with
the catalogue's words a letter or two away from it, and replaced by the one that is
clearly more frequent among published items (``CLEARLY_MORE`` times, counted by the
caller, which knows the published catalogue). The page then shows the corrected query's
results if it finds more, and offers the query as typed.

Candidates come from the vocabulary: on PostgreSQL the ``SearchWord`` table (its trigram
index finds words like the misspelt one), on SQLite the words of the published items,
read once per catalogue version. Either may hold words no published item uses; those
count zero and are never offered.
"""

import re
from collections.abc import Callable, Iterable

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection

from . import arabic, chinese, languages
from .parsing import is_plain, parse_query

CLEARLY_MORE = 3  # a correction must be found this many times as often as the word typed
SHORTEST = 4  # shorter words (acronyms mostly) are never corrected
# Arabic writes few vowels, so one letter changes a short word into another real word.
SHORTEST_ARABIC = 5
CANDIDATES = 8  # vocabulary words most like a typed word, compared letter by letter
MOST_WORDS = 8  # a longer query is not corrected: each word costs a few searches once
_WORD = re.compile(r"[^\W\d_]{3,40}")
_LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_CYRILLIC_LETTERS = "абвгдежзийклмнопрстуфхцчшщъыьэюя"
_ARABIC_LETTERS = "ءابتثجحخدذرزسشصضطظعغفقكلمنهويؤئ"  # as normalised: no ة, ى or hamzated alef


def allowed_edits(word: str) -> int:
    """Return how many letters may differ between a word and its correction.

    Chinese is never corrected: a character is a syllable, and a word two characters long
    is one changed character away from hundreds of others. Arabic needs a letter more than
    alphabetic scripts before a word is corrected, and two more before two may change.
    """
    if chinese.has_han(word):
        return 0
    shortest = SHORTEST_ARABIC if arabic.is_arabic(word) else SHORTEST
    if len(word) < shortest:
        return 0
    return 1 if len(word) <= shortest + 1 else 2


def edit_distance(first: str, second: str, *, limit: int) -> int:
    """Count the insertions, deletions, substitutions and swaps of neighbours between two words.

    Past ``limit`` the count stops, returning ``limit + 1``.
    """
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    before, row = None, list(range(len(second) + 1))
    for i, letter in enumerate(first, 1):
        current = [i] + [0] * len(second)
        for j, other in enumerate(second, 1):
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (letter != other))
            if (
                before is not None
                and i > 1
                and j > 1
                and letter == second[j - 2]
                and first[i - 2] == other
            ):
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return min(row[-1], limit + 1)


def vocabulary_words(texts: Iterable[str]) -> frozenset[str]:
    """Return the distinct words (three to forty letters, lowercase) of some texts.

    Arabic words are normalised as the index has them; Chinese, never corrected, is left out.
    """
    return frozenset(
        word.lower()
        for text in texts
        for word in _WORD.findall(arabic.normalised(text))
        if not chinese.has_han(word)
    )


def similar_in_vocabulary(word: str, vocabulary: frozenset[str]) -> list[str]:
    """Return the vocabulary's words a letter or two away from a word (SQLite)."""
    limit = allowed_edits(word)
    return sorted(
        other
        for other in vocabulary
        if other != word and edit_distance(word, other, limit=limit) <= limit
    )


def one_letter_away(word: str) -> set[str]:
    """Return every string one deletion, swap, substitution or insertion away from a word."""
    if arabic.is_arabic(word):
        letters = _ARABIC_LETTERS
    elif languages.is_cyrillic(word):
        letters = _CYRILLIC_LETTERS
    else:
        letters = _LATIN_LETTERS
    alphabet = set(letters) | set(word)
    splits = [(word[:cut], word[cut:]) for cut in range(len(word) + 1)]
    found = {start + end[1:] for start, end in splits if end}
    found |= {start + end[1] + end[0] + end[2:] for start, end in splits if len(end) > 1}
    found |= {start + letter + end[1:] for start, end in splits if end for letter in alphabet}
    found |= {start + letter + end for start, end in splits for letter in alphabet}
    found.discard(word)
    return found


def similar_in_search_words(word: str) -> list[str]:
    """Return the words of ``SearchWord`` a letter or two away from a word (PostgreSQL).

    Words one letter away are looked up by their key; those two letters away are among
    the words most like it by trigrams, which a short word has too few of ("chlid" shares
    two with "child") but a long one has plenty.
    """
    from ..models import SearchWord

    limit = allowed_edits(word)
    found = dict.fromkeys(
        sorted(
            SearchWord.objects.filter(word__in=one_letter_away(word)).values_list("word", flat=True)
        )
    )
    if limit > 1:
        found.update(
            dict.fromkeys(
                SearchWord.objects.filter(word__trigram_similar=word)
                .annotate(similarity=TrigramSimilarity("word", word))
                .order_by("-similarity", "word")
                .values_list("word", flat=True)[:CANDIDATES]
            )
        )
    near = [
        other
        for other in found
        if other != word and edit_distance(word, other, limit=limit) <= limit
    ]
    return _other_stems(word, near) if near else []


def _other_stems(word: str, near: list[str]) -> list[str]:
    """Keep one word per stem, and none with the word's own stem (PostgreSQL).

    Words of one stem ("changes", "changed") match the same items as the word typed, so
    neither can be found more often: asking how often would cost a search each. Stems are
    those of the word's script, or for Latin words the interface language's.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, coalesce((ts_lexize(%s::regdictionary, word))[1], word) "
            "FROM unnest(%s::text[]) AS word",
            [languages.stemmer(word), [word, *near]],
        )
        stems = dict(cursor.fetchall())
    seen = {stems.get(word, word)}
    kept = []
    for other in near:
        if stems.get(other, other) not in seen:
            seen.add(stems.get(other, other))
            kept.append(other)
    return kept


def correction(
    query: str, *, candidates: Callable[[str], list[str]], frequency: Callable[[str], int]
) -> str | None:
    """Return the query with its misspelt words corrected, or None if none is.

    Only plain queries of at most ``MOST_WORDS`` words are corrected: quotes, exclusions
    and ``or`` ask for something precise. ``candidates(word)`` gives the vocabulary's words
    near a (lowercase) word and ``frequency(word)`` the number of published items a word
    finds.
    """
    if not is_plain(query) or '"' in query:
        return None
    words = [term.text for term in parse_query(query)[0]]
    if len(words) > MOST_WORDS:
        return None
    corrected = [_better_word(word, candidates, frequency) for word in words]
    if all(better is None for better in corrected):
        return None
    return " ".join(better or word for word, better in zip(words, corrected, strict=True))


def _better_word(
    word: str, candidates: Callable[[str], list[str]], frequency: Callable[[str], int]
) -> str | None:
    typed = arabic.normalised(word.lower())
    if not allowed_edits(typed) or not _WORD.fullmatch(typed):
        return None
    found = candidates(typed)
    if not found:
        return None
    needed = max(1, CLEARLY_MORE * frequency(typed))
    limit = allowed_edits(typed)
    scored = [
        (count, -edit_distance(typed, other, limit=limit), other)
        for other in found
        if (count := frequency(other)) >= needed
    ]
    return max(scored, key=lambda score: (score[0], score[1]))[2] if scored else None


# Remembered words compared with the words a patch adds, beyond which all are read again.
CARRIED_COMPARISONS = 20000


def still_near(
    remembered: list[tuple[tuple, object]], added: frozenset[str]
) -> dict[tuple, object]:
    """Return what a patched index may keep of an index's remembered vocabulary.

    ``added`` are the words of the items a patch puts in. Synonyms are kept (changing them
    reads the catalogue whole, never patches it); the published words grow by ``added``;
    and the words near a searched word are kept unless another added word is near it. Words
    that were removed stay, harmless: a word no published item uses counts zero and is
    never offered. When the comparison would cost too much, only synonyms are kept.
    """
    near = [(key, value) for key, value in remembered if key[0] == "near"]
    kept = {key: value for key, value in remembered if key[0] == "synonyms"}
    if len(near) * len(added) > CARRIED_COMPARISONS:
        return kept
    for key, value in remembered:
        if key[0] == "words":
            kept[key] = value | added
    for key, value in near:
        word, limit = key[1], allowed_edits(key[1])
        if not any(
            other != word and edit_distance(word, other, limit=limit) <= limit for other in added
        ):
            kept[key] = value
    return kept
