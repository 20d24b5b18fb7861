"""Every page type answers in each of the six languages, with no English interface text left.

Text of a resource (or of the Compact shown in English) is marked with its own ``lang`` and
is left out of the check; what remains is the interface, which must be in the page's
language: no sentence of the English catalogue that the language translates may appear.
"""

import re
from functools import cache
from html import unescape
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_bidi

from hub.reading import language_tag
from tests.factories import ResourceFactory
from tests.locale.catalogues import TRANSLATED_LANGUAGES, catalogue

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|[{}<>]")

PUBLIC_PAGES = [
    ("home", {}),
    ("resources:browse", {}),
    ("taxonomy:objectives", {}),
    ("taxonomy:objective", {"code": "10"}),
    ("taxonomy:country", {"iso3": "NGA"}),
    ("taxonomy:region", {"slug": "africa"}),
    ("contact", {}),
    ("accounts:login", {}),
    ("accounts:signup", {}),
]
PRIVATE_PAGES = [
    ("submission:submit", {}),
    ("submission:my_list", {}),
    ("review:queue", {}),
    ("accounts:profile", {}),
]


class VisibleText(HTMLParser):
    """Gather the text a reader sees in the page's own language, with the page's lang/dir."""

    SKIPPED = {"head", "script", "style", "template"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.html = {}
        self.text = []
        self.stack = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.html = attributes
            return
        if tag in self.VOID:
            if not self._skipping() and attributes.get("lang") is None:
                self.text += [
                    attributes[name] for name in ("alt", "placeholder") if attributes.get(name)
                ]
            return
        other_language = "lang" in attributes and attributes["lang"] != self.html.get("lang")
        self.stack.append(tag in self.SKIPPED or other_language)

    def handle_endtag(self, tag):
        if tag not in self.VOID and tag != "html" and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self._skipping():
            self.text.append(data)

    def _skipping(self):
        return any(self.stack)

    def visible(self):
        return " ".join(unescape(" ".join(self.text)).split())


def read(response):
    parser = VisibleText()
    parser.feed(response.content.decode())
    return parser


@cache
def english_sentences(language):
    """Return the catalogue's English sentences that the language translates otherwise."""
    sentences = []
    for message in catalogue(language):
        if not message.id or message.pluralizable or PLACEHOLDER.search(message.id):
            continue
        if len(message.id.split()) >= 3 and message.string and message.string != message.id:
            sentences.append(message.id)
    return tuple(sentences)


def address(name, kwargs, language):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


@pytest.fixture
def catalogue_items():
    return [
        ResourceFactory(
            title="Human trafficking in migration pathways",
            countries=["NGA"],
            regions=["africa"],
            objectives=["10"],
            languages=["en"],
        ),
        ResourceFactory(
            title="الاتجار بالأشخاص في سياق الهجرة الدولية",
            countries=["NGA"],
            objectives=["10"],
            languages=["ar"],
        ),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_answers_in_each_language(client, catalogue_items, language):
    with translation.override(language):
        expected = {
            "lang": language_tag(language),
            "dir": "rtl" if get_language_bidi() else "ltr",
        }
    wrong = {}
    for name, kwargs in PUBLIC_PAGES:
        response = client.get(address(name, kwargs, language))
        found = {key: read(response).html.get(key) for key in expected}
        if response.status_code != 200 or found != expected:
            wrong[name] = (response.status_code, found)
    assert wrong == {}


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_no_english_interface_text_is_left(client, catalogue_items, editor, language):
    client.force_login(editor)
    left = {}
    for name, kwargs in PUBLIC_PAGES + PRIVATE_PAGES:
        response = client.get(address(name, kwargs, language), follow=True)
        assert response.status_code == 200, name
        text = read(response).visible()
        if found := [sentence for sentence in english_sentences(language) if sentence in text]:
            left[name] = found
    assert left == {}


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_an_item_page_shows_its_own_text_in_its_language_and_the_rest_in_the_page_language(
    client, catalogue_items, language
):
    english_item = catalogue_items[0]
    response = client.get(address("resources:detail", {"slug": english_item.slug}, language))
    assert response.status_code == 200
    page = read(response)
    assert english_item.title not in page.visible()
    assert re.search(
        rf'lang="en"[^>]*>\s*{re.escape(english_item.title)}', response.content.decode()
    )
    left = [sentence for sentence in english_sentences(language) if sentence in page.visible()]
    assert left == []


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_a_missing_page_says_so_in_the_language_of_its_address(client, language):
    response = client.get(address("home", {}, language) + "no-such-page/")
    assert response.status_code == 404
    text = read(response).visible()
    assert [sentence for sentence in english_sentences(language) if sentence in text] == []
