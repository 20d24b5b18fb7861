"""Keep what text search works with: synonyms editors name, the catalogue's words, its columns."""

import re

from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hub.text import list_items

# Columns only text search reads: a few kilobytes per item that pages leave in the database.
SEARCH_COLUMNS = ("search_text", "search_vector")

MAX_TERMS = 12  # terms in one group: each is searched as a phrase of its own
MAX_TERM_WORDS = 6
# A term is words of letters or digits; quotes, minus signs and "or" would be search syntax.
_TERM = re.compile(r"^[^\W_]+(?:[ '’-][^\W_]+)*$")


def split_terms(text: str) -> list[str]:
    """Return the terms of a comma-separated list, spacing tidied, each once (any case)."""
    terms = {}
    for term in list_items(text):
        terms.setdefault(term.casefold(), term)
    return list(terms.values())


class Synonym(models.Model):
    """A group of terms that mean the same thing: a search for one finds all of them.

    Acronyms are terms too ("THB, trafficking in human beings"). Editors keep the groups in
    the admin; a change is a change to what the public finds, so it replaces the catalogue
    version like a taxonomy change does (migration ``0012_synonyms``).
    """

    terms = models.CharField(
        _("terms"),
        max_length=600,
        help_text=_(
            "Words, phrases or acronyms that mean the same, separated by commas: "
            "THB, TIP, human trafficking, trafficking in persons."
        ),
    )

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonyms and acronyms")
        ordering = ["terms"]

    def __str__(self) -> str:
        return ", ".join(self.term_list)

    @property
    def term_list(self) -> list[str]:
        return split_terms(self.terms)

    def clean(self) -> None:
        terms = self.term_list
        if len(terms) < 2:
            raise ValidationError(
                {
                    "terms": ValidationError(
                        gettext("Give at least two terms, separated by commas."), code="too_few"
                    )
                }
            )
        if len(terms) > MAX_TERMS:
            raise ValidationError(
                {
                    "terms": ValidationError(
                        gettext("Give at most %(limit)d terms in one group."),
                        code="too_many",
                        params={"limit": MAX_TERMS},
                    )
                }
            )
        for term in terms:
            if not _TERM.match(term) or len(term.split()) > MAX_TERM_WORDS:
                raise ValidationError(
                    {
                        "terms": ValidationError(
                            gettext(
                                "“%(term)s” is not a term search can use: write words of letters "
                                "or digits, at most %(limit)d of them, without quotes or signs."
                            ),
                            code="invalid_term",
                            params={"term": term, "limit": MAX_TERM_WORDS},
                        )
                    }
                )
        self.terms = ", ".join(terms)


class SearchWord(models.Model):
    """A word of the catalogue's titles and summaries, to match a misspelt search word with.

    Comparing a misspelt word with every summary took seconds at 100,000 items; comparing it
    with the distinct words they use takes milliseconds. Words are added as items are saved
    (``resources.search.record_words``) and never removed: a word that no published item
    uses any more simply finds nothing.
    """

    word = models.CharField(_("word"), max_length=100, primary_key=True)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        indexes = [
            GinIndex(fields=["word"], opclasses=["gin_trgm_ops"], name="search_word_trgm"),
        ]

    def __str__(self) -> str:
        return self.word
