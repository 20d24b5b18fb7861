"""Result cards are rendered once per version of the catalogue, and never outlive it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from resources.cards import COMPACT_CARD, result_cards
from resources.facets.current import current_index
from resources.models import Resource, Status
from taxonomy.models import Objective, Organization
from tests.factories import OrganizationFactory, ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def item_and_related():
    """An item page and the one related item its card shows."""
    publisher = OrganizationFactory(name="Survivor Alliance", slug="survivor-alliance")
    item = ResourceFactory(title="Nigeria country report", countries=["NGA"])
    related = ResourceFactory(
        title="Nigeria return guidance",
        countries=["NGA"],
        publishers=[publisher],
        publication_month=7,
    )
    return item, related


def related_section(client, item) -> str:
    html = client.get(item.get_absolute_url()).content.decode()
    _, _, section = html.partition('id="related-heading"')
    return section


def test_a_remembered_card_is_shown_without_reading_the_item_again(item_and_related):
    _, related = item_and_related
    index = current_index()
    [first] = result_cards([related.pk], index=index)
    with CaptureQueriesContext(connection) as context:
        [again] = result_cards([related.pk], index=index)
    assert again == first and "Nigeria return guidance" in again
    assert context.captured_queries == []


def test_editing_an_item_changes_its_card_on_the_next_request(client, item_and_related):
    item, related = item_and_related
    assert "Nigeria return guidance" in related_section(client, item)
    related.title = "Guidance on safe return to Nigeria"
    related.save()
    section = related_section(client, item)
    assert "Guidance on safe return to Nigeria" in section
    assert "Nigeria return guidance" not in section
    assert "Guidance on safe return to Nigeria" in client.get("/resources/").content.decode()


def test_unpublishing_an_item_removes_its_card_at_once(client, item_and_related):
    item, related = item_and_related
    assert "Nigeria return guidance" in related_section(client, item)
    assert "Nigeria return guidance" in client.get("/resources/").content.decode()
    Resource.objects.filter(pk=related.pk).update(status=Status.ARCHIVED)
    assert "Nigeria return guidance" not in related_section(client, item)
    assert "Nigeria return guidance" not in client.get("/resources/").content.decode()
    assert "Nigeria return guidance" not in client.get("/objectives/10/").content.decode()


def test_renaming_a_term_changes_every_card_that_names_it(client, item_and_related):
    item, _ = item_and_related
    assert "Survivor Alliance" in related_section(client, item)
    Organization.objects.filter(slug="survivor-alliance").update(name="Survivors United")
    assert "Survivors United" in related_section(client, item)
    Objective.objects.filter(code="10").update(short_name="10 - End trafficking")
    assert "10 - End trafficking" in related_section(client, item)


def test_retagging_an_item_changes_its_card(client, item_and_related):
    item, related = item_and_related
    recruitment = Objective.objects.get(code="6")
    assert recruitment.short_name not in related_section(client, item)
    related.objectives.add(recruitment)
    assert recruitment.short_name in related_section(client, item)


def test_cards_are_remembered_per_language(client, item_and_related):
    item, _ = item_and_related
    with translation.override("fr"):
        french = related_section(client, item)  # at the French address, /fr/resources/…
    with translation.override("en"):
        english = related_section(client, item)
    assert "juillet 2022" in french and "July 2022" not in french
    assert "July 2022" in english and "juillet" not in english


def test_search_results_show_the_snippet_in_the_remembered_card(client):
    ResourceFactory(
        title="Labour inspection",
        summary="Inspectors visit farms and fisheries. </p><p>Not a paragraph",
        languages=["en"],
    )
    browsed = client.get("/resources/").content.decode()
    assert "Inspectors visit farms and fisheries. &lt;/p&gt;&lt;p&gt;Not a paragraph" in browsed
    searched = client.get("/resources/?q=fisheries").content.decode()
    card = searched[searched.index('<article class="card">') :]
    card = card[: card.index("</article>")]
    # The snippet is the item's own text: its paragraph keeps the item's language.
    assert card.count('<p class="card-summary" lang="en" dir="ltr">') == 1
    assert "<mark>fisheries</mark>" in card
    assert "Not a paragraph" in card and "</p><p>Not" not in card
    assert "Labour inspection</a>" in card and "card-tags" in card
    browsed_again = client.get("/resources/").content.decode()
    assert "<mark>" not in browsed_again and browsed_again.count("Labour inspection</a>") == 1


def test_the_compact_and_the_full_card_are_remembered_apart(item_and_related):
    _, related = item_and_related
    index = current_index()
    [full] = result_cards([related.pk], index=index)
    [compact] = result_cards([related.pk], index=index, template=COMPACT_CARD)
    assert 'class="card card-compact"' in compact and "card-compact" not in full


def test_a_card_follows_the_language_in_force(item_and_related):
    _, related = item_and_related
    index = current_index()
    with translation.override("fr"):
        [french] = result_cards([related.pk], index=index)
    with translation.override("en"):
        [english] = result_cards([related.pk], index=index)
    assert "juillet 2022" in french and "July 2022" in english


def test_a_card_marks_its_title_and_summary_with_the_items_language():
    from tests.languages import ARABIC_ITEM, CHINESE_ITEM

    arabic = ResourceFactory(**ARABIC_ITEM, languages=["ar"])
    chinese = ResourceFactory(**CHINESE_ITEM, languages=["zh"])
    english = ResourceFactory(title="Labour inspection", languages=["en"])
    unknown = ResourceFactory(title="Field notes", languages=[])
    pks = [arabic.pk, chinese.pk, english.pk, unknown.pk]
    for language in ("en", "ar"):
        with translation.override(language):
            cards = dict(zip(pks, result_cards(pks, index=current_index()), strict=True))
        # The item's own text carries its language whatever the page's.
        assert '<h3 class="card-title" lang="ar" dir="rtl">' in cards[arabic.pk]
        assert '<p class="card-summary" lang="ar" dir="rtl">' in cards[arabic.pk]
        assert '<p class="card-summary" lang="zh" dir="ltr">' in cards[chinese.pk]
        assert '<h3 class="card-title" lang="en" dir="ltr">' in cards[english.pk]
        assert '<h3 class="card-title" dir="auto">' in cards[unknown.pk]


def test_a_chinese_summary_is_shortened_on_its_card():
    from tests.languages import CHINESE_ITEM

    chinese = ResourceFactory(**CHINESE_ITEM, languages=["zh"])
    [card] = result_cards([chinese.pk], index=current_index())
    summary = card.split('<p class="card-summary" lang="zh" dir="ltr">')[1].split("</p>")[0]
    assert summary.endswith("…") and len(summary) <= 91
    assert summary[:-1] in CHINESE_ITEM["summary"]
