"""Snippets of the database engine and of hits the node did not highlight: matches marked in
the original text, however its characters fold."""

from __future__ import annotations

import pytest

from search.snippets import make_snippet


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        ("Clean water for schools", "water", "Clean <mark>water</mark> for schools"),
        ("Watering and waters", "water", "<mark>Watering</mark> and <mark>waters</mark>"),
        # Only whole words that start like a query word: not the end of another word.
        ("Rooftop rainwater harvesting", "water", "Rooftop rainwater harvesting"),
        ("Nicaragua y su agua potable", "agua", "Nicaragua y su <mark>agua</mark> potable"),
        # The query's punctuation is not part of its words.
        ("Clean water for schools", '"water', "Clean <mark>water</mark> for schools"),
        ("Água potável nas escolas", "agua", "<mark>Água</mark> potável nas escolas"),
        ("AGUA & <b>saneamiento</b>", "saneamiento", "AGUA &amp; &lt;b&gt;<mark>saneamiento</mark>&lt;/b&gt;"),
        # "ﬁ" folds to two letters and a lone accent to none: the marks still fall on the
        # original characters, not shifted by the difference.
        ("Une ﬁlière de pêche durable", "peche", "Une ﬁlière de <mark>pêche</mark> durable"),
        ("La ﬁlière", "filiere", "La <mark>ﬁlière</mark>"),
        (
            "Cafe\u0301 \u0301 coopératives rurales",
            "cooperatives",
            "Cafe\u0301 \u0301 <mark>coopératives</mark> rurales",
        ),
        # A word ending in a combining accent is marked with its accent.
        ("Un cafe\u0301 rural", "cafe", "Un <mark>cafe\u0301</mark> rural"),
        (
            "Cafe\u0301s cooperativos",
            "cafes",
            "<mark>Cafe\u0301s</mark> cooperativos",
        ),
        ("nothing matches here", "zzzz", "nothing matches here"),
    ],
)
def test_the_words_of_the_query_are_marked_in_the_original_text(text, query, expected):
    """Each word is looked for by its first letters (all but the last two, at least four), at
    the start of a word, and the whole word is marked: "water" also marks "watering"."""
    assert make_snippet(text, query) == expected


def test_a_text_folds_the_same_after_an_uneven_character_was_first_met():
    """The table of folded characters is shared: a text seen after one with "ﬁ" is unchanged."""
    first = make_snippet("rural water points", "water")
    make_snippet("ﬁsheries and water", "water")
    assert make_snippet("rural water points", "water") == first == "rural <mark>water</mark> points"
