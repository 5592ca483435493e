"""Checking statements against the seed corpus: verdicts, evidence spans, differences."""

from __future__ import annotations

import pytest

from factcheck.checking.check import Settings, check
from factcheck.checking.figures import numbers_agree
from factcheck.checking.judge import dates_agree
from factcheck.checking.rank import Candidate, calibrated
from factcheck.checking.similarity import content_words, relevance
from factcheck.text.normalize import normalize

SUPPORTED = [
    "It is estimated that 100,000 people a year die in the United States from fentanyl overdoses.",
    "One hundred thousand Americans die from fentanyl each year",  # number words, equivalents
    "100k people in the US die annually from fentanyl overdoses",  # 100k, US, annually
    "China filed 145 incidents with the INCB",  # acronym learned from the corpus
    "Chna submited 145 incidnets to the International Narcotics Control Board",  # typos
    "To the International Narcotics Control Board, China submitted 145 incidents",  # order
    "More than 100 incidents were submitted by China to the International Narcotics Control Board",
    "The meeting will be held on January 30-31",
    "Jen Daskal will lead the U.S. delegation to Beijing",
    "Biden and Xi met in Woodside, California on November 15",
    "The delegation included officials from the Department of Justice",
]
CONTRADICTED = [
    ("Around 300,000 Americans die every year from fentanyl", "number", "100,000"),
    ("China submitted 245 incidents to the International Narcotics Control Board", "number",
     "145"),
    ("The meeting will be held on February 3-4", "date", "January 30-31"),
    ("Biden and Xi met in Woodside, California on November 20", "date", "November 15"),
    ("The working group meeting lasts three days", "duration", "two-day"),
    ("Antony Blinken will lead the US delegation to Beijing", "entity", None),
    ("China did not submit incidents to the International Narcotics Control Board",
     "negation", "affirmed"),
]
# Known gaps, each answered with the safe verdict (unverified), never the opposite one:
# a short statement of one clause of a long seed sentence has too few of its words to be
# surely the same claim, so a changed fact there is not called false.
KNOWN_GAPS = {
    ("semantic", "Biden and Xi met in Woodside, California on November 20"),
    ("semantic", "The working group meeting lasts three days"),
    ("semantic", "Antony Blinken will lead the US delegation to Beijing"),
    ("lexical", "Biden and Xi met in Woodside, California on November 20"),
    ("lexical", "The working group meeting lasts three days"),  # 78.9, under 85 without a model
    ("lexical", "Antony Blinken will lead the US delegation to Beijing"),
}
UNVERIFIED = [
    "Inflation reached 9 percent last year",  # off-topic
    "Vote count: 1",  # page furniture
    "Rate this post",
    "The stock market fell sharply on Monday",
    "China banned fentanyl exports in 2023",  # on-topic, never stated
    "Fentanyl is a synthetic drug made in laboratories",
]


def assert_spans(db, result):
    assert result["evidence"], "a verdict with no passage behind it proves nothing"
    for item in result["evidence"]:
        text = db.execute("SELECT text FROM documents WHERE id = ?",
                              [item["document"]["id"]]).fetchone()[0]
        assert text[item["start"]:item["end"]] == item["quote"]
        match = item["match"]
        assert item["start"] <= match["start"] < match["end"] <= item["end"]
        assert text[match["start"]:match["end"]] == match["quote"]


@pytest.mark.parametrize("statement", SUPPORTED)
def test_supported(checker, statement):
    result = checker(statement)
    if (checker.mode, statement) in KNOWN_GAPS:
        assert result["verdict"] == "unverified", result
        return
    assert result["verdict"] == "supported", result
    assert result["evidence"][0]["relation"] in ("supports", "related")
    assert any(e["relation"] == "supports" and not e["differences"] for e in result["evidence"])
    assert_spans(checker.db, result)


@pytest.mark.parametrize("statement,kind,evidence", CONTRADICTED)
def test_contradicted(checker, statement, kind, evidence):
    result = checker(statement)
    if (checker.mode, statement) in KNOWN_GAPS:
        assert result["verdict"] == "unverified", result
        return
    assert result["verdict"] == "contradicted", result
    top = next(e for e in result["evidence"] if e["relation"] == "contradicts")
    diffs = [d for d in top["differences"] if d["kind"] == kind]
    assert diffs, top["differences"]
    if evidence:
        assert diffs[0]["evidence"] == evidence
    assert_spans(checker.db, result)


@pytest.mark.parametrize("statement", UNVERIFIED)
def test_unverified(checker, statement):
    result = checker(statement)
    assert result["verdict"] == "unverified", result
    assert all(e["relation"] == "related" for e in result["evidence"])
    if "fentanyl" in statement.lower():  # on the seeds' topic: what was found is shown
        assert result["evidence"], result
        assert_spans(checker.db, result)


def test_fentanyl_contradiction_cites_seed_000(checker):
    result = checker("Around 300,000 Americans die every year from fentanyl")
    top = result["evidence"][0]
    assert top["quote"] == ("It is estimated that 100,000 people a year die in the United States"
                            " from fentanyl overdoses.")
    assert top["differences"] == [{"kind": "number", "statement": "300,000",
                                   "evidence": "100,000"}]
    assert top["document"]["published"] == "2024-01-29"


def test_evidence_carries_corroboration(checker):
    result = checker("Jen Daskal will lead the U.S. delegation to Beijing")
    top = next(e for e in result["evidence"] if e["relation"] == "supports")
    assert any("Jennifer Daskal" in c["quote"] for c in top["corroboration"])


def test_limit_is_respected(checker):
    assert len(checker("fentanyl United States China delegation", limit=2)["evidence"]) <= 2


@pytest.mark.parametrize("s,s_how,c,c_how,agree", [
    (100, "above", 145, None, True),
    (200, "above", 145, None, False),
    (200000, None, 100000, None, False),
    (100000, None, 100000, None, True),
    (300000, "about", 100000, None, False),
    (100, "about", 95, None, True),
    (145, None, 100, "above", True),
    (50, "below", 49, None, True),
    # Two bounds agree only as the same bound.
    (157, "above", 50, "above", False),
    (69007, "at_most", 23000, "at_most", False),
    (100, "above", 200, "below", False),
    (100, "at_least", 100, "above", True),
    (100, "at_most", 100, "above", False),
])
def test_numbers_agree_with_hedges(s, s_how, c, c_how, agree):
    assert numbers_agree(s, s_how, c, c_how) is agree


@pytest.mark.parametrize("s,s_text,s_how,c,c_text,c_how,agree", [
    # "About" a figure admits what rounds to it as written, at its scale.
    (3, "3%", "about", 2.6, "2.6%", None, True),
    (2, "2%", "about", 1.7, "1.7%", None, True),
    (3e6, "3 million", "about", 2.6e6, "2.6 million", None, True),
    (2.6, "2.6%", None, 3, "3%", "about", True),
    (4e6, "4 million", "about", 3e6, "3 million", None, False),
    (2.6, "2.6%", "about", 3, "3%", None, False),  # written to a tenth: 2.55 to 2.65
    (3, "3%", None, 2.6, "2.6%", None, False),  # no hedge, no rounding
    (100000, "100,000", "about", 75000, "75,000", None, False),
    # A fraction is written to its own step: 'about 1-1/2' is 1.25 to 1.75, not 0.75 to
    # 2.25 as its whole part alone would have it.
    (1.5, "1-1/2 pct", "about", 1.7, "1.7 pct", None, True),
    (1.5, "1-1/2 pct", "about", 2, "2 pct", None, False),
    (1.5, "1\u00bd%", "about", 1.0, "1.0%", None, False),
    (2.25e9, "2-1/4 billion", "about", 2.2e9, "2.2 billion", None, True),
])
def test_an_approximate_figure_admits_what_rounds_to_it(s, s_text, s_how, c, c_text, c_how,
                                                        agree):
    assert numbers_agree(s, s_how, c, c_how, s_text=s_text, c_text=c_text) is agree


@pytest.mark.parametrize("s,s_text,c,c_text,agree", [
    # Reuters: 'M-1 was revised to 736.6 billion' agreed with '734.6 billion', 0.3% apart:
    # two figures written to a tenth differ unless one rounds to the other.
    (736.6e9, "736.6 billion dlrs", 734.6e9, "734.6 billion dlrs", False),
    (1234, "1,234", 1236, "1,236", False),
    (1.131e9, "1,131 mln", 1.13e9, "$1.13bn", True),  # '1.13bn' may be 1,131 mln rounded
    (3.5e6, "3.5 mln", 3.512e6, "3,512,000", True),
    (100000, "100,000", 100400, "100,400", True),  # a round figure gives no precision
    (100000, "100,000", 101000, "101,000", False),  # beyond EXACT_TOLERANCE as before
])
def test_an_exact_figure_admits_only_its_rounding(s, s_text, c, c_text, agree):
    assert numbers_agree(s, None, c, None, s_text=s_text, c_text=c_text) is agree


@pytest.mark.parametrize("s,c,agree", [
    ("2023-11-15", "2023-11-15", True),
    ("--11-15", "2023-11-15", True),
    ("--11-20", "2023-11-15", False),
    ("2024-01-30", "2024-01-30/2024-01-31", True),
    ("2024-02-03/2024-02-04", "2024-01-30/2024-01-31", False),
    ("--11-20", "2023-11", None),  # the claim gives only the month: cannot tell
    ("2023", "2023-11-15", True),
])
def test_dates_agree(s, c, agree):
    assert dates_agree(s, c) is agree


def test_scores_are_calibrated():
    claim = normalize("It is estimated that 100,000 people a year die in the United States"
                      " from fentanyl overdoses.")
    same = relevance(content_words(claim), claim, None)
    paraphrase = relevance(content_words(normalize(
        "Each year 100,000 Americans die of fentanyl overdoses")), claim, None)
    topic = relevance(content_words(normalize(
        "Fentanyl trafficking networks use precursor chemicals from abroad")), claim, None)
    assert same == 100.0
    assert paraphrase >= 70
    assert topic < 40
    # A one-word claim cannot match everything, as token_set_ratio would let it.
    assert relevance(content_words(normalize("fentanyl kills")), normalize("The"), None) == 0


def test_two_topic_words_and_a_bare_number_contradict_nothing(store, tmp_path):
    from factcheck.pipeline.ingest import ingest_paths

    article = tmp_path / "count.txt"
    article.write_text("Vote counting resumed\n\nOfficials said the vote count reached 5,000"
                       " ballots in the northern district on Monday.\n", encoding="utf-8")
    ingest_paths(store, [str(article)])
    result = check(store, "Vote count: 1")
    assert result["verdict"] == "unverified"


def test_verdict_does_not_depend_on_limit(checker):
    for statement in ("Around 300,000 Americans die every year from fentanyl",
                      "China submitted 245 incidents to the International Narcotics Control"
                      " Board"):
        results = [checker(statement, limit=n) for n in (1, 2, 5)]
        assert len({r["verdict"] for r in results}) == 1
        for result in results:
            assert any(e["relation"] != "related" for e in result["evidence"])


def test_without_a_model_a_contradiction_needs_its_own_threshold(checker):
    """Word coverage is the only closeness without a model, so a lexical check has its own,
    stricter contradict threshold; the semantic check keeps THRESHOLD_CONTRADICT."""
    statement = "The working group meeting lasts three days"  # lexical score 78.9
    loose = Settings(contradict_lexical=75.0)
    strict = Settings(contradict=75.0, contradict_lexical=100.0)
    if checker.mode == "lexical":
        assert checker(statement)["verdict"] == "unverified"
        assert check(checker.db, statement, settings=loose)["verdict"] == "contradicted"
        assert check(checker.db, statement, settings=strict)["verdict"] == "unverified"
    else:
        figure = "China submitted 245 incidents to the International Narcotics Control Board"
        result = check(checker.db, figure, settings=strict, dense=checker.dense)
        assert result["verdict"] == "contradicted", result


