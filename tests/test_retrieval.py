"""Which terms go to FTS5: every one while that is cheap, the rarest within a budget after."""

from __future__ import annotations

from factcheck import store as storage
from factcheck.checking import retrieval
from factcheck.pipeline.ingest import ingest_paths

LINES = [f"The council approved {n} new homes for the district in the spring."
         for n in range(30, 60)] + [
    "The council closed the old harbour bridge in 2021 for 14 weeks of repairs."]


def _store_with(store, tmp_path, lines: list[str]):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, line in enumerate(lines):
        (folder / f"{i}.txt").write_text(line + "\n", encoding="utf-8")
    ingest_paths(store, [str(folder)])
    storage.refresh_term_stats(store)
    return store


def test_every_term_is_sent_while_their_postings_are_few(store, tmp_path, monkeypatch):
    # "council" is in every claim: past a budget this small, pruning would drop it.
    monkeypatch.setattr(retrieval, "MAX_POSTINGS", 20)
    lines = LINES
    _store_with(store, tmp_path, lines)
    terms = retrieval.query_terms("council closed harbour bridge repairs old")
    assert set(retrieval.select_terms(store, terms)) == set(terms)


def test_past_the_budget_only_the_rarest_terms_are_sent(store, tmp_path, monkeypatch):
    lines = LINES
    _store_with(store, tmp_path, lines)
    monkeypatch.setattr(retrieval, "FULL_POSTINGS", 10)
    monkeypatch.setattr(retrieval, "MAX_POSTINGS", 10)
    monkeypatch.setattr(retrieval, "MIN_TERMS", 2)
    terms = retrieval.query_terms("council closed harbour bridge repairs old")
    chosen = retrieval.select_terms(store, terms)
    assert "council" not in chosen and "harbour" in chosen
    hits = retrieval.bm25(store, "council closed harbour bridge repairs old", 5, prune=True)
    text = store.execute("SELECT text FROM claims WHERE id = ?", [hits[0]["id"]]).fetchone()[0]
    assert "harbour" in text


ACRONYM_LINES = [
    "Computer Terminal Systems Inc makes terminals for banks in Ohio, the company said.",
    "The systems directors will recommend that shareholders approve a payment to founders.",
    "CTS directors will recommend that shareholders approve a payment to founders.",
]


def test_a_learned_acronym_is_searched_as_written_and_spelt_out(store, tmp_path):
    # The statement's normal form spells CTS out; the claim that writes it short must
    # still be found by it, not lose to one that merely shares "systems" with the expansion.
    from factcheck.checking.check import _read

    _store_with(store, tmp_path, LINES + ACRONYM_LINES)
    read = _read(store, "CTS directors will recommend a payment to founders")
    assert "computer terminal systems" in read.norm
    order = [store.execute("SELECT text FROM claims WHERE id = ?", [hit["id"]]).fetchone()[0]
             for hit in retrieval.bm25(store, read.searched, 5)]
    short = next(i for i, text in enumerate(order) if text.startswith("CTS directors"))
    other = next(i for i, text in enumerate(order) if text.startswith("The systems"))
    assert short < other


def test_the_claim_search_finds_an_acronym_either_way(store, tmp_path):
    _store_with(store, tmp_path, ACRONYM_LINES)
    total, rows = storage.queries.search_claims(store, "CTS")
    assert total == 2
    assert {r["quote"][:8] for r in rows} == {"Computer", "CTS dire"}
    assert storage.queries.search_claims(store, "CTS directors")[0] == 1
