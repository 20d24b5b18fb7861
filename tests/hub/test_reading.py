"""Text is marked with its language and direction, shortened by words or by characters."""

import pytest
from django.template import Context, Template
from django.utils import translation

from hub.reading import figure, language_attributes, language_tag, shorten, text_direction


def test_arabic_hebrew_persian_and_urdu_run_right_to_left_others_left_to_right():
    assert [text_direction(code) for code in ("ar", "he", "fa", "ur", "ar-EG")] == ["rtl"] * 5
    assert [text_direction(code) for code in ("en", "fr", "ru", "zh", "es")] == ["ltr"] * 5


def test_text_in_an_unknown_language_takes_its_direction_from_its_letters():
    assert text_direction("") == "auto"
    assert language_attributes("") == ' dir="auto"'


def test_the_attributes_name_the_language_and_its_direction():
    assert language_attributes("ar") == ' lang="ar" dir="rtl"'
    assert language_attributes("en") == ' lang="en" dir="ltr"'


def test_the_page_language_is_named_as_bcp_47_writes_it():
    assert language_tag("zh-hans") == "zh-Hans"
    assert [language_tag(code) for code in ("ar", "en", "fr", "ru", "es")] == [
        "ar",
        "en",
        "fr",
        "ru",
        "es",
    ]


def test_english_is_shortened_by_words():
    text = "Trafficking in persons in the context of international migration"
    assert shorten(text, 4) == "Trafficking in persons in…"
    assert shorten(text, 9) == text


def test_chinese_is_shortened_by_characters_where_words_would_cut_nothing():
    text = "本报告审查了亚太区域国际移民背景下贩运人口的模式和流向，分析了识别受害者的做法。"
    assert shorten(text, 5) == "本报告审查了亚太区域…"
    assert len(shorten(text, 10)) == 21  # twenty characters and the ellipsis
    assert shorten("贩运人口", 5) == "贩运人口"


def test_no_cut_leaves_a_dangling_comma():
    assert shorten("国际移民背景下，贩运人口", 4) == "国际移民背景下…"
    assert shorten("one, two, three", 1) == "one…"


def test_arabic_is_shortened_by_words():
    assert shorten("الاتجار بالأشخاص في سياق الهجرة الدولية", 3) == "الاتجار بالأشخاص في…"
    assert shorten("الاتجار بالأشخاص، في سياق الهجرة", 2) == "الاتجار بالأشخاص…"


def test_mixed_text_counts_words_and_characters_together():
    assert shorten("GCM 目标10 贩运人口", 3) == "GCM 目标10…"


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("en", "12,345"),
        ("fr", "12\xa0345"),
        ("ru", "12\xa0345"),
        ("ar", "12,345"),
        ("zh-hans", "12,345"),
    ],
)
def test_counts_are_grouped_as_each_language_writes_them(language, shown):
    with translation.override(language):
        assert figure(12345) == shown
        assert figure(999) == "999"


def test_the_filters_give_the_same_in_templates():
    template = Template(
        '{% load reading %}<html lang="{{ code|language_tag }}">{{ text|shorten:2 }} {{ n|figure }}'
    )
    with translation.override("fr"):
        html = template.render(Context({"code": "zh-hans", "text": "un deux trois", "n": 1500}))
    assert html == '<html lang="zh-Hans">un deux… 1\xa0500'
