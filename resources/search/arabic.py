"""Normalise Arabic so that a word matches whatever prefix, spelling of alef or vowel marks it has.

PostgreSQL's ``arabic`` stemmer leaves a conjunction or preposition joined to the article
("والمهاجرين", "and the migrants") as part of the word, so it never matches "المهاجرين".
The hub strips those prefixes, and unifies the letters and marks Arabic writes in several
ways, before indexing an item's text and before searching a query, so both sides agree.
"""

import re

# Vowel marks and Quranic annotations (tashkeel), the superscript alef, and tatweel.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Alef with hamza or madda, and wasla, as bare alef; ta marbuta as ha; alef maqsura as ya.
_LETTERS = str.maketrans(
    {"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
     "\u0629": "\u0647", "\u0649": "\u064a"}
)  # fmt: skip
# Wa or fa, then bi, li or ka, before the article; "لل" is li + the article, its alef dropped.
# The rest must keep three letters, so short words that merely begin so ("والد") stay whole.
_ARTICLE_PREFIX = re.compile(r"\b(?:[وف]?[بكل]|[وف])(ال)(?=[\u0621-\u064a]{3})")
_LI_ARTICLE = re.compile(r"\b[وف]?لل(?=[\u0621-\u064a]{3})")
_ARABIC = re.compile("[\u0600-\u06ff]")


def normalised(text: str) -> str:
    """Return the text with its Arabic words in the one form the index and queries use.

    Other scripts are left as they are.
    """
    if not _ARABIC.search(text):
        return text
    text = _MARKS.sub("", text).translate(_LETTERS)
    text = _ARTICLE_PREFIX.sub(r"\1", text)
    return _LI_ARTICLE.sub("ال", text)


def is_arabic(word: str) -> bool:
    return bool(_ARABIC.search(word))
