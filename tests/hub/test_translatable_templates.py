"""Keep every word a visitor reads in a template inside a translate tag.

A word left outside {% translate %} or {% blocktranslate %} stays English on the French,
Spanish, Russian, Arabic and Chinese pages whatever the catalogues say, so the scan lists
the text nodes, the attributes people read or hear (title, aria-label, placeholder, alt,
the value of a button, a meta description) and the lines of the mails that are not marked.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import translate_url

from tests.factories import ResourceFactory

TEMPLATES = Path(settings.BASE_DIR) / "templates"

# Names that read the same in every language: brands, formats, standards and codes.
NOT_LANGUAGE = {
    "API",
    "Atom",
    "BibTeX",
    "CSV",
    "DOI",
    "GCM",
    "JSON",
    "M49",
    "OAI-PMH",
    "OpenAPI",
    "ORCID",
    "RIS",
    "RSS",
    "UN",
}

COMMENTS = re.compile(r"\{#.*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S)
BLOCK_TRANSLATIONS = re.compile(
    r"\{%\s*blocktrans(?:late)?\b.*?%\}.*?\{%\s*endblocktrans(?:late)?\s*%\}", re.S
)
TAGS = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
WORD = re.compile(r"[^\W\d_][\w'’.-]*")
SPOKEN_ATTRIBUTES = {
    "title",
    "aria-label",
    "placeholder",
    "alt",
    "aria-description",
    "data-choice-filter",
}
BUTTON_INPUTS = {"submit", "button", "reset"}
SPOKEN_METADATA = {"description", "og:title", "og:description", "twitter:description"}
# Program text (code, addresses, parameters) and what the browser never shows as words.
UNSPOKEN_ELEMENTS = {"script", "style", "code", "kbd", "samp"}


def _blank(match):
    """Blank out a match but keep its line breaks, so that reported lines stay right."""
    return " " + "\n" * match.group(0).count("\n")


def without_marked_text(source):
    """Return the template with its comments, translated text and template tags blanked out."""
    source = COMMENTS.sub(_blank, source)
    source = BLOCK_TRANSLATIONS.sub(_blank, source)
    return TAGS.sub(_blank, source)


def english_words(text):
    """Return the words of text that belong to a language rather than a code or a brand."""
    words = (word.strip(".-'’") for word in WORD.findall(text))
    return [word for word in words if word and word not in NOT_LANGUAGE]


class VisibleText(HTMLParser):
    """Collect the text a person reads or hears on a page, with its line."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.hidden_depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in UNSPOKEN_ELEMENTS and attributes.get("type") != "application/ld+json":
            self.hidden_depth += 1
        for name, value in attrs:
            spoken = name in SPOKEN_ATTRIBUTES
            spoken |= name == "value" and tag == "input" and attributes.get("type") in BUTTON_INPUTS
            spoken |= (
                name == "content"
                and tag == "meta"
                and (attributes.get("name") or attributes.get("property")) in SPOKEN_METADATA
            )
            if spoken and value:
                self.note(f"{name}=", value)

    def handle_endtag(self, tag):
        if tag in UNSPOKEN_ELEMENTS and self.hidden_depth:
            self.hidden_depth -= 1

    def handle_data(self, data):
        if not self.hidden_depth:
            self.note("", data)

    def note(self, where, text):
        words = english_words(text)
        if words:
            self.found.append((self.getpos()[0], where + " ".join(words)))


def unmarked_text(path):
    """Return (line, words) for each piece of visible text in path outside translate tags."""
    source = without_marked_text(path.read_text(encoding="utf-8"))
    if path.suffix == ".txt":
        return [
            (number, " ".join(words))
            for number, line in enumerate(source.splitlines(), start=1)
            if (words := english_words(line))
        ]
    parser = VisibleText()
    parser.feed(source)
    parser.close()
    return parser.found


def all_templates():
    """Return every template a visitor or a mail recipient can read."""
    return sorted(path for path in TEMPLATES.rglob("*") if path.suffix in {".html", ".txt"})


def test_no_template_shows_a_word_outside_a_translate_tag():
    unmarked = [
        f"{path.relative_to(TEMPLATES)}:{line}: {words}"
        for path in all_templates()
        for line, words in unmarked_text(path)
    ]
    assert not unmarked, "Mark for translation:\n" + "\n".join(unmarked)


def test_the_scan_finds_an_unmarked_word(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '{% load i18n %}<h1>{% translate "Browse" %}</h1>'
        "<p title=\"{% translate 'Help' %}\">{{ count }} RSS · CSV</p>"
        '<button aria-label="Close">×</button>{# a note #}\n'
        "{% if x %}\n{% endif %}<p>Read more</p>",
        encoding="utf-8",
    )
    assert unmarked_text(page) == [(1, "aria-label=Close"), (3, "Read more")]


def test_the_scan_reads_mails_line_by_line(tmp_path):
    mail = tmp_path / "mail.txt"
    mail.write_text(
        "{% load i18n %}{% blocktranslate %}Hello {{ name }},{% endblocktranslate %}\n"
        "{{ url }}\nThe hub team\n",
        encoding="utf-8",
    )
    assert unmarked_text(mail) == [(3, "The hub team")]


def test_translate_tags_hold_no_escaped_quote():
    # Django's extraction stops at \" so the catalogue's msgid differs from the page's.
    escaped = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in all_templates()
        for match in re.finditer(
            r"\{%\s*trans(?:late)?\s+\"[^%]*\\\"[^%]*%\}", path.read_text(encoding="utf-8")
        )
    ]
    assert not escaped, "Use single quotes around these:\n" + "\n".join(escaped)


def test_words_django_translates_for_its_admin_carry_the_hubs_own_context():
    # Django's catalogues would otherwise answer for the hub: French "Change" becomes
    # "Modification", Russian "Summary" "Краткая статистика".
    bare = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in all_templates()
        for match in re.finditer(
            r"\{%\s*trans(?:late)?\s+[\"'](Change|Summary)[\"']\s*%\}",
            path.read_text(encoding="utf-8"),
        )
    ]
    assert not bare, "Give these a context:\n" + "\n".join(bare)


@pytest.mark.django_db
def test_the_hubs_headings_never_borrow_the_admins_words(client):
    resource = ResourceFactory()
    french = client.get(translate_url(resource.get_absolute_url(), "fr"))
    russian = client.get(translate_url(resource.get_absolute_url(), "ru"))
    assert french.status_code == russian.status_code == 200
    summary_heading = re.search(r'<h2 id="summary-heading">(.*?)</h2>', russian.content.decode())
    assert summary_heading.group(1) != "Краткая статистика"
    assert "Modification" not in french.content.decode()