def test_a_clause_of_a_long_passage_is_scored_lexically_too():
    """A passage with many more words than the statement dilutes the cosine (the seed's
    Woodside sentence: 0.36 to the statement of one of its clauses); its score is then the
    better of the two estimates, and says which it is."""
    cand = Candidate(1, bm25=-10.1, cosine=0.36, bm25_norm=1.0, cosine_norm=0.6,
                     fused=0.68, coverage=67.4)
    semantic = calibrated(cand, True)
    assert not cand.lexical and semantic < 50
    diluted = calibrated(cand, True, diluted=True)
    assert cand.lexical and diluted == calibrated(cand, False) > 70
    near = Candidate(2, bm25=-10.1, cosine=0.9, bm25_norm=1.0, cosine_norm=1.0, fused=1.0,
                     coverage=67.4)
    best = calibrated(near, True, diluted=True)
    assert not near.lexical and best > calibrated(near, False)  # the cosine wins


def test_a_score_read_lexically_needs_the_lexical_threshold_to_contradict(checker):
    """Word coverage alone is what such a score rests on, so calling the statement false
    takes THRESHOLD_CONTRADICT_LEXICAL, with the model as without it."""
    statement = "Biden and Xi met in Woodside, California on November 20"  # 80.5 either way
    assert checker(statement)["verdict"] == "unverified"
    loose = check(checker.db, statement, settings=Settings(contradict_lexical=75.0),
                  dense=checker.dense)
    assert loose["verdict"] == "contradicted", loose
    assert [d["kind"] for d in loose["evidence"][0]["differences"]] == ["date"]


def test_pounds_sign_and_the_word_pounds_are_one_currency(checker, tmp_path):
    from factcheck.pipeline.ingest import ingest_paths

    article = tmp_path / "wages.txt"
    article.write_text("Wages survey\n\nWorkers in the region earn 50 pounds a week more than"
                       " last year on average, the survey found.\n", encoding="utf-8")
    ingest_paths(checker.db, [str(article)])
    result = checker("Workers in the region earn \u00a350 a week more than last year")
    assert result["verdict"] == "supported", result


def _add_article(checker, folder, name: str, text: str) -> None:
    """One more article in the checker's store, embedded when the checker has a model."""
    from factcheck.pipeline.ingest import ingest_paths

    (folder / name).write_text(text, encoding="utf-8")
    assert ingest_paths(checker.db, [str(folder / name)], semantic=checker.spec).added == 1


_HAMM = ("Hamm, 32, who officially retired after this year's Athens Olympics, took to the"
         " field for the last time to help the US claim a 5-0 win over Mexico.")
# Rewrites of a passage that keep what it says, and a change of one of its facts: each
# rewrite was an invented contradiction before a rule fixed it (bench/variants.py).
REWRITES = {
    # "12-13 march" was read as two bare figures against the passage's date ('13' vs '12').
    "lower-case day-first dates": (
        "Cup draw", "The quarter-final ties will be played on the weekend of 12-13 March, the"
        " football association said.",
        "the quarter-final ties will be played on the weekend of 12-13 march", "supported",
        "The quarter-final ties will be played on the weekend of 19-20 March", "date"),
    # A "not" of the passage's further clause is not the statement's to differ on.
    "a further clause's not": (
        "Retail outlook", "US retail spending is expected to rise in 2005, but not as quickly"
        " as in 2004, analysts said.",
        "US retail spending is expected to rise in 2005", "supported",
        "US retail spending is not expected to rise in 2005", "negation"),
    # In Title Case "1.1 Million" is a figure ('Million' differed from '1.1 million').
    "a headline's figures": (
        "Box office", "Its two-day takings represented 1.1 million cinema admissions, Screen"
        " Daily said.",
        "Its Two-Day Takings Represented 1.1 Million Cinema Admissions, Screen Daily Said.",
        "supported",
        "Its Two-Day Takings Represented 2.1 Million Cinema Admissions, Screen Daily Said.",
        "number"),
    # Runs of capitals are no names to differ on ('Took To The Field ... The Us' vs 'US').
    "a headline's guessed names": (
        "Hamm bows out", _HAMM, "Hamm, 32, Who Officially Retired After This Year's Athens"
        " Olympics, Took To The Field For The Last Time To Help The Us Claim A 5-0 Win Over"
        " Mexico.", "not contradicted", None, None),
    # A name sharing a word with the passage's may be its other form; another is a swap.
    "a name sharing a word": (
        "Hamm bows out", _HAMM, _HAMM.replace("Athens Olympics", "Athens Games"),
        "not contradicted", _HAMM.replace("the US", "Canada"), "entity"),
    # Sharing only "United" says nothing: the United States is not the United Kingdom.
    "a country swapped": (
        "Economy", "The UK economy grew by 3.1% in 2004, the fastest rate in four years.",
        "The British economy grew by 3.1% in 2004, the fastest rate in four years.",
        "supported",
        "The US economy grew by 3.1% in 2004, the fastest rate in four years.", "entity"),
    # Both say "not" in a further clause the rewrite words otherwise ('Britain' for 'UK').
    "a further clause in other words": (
        "Music prize", "The artists could be from any country and any musical genre, but must"
        " not have had a UK top 20 single before.",
        "The artists could be from any country and any musical genre, but must not have had a"
        " Britain top 20 single before.", "supported", None, None),
    "Britain and the UK": (
        "Housing", "Recent evidence has suggested that the UK housing market is slowing after"
        " interest rate increases.",
        "Recent evidence has suggested that the Britain housing market is slowing after"
        " interest rate increases.", "supported", None, None),
    "about a rounded figure": (
        "Car sales", "BMW sold nearly 95,000 cars in Asia last year, up 2.6% on 2003.",
        "BMW sold nearly 95,000 cars in Asia last year, up about 3% on 2003", "supported",
        "BMW sold nearly 95,000 cars in Asia last year, up about 5% on 2003", "number"),
}


@pytest.mark.parametrize("case", REWRITES)
def test_a_rewrite_keeps_its_verdict_and_a_changed_fact_still_differs(checker, tmp_path, case):
    title, passage, rewrite, verdict, changed, kind = REWRITES[case]
    _add_article(checker, tmp_path, "a.txt", f"{title}\n\n{passage}\n")
    result = checker(rewrite)
    if verdict == "not contradicted":
        assert result["verdict"] != "contradicted", result
    else:
        assert result["verdict"] == verdict, result
    if changed:
        result = checker(changed)
        assert result["verdict"] == "contradicted", result
        assert kind in [d["kind"] for d in result["evidence"][0]["differences"]], result


@pytest.mark.parametrize("statement,differs", [
    ("Jones won the final at Wembley on Sunday", True),  # prose: 'Jones' is a name
    ("Jones Won The Final At Wembley On Sunday", False),  # Title Case: 'Jones Won' a guess
    ("JONES WON THE FINAL AT WEMBLEY ON SUNDAY", False),
])
def test_names_in_a_headline_cased_statement_are_guesses(statement, differs):
    from factcheck.checking.actors import compare_entities
    from factcheck.checking.judge import Comparison
    from factcheck.extract.facts import extract_facts

    passage = "Brown won the final at Wembley on Sunday"
    entities = [{**f.as_dict(), "norm": normalize(f.text)} for f in extract_facts(statement)
                if f.kind in ("entity", "acronym")]
    result = Comparison()
    compare_entities(result, entities, normalize(passage),
                     c_facts=[f.as_dict() for f in extract_facts(passage)],
                     statement_norm=normalize(statement))
    assert bool(result.differences) is differs, result


