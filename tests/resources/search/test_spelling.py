"""A misspelt word finds what the user meant, and editors' synonyms find each other, on the demo.

The demo content is loaded once for the module (tests/shared_data.py); every test here
reads it, and whatever a test changes is undone before the next.
"""

from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from django.http import QueryDict
from django.urls import reverse

from resources.browse import browse_page
from resources.demo import default_path, demo_load
from resources.models import Resource, Status
from resources.search.spelling import (
    allowed_edits,
    edit_distance,
    one_letter_away,
    still_near,
    vocabulary_words,
)
from tests.factories import ResourceFactory
from tests.results import result_titles
from tests.shared_data import kept_for_the_module

ICAT_STATEMENT = "Human Trafficking and Organized Crime: ICAT Joint Statement 2025"


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with kept_for_the_module(django_db_blocker):
        yield demo_load(path=default_path())


def found(query: str, extra: str = ""):
    params = QueryDict(extra, mutable=True)
    params["q"] = query
    return browse_page(params=params, page_size=100)


def titles(query: str, extra: str = "") -> list[str]:
    return result_titles(found(query, extra).page.object_list)


# A misspelling, the word it must be corrected to, and a title the correction must find.
MISSPELLINGS = [
    ("trafficing", "trafficking", ICAT_STATEMENT),
    ("traficking", "trafficking", ICAT_STATEMENT),
    ("trafifcking", "trafficking", ICAT_STATEMENT),
    (
        "smugling",
        "smuggling",
        "GCM Talk – Towards effective solutions: addressing the complexities behind the "
        "smuggling of migrants",
    ),
    (
        "exploitaton",
        "exploitation",
        "Training manual to fight trafficking in children for labour, sexual and other forms "
        "of exploitation",
    ),
    ("recruitmnet", "recruitment", "IOM Migrant Worker Guidelines for Employers"),
    ("guidlines", "guidelines", "IOM Migrant Worker Guidelines for Employers"),
    (
        "chlid",
        "child",
        "Training manual to fight trafficking in children for labour, sexual and other forms "
        "of exploitation",
    ),
    ("labor", "labour", "Global Estimates of Modern Slavery: Forced Labour and Forced Marriage"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("typed", "meant", "title"), MISSPELLINGS)
def test_a_misspelt_word_shows_the_results_of_the_word_meant(typed, meant, title):
    page = found(typed)
    assert page.corrected == meant
    assert title in result_titles(page.page.object_list)
    assert titles(typed) == titles(meant)


@pytest.mark.django_db
def test_an_accidental_match_does_not_hide_the_correction():
    """ "trafficing" stems to "traffic" and matches one item; "trafficking" matches dozens."""
    as_typed = titles("trafficing", "as_typed=1")
    meant = titles("trafficking")
    assert len(meant) > 3 * max(len(as_typed), 1)
    assert titles("trafficing") == meant


@pytest.mark.django_db
def test_two_misspelt_words_are_both_corrected():
    page = found("trafficing exploitaton")
    assert page.corrected == "trafficking exploitation"
    assert result_titles(page.page.object_list) == titles("trafficking exploitation")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["trafficking", "smuggling", "victims", "climate", "THB", "forced labour", "migrant workers"],
)
def test_a_word_spelt_right_is_left_alone(query):
    assert found(query).corrected == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ['"trafficing"', "trafficing -smuggling", "trafficing or smuggling"]
)
def test_precise_syntax_is_not_corrected(query):
    assert found(query).corrected == ""


@pytest.mark.django_db
def test_a_long_query_is_searched_as_typed():
    """Each word costs a few searches the first time, so a long query is left as it is."""
    assert found("trafficing " + " ".join(["women"] * 8)).corrected == ""
    assert found("trafficing " + " ".join(["women"] * 7)).corrected


# Terms of one synonym group (migration 0012's starting groups): each finds what the others do.
SYNONYMS = [
    ("THB", "trafficking in persons"),
    ("TIP", "human trafficking"),
    ("human trafficking", "trafficking in persons"),
    ("trafficking in persons", "THB"),
    ("migrant smuggling", "smuggling of migrants"),
    ('"migrant smuggling"', '"smuggling of migrants"'),
    ("forced criminality", "forced criminal activities"),
    ('"forced criminal activities"', '"forced criminality"'),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("term", "other"), SYNONYMS)
def test_a_synonym_finds_what_its_group_finds(term, other):
    results = set(titles(term))
    assert results
    assert results == set(titles(other))


@pytest.mark.django_db
def test_an_acronym_finds_items_that_spell_it_out():
    spelt_out = (
        "Council of Europe Convention on Action against Trafficking in Human Beings (CETS No. 197)"
    )
    assert spelt_out in titles("THB")
    assert ICAT_STATEMENT in titles("TIP")


@pytest.mark.django_db
def test_a_synonym_combines_with_the_other_words_and_filters():
    with_synonym = set(titles("migrant smuggling sea"))
    assert with_synonym == set(titles("smuggling of migrants sea"))
    assert set(titles("THB", "kind=document")) <= set(titles("THB"))
    ResourceFactory(title="Boats and smugglers at sea", summary="Smuggling routes.")
    ResourceFactory(title="Smuggling and trafficking in persons", summary="Two crimes.")
    without = titles("smuggling -THB")
    assert "Boats and smugglers at sea" in without
    assert "Smuggling and trafficking in persons" not in without


