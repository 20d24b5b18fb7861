"""Names sort as their readers expect: without regard to case or accents."""

from hub.collation import sort_key


def test_accented_and_capital_letters_sort_with_their_plain_letters():
    names = ["Espagne", "Égypte", "états", "Afrique du Sud", "Eswatini", "Émirats arabes unis"]
    assert sorted(names, key=sort_key) == [
        "Afrique du Sud",
        "Égypte",
        "Émirats arabes unis",
        "Espagne",
        "Eswatini",
        "états",
    ]


def test_russian_yo_and_arabic_hamza_sort_with_the_plain_letter():
    assert sorted(["Ёж", "Ежевика", "Жук"], key=sort_key) == ["Ёж", "Ежевика", "Жук"]
    assert sorted(["باكستان", "أفغانستان", "اليمن"], key=sort_key) == [
        "أفغانستان",
        "اليمن",
        "باكستان",
    ]


def test_names_that_differ_only_in_accents_keep_a_stable_order():
    assert sorted(["Pérou", "Perou"], key=sort_key) == ["Perou", "Pérou"]