def test_a_quoted_sentence_with_a_learned_acronym_covers_its_passage(store, tmp_path):
    # One story teaches CTS = Computer Terminal Systems; another writes only 'CTS'. The
    # statement's normal form spells the acronym out, so the passage must be spelt out
    # the same way before its words are counted, or quoting it exactly covers part of it.
    (tmp_path / "a.txt").write_text(
        "Terminal maker\n\nComputer Terminal Systems Inc makes terminals for banks in"
        " Ohio, the company said on Monday.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "CTS board\n\nCTS directors will recommend that shareholders approve a payment of"
        " 2.2 million dollars to the founders, the board said.\n", encoding="utf-8")
    from factcheck.pipeline.ingest import ingest_paths

    ingest_paths(store, [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert store.execute("SELECT expansion FROM acronyms WHERE acronym = 'CTS'").fetchone()
    statement = ("CTS directors will recommend that shareholders approve a payment of 2.2"
                 " million dollars to the founders, the board said.")
    result = check(store, statement)
    top = result["evidence"][0]
    assert top["quote"] == statement
    assert top["signals"]["coverage"] == 100.0
    assert result["verdict"] == "supported"


@pytest.mark.parametrize("statement", [
    # Two true seed sentences pasted together: the figure or the 'not' of one is not the
    # other's passage's to contradict (issue 10: "two true sentences pasted together").
    "China submitted 145 incidents to the International Narcotics Control Board Global"
    " Database. The two-day meeting of the working group will be held on January 30-31.",
    "The two-day meeting of the working group will be held on January 30-31 and China"
    " submitted 145 incidents to the International Narcotics Control Board Global Database.",
    "Officials did not give details. The two-day meeting of the working group will be held"
    " on January 30-31, the White House said.",
    # A "not" in the statement's own further clause, of which the passage says nothing.
    "China submitted 145 incidents to the International Narcotics Control Board, but not 200",
    "China submitted 145 incidents to the International Narcotics Control Board, and did not"
    " give details",
])
def test_two_true_sentences_pasted_together_are_not_contradicted(checker, statement):
    result = checker(statement)
    assert result["verdict"] != "contradicted", result


def test_a_figure_the_passage_speaks_to_still_differs_inside_a_longer_statement(checker):
    # The stretch the passage speaks to keeps its facts: a changed figure there is still a
    # contradiction when the statement adds a clause of its own.
    result = checker("China submitted 245 incidents to the International Narcotics Control"
                     " Board Global Database, officials in Washington and Beijing confirmed"
                     " on Tuesday.")
    assert result["verdict"] == "contradicted", result


@pytest.mark.parametrize("statement,passage,before,after", [
    ("Spending will rise in 2005.", "Spending will rise in 2005, but not as quickly as in 2004.",
     "", ", but not as quickly as in 2004."),
    # The further clause names what the statement says: it is the statement's to differ on.
    ("Profits will rise this year", "Profits will rise, but not this year.", "", ""),
    ("Smith won the race", "It is not true that Smith won the race", "", ""),
    ("Smith won the race, officials said.", "Smith won the race", None, None),
    # A clause before the one it speaks to, the same both ways.
    ("Dealers estimate that 80 pct of new issues involve swaps.", "While no firm figures exist,"
     " dealers estimate that 80 pct of new issues involve swaps.", "While no firm figures exist, ",
     ""),
    ("Smith won the race in Leeds", "In Leeds, Smith won the race by a length", "", ""),
])
def test_spoken_is_the_passages_clauses_the_statement_speaks_to(statement, passage, before,
                                                                after):
    from factcheck.checking.similarity import spoken

    found = spoken(statement, passage)
    if before is None:
        assert found is None
    else:
        assert (passage[:found[0]], passage[found[1]:]) == (before, after)


def test_a_not_in_a_clause_before_the_one_spoken_to_leaves_the_passage_unsure():
    from factcheck.checking.judge import Comparison, compare_negation

    result = Comparison()
    compare_negation(result, "Dealers estimate that 80 pct of new issues involve swaps.",
                     "While no firm figures exist, dealers estimate that 80 pct of new issues"
                     " involve swaps.")
    assert not result.differences and result.unconfirmed[0]["kind"] == "negation"
    result = Comparison()  # inside the clause spoken to, a 'not' still differs
    compare_negation(result, "Dealers estimate that 80 pct of new issues involve swaps.",
                     "Officials said, dealers do not estimate that 80 pct of new issues"
                     " involve swaps.")
    assert result.differences[0]["kind"] == "negation"


def test_a_fraction_is_one_item_of_a_text():
    from factcheck.checking.similarity import stems

    assert stems("Prime rose to 7-1/2 pct, then 7 3/4") == {"prime", "rose", "to", "7-1/2",
                                                            "pct", "then", "7 3/4"}
    assert stems("6,000 of 2.5 and 9/11") == {"6,000", "of", "2.5", "and", "9", "11"}


def test_scope_is_the_stretch_a_passage_speaks_to():
    from factcheck.checking.similarity import scope

    passage = "China submitted 145 incidents to the INCB."
    assert scope(passage, passage) is None
    assert scope("It is not true that " + passage, passage) is None  # says nothing more
    pasted = "Gasoline demand rose 2.4 pct last year. " + passage
    start, end = scope(pasted, passage)
    assert pasted[start:end] == passage


def test_a_figure_of_the_other_pasted_sentence_is_not_a_difference(checker, tmp_path):
    # BBC: "two other clubs" in the passage, "the only one" in the sentence pasted after.
    from factcheck.pipeline.ingest import ingest_paths

    article = tmp_path / "rugby.txt"
    article.write_text("Tindall offer\n\nDipo Alli says he has received an offer for Tindall"
                       " which dwarfs Bath's deal and that two other clubs want to talk.\n",
                       encoding="utf-8")
    ingest_paths(checker.db, [str(article)])
    result = checker("Dipo Alli says he has received an offer for Tindall which dwarfs Bath's"
                     " deal and that two other clubs want to talk. MSN is the only one that"
                     " stands in the way of Yahoo's domination, predicted Mr Weiner.")
    assert result["verdict"] != "contradicted", result
    top = result["evidence"][0]
    assert top["quote"].startswith("Dipo Alli")
    # Half the statement is the passage's; the other half's figure is left unconfirmed, so
    # the passage neither contradicts nor supports the whole.
    assert top["relation"] == "related", top


def _compared(statement: str, passage: str):
    """The judge's comparison of a statement with a passage, both read as the check does."""
    from factcheck.checking.judge import compare_texts

    return compare_texts(statement, passage)


def _agrees_and_differs(statement: str, passage: str, agrees: bool, differs: bool) -> None:
    """Whether the comparison finds a fact borne out, and one differing, as expected."""
    result = _compared(statement, passage)
    assert bool(result.agreements) is agrees, result
    assert bool(result.differences) is differs, result


def test_a_negation_outside_the_passage_is_shown_unconfirmed_not_as_a_difference():
    statement = ("Officials did not comment on the talks. China submitted 245 incidents to"
                 " the International Narcotics Control Board.")
    passage = "China submitted 145 incidents to the International Narcotics Control Board."
    result = _compared(statement, passage)
    assert [d["kind"] for d in result.differences] == ["number"]  # 245 against 145
    assert {"kind": "negation", "statement": "not"} in result.unconfirmed


def test_a_bound_the_passage_does_not_give_is_unconfirmed_not_supported():
    # 'up to 69,007 feet' agreed with 'up to 23,000 feet': any two bounds agreed.
    result = _compared("The unit now transmits data up to 69,007 feet.",
                       "The unit now transmits data up to 23,000 feet.")
    assert result.agreements == [] and result.differences == []
    assert [u["statement"] for u in result.unconfirmed] == ["69,007"]


def test_a_figure_the_statement_gives_twice_over_cannot_vouch_for_both():
    # '1,500,007' agreed (within rounding) with the '1.5 mln' the statement also gives.
    result = _compared("Coverage falls to 1,500,007 dlrs and a new line of 1.5 mln dlrs opens.",
                       "Coverage falls to 500,000 dlrs and a new line of 1.5 mln dlrs opens.")
    assert [a["statement"] for a in result.agreements] == ["1.5 mln dlrs"]
    assert [(d["statement"], d["evidence"]) for d in result.differences] == [
        ("1,500,007 dlrs", "500,000 dlrs")]


def test_a_figure_the_statement_gives_more_often_than_the_passage_needs_its_own_role():
    # '40 books ... in 40 countries' was supported: the passage's one 40 (countries)
    # vouched for both, and the changed 40 books never met the 11 books.
    passage = ("He went on to produce 11 best-selling books, which were published into 38"
               " languages in 40 countries.")
    result = _compared(passage.replace("11", "40"), passage)
    assert [(d["statement"], d["evidence"]) for d in result.differences] == [("40", "11")]
    assert _compared(passage, passage).differences == []


def test_a_figure_of_a_list_sharing_its_unit_agrees_and_another_differs():
    # '1,000 dlrs' was held to the list's one figure written with 'dlrs', 10,000.
    passage = "The issue is available in denominations of 1,000 and 10,000 dlrs."
    result = _compared("The issue is available in denominations of 1,000 dlrs.", passage)
    assert result.differences == []
    assert [a["statement"] for a in result.agreements] == ["1,000 dlrs"]
    changed = _compared("The issue is available in denominations of 5,000 dlrs.", passage)
    assert [d["statement"] for d in changed.differences] == ["5,000 dlrs"]


@pytest.mark.parametrize("statement,passage", [
    ("Cuts to say 14 or 15,000,000,000 marks are likely.",
     "Cuts to say 14 or 15 billion marks are likely."),
    ("The virus affects 130-180,000,000 people worldwide.",
     "The virus affects 130-180 million people worldwide."),
])
def test_a_figure_read_with_a_lists_scale_also_agrees_as_written(statement, passage):
    # The passage's 14 took the list's billion; the statement, writing the last figure out,
    # leaves 14 bare. Either reading agreeing is agreement, not 14 against 14 billion.
    result = _compared(statement, passage)
    assert result.differences == [] and len(result.agreements) == 2
    changed = _compared(statement.replace("14 or", "12 or").replace("130-", "110-"), passage)
    assert [d["kind"] for d in changed.differences] == ["number"]


def test_a_rate_written_as_a_fraction_agrees_with_its_decimal_and_differs_from_another():
    # '7-1/2 Pct' was read as the figures 7, 1 and 2 pct: a statement giving the rate as
    # 7.5 pct was held to 2 pct.
    passage = "Bankers Trust raises its prime rate to 7-1/2 pct from 7-1/4 pct."
    result = _compared("Bankers Trust raised its prime rate to 7.5 pct.", passage)
    assert result.differences == [] and [a["statement"] for a in result.agreements] == [
        "7.5 pct"]
    changed = _compared("Bankers Trust raised its prime rate to 8-1/2 pct.", passage)
    assert [d["statement"] for d in changed.differences] == ["8-1/2 pct"]


def test_a_code_written_with_and_without_its_hyphen_is_one_name():
    # 'A-769662' was read as the figure 769662, which the passage (A769662) lacks.
    result = _compared("C2 works synergistically with A-769662 to activate AMPK.",
                       "C2 acts synergistically with the drug A769662 to activate AMPK.")
    assert (result.differences, result.unconfirmed) == ([], [])


def test_another_code_is_another_name():
    # 'F-35' counted as no name at all (no lower-case word in it), so it went unchecked.
    result = _compared("The F-35 jets flew 20 missions over the border.",
                       "The F-16 jets flew 20 missions over the border.")
    assert [(d["kind"], d["statement"], d["evidence"]) for d in result.differences] == [
        ("entity", "F-35", "F-16")]


@pytest.mark.parametrize("passage,verdict", [
    # The passage's period is its own 'last year': a figure the judge cannot place
    # against the statement's 1986 (it contradicted).
    ("Last year Italy was one of the fastest growing economies of the OECD, with gross"
     " domestic product growth at 2.7 pct.", "unverified"),
    ("In 1986 Italy was one of the fastest growing economies of the OECD, with gross"
     " domestic product growth at 2.7 pct.", "contradicted"),
])
def test_a_figure_of_a_period_the_passage_does_not_date_does_not_contradict(
        checker, tmp_path, passage, verdict):
    _add_article(checker, tmp_path, "italy.txt", f"Italy grows\n\n{passage}\n")
    statement = ("In 1986 Italy was one of the fastest growing economies of the OECD, with"
                 " gross domestic product growth at 3.5 pct.")
    assert checker(statement)["verdict"] == verdict


@pytest.mark.parametrize("statement,verdict", [
    ("Sales of the chain rose 5% in March, the company said.", "supported"),
    ("Sales of the chain increased 5% in March, the company said.", "supported"),
    # Every figure agrees, so only the direction tells them apart: it was 'supported'.
    ("Sales of the chain fell 5% in March, the company said.", "contradicted"),
])
def test_a_reversed_direction_of_change_contradicts(checker, tmp_path, statement, verdict):
    from factcheck.pipeline.ingest import ingest_paths

    article = tmp_path / "sales.txt"
    article.write_text("Chain sales\n\nSales of the chain rose 5% in March, the company"
                       " said.\n", encoding="utf-8")
    ingest_paths(checker.db, [str(article)])
    if checker.dense is not None:
        from factcheck.pipeline.embed import embed_pending

        embed_pending(checker.db, checker.dense.encoder)
    result = checker(statement)
    assert result["verdict"] == verdict, result
    if verdict == "contradicted":
        top = next(e for e in result["evidence"] if e["relation"] == "contradicts")
        assert {"kind": "direction", "statement": "fell", "evidence": "rose"} in \
            top["differences"]


def test_directions_read_verbs_of_change_not_every_up_or_down():
    from factcheck.checking.direction import reversed_change

    assert reversed_change("Profits fell 3%", "Profits rose 3%") == ("fell", "rose")
    assert reversed_change("Profits rose 3%", "Sales rose 3% while costs fell") is None
    assert reversed_change("The plant was shut down", "The plant was set up") is None
    assert reversed_change("Shares were down 4%", "Shares were up 4%") == ("down", "up")
    # One change of a pair, seen from its other side, is no reversal.
    assert reversed_change("The dollar fell to $1.93 against the pound",
                           "The pound rose to $1.93") is None
    assert reversed_change("The euro rose against the dollar", "The dollar fell") is None
    assert reversed_change("The dollar fell against the pound",
                           "The dollar rose against the pound") == ("fell", "rose")


@pytest.mark.parametrize("statement,passage,differs", [
    # A figure rounded or cut short at the last digit it writes is a writer's coarser
    # figure, not denied: '$1.4bn' against '$1.37bn' and 'a record $1.36' differed.
    ("Sales were $1.4bn.", "Sales were $1.37bn.", False),
    ("The firm has 2.4 million customers.", "The firm has 2.36 million customers.", False),
    ("The euro hit a record $1.36.", "The euro rose to an all-time high of $1.3666.", False),
    ("Sales were $1.3bn.", "Sales were $1.37bn.", False),
    ("Sales were $14bn.", "Sales were $13.7bn.", False),
    # Neither the cut nor the rounding, another scale, or the finer figure: a difference.
    ("The euro hit a record $1.35.", "The euro rose to an all-time high of $1.3666.", True),
    ("Sales were $1.5bn.", "Sales were $1.37bn.", True),
    ("Sales were $1.3m.", "Sales were $1.37bn.", True),
    ("Sales were $15bn.", "Sales were $13.7bn.", True),
    ("Sales were $1.47bn.", "Sales were $1.3bn.", True),
])
def test_a_figure_rounded_at_its_last_written_digit_is_not_denied(statement, passage,
                                                                   differs):
    result = _compared(statement, passage)
    assert any(d["kind"] == "number" for d in result.differences) is differs, result


@pytest.mark.parametrize("statement,passage,differs", [
    # A 'not' denies what follows it; where the other side says none of it, in any form,
    # the two may be one outcome in other words: 'The talks broke down' was contradicted.
    ("The talks broke down, officials said.", "The talks did not reach a deal, officials"
     " said.", False),
    ("The merger is off, sources said.", "The merger will not happen, sources said.", False),
    ("The plan was dropped.", "The plan will not go ahead.", False),
    ("The bank raised rates.", "The bank did not raise rates.", True),
    # Where it does say it, the denial differs, a past form in its irregular form too.
    ("The talks reached a deal, officials said.", "The talks did not reach a deal,"
     " officials said.", True),
    ("He won the race.", "He did not win the race.", True),
    ("Smith paid the fine.", "Smith did not pay the fine.", True),
    ("The plan will not go ahead.", "The plan will go ahead.", True),
    ("It is not true that in 1982 Mr Raskin left Apple.", "In 1982 Mr Raskin left Apple.",
     True),  # the denial is of the clause after 'true that'
])
def test_a_denial_of_what_the_other_side_never_says_is_no_difference(statement, passage,
                                                                     differs):
    result = _compared(statement, passage)
    assert any(d["kind"] == "negation" for d in result.differences) is differs, result


@pytest.mark.parametrize("statement,passage,differs", [
    # Where the statement's denial is unsure, a figure it denies may be the very one the
    # passage differs on ('did not make a profit of $5m' beside 'made a loss of $3m').
    ("The talks did not end with a 3% deal.", "The talks broke down over a 4% offer.",
     False),
    ("The firm did not make a profit of $5m.", "The firm made a loss of $3m.", False),
    # A denial that differs, or none, leaves the figures as they are.
    ("The firm did not cut 300 jobs.", "The firm cut 500 jobs.", True),
    ("The firm cut 300 jobs.", "The firm cut 500 jobs.", True),
])
def test_a_figure_under_an_unsure_denial_is_not_denied(statement, passage, differs):
    result = _compared(statement, passage)
    assert any(d["kind"] == "number" for d in result.differences) is differs, result


def test_a_name_the_passage_never_gives_is_not_confirmed_by_it():
    # 'Justice Department spending ...' was supported by 'Consumer spending ...' (BBC): the
    # passage names no one else, so no actor was swapped, but it never says who spent.
    statement = "Spending by Acme Holdings accounts for two thirds of activity in Ohio."
    passage = "Spending by households accounts for two thirds of activity in Ohio."
    result = _compared(statement, passage)
    assert result.differences == []
    assert {"kind": "entity", "statement": "Acme Holdings"} in result.unconfirmed


def _ingest_texts(store, folder, texts: dict[str, str]) -> None:
    from factcheck.pipeline.ingest import ingest_paths

    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    ingest_paths(store, [str(folder / name) for name in texts])


_LOWER_CASE_USES = {  # articles that write 'exposure' and 'participants' inside sentences
    "noise.txt": "Hearing loss\n\nWorkers with long exposure to noise lost hearing, and"
                 " participants in the trial were tested twice.\n",
    "lead.txt": "Lead survey\n\nThe survey measured exposure to lead in children; most"
                " participants lived in old houses.\n",
}


def test_an_opening_word_the_store_writes_in_lower_case_is_no_name(store, tmp_path):
    # SciFact: 'The M2-phenotype ... increases' was contradicted by 'Exposure to cold ...',
    # 'Exposure' read as another actor because it opens its sentence.
    _ingest_texts(store, tmp_path, {"fat.txt": (
        "Brown fat\n\nExposure to cold rapidly promoted activation of adipose tissue"
        " macrophages, which induce thermogenic gene expression in brown fat.\n")})
    statement = ("The M2-phenotype rapidly promoted activation of adipose tissue macrophages,"
                 " which induce thermogenic gene expression in brown fat.")
    # A store that never writes the word inside a sentence cannot tell: a name, as before.
    before = check(store, statement)
    assert before["verdict"] == "contradicted", before
    assert {"kind": "entity", "statement": "M2-phenotype", "evidence": "Exposure"} in \
        before["evidence"][0]["differences"]
    _ingest_texts(store, tmp_path, _LOWER_CASE_USES)
    after = check(store, statement)
    assert after["verdict"] != "contradicted", after
    assert after["evidence"][0]["differences"] == [], after


def test_a_statement_opening_on_a_common_word_is_not_held_to_it_as_a_name(store, tmp_path):
    # 'Participants who quit smoking reduce lung cancer risk by approximately 50%': the
    # passage never says 'participants', and a name it lacks left the statement unverified.
    _ingest_texts(store, tmp_path, {**_LOWER_CASE_USES, "smoke.txt": (
        "Smoking\n\nAmong heavy smokers, those who quit cut their risk of lung cancer by"
        " about 50% within ten years.\n")})
    result = check(store, "Participants who quit cut their risk of lung cancer by about 50%"
                          " within ten years.")
    top = result["evidence"][0]
    assert top["relation"] == "supports", result
    assert not any(u["kind"] == "entity" for u in top["unconfirmed"]), result
    # A name is still held to: the passage does not say who.
    named = check(store, "Pfizer smokers who quit cut their risk of lung cancer by about 50%"
                         " within ten years.")
    assert named["verdict"] == "unverified", named
    assert not [e for e in named["evidence"] if e["relation"] == "supports"], named


def test_an_abbreviation_defined_in_brackets_is_its_long_form_not_another_name():
    # SciFact: 'vitamin B6 (VB6)' made 'VB6' an actor the passage lacked, swapped with the
    # 'Robinson' who reported the finding.
    result = _compared("A diet rich in vitamin B6 (VB6) reduces levels of homocysteine.",
                       "A diet rich in vitamin B6 reduces homocysteine levels, as Robinson and"
                       " colleagues report.")
    assert result.differences == [], result
    swapped = _compared("A diet rich in vitamin B6 (VB6) reduces levels of homocysteine, as"
                        " Smith reports.", "A diet rich in vitamin B6 reduces homocysteine"
                        " levels, as Robinson reports.")
    assert [(d["statement"], d["evidence"]) for d in swapped.differences] == [
        ("Smith", "Robinson")]


@pytest.mark.parametrize("passage,differs", [
    # SciFact: 'in those without previous exacerbations' read as denying the statement.
    ("Elevated levels of CRP in patients with COPD were associated with increased risk of"
     " having exacerbations, even in those with milder COPD and in those without previous"
     " exacerbations.", False),
    ("The rise in CRP led to a higher risk of exacerbations in COPD patients without previous"
     " exacerbations.", False),
    ("The rise in CRP led to no higher risk of exacerbations in COPD.", True),
])
def test_without_denies_only_what_follows_it(passage, differs):
    result = _compared("The rise in CRP led to a higher risk of exacerbations in COPD.", passage)
    assert ("negation" in [d["kind"] for d in result.differences]) is differs, result


@pytest.mark.parametrize("statement,passage,differs", [
    # Two 'without's denying one thing, one object reaching further than the other's first
    # three words: the statement's counted and the passage's did not.
    ("The bill was passed without a vote.", "The bill passed without being put to a vote.",
     False),
    ("The bill passed without being put to a vote.", "The bill was passed without a vote.",
     False),
    ("The bill passed without being put to a vote.", "The bill was put to a vote and passed.",
     True),
    ("The bill passed without a vote.", "The bill passed without debate.", False),
])
def test_two_withouts_denying_one_thing_agree(statement, passage, differs):
    result = _compared(statement, passage)
    assert ("negation" in [d["kind"] for d in result.differences]) is differs, result


@pytest.mark.parametrize("statement,differs", [
    # A figure in words was no word of the passage's 'without relapse at 1 year': the
    # statement's 'without' counted and the passage's did not.
    ("Remission was 100% at six months, without relapse at one year.", False),
    ("Remission was 100% at six months, without relapse at two years.", False),
    ("Remission was 100% at six months, with relapse at one year.", True),
])
def test_a_figure_after_without_is_no_word_it_denies(statement, differs):
    passages = {"one": "Remission was 100% at 6 months, without relapse at 1 year.",
                "two": "Remission was 100% at 6 months, without relapse at 2 years."}
    result = _compared(statement, passages["two" if "two" in statement else "one"])
    assert ("negation" in [d["kind"] for d in result.differences]) is differs, result
    named = _compared("The bill passed without a debate.", "The bill passed after a debate.")
    assert [d["kind"] for d in named.differences] == ["negation"]


def test_a_figure_another_month_gives_is_another_period_not_a_contradiction(store, tmp_path):
    # Reuters: 'The January surplus ... 533 mln dlrs' was contradicted by 'The December
    # surplus ... 964 mln dlrs': a month alone is no date, so no differing date said so.
    _ingest_texts(store, tmp_path, {"trade.txt": (
        "Trade\n\nThe December surplus originally was reported at 964 mln dlrs.\n")})
    other = check(store, "The January surplus originally was reported at 533 mln dlrs.")
    assert other["verdict"] == "unverified", other
    same = check(store, "The December surplus originally was reported at 533 mln dlrs.")
    assert same["verdict"] == "contradicted", same
    weekday = check(store, "On Monday the December surplus was reported at 533 mln dlrs.")
    assert weekday["verdict"] == "contradicted", weekday  # a weekday is no other month


def test_a_passage_that_never_names_the_statements_subject_cannot_contradict_it(store,
                                                                               tmp_path):
    # Reuters: 'Acme Corp net profit was 72,000 vs profit 999,000' was contradicted by
    # another company's results line, which names no one: its title names the company.
    _ingest_texts(store, tmp_path, {
        "esquire.txt": "ESQUIRE RADIO 4TH QTR\n\nNet profit 72,000 vs profit 16,000\n",
        "johnson.txt": "JOHNSON ELECTRONICS 4TH QTR\n\nNet profit 72,000 vs profit 339,000\n"})
    other = check(store, "Acme Corp net profit was 72,000 vs profit 999,000")
    assert other["verdict"] == "unverified", other
    named = check(store, "Esquire Radio net profit was 72,000 vs profit 999,000")
    assert named["verdict"] == "contradicted", named  # its title names it
    assert "ESQUIRE" in named["evidence"][0]["document"]["title"]
    # A speaker is no subject: the passage still gives the figure he cited.
    _ingest_texts(store, tmp_path, {"jobs.txt": (
        "Jobs report\n\nThe jobless rate in Ohio fell to 3.7% in March from 4.1%.\n")})
    cited = check(store, "The jobless rate in Ohio fell to 3.5% in March from 4.1%, Smith said.")
    assert cited["verdict"] == "contradicted", cited


def test_a_figure_the_passage_gives_twice_can_vouch_for_two_of_the_statement():
    # 'at 1,025, vs more than 1,000 last month' against 'at 1,025, vs 1,025 last month':
    # the passage's second 1,025 was taken for the statement's first one only.
    result = _compared("Exports in 1986/87 season at 1,025, vs more than 1,000 last month.",
                       "Exports in 1986/87 season at 1,025, vs 1,025 last month.")
    assert result.differences == [], result
    assert ("1,000", "1,025") in [(a["statement"], a["evidence"]) for a in result.agreements]


def test_a_figure_at_the_edge_of_a_strict_bound_is_unconfirmed_not_contradicted():
    # SciFact: 'ten times that of male prisoners' was contradicted by 'more than ten times
    # higher in female prisoners', the source of the claim.
    for statement, passage in [
            ("Self-harm rates were ten times higher in female prisoners than in men.",
             "Self-harm rates were more than ten times higher in female prisoners than in"
             " men."),
            ("Self-harm rates were more than ten times higher in female prisoners.",
             "Self-harm rates were ten times higher in female prisoners.")]:
        result = _compared(statement, passage)
        assert result.differences == [], result
        assert [u["statement"] for u in result.unconfirmed] == ["ten"], result
    beyond = _compared("Self-harm rates were five times higher in female prisoners.",
                       "Self-harm rates were more than ten times higher in female prisoners.")
    assert [d["statement"] for d in beyond.differences] == ["five"]


def test_a_bound_is_borne_out_only_by_a_figure_of_its_role():
    # 'up to twelve' agreed with the 'one' of 'one of which': 1 is within the bound.
    result = _compared("The government has plans for up to twelve resorts in the UK.",
                       "The government has plans for up to eight resorts in the UK, one of"
                       " which is likely to be in Glasgow.")
    assert result.agreements == [] and result.differences == []
    assert [u["statement"] for u in result.unconfirmed] == ["twelve"]
    kept = _compared("More than 100 people were hurt in the blast.",
                     "Police said 150 people were hurt in the blast on Monday.")
    assert [a["statement"] for a in kept.agreements] == ["100"]


def test_another_year_and_another_figure_is_another_period_not_a_contradiction(store,
                                                                              tmp_path):
    (tmp_path / "a.txt").write_text(
        "Apple iPod family expands market\n\nDuring 2004 about 25 million portable players"
        " were sold, 10 million of which were Apple iPods.\n", encoding="utf-8")
    from factcheck.pipeline.ingest import ingest_paths

    ingest_paths(store, [str(tmp_path / "a.txt")])
    assert check(store, "Apple sold 20 million iPods in 2005")["verdict"] == "unverified"
    # One of the two changed is still a contradiction of the same claim.
    for changed in ("Apple sold 20 million iPods in 2004", "Apple sold 10 million iPods in 2005"):
        assert check(store, changed)["verdict"] == "contradicted", changed


@pytest.mark.parametrize("days", [(("friday", "4.1"), ("monday", "2.6")),
                                  (("monday", "2.6"), ("friday", "4.1"))])
def test_at_a_tied_score_the_supporting_passage_decides(store, tmp_path, days):
    # Two wire stories worded alike on two days: the statement rounds the first one's rate
    # ('about 3' for 2.6) and shares no figure with either, so both scored alike, and the
    # contradicting one, when ranked first, decided: a true statement called false.
    line = ("Dealers said Federal funds were trading at {} pct when the Fed began its"
            " temporary supply of reserves to the banking system.\n")
    for day, rate in days:  # either stored first
        _ingest_texts(store, tmp_path, {f"{day}.txt": "FED ADDS RESERVES\n\n" + line.format(rate)})
    result = check(store, line.format("about 3").strip())
    scores = {e["relation"]: e["score"] for e in result["evidence"]}
    assert scores["supports"] == scores["contradicts"], result  # the tie this is about
    assert result["verdict"] == "supported", result
    assert result["evidence"][0]["relation"] == "supports", result
    assert [c["quote"].count("4.1 pct") for c in result["conflicting"]] == [1], result


def test_a_rate_given_as_a_decimal_finds_the_line_giving_it_as_a_fraction(store, tmp_path):
    # '6-3/8' was searched as the words '6 3 8': the statement's '6.375' shared only its
    # '6' with it, as with another day's 'six pct', which ranked first and contradicted.
    line = ("Dealers said Federal funds were trading at {} pct when the Fed began its"
            " temporary supply of reserves to the banking system.\n")
    for day, rate in (("friday", "six"), ("monday", "6-3/8")):
        _ingest_texts(store, tmp_path, {f"{day}.txt": "FED ADDS RESERVES\n\n" + line.format(rate)})
    result = check(store, line.format("6.375").strip())
    assert result["verdict"] == "supported", result
    assert "6-3/8" in result["evidence"][0]["quote"], result
    assert [c["quote"].count("six pct") for c in result["conflicting"]] == [1], result


def test_a_supporting_passage_worded_as_closely_outweighs_a_few_points_of_score(store, tmp_path):
    # Two loans' stories: BM25 ranked the shorter, the other loan's, a point above the
    # statement's own source, and the verdict followed it: a true statement called false.
    _ingest_texts(store, tmp_path, {
        "dutch.txt": "DUTCH BANK RAISES YEN LOAN\n\nThe five-year term loan carries an interest"
                     " rate of Japanese long term prime rate flat.\n",
        "gasunie.txt": "GASUNIE IN YEN LOAN DEAL\n\nThe interest rate on the 5-1/2 year loan"
                       " is the Japanese long term prime rate flat.\n"})
    result = check(store, "The interest rate on the 5.5 year loan is the Japanese long term"
                          " prime rate flat.")
    by = {e["relation"]: e for e in result["evidence"]}
    assert by["contradicts"]["score"] > by["supports"]["score"], result  # the case at hand
    assert result["verdict"] == "supported", result
    assert [c["quote"][:8] for c in result["conflicting"]] == ["The five"], result
    # The other story with its figure changed: the supporting passage is worded less
    # closely than the contradicting one, and does not decide.
    changed = check(store, "The 5.5 year term loan carries an interest rate of Japanese long"
                           " term prime rate flat.")
    assert changed["verdict"] == "contradicted", changed
    assert [c["relation"] for c in changed["conflicting"]] == ["supports"], changed


def test_a_supporting_passage_near_a_fact_checks_rating_does_not_outweigh_it():
    # A supporting passage within a few points of a contradicting one decides, but a
    # fact-check's rating is no differing fact: the rating still speaks.
    from factcheck.checking.verdict import verdict

    def passage(relation, score, rating=None):
        return {"relation": relation, "score": score, "rating": rating,
                "signals": {"coverage": 100.0}, "differences": []}

    rated = [passage("contradicts", 90.0, "False"), passage("supports", 88.0)]
    assert verdict(rated)[0]["verdict"] == "contradicted"
    tied = [passage("supports", 90.0), passage("contradicts", 90.0, "False")]
    assert verdict(tied)[0]["verdict"] == "contradicted"
    facts = [passage("contradicts", 90.0), passage("supports", 88.0)]  # a figure differs
    assert verdict(facts)[0]["verdict"] == "supported"


@pytest.mark.parametrize("statement,passage", [
    ("this gata-4/6 interaction with sp1 occurred at the sp site",
     "this GATA-4/6 interaction with Sp1 occurred at the Sp site"),
    ("they showed immunoreactivity to ssea-3,ssea-4 and tra-1-60 in vitro",
     "they showed immunoreactivity to SSEA-3,SSEA-4 and TRA-1-60 in vitro"),
    ("sites termed e-boxes (5'-cacgtg-3') bind the factor",
     "sites termed E-boxes (5'-CACGTG-3') bind the factor"),
])
def test_a_codes_digits_typed_without_capitals_are_no_figures_where_the_passage_names_it(
        statement, passage):
    # SciFact sentences typed in lower case: 'gata-4' said nothing by its case, so its 4
    # was a figure, held to the passage's one figure (the 6 of 'GATA-4/6').
    assert _compared(statement, passage).differences == []
    assert _compared(statement.title(), passage).differences == []


def test_a_code_the_passage_does_not_write_keeps_its_figures():
    result = _compared("this gata-4/5 interaction with sp1 occurred at the sp site",
                       "this GATA-4/6 interaction with Sp1 occurred at the Sp site")
    assert [d["statement"] for d in result.differences] == ["4", "5"], result


def test_a_title_cased_results_line_names_no_one_among_lines_worded_alike(store, tmp_path):
    # 'Parent Company Net Profit' was read as a name (no capitalised small word but 'Vs'
    # marked the text as title-cased), so the line 'named' its subject and another
    # company's line, worded alike, contradicted it.
    for name, net in (("sandoz", "153.8 mln francs vs. 135.3"), ("sulzer", "38.2 mln francs"
                      " vs 26.4"), ("paribas", "385 mln francs vs 226.9")):
        _ingest_texts(store, tmp_path, {f"{name}.txt": f"{name.upper()} YEAR 1986\n\n"
                                        f"Parent company net profit {net} mln.\n"})
    result = check(store, "Parent Company Net Profit 12.8 Mln Swiss Francs Vs 7.5 Mln.")
    assert result["verdict"] == "unverified", result
    assert {u["statement"] for u in result["undecided"]} == {"12.8 Mln", "7.5 Mln"}, result


def test_an_approximate_figure_reaching_into_a_bound_is_unconfirmed_not_contradicted():
    # 'about 3%' may be 3.3%, which 'more than 3.2%' admits: it was a difference.
    passage = "Overall UK exports rose by more than 3.2% to 24.8bn pounds."
    near = _compared("Overall UK exports rose by about 3% to 24.8bn pounds.", passage)
    assert near.differences == [], near
    assert [u["statement"] for u in near.unconfirmed] == ["3%"], near
    far = _compared("Overall UK exports rose by about 3% to 24.8bn pounds.",
                    passage.replace("3.2%", "5%"))
    assert [d["statement"] for d in far.differences] == ["3%"], far


def test_a_negation_contradicts_only_where_the_statement_s_words_stand_together(
        store, tmp_path):
    # 'The chancellor did not raise duty that year' was contradicted by a budget preview
    # with all three of its words, none of them together ('... freeze petrol duty and
    # raise the stamp duty threshold'), and its own source was listed below it.
    _ingest_texts(store, tmp_path, {
        "preview.txt": "Budget preview\n\nThe chancellor is expected to freeze petrol duty"
                       " and raise the stamp duty threshold from 60,000 pounds.\n",
        "fuel.txt": "Fuel protests\n\nThe chancellor did not raise duty that year, but"
                    " despite threats of more protests the duty was frozen again.\n"})
    result = check(store, "The chancellor did not raise duty that year")
    assert result["verdict"] == "supported", result["evidence"][:2]
    assert not any(e["relation"] == "contradicts" for e in result["evidence"])
    # The same claim with its words together is still contradicted by a negation.
    result = check(store, "The chancellor did not freeze petrol duty")
    assert result["verdict"] == "contradicted", result["evidence"][:1]
    assert result["evidence"][0]["differences"][0]["kind"] == "negation"


@pytest.mark.parametrize("statement,passage,together", [
    ("The chancellor did not raise duty", "The chancellor is expected to freeze petrol"
     " duty and raise the stamp duty threshold", False),
    ("Fentanyl does not kill 100,000 Americans a year", "Fentanyl, a synthetic opioid,"
     " killed 100,000 Americans last year", True),  # an apposition between: half together
    ("Fentanyl overdoses do not kill 100,000 people a year in the United States",
     "It is estimated that 100,000 people a year die in the United States from fentanyl"
     " overdoses", True),
])
def test_words_that_stand_together(statement, passage, together):
    from factcheck.checking.similarity import joined

    assert joined(normalize(statement), normalize(passage)) is together


@pytest.mark.parametrize("statement,passage,carried", [
    ("The Federal Reserve is not expected to refrain from reserve-management intervention",
     "The Federal Reserve is expected to enter the market to add reserves", False),
    ("It is not true that sales rose 5% in 1986", "Sales rose 5% in 1986", True),
    ("Sales fell 5% in 1986", "Sales rose 5% in 1986", True),  # the words of change aside
    ("Fentanyl does not kill 100,000 Americans a year", "Fentanyl, a synthetic opioid,"
     " killed 100,000 Americans last year", True),
    ("The chancellor did not raise the duty on petrol", "The minister froze petrol duty",
     False),  # 'chancellor' and 'raise' not there
])
def test_a_passage_carries_every_word_of_the_statement_but_one(statement, passage, carried):
    from factcheck.checking import similarity

    assert similarity.carried(normalize(statement), normalize(passage)) is carried


@pytest.mark.parametrize("statement,passage,same", [
    ("Talks will not resume this afternoon", "Talks will resume on Thursday", False),
    ("Talks will not resume on Thursday", "Talks will resume on thursday", True),
    ("The plant will not open in May", "The plant opens in October", False),
    ("Investors may not buy the shares", "Investors can buy the shares", True),  # the verb
    ("Sales did not rise in Jan", "Sales rose in January", True),
])
def test_days_a_passage_names(statement, passage, same):
    from factcheck.checking.similarity import same_days

    assert same_days(statement, passage) is same


def test_a_passage_that_writes_the_figure_itself_does_not_deny_it():
    # A list takes the unit written after it only when it rises: in '10,000 and 1,000 stg'
    # the 10,000 stays bare, and '10,000 stg' was denied by the '1,000 stg' beside it.
    result = _compared("The bond is available in denominations of 1,000 and 10,000 stg.",
                       "The issue is available in denominations of 10,000 and 1,000 stg.")
    assert result.differences == []
    assert {"kind": "number", "statement": "10,000 stg"} in result.unconfirmed
    # Another figure of the same role still differs.
    result = _compared("The bond is available in denominations of 5,000 stg.",
                       "The issue is available in denominations of 10,000 and 1,000 stg.")
    assert [d["statement"] for d in result.differences] == ["5,000 stg"]


def test_a_figure_the_statement_gives_denies_no_other_of_its_figures():
    # Reuters rewrites: '... sales of about six mln dlrs and ... of about 4000000 dlrs' was
    # denied by the passage's six mln, the first figure's own, where the passage writes
    # the second '4000,000' (read as 4000 alone).
    statement = ("Northwest has annual sales of about six mln dlrs and Houyse has annual"
                 " sales of about 4000000 dlrs.")
    passage = ("Northwest has annual sales of about six mln dlrs and Houyse has annual sales"
               " of about 4000,000 dlrs.")
    result = _compared(statement, passage)
    assert result.differences == [], result
    # A second figure the passage gives otherwise still differs.
    result = _compared(statement, passage.replace("4000,000", "5,000,000"))
    assert [d["statement"] for d in result.differences] == ["4000000 dlrs"], result


@pytest.mark.parametrize("statement,passage,other", [
    ("Sales rose 10% in the first quarter.", "Sales rose 5% in January.", True),
    ("The film took $100m in its first week.", "It took $60m in its opening weekend.", True),
    ("Sales rose 10% in the first half.", "Sales rose 5% in the second half.", True),
    ("Profit rose 12% in Q3.", "Profit rose 12% in the third quarter.", False),
    ("Sales rose 10% in the first quarter.", "Sales rose 5% in the first quarter of 2004.",
     False),
    ("Sales rose 10%.", "Sales rose 5% in January.", False),  # one side names no period
])
def test_periods_of_any_length_that_share_none_are_other_periods(statement, passage, other):
    from factcheck.checking.periods import another_period

    assert another_period(statement, passage) is other


@pytest.mark.parametrize("statement,passage,agrees,differs", [
    ("The race is 26.2 miles long.", "The race is 42.2 km long.", False, False),
    ("The race is 10 miles long.", "The race is 10 km long.", False, False),
    ("Rates rose by 50 basis points.", "Rates rose by 0.5 percentage points.", False, False),
    ("Twice as many people voted.", "Double the number of people voted.", False, False),
    ("It was 30 degrees Celsius in Seville.", "It was 86 degrees Fahrenheit in Seville.",
     False, False),  # nor is a unit named after a man an actor swapped in
    ("The storm brought 30cm of snow.", "The storm brought 12 inches of snow.", False, False),
    # A scale glued to the figure or after a degree: 35C was denied by 95F as 35 by 95.
    ("It was 35C in Seville.", "It was 95F in Seville.", False, False),
    ("It was 35\u00b0C in Seville.", "It was 95 degrees F in Seville.", False, False),
    ("It was 35C in Seville.", "It was 35 degrees Celsius in Seville.", True, False),
    ("It was 35C in Seville.", "It was 30C in Seville.", False, True),
    ("They bought 10 F-16 jets.", "They bought 10 jets.", True, False),  # no Fahrenheit
    ("The race is 26.2 miles long.", "The race is 28.2 miles long.", False, True),
    ("The race is 26.2 miles long.", "The 26.2-mile race is long.", True, False),
    ("Output rose to 3 mln barrels a day.", "Output rose to 4 mln barrels a day.", False,
     True),
    # One side's unit the other does not write; a rate against a sum.
    ("He is 6ft 2in tall.", "He is 1.88m tall.", False, False),
    ("The plan will cost taxpayers £3bn.", "The plan will cost taxpayers £600m a year.",
     False, False),
    ("He was paid £50 a week.", "He was paid 50 pounds a week.", True, False),
    ("He was paid £50 a week.", "He was paid 60 pounds a week.", False, True),
    # The same sum with its period named on one side only (a BBC paraphrase): agreed; a
    # sum against another rate is still neither.
    ("The party plans a 50% rate on annual earnings above £100,000.",
     "The party plans a 50% rate on earnings over £100,000 a year.", True, False),
    ("He earns £100,000.", "He earns £100,000 a year.", True, False),
    ("He earns £120,000.", "He earns £100,000 a year.", False, False),
    # BBC rewrites (seed 606): a unit in Title Case, and a percentage 'a year', are read
    # as in lower case ('Square Feet' was no unit, '6 per cent per year' a rate).
    ("The Show Covers 1.5 Million Square Feet.", "The show covers 1.5 million square feet.",
     True, False),
    ("Output grows 6 per cent per year.", "Output grows 6% per year.", True, False),
    ("People want rules - not one that turns a blind eye.",
     "people want rules - not one that turns a blind eye.", True, False),  # both deny it
])
def test_figures_in_two_units_of_measure_neither_agree_nor_differ(statement, passage, agrees,
                                                                   differs):
    result = _compared(statement, passage)
    assert bool(result.agreements) is agrees, result
    assert bool(result.differences) is differs, result


@pytest.mark.parametrize("statement,passage,differs", [
    # A BBC paraphrase (the eleventh session's report split) came back contradicted.
    ("Mr Wanless, 57, has delivered two major reports on the NHS.",
     "Mr Wanless, 57, has delivered not one but two major reports on the NHS.", False),
    ("The firm sells in London and Paris.",
     "The firm sells not only in London but also in Paris.", False),
    ("The problem is about money.", "The problem isn't just about money.", False),
    ("The firm has offices in London.", "The firm has offices in London, not to mention"
     " Paris.", False),
    ("He delivered one report.", "He did not deliver one report.", True),
    ("The firm sells in London.", "The firm does not sell in London.", True),
    # 'just' and 'simply' add only after a form of 'be': after a verb they still deny.
    ("You can leave the meeting.", "You can't just leave the meeting.", True),
    ("The bank will print money.", "The bank will not simply print money.", True),
])
def test_a_not_that_adds_denies_nothing(statement, passage, differs):
    result = _compared(statement, passage)
    assert ("negation" in [d["kind"] for d in result.differences]) is differs, result


def test_a_scale_letter_beside_a_figure_is_no_word_of_what_another_counts():
    # A BBC paraphrase: '$4m' took 'm' (of '$5m') as the word before it, so it was not of
    # the role of the passage's '$4m' (after 'fines'), and a bound needs that to agree.
    result = _compared("The payment includes fines of $5m and over $4m for state checks.",
                       "The total payment includes $5m in fines and more than $4m to fund"
                       " state compliance checks.")
    assert [a["statement"] for a in result.agreements] == ["$5m", "$4m"], result
    assert not result.unconfirmed and not result.differences, result


@pytest.mark.parametrize("statement,passage,agrees,differs", [
    ("Between 10 and 20 people were hurt.", "15 people were hurt.", True, False),
    ("15 people were hurt.", "Between 10 and 20 people were hurt.", True, False),
    ("Between 10 and 20 people were hurt.", "25 people were hurt.", True, True),  # 20
    ("Between 45,007 and 20,000 couples go to court.", "Between 15,000 and 20,000 couples"
     " go to court.", True, True),  # two ranges: their ends compared as figures
    ("Growth will be 3% to 3.5% this year.", "Growth will be 3.25% this year.", True, False),
    # BBC rewrites (seed 1212): 'about 4%' may be 3.5 rounded, at the range's end.
    ("Growth will be between 3% and about 4%.", "Growth will be between 3% and 3.5%.", True,
     False),
    ("The firm will cut 500 to 700 jobs.", "The firm will cut 600 jobs.", True, False),
    ("Shares rose 5% to 120p.", "Shares rose 5% to 125p.", True, True),  # a change, a level
    ("The vote was 5 to 4.", "The vote was 6 to 3.", False, True),  # a tally, no range
    # 'no more than' was read as 'more than', a denial's bound as its opposite.
    ("No more than 100 people came.", "80 people came.", True, False),
    ("No more than 100 people came.", "150 people came.", False, True),
    ("Not fewer than 100 people came.", "150 people came.", True, False),
    # A figure denied is the passage's same figure, its 'not' the difference (another
    # figure is neither borne out nor denied: the one-article table below).
    ("The vaccine is not 95% effective.", "The vaccine is 95% effective.", True, True),
    ("Polls close at 10pm on Thursday.", "Polls close at 22:00 on Thursday.", True, False),
    ("The meeting starts at 3pm.", "The meeting starts at 15:00.", True, False),
    ("The train left at 10.30am.", "The train left at 11.30 a.m.", False, True),
    ("The train left at 10.30am.", "Trains left at 9am and 11.30 a.m.", False, False),
    ("The train left at 10.30 a.m. with 300 people.", "The train left at 10:30 with 400"
     " people.", True, True),  # the time agrees, the count differs
])
def test_a_range_admits_what_lies_in_it_and_a_time_of_day_is_no_quantity(
        statement, passage, agrees, differs):
    _agrees_and_differs(statement, passage, agrees, differs)


@pytest.mark.parametrize("statement,passage,agrees,differs", [
    # A BBC paraphrase: "under-55s" was read as the figure 55, at the edge of the
    # passage's "under 55", so the one figure the statement gives was left unconfirmed.
    ("39% of under-55s would vote.", "39% of people under 55 would vote.", True, False),
    ("The over-65s are a third of voters.", "People over 65 are a third of voters.", True,
     False),
    # Another age group is another group, not a figure denied.
    ("70% of the over-65s said they would vote.", "70% of the over-60s said they would"
     " vote.", True, False),
    ("The under-21 side won 3-1.", "The under-20 side won 3-1.", True, False),
    ("Temperatures fell to under -5C.", "Temperatures fell to under -5C.", True, False),
    # A verb of passing is a bound too: 'topped $50' was denied by 'hit $55'.
    ("Oil prices topped $50 a barrel.", "Oil prices hit $55 a barrel.", True, False),
    ("Oil prices topped $50 a barrel.", "Oil prices hit $45 a barrel.", False, True),
    ("Sales exceeded 100,000 units.", "Sales were more than 100,000 units.", True, False),
    ("The budget is expected to exceed $3bn.", "The budget is expected to be $3.5bn.", True,
     False),
    ("Prices surpassed 1,000 dollars an ounce.", "Prices reached 1,050 dollars an ounce.",
     True, False),
    # ... and its denial is a bound's, not the claim's: at most 5%.
    ("Debt will not exceed 5% of GDP.", "Debt will be 4% of GDP.", True, False),
    ("Debt won't exceed 5% of GDP.", "Debt will be 6% of GDP.", False, True),
    ("Sales did not exceed expectations.", "Sales exceeded expectations.", False, True),
    ("Costs will not be allowed to exceed £40m.", "Costs were £38m.", True, False),
    ("Debt cannot exceed 5% of GDP.", "Debt is 4% of GDP.", True, False),
    ("Debt can\u2019t exceed 5% of GDP.", "Debt is 4% of GDP.", True, False),
    # "as many as", "as much as": the most it may be; "short of": below.
    ("As many as 300 people were killed.", "250 people were killed.", True, False),
    ("As many as 300 people were killed.", "350 people were killed.", False, True),
    ("Shares fell as much as 10% on Monday.", "Shares fell 7% on Monday.", True, False),
    ("Sales fell short of $50m.", "Sales were $45m.", True, False),
])
def test_more_words_make_a_figure_a_bound(statement, passage, agrees, differs):
    _agrees_and_differs(statement, passage, agrees, differs)


@pytest.mark.parametrize("statement,passage,differs", [
    # A date written as a bound admits the dates within it: 'before 2007' was denied by
    # 'in 2006'. Another plain date still differs; 'since' and 'until' date a start or end.
    ("The plant will close before 2007.", "The plant will close in 2006.", False),
    ("The plant will close in 2006.", "The plant will close by 2007.", False),
    ("The deal must be signed by the end of March.", "It must be signed in February.", False),
    ("The plant will close in 2008.", "The plant will close in 2006.", True),
    ("The plant has been open since 1998.", "The plant opened in 1999.", True),
    ("The law will stay until 2010.", "The law will stay until 2012.", True),
])
def test_a_date_written_as_a_bound_is_not_denied_by_a_date_within_it(statement, passage,
                                                                      differs):
    result = _compared(statement, passage)
    assert any(d["kind"] == "date" for d in result.differences) is differs, result


@pytest.mark.parametrize("text,figure,how", [
    ("Volume topped the 100 mln mark.", "100", "above"),
    ("Losses exceeded the 2bn euros mark.", "2bn", "above"),
    ("Costs are not expected to exceed £40m.", "£40m", "at_most"),
    ("the over-65s", "65", "above"),
    # "over the" is a span, not a bound: 'the' is read only after a verb of passing.
    ("Over the 10 years to 2004, sales doubled.", "10", None),
    ("The team won over the 2 legs.", "2", None),
])
def test_a_bound_is_read_from_the_words_before_a_figure(text, figure, how):
    from factcheck.checking.hedges import hedge

    start = text.index(figure)
    assert hedge(text, start, start + len(figure)) == how


@pytest.mark.parametrize("a,b,same", [
    ("Man Utd", "Manchester United", True), ("Intl Paper", "International Paper", True),
    ("Holland", "Netherlands", True), ("Kremlin", "Russia", True), ("Washington", "US", True),
    ("Man City", "Manchester United", False), ("United States", "United Steel", False),
    ("South Africa", "South America", False), ("Air China", "Air Canada", False),
    # An initial beside an abbreviated or whole word; initials alone say too little.
    ("Man U", "Manchester United", True), ("S Korea", "South Korea", True),
    ("Man U", "Man City", False), ("S Africa", "South Korea", False),
    ("J K", "John Key", False),
    # An initialism of a name written as one word in three or more parts.
    ("GSK", "GlaxoSmithKline", True), ("GSK", "GlaxoWellcome", False),
    ("MD", "McDonald", False),
])
def test_abbreviated_words_and_seats_of_government_name_one_actor(a, b, same):
    from factcheck.checking.names import same_name

    assert same_name(a, b) is same


@pytest.mark.parametrize("statement,passage,differs", [
    # One name transliterated two ways is unsure, not a swap ('Kyiv' against 'Kiev' was).
    ("Kyiv hosted the 2005 contest.", "Kiev hosted the 2005 contest.", False),
    ("Al-Qaida claimed the attack.", "Al-Qaeda claimed the attack.", False),
    # Names of another length, or other consonants, still swap.
    ("Sony sold 5m televisions.", "Sanyo sold 5m televisions.", True),
    ("Mali beat Ghana 2-1.", "Malawi beat Ghana 2-1.", True),
    ("Iran sold 5m barrels.", "Iraq sold 5m barrels.", True),
    # A name whose initials begin an initialism may be it ('Royal Bank of Scotland').
    ("The Royal Bank made £6.9bn.", "RBS made £6.9bn.", False),
    ("Royal Dutch made £6.9bn.", "RBS made £6.9bn.", True),
    # A demonym before what an actor is says whose it is, not which: no swap.
    ("The German firm cut 32,000 jobs.", "Deutsche Telekom cut 32,000 jobs.", False),
    ("Toyota, the Japanese carmaker, sold 7m cars.", "Nissan, the Japanese carmaker, sold"
     " 7m cars.", True),
    ("The Sony group made $5bn.", "The Samsung group made $5bn.", True),  # a firm's name
    ("The US firm cut 300 jobs.", "Boeing cut 300 jobs.", False),
])
def test_a_name_spelt_with_other_vowels_or_a_kind_of_actor_is_no_swap(statement, passage, differs):
    result = _compared(statement, passage)
    assert any(d["kind"] == "entity" for d in result.differences) is differs, result


@pytest.mark.parametrize("kind,statement,passage,differs", [
    # Each was an actor swapped in: the same claim contradicted by its own wording.
    ("entity", "Shares in M&S rose 3% on Monday.", "Shares in Marks & Spencer rose 3% on Monday.",
     False),
    ("entity", "The Chancellor raised taxes on petrol.",
     "Gordon Brown raised taxes on petrol.", False),
    ("entity", "Washington imposed sanctions on Iran.", "The US imposed sanctions on Iran.", False),
    ("entity", "Man Utd beat Arsenal on Sunday.",
     "Manchester United beat Arsenal on Sunday.", False),
    ("entity", "Man U beat Arsenal 2-0 at Old Trafford.",
     "Manchester United beat Arsenal 2-0 at Old Trafford.", False),
    # CheckThat! tweet against its own fact-check: an office is named by its title too.
    ("entity", "Under Article II the president can pardon anyone.",
     "The President of the United States can pardon anyone.", False),
    ("entity", "Under Article II the president can pardon anyone.",
     "The President of France can pardon anyone.", False),  # unsure: never a difference
    ("entity", "Under Article II the governor can pardon anyone.",
     "The President of the United States can pardon anyone.", True),
    # A name before a title says whose office it is: the holder is the actor.
    ("entity", "The German chancellor met Putin in Moscow.",
     "Gerhard Schroeder met Vladimir Putin in Moscow.", False),
    ("entity", "Gerhard Schroeder met Putin in Moscow.",
     "The German chancellor met Vladimir Putin in Moscow.", False),
    ("entity", "Shares in M&S rose 3% on Monday.", "Shares in Tesco rose 3% on Monday.", True),
    ("entity", "Shares in M&S rose 3% on Monday.",
     "Market share in Tesco rose 3% on Monday.", True),
    # BBC style: "No 1" is "number one", no denial.
    ("negation", "The song went to number one in the charts.",
     "The song went to No 1 in the charts.", False),
    ("negation", "Federer is the world number one.", "Federer is the world no.1.", False),
    # News store rewrites, typed in lower case: "no 20" was a denial of "No 20".
    ("negation", "i say this as the swiss army knife only made no 20.",
     "I say this as the Swiss Army Knife only made No 20.", False),
    # BBC rewrites (seed 1212): a capital "No" inside a sentence before a number in words.
    ("negation", "Cabinet met at No ten on Tuesday.", "Cabinet met at No 10 on Tuesday.",
     False),
    ("negation", "Eviction Is No One's Idea Of Fun.", "Eviction is no one's idea of fun.",
     False),  # Title Case: every word capitalised, and "no one" is nobody
    ("negation", "The song is called Gonna Have a No one This Christmas.",
     "The song is called Gonna Have a No 1 This Christmas.", False),  # 'a No one': a number
    ("negation", "There was a 1987 dividend.", "There was no 1987 dividend.", True),
    ("negation", "A 1987 dividend will be paid.", "No 1987 dividend will be paid.", True),
    # A denial in other words on the side without a 'not' is no affirmation.
    ("negation", "The bank did not change interest rates in March.",
     "The bank left interest rates unchanged in March.", False),
    ("negation", "The minister would not comment on the report.",
     "The minister refused to comment on the report.", False),
    ("negation", "The deal has not been approved by regulators.",
     "The deal has yet to be approved by regulators.", False),
    ("negation", "The company has no debt.", "The company is debt-free.", False),
    ("negation", "Sales were flat in January.", "Sales did not grow in January.", False),
    ("negation", "The plan did not succeed.", "The plan failed.", False),
    ("negation", "The government is unlikely to act.",
     "The government is not likely to act.", False),
    # Antonyms of the same kind (bench/forms.py).
    ("negation", "The firm did not make a profit in 2004.", "The firm made a loss in 2004.",
     False),
    ("negation", "Rates were held at 4.75%.", "Rates were not changed from 4.75%.", False),
    ("negation", "The band has not toured since 1999.", "The band last toured in 1999.",
     False),
    ("negation", "The firm did not make a loss in 2004.", "The firm made a loss in 2004.",
     True),
    ("negation", "The meeting was not held at the hotel.",
     "The meeting was held at the hotel.", True),
    ("negation", "Neither side would comment.", "Both sides declined to comment.", False),
    ("negation", "The plan was not approved.", "The plan was rejected.", False),
    ("negation", "The strike did not go ahead.", "The strike was called off.", False),
    ("negation", "The airline cancelled 50 flights.", "50 flights did not take off.", False),
    ("negation", "The team is unbeaten in 10 games.", "The team has not lost in 10 games.",
     False),
    ("negation", "Sales were not as strong as expected.", "Sales were weaker than expected.",
     False),
    ("negation", "The law bans smoking in pubs.", "Smoking is not allowed in pubs.", False),
    ("negation", "Inflation is at its lowest level for 40 years.",
     "Inflation has not been this low for 40 years.", False),
    ("negation", "The team has won none of its last five games.",
     "The team has lost its last five games.", False),
    ("negation", "The team did not lose its last five games.",
     "The team lost its last five games.", True),  # 'lose' is 'lost' said again
    ("negation", "Barclays did not cut jobs.", "Barclays, the largest bank, cut jobs.", True),
    # "not ... until" says when; the 'no' of a bound denies no claim.
    ("negation", "The deal is not expected until 2006.", "The deal is expected in 2006.",
     False),
    ("negation", "No more than 100 people came.", "Fewer than 100 people came.", False),
    # Such words said the same on both sides, or of the other's very word, still differ.
    ("negation", "The plan was rejected.", "The plan was not rejected.", True),
    ("negation", "The board did not reject the bid.", "The board rejected the bid.", True),
    ("negation", "The council did not ban smoking.", "The council banned smoking.", True),
    ("negation", "He did not refuse to comment.", "He refused to comment.", True),
    ("negation", "The team is unbeaten.", "The team is not unbeaten.", True),
    # Durations in two units differ only beyond the coarser one's rounding.
    ("duration", "The season runs for 38 weeks.", "The season lasts nine months.", False),
    ("duration", "The strike lasted 10 days.", "The strike lasted two weeks.", True),
    # Without one, a 'not' on one side still differs.
    ("negation", "The bank did not change interest rates in March.",
     "The bank changed interest rates in March.", True),
    ("negation", "The minister commented on the report.",
     "The minister would not comment on the report.", True),
    # Such a word said of something else denies nothing: "a flat fee", "the failed bank".
    ("negation", "The lenders would not receive a flat fee.",
     "The lenders would receive a flat fee.", True),
    ("negation", "The failed bank was not sold.", "The failed bank was sold.", True),
    # Nor does one both sides say: the BBC set's denial of "confidence ... was unchanged".
    ("negation", "It is not true that confidence was unchanged in the final quarter.",
     "Confidence was unchanged in the final quarter.", True),
])
def test_one_fact_in_another_form_is_no_difference(kind, statement, passage, differs):
    result = _compared(statement, passage)
    assert any(d["kind"] == kind for d in result.differences) is differs, result


def test_a_negation_contradicts_only_a_passage_that_bears_out_every_other_fact(
        store, tmp_path):
    # Another company's wire line, its two dates unconfirmed against the statement's two,
    # contradicted a negated dividend line on the 'not' alone.
    _ingest_texts(store, tmp_path, {"div.txt": (
        "Dividend\n\nAcme Corp said its dividend is payable April 1 to shareholders of"
        " record March 17.\n")})
    statement = ("The dividend is not payable May 20 to shareholders of record April 20,"
                 " 1987, it said.")
    result = check(store, statement)
    assert result["verdict"] != "contradicted", result["evidence"][:1]
    # With its facts borne out, the same line negated is contradicted.
    result = check(store, "Acme Corp said its dividend is not payable April 1 to"
                          " shareholders of record March 17.")
    assert result["verdict"] == "contradicted", result["evidence"][:1]


# One-article stores: a statement is contradicted by the article's sentence exactly when
# it is the same claim, changed.
_FED = ("Fed outlook\n\nThe Federal Reserve is expected to enter the U.S. Government"
        " securities market to add temporary reserves, economists said.\n")
_MARATHON = "Marathon\n\nThe London Marathon course is 42.2 km long.\n"
_PANAMA = ("Panama Canal\n\nThe Panama Canal Commission said there was a backlog of 39"
           " ships waiting to enter the canal early today.\n")
_SEAFORTH = ("Seaforth strike\n\nTalks between management and unions at the Seaforth plant"
             " will resume on Thursday, a company spokesman said.\n")
_VACCINE = "Vaccine trial\n\nThe new vaccine is 95% effective against flu, the trial found.\n"
_ZAMBIA = ("Zambia auctions\n\nZambia will retain its foreign-exchange auction system"
           " despite the suspension of weekly auctions since January 24, President Kenneth"
           " Kaunda said.\n")


@pytest.mark.parametrize("article,statement,contradicted", [
    # Reuters negations: 'not expected to refrain from intervention' was contradicted by
    # economists expecting the Fed 'to enter the market': three of its words are not there.
    (_FED, "The Federal Reserve is not expected to refrain from reserve-management intervention"
     " in the U.S. Government securities market, economists said.", False),
    (_FED, "The Federal Reserve is not expected to enter the U.S. Government securities market"
     " to add temporary reserves, economists said.", True),  # the same claim denied
    (_MARATHON, "The London Marathon course is 26.2 miles long.", False),  # the same, in miles
    (_MARATHON, "The London Marathon course is 44.2 km long.", True),
    # A figure denied: 'not 100% effective' is true beside 95%; 'not 95%' denies it.
    (_VACCINE, "The new vaccine is not 100% effective against flu, the trial found.", False),
    (_VACCINE, "The new vaccine is not 95% effective against flu, the trial found.", True),
    (_VACCINE, "The new vaccine is 90% effective against flu, the trial found.", True),
    # Reuters: 'there was not a backlog of 30 ships' was contradicted by another day's line
    # of 39 ships; a denial of another figure is true beside it.
    (_PANAMA, "The Panama Canal Commission said there was not a backlog of 30 ships waiting to"
     " enter the canal early today.", False),
    (_PANAMA, "The Panama Canal Commission said there was a backlog of 30 ships waiting to enter"
     " the canal early today.", True),  # the figure alone still differs
    (_PANAMA, "The Panama Canal Commission said there was not a backlog of 39 ships waiting to"
     " enter the canal early today.", True),  # the same claim denied
    # Reuters negations: talks that 'will not resume this afternoon' were contradicted by
    # talks 'rescheduled for Thursday'; a denial of another day's claim is no difference.
    (_SEAFORTH, "Talks between management and unions at the Seaforth plant will not resume this"
     " afternoon, a company spokesman said.", False),
    (_SEAFORTH, "Talks between management and unions at the Seaforth plant will not resume on"
     " Thursday, a company spokesman said.", True),
    (_SEAFORTH, "Talks between management and unions at the Seaforth plant will not resume, a"
     " company spokesman said.", True),  # no day named: the passage's claim denied
    # Reuters splices: a name inside the claim was read as swapped for the passage's
    # speaker ('TRW' against 'President Kenneth Kaunda', who only said it).
    (_ZAMBIA, "Zambia will retain its foreign-exchange auction system despite TRW's suspension of"
     " weekly auctions since January 24.", False),
    (_ZAMBIA, "Zambia will retain its foreign-exchange auction system despite the suspension of"
     " weekly auctions since January 24, TRW said.", True),  # speaker for speaker
    (_ZAMBIA, "Malawi will retain its foreign-exchange auction system despite the suspension of"
     " weekly auctions since January 24, President Kenneth Kaunda said.", True),
])
def test_one_article_contradicts_only_the_same_claim(store, tmp_path, article, statement,
                                                      contradicted):
    _ingest_texts(store, tmp_path, {"article.txt": article})
    result = check(store, statement)
    assert (result["verdict"] == "contradicted") is contradicted, result["evidence"][:1]


def test_a_speaker_speaking_of_itself_is_the_subject(store, tmp_path):
    # Reuters: 'Chrysler Corp said it is asking shareholders to increase ... to 500 mln
    # from 300 mln' was contradicted by another company's line that names no one ('In
    # other action, shareholders will be asked ...'), its title naming that company:
    # Chrysler, the speaker, was taken for no subject.
    _ingest_texts(store, tmp_path, {"royal.txt": (
        "ROYAL SEEKS SHARE BOOST\n\nIn other action, shareholders will be asked to approve"
        " an increase in authorized common stock to 20 mln from 15 mln shares.\n")})
    statement = ("Chrysler Corp said it is asking shareholders to approve an increase in"
                 " authorized common stock to 500 mln from 300 mln shares.")
    result = check(store, statement)
    assert result["verdict"] == "unverified", result["evidence"][:1]
    assert result["evidence"][0]["quote"].startswith("In other action")
    # Named by the passage's title, it is the same company's line: contradicted.
    named = check(store, statement.replace("Chrysler Corp", "Royal"))
    assert named["verdict"] == "contradicted", named["evidence"][:1]


def test_an_office_by_its_title_alone_is_not_another_office_of_that_title():
    # 'the president' names the President of the United States; a passage naming the
    # Department of Defense does not bear out the Department of Justice.
    same = _compared("Under Article II the president can pardon anyone.",
                     "The President of the United States can pardon anyone.")
    assert same.differences == [], same  # 'Article II', which it lacks, stays unconfirmed
    other = _compared("The Department of Justice sued Microsoft.",
                      "The Department of Defense sued Microsoft.")
    assert [u["kind"] for u in other.unconfirmed] == ["entity"], other


def test_a_comparison_of_figures_alone_gives_the_same_agreements():
    # A passage too far to decide is compared by its figures, dates and durations only:
    # its agreements, all a related passage shows, are the full comparison's.
    from factcheck.checking.judge import compare_texts

    statement = "Smith did not pay 5,000 dlrs to Acme in 1987 over two years."
    passage = "Jones paid 5,000 dlrs to Acme in 1987 over two years."
    full = compare_texts(statement, passage)
    alone = compare_texts(statement, passage, facts_only=True)
    assert {d["kind"] for d in full.differences} == {"entity", "negation"}, full
    assert alone.agreements == full.agreements and len(alone.agreements) == 3, alone
    assert alone.differences == [] and alone.unconfirmed == []


@pytest.mark.parametrize("statement,passage,agrees,differs", [
    # A share in words is its percentage, as a writer rounds it: these were unconfirmed.
    ("One in five adults smokes.", "About 20% of adults smoke.", True, False),
    ("Two-thirds of voters back the plan.", "67% of voters back the plan.", True, False),
    ("One in three children is overweight.", "A third of children are overweight.", True,
     False),
    ("Nearly half of all households own a car.", "Some 48% of households own a car.", True,
     False),
    # Another share of the same thing differs; a round share near a figure is no denial.
    ("One in three children is overweight.", "One in four children is overweight.", False,
     True),
    ("Nine out of 10 voters agreed with the plan.", "60% of voters agreed with the plan.",
     False, True),
    ("Half the team was ill before the match.", "Some 40% of the team was ill before the"
     " match.", False, False),
    # A share is not a change, though each is its sentence's only percentage.
    ("Half of the profits went to charity.", "Profits rose 30% to $2bn, and the firm gave"
     " half to charity.", False, False),
    ("50% of the profits went to charity.", "Profits rose 30% to $2bn.", False, False),
    # Halves of scale words: 'Two and a half million' differed from '2.5 million'.
    ("Two and a half million people live there.", "2.5 million people live there.", True,
     False),
    ("A quarter of a million homes lost power.", "250,000 homes lost power.", True, False),
    ("Half a million people marched.", "500,000 people marched.", True, False),
    ("Half a million people marched.", "One million people marched.", False, True),
    ("He spent two and a half years in prison.", "He spent 2.5 years in prison.", True,
     False),
    # A share as a bound is the bound its percentage rounds to, as the other writes it:
    # 'more than 33%' was left unconfirmed by 'more than a third'.
    ("More than 33% of homes are in the south.", "More than a third of homes are in the"
     " south.", True, False),
    ("More than 30% of homes are in the south.", "More than a third of homes are in the"
     " south.", False, False),
    ("Under a quarter of homes are in the south.", "More than 25% of homes are in the"
     " south.", False, False),
    # A change's size in words: 'a third more', 'cut by a quarter'.
    ("There were 400 entries, 33% more than last year.", "There were 400 entries, a third"
     " more than last year.", True, False),
    ("Costs were cut by 25% in 2004.", "Costs were cut by a quarter in 2004.", True, False),
    ("Costs were cut by 50% in 2004.", "Costs were cut by a quarter in 2004.", True, True),
    # A scale word opening a figure without 'a' is vague; with it, a hedge before is read.
    ("Several hundred thousand people marched in Kiev.", "About 300,000 people marched in"
     " Kiev.", False, False),
    ("The bank has more than a hundred thousand staff.", "The bank has more than 100,000"
     " staff.", True, False),
    # An ordinal in digits is its word ('third' is no figure); another still differs.
    ("The dollar fell for a 3rd consecutive year.", "The dollar fell for a third"
     " consecutive year.", True, False),
    ("He finished 5th in the race.", "He finished third in the race.", False, False),
    ("He finished 5th in the race.", "He finished 3rd in the race.", False, True),
])
def test_a_share_in_words_is_its_percentage_as_a_writer_rounds_it(statement, passage,
                                                                   agrees, differs):
    _agrees_and_differs(statement, passage, agrees, differs)


@pytest.mark.parametrize("statement,passage,agrees,differs", [
    # Invented before: 'Two' against 24, 'hundred' (100) against 200 or 500, and 'more
    # than a million' read as an exact million against 1.2 million.
    ("Two dozen people were hurt in the blast.", "24 people were hurt in the blast.", True,
     False),
    ("Half a dozen firms bid for the contract.", "Six firms bid for the contract.", True,
     False),
    ("Several hundred people were evacuated.", "About 500 people were evacuated.", False,
     False),
    ("A couple of hundred fans waited outside.", "About 200 fans waited outside.", False,
     False),
    ("More than a million people visited.", "1.2 million people visited.", True, False),
    ("Nearly a million people visited.", "980,000 people visited.", True, False),
    ("A million and a half people visited.", "1.5 million people visited.", True, False),
    # A figure in words is compared, not taken for a code's digits the passage writes.
    ("A million people saw the show.", "One million people saw the show.", True, False),
    ("A million people saw the show.", "Two million people saw the show.", False, True),
])
def test_counts_in_words_are_their_figures_and_vague_ones_none(statement, passage, agrees,
                                                                 differs):
    _agrees_and_differs(statement, passage, agrees, differs)