@pytest.mark.django_db
def test_a_newly_published_word_is_corrected_to_and_an_unpublished_one_no_more():
    """The vocabulary follows the catalogue: a draft's words are never offered."""
    item = ResourceFactory(
        title="Ombudsperson reports on labour inspection",
        summary="Oversight of recruitment agencies.",
        status=Status.SUBMITTED,
    )
    assert found("ombudsprson").corrected == ""
    Resource.objects.filter(pk=item.pk).update(status=Status.PUBLISHED)
    page = found("ombudsprson")
    assert page.corrected == "ombudsperson"
    assert result_titles(page.page.object_list) == ["Ombudsperson reports on labour inspection"]
    Resource.objects.filter(pk=item.pk).update(status=Status.ARCHIVED)
    assert found("ombudsprson").corrected == ""


class _Links(HTMLParser):
    """Collect the links of the notice that offers the correction."""

    def __init__(self) -> None:
        super().__init__()
        self.inside, self.links, self.text = False, [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "p" and "correction" in (attributes.get("class") or ""):
            self.inside = True
        elif tag == "a" and self.inside:
            self.links.append(attributes["href"])

    def handle_endtag(self, tag):
        if tag == "p":
            self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.text.append(data)


def correction_notice(response) -> _Links:
    parser = _Links()
    parser.feed(response.content.decode())
    return parser


@pytest.mark.django_db
def test_the_page_offers_the_correction_and_the_query_as_typed(client):
    browse = reverse("resources:browse")
    response = client.get(browse, {"q": "trafficing", "kind": "document", "sort": "newest"})
    notice = correction_notice(response)
    assert " ".join("".join(notice.text).split()) == (
        "Showing results for trafficking; search instead for trafficing."
    )
    corrected, as_typed = (parse_qs(urlsplit(link).query) for link in notice.links)
    assert corrected == {"q": ["trafficking"], "kind": ["document"], "sort": ["newest"]}
    assert as_typed == {
        "q": ["trafficing"],
        "kind": ["document"],
        "sort": ["newest"],
        "as_typed": ["1"],
    }

    typed = client.get(urljoin(browse, notice.links[1]))
    assert typed.status_code == 200
    assert correction_notice(typed).links == []
    assert len(typed.context["browse"].cards) < len(response.context["browse"].cards)
    meant = client.get(urljoin(browse, notice.links[0]))
    assert correction_notice(meant).links == []
    assert meant.context["browse"].cards == response.context["browse"].cards


@pytest.mark.django_db
def test_exports_of_a_corrected_page_give_its_results(client):
    response = client.get(reverse("resources:browse"), {"q": "trafficing"})
    content = response.content.decode()
    assert "export.csv?q=trafficking" in content
    assert "export.csv?q=trafficing" not in content


@pytest.mark.django_db
def test_a_new_search_from_the_as_typed_page_is_corrected_again(client):
    response = client.get(reverse("resources:browse"), {"q": "trafficing", "as_typed": "1"})
    search_form = response.content.decode().split('role="search"')[1].split("</form>")[0]
    assert 'name="as_typed"' not in search_form


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"q": "forced criminality", "country": "ISL"},
            "No resource with these filters contains “forced criminality”",
        ),
        ({"q": "qwxzvbkq"}, "No resource contains “qwxzvbkq”"),
        ({"country": "ISL"}, "No resource matches these filters."),
    ],
)
def test_an_empty_result_says_one_thing(client, params, message):
    content = client.get(reverse("resources:browse"), params).content.decode()
    assert message in content
    assert "showing resources with similar words" not in content
    assert content.count("No resource") == 1


@pytest.mark.parametrize(
    ("first", "second", "distance"),
    [
        ("trafficing", "trafficking", 1),
        ("traficking", "trafficking", 1),
        ("trafifcking", "trafficking", 1),
        ("chlid", "child", 1),
        ("labor", "labour", 1),
        ("victms", "victims", 1),
        ("traffic", "trafficking", 3),
        ("smuggling", "smuggling", 0),
    ],
)
def test_edit_distance_counts_letters_added_removed_changed_or_swapped(first, second, distance):
    assert edit_distance(first, second, limit=2) == min(distance, 3)


def test_a_patch_keeps_the_words_near_a_search_unless_an_added_word_is_near_it_too():
    remembered = [
        (("synonyms",), "groups"),
        (("words",), frozenset({"child"})),
        (("near", "chlid"), ["child"]),
        (("near", "ombudsprson"), []),
    ]
    kept = still_near(remembered, frozenset({"ombudsperson", "annual", "chlid"}))
    assert kept == {
        ("synonyms",): "groups",
        ("words",): frozenset({"child", "ombudsperson", "annual", "chlid"}),
        ("near", "chlid"): ["child"],
    }


@pytest.mark.parametrize(
    ("word", "edits"),
    [
        ("child", 1),
        ("trafficking", 2),
        ("THB", 0),
        ("торговли", 2),
        ("هجره", 0),  # Arabic writes few vowels: four letters are too few to correct
        ("لاجئ", 0),
        ("اللاجئ", 1),
        ("المهاجرين", 2),
        ("贩运人口", 0),  # Chinese is never corrected
        ("移民", 0),
    ],
)
def test_words_are_corrected_by_lengths_that_suit_their_script(word, edits):
    assert allowed_edits(word) == edits


def test_the_vocabulary_keeps_accents_and_other_scripts_and_leaves_chinese_out():
    words = vocabulary_words(["Sécurité des migrants", "Торговля людьми", "والمهاجرين", "贩运人口"])
    assert words == {"sécurité", "des", "migrants", "торговля", "людьми", "المهاجرين"}


def test_a_misspelt_word_is_compared_with_words_of_its_own_alphabet():
    assert "торговли" in one_letter_away("тарговли")
    assert "المهاجرين" in one_letter_away("المهاجرون")
