"""Slugs are made one way for items, organizations and keywords: readable, short, free."""

from hub.slugs import unique_slug


def test_a_free_slug_is_the_text_made_readable():
    assert unique_slug("Migrant Smuggling: A Review", taken=set()) == "migrant-smuggling-a-review"


def test_a_taken_slug_is_numbered_from_two():
    taken = {"report", "report-2"}
    assert unique_slug("Report", taken=taken) == "report-3"


def test_a_slug_is_asked_for_one_candidate_at_a_time():
    asked = []

    def taken(slug: str) -> bool:
        asked.append(slug)
        return slug == "report"

    assert unique_slug("Report", taken=taken) == "report-2"
    assert asked == ["report", "report-2"]


def test_a_numbered_slug_never_grows_past_the_limit():
    title = "word " * 40
    first = unique_slug(title, taken=set(), max_length=20)
    second = unique_slug(title, taken={first}, max_length=20)
    assert len(first) <= 20 and len(second) <= 20
    assert second.endswith("-2") and second != first


def test_text_with_nothing_to_keep_gives_the_fallback():
    assert unique_slug("!!!", taken=set()) == "item"
    assert unique_slug("!!!", taken={"resource"}, fallback="resource") == "resource-2"


def test_unicode_is_kept_when_asked():
    assert unique_slug("Médecins du Monde", taken=set()) == "medecins-du-monde"
    assert unique_slug("Право", taken=set(), allow_unicode=True) == "право"
