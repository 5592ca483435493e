"""Misspelt statement words are read as the passages found spell them, and nothing else is."""

from __future__ import annotations

import pytest

from factcheck.checking.check import check
from factcheck.checking.spelling import respell, unknown_words, word_list
from factcheck.pipeline.ingest import ingest_paths

from .conftest import CLAIMS


@pytest.mark.parametrize("word,vocabulary,expected", [
    ("chna", {"china", "chinese"}, "china"),
    ("incidnets", {"incidents", "incident"}, "incidents"),
    ("thousnd", {"thousand", "those"}, "thousand"),
    ("prfoit", {"profit", "prefix"}, "profit"),  # swapped neighbours
    ("defunded", {"funded"}, None),  # another first letter: an affix, not a typo
    ("unfunded", {"underfunded"}, None),  # too much longer
    ("blinken", {"beijing", "delegation"}, None),  # a name nothing is spelt like
])
def test_respell(word, vocabulary, expected):
    assert respell(word, vocabulary) == expected


def test_a_misspelt_scale_word_is_not_a_different_figure(seeded):
    # Read as typed, 'One hundred thousnd' is the figure 100, which the seed's 100,000
    # would contradict: a spelling slip turned into the worst error the tool can make.
    result = check(seeded, "One hundred thousnd Americans die from fentanyl each year")
    assert result["respelled"] == [{"word": "thousnd", "as": "thousand"}]
    assert result["verdict"] == "supported", result
    assert result["statement"] == "One hundred thousnd Americans die from fentanyl each year"


def test_a_short_word_is_never_read_as_a_figure(store, tmp_path):
    # The passage says 'Ten' and the store has no 'Tenn': one letter apart, but reading
    # 'Tenn.' (Tennessee) as the figure 10 would invent a figure the statement never gave.
    (tmp_path / "a.txt").write_text("Ten firms in Nashville reported losses on Monday, the"
                                    " chamber of commerce said.\n", encoding="utf-8")
    ingest_paths(store, [str(tmp_path / "a.txt")])
    result = check(store, "Firms in Nashville, Tenn. reported losses on Monday")
    assert result["respelled"] == []
    assert result["evidence"], "the passage is found"


def test_names_keep_their_case_and_known_words_stay(seeded):
    result = check(seeded, "Chna submited 145 incidnets to the International Narcotics"
                           " Control Board")
    # 'submited' stems as 'submitted' does, so the corpus knows it: left as written.
    assert result["respelled"] == [{"word": "Chna", "as": "China"},
                                   {"word": "incidnets", "as": "incidents"}]
    assert result["verdict"] == "supported"


@pytest.mark.parametrize("statement", [
    "China submitted 145 incidents to the International Narcotics Control Board",
    "Nashville, Tenn. saw fentanyl deaths rise",  # never the figure 'ten'
    "Antony Blinken will lead the US delegation to Beijing",  # a name the sources lack
    "Fentanyl is a synthetic drug made in laboratories",
])
def test_nothing_is_respelled_without_a_misspelling(seeded, statement):
    assert check(seeded, statement)["respelled"] == []


def test_a_real_word_the_store_lacks_is_not_a_typo(seeded):
    # Two seed articles know few words: with the model's word list, 'diary' stays 'diary'
    # even beside a passage that says 'dairy'.
    assert unknown_words(seeded, "the diary of the overdoses") == ["diary"]
    assert unknown_words(seeded, "the diary of the overdoses", frozenset({"diary"})) == []


@pytest.mark.parametrize("statement,word", [
    ("The county reported 100,000 deaths from fentanyl", "county"),  # 'country' is stored
    ("Officials met over lunch in Beijing", "lunch"),  # 'launch'
])
def test_without_a_model_real_words_are_not_typos(seeded, statement, word):
    # Lexical only (no model, so no model word list): the shipped word list keeps a real
    # word the two seed articles lack from being read as a stored word one letter away.
    assert word in unknown_words(seeded, statement.lower())
    assert word in word_list() and len(word_list()) > 20_000
    assert check(seeded, statement)["respelled"] == []


def test_the_cli_and_the_review_page_say_what_was_read(runner, client):
    from io import BytesIO

    from factcheck.cli import cli

    assert runner.invoke(cli, ["ingest", str(CLAIMS)]).exit_code == 0
    out = runner.invoke(cli, ["check", "One hundred thousnd Americans die from fentanyl"
                                       " each year"]).output
    assert "SUPPORTED" in out and "read as: 'thousnd' as 'thousand'" in out
    draft = "One hundred thousnd Americans die from fentanyl each year.\n"
    page = client.post("/review", data={"file": (BytesIO(draft.encode()), "d.txt")},
                       content_type="multipart/form-data").get_data(as_text=True)
    assert "Read as: <q>thousnd</q> as <q>thousand</q>." in page
