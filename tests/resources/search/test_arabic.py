"""Arabic words are normalised so that prefixes, alef forms and vowel marks do not hide a match."""

import pytest

from resources.search.arabic import normalised


@pytest.mark.parametrize(
    ("typed", "indexed"),
    [
        ("والمهاجرين", "المهاجرين"),  # and + the migrants
        ("فالمهاجرين", "المهاجرين"),  # so + the migrants
        ("بالمهاجرين", "المهاجرين"),  # with + the migrants
        ("وبالمهاجرين", "المهاجرين"),  # and with + the migrants
        ("كالمهاجرين", "المهاجرين"),  # like + the migrants
        ("للمهاجرين", "المهاجرين"),  # for + the migrants, the article's alef dropped
        ("الهِجْرَة", "الهجره"),  # vowel marks gone, ta marbuta as ha
        ("إدارة", "اداره"),  # alef with hamza below as bare alef
        ("أمن", "امن"),  # alef with hamza above
        ("الهجـــرة", "الهجره"),  # tatweel stretching a word
        ("مستشفى", "مستشفي"),  # alef maqsura as ya
    ],
)
def test_prefixes_and_spellings_are_normalised(typed, indexed):
    assert normalised(typed) == indexed


def test_short_words_that_only_begin_like_a_prefix_stay_whole():
    assert normalised("والد") == "والد"  # father, not "and the d"
    assert normalised("والي") == "والي"  # governor


def test_other_scripts_are_left_alone():
    text = "Sécurité, торговля 贩运人口 — 10 vs. ٣"
    assert normalised(text) == text


def test_words_in_a_sentence_are_each_normalised():
    assert normalised("حماية المهاجرين واللاجئين") == "حمايه المهاجرين اللاجئين"
