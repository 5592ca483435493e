"""BM25 postings beside the store: FTS5's scores exactly, every claim written since found,
rebuilt when they no longer hold, never another store's."""

from __future__ import annotations

import sqlite3

import pytest

from factcheck import store as storage
from factcheck.checking import lexical, retrieval
from factcheck.pipeline.ingest import ingest_paths
from factcheck.store import lexical as claims_state
from factcheck.text.normalize import normalize

from .conftest import CLAIMS

STATEMENTS = ["China filed 145 incidents with the INCB",
              "overdose deaths of Americans aged 18 to 49 from fentanyl",
              "the meeting lasted two days and technologies were discussed",
              "running runs ran"]


def _fts5(db, norm: str, limit: int = 100) -> list[tuple[int, float]]:
    """FTS5's own ranking of every term OR-ed: what the postings must reproduce."""
    terms = retrieval.query_terms(norm)
    return db.execute("SELECT rowid, bm25(claims_fts, 1.0, 1.0) AS s FROM claims_fts"
                      " WHERE claims_fts MATCH ? ORDER BY s, rowid LIMIT ?",
                      [retrieval.fts_query(terms), limit]).fetchall()


def _files(db_path) -> list[str]:
    return sorted(p.name for p in (db_path.parent / f"{db_path.name}.lexical").glob("*.meta.json"))


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    lines = [f"The council approved {n} new homes in the district, technology firms said."
             for n in range(30, 70)]
    lines += ["Running clubs ran a race; the runner runs again in 2021.",
              "The café's owner said technologies changed the harbour."]
    for i, line in enumerate(lines):
        (folder / f"{i}.txt").write_text(line + "\n", encoding="utf-8")
    return folder


def test_scores_are_fts5_bm25_with_every_term(store, articles):
    ingest_paths(store, [str(CLAIMS), str(articles)])
    for statement in STATEMENTS + ["council homes district technology 45"]:
        norm = normalize(statement)
        want = _fts5(store, norm)
        got = [(h["id"], h["bm25"]) for h in retrieval.bm25(store, norm, 100)]
        assert want, statement
        assert len(got) == len(want)
        for (_, want_score), (_, got_score) in zip(want, got, strict=True):
            assert got_score == pytest.approx(want_score, rel=1e-4, abs=1e-5)
        assert {i for i, _ in got} == {i for i, _ in want}  # ties may swap, not drop


def test_claims_written_since_the_build_are_found_without_a_rebuild(store, db_path, articles):
    ingest_paths(store, [str(articles)])
    retrieval.bm25(store, "council", 5)
    built = _files(db_path)
    folder = articles.parent / "more"
    folder.mkdir()
    (folder / "new.txt").write_text("The lighthouse keeper counted 77 gannets.\n", "utf-8")
    ingest_paths(store, [str(folder)])
    hits = retrieval.bm25(store, normalize("lighthouse gannets"), 5)
    assert hits, "a claim added after the postings were built"
    text = store.execute("SELECT text FROM claims WHERE id = ?", [hits[0]["id"]]).fetchone()[0]
    assert "gannets" in text
    assert _files(db_path) == built  # one claim in 43: served beside the old postings


def test_claims_written_since_the_build_are_scored_beside_them_as_fts5_scores_them(
        store, db_path, articles, monkeypatch):
    # FTS5 read every term's doclist for them: ~2.5 ms a check for one new claim.
    from factcheck.checking import newer

    ingest_paths(store, [str(articles)])
    retrieval.bm25(store, "council", 5)
    folder = articles.parent / "more"
    folder.mkdir()
    (folder / "new.txt").write_text("The council keeper counted 77 gannets in the district."
                                    "\n", "utf-8")
    ingest_paths(store, [str(folder)])
    norm = normalize("council gannets district")
    want = dict(_fts5(store, norm))
    monkeypatch.setattr(claims_state, "newer_bm25", lambda *a, **k: 1 / 0)  # not asked
    got = {h["id"]: h["bm25"] for h in retrieval.bm25(store, norm, 100)}
    newest = max(want)
    assert newest in got and set(got) == set(want)
    assert got[newest] == pytest.approx(want[newest], rel=0.02)  # the build's mean length
    monkeypatch.setattr(newer, "MAX_ROWS", 0)  # too many: FTS5 ranks them, as before
    with pytest.raises(ZeroDivisionError):
        retrieval.bm25(store, norm, 100)


def test_postings_built_before_they_kept_their_mean_length_are_built_again_on_a_write(
        store, db_path, articles, monkeypatch):
    # A check keeps serving them (a read-only replica cannot rebuild); the next bulk write
    # builds them again, so that claims written after it are scored beside them.
    import json

    ingest_paths(store, [str(articles)])
    retrieval.bm25(store, "council", 5)
    meta = db_path.parent / f"{db_path.name}.lexical" / _files(db_path)[0]
    info = json.loads(meta.read_text("utf-8"))
    meta.write_text(json.dumps({k: v for k, v in info.items() if k != "avgdl"}), "utf-8")
    monkeypatch.setattr(lexical, "_CACHE", {})  # a new process, after the upgrade
    assert retrieval.bm25(store, "council", 5)
    assert "avgdl" not in json.loads(meta.read_text("utf-8"))
    lexical.prepare(store)
    assert json.loads(meta.read_text("utf-8"))["avgdl"] == pytest.approx(info["avgdl"])


def test_many_new_claims_or_a_rewritten_claim_rebuild_them(store, db_path, articles):
    ingest_paths(store, [str(articles)])
    retrieval.bm25(store, "council", 5)
    first = _files(db_path)
    ingest_paths(store, [str(CLAIMS)])  # 19 claims on 42: past the share
    retrieval.bm25(store, "council", 5)
    second = _files(db_path)
    assert second != first and len(second) == 1
    with storage.writing(store):
        claims_state.rewritten(store)
    retrieval.bm25(store, "council", 5)
    assert _files(db_path) not in (first, second)


def _copy(source, target) -> None:
    """One store's content over another's file, as restoring a backup does."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()


def _add(path, folder, text: str) -> None:
    folder.mkdir()
    (folder / "a.txt").write_text(text + "\n", encoding="utf-8")
    db = storage.connect(path)
    ingest_paths(db, [str(folder)])
    db.close()


def test_a_copy_restored_over_its_twin_never_uses_the_twins_postings(tmp_path, articles):
    # Twins: one store copied, then each given a different claim under the same id. Their
    # states are equal (same floor, largest id and deletions); only the claims differ.
    one, twin = tmp_path / "one.db", tmp_path / "twin.db"
    db = storage.connect(one)
    storage.migrate(db)
    ingest_paths(db, [str(articles)])
    db.close()
    _copy(one, twin)
    _add(one, tmp_path / "a", "The lighthouse keeper counted 77 gannets.")
    _add(twin, tmp_path / "b", "The volcano covered 12 villages in ash in 2019.")
    db = storage.connect(twin, readonly=True)
    assert retrieval.bm25(db, normalize("volcano ash"), 5)  # postings built for the twin
    db.close()
    _copy(one, twin)
    db = storage.connect(twin, readonly=True)
    hits = retrieval.bm25(db, normalize("lighthouse gannets"), 5)
    assert [h["id"] for h in hits] == [i for i, _ in _fts5(db, normalize("lighthouse gannets"), 5)]
    assert hits and not retrieval.bm25(db, normalize("volcano ash"), 5)
    db.close()


def test_stems_are_fts5s_own():
    stems = claims_state.porter_stems(["technology", "technologies", "possibly", "café"])
    assert stems == {"technology": ("technolog",), "technologies": ("technolog",),
                     "possibly": ("possibl",), "café": ("cafe",)}


def test_an_empty_store_has_empty_postings(store):
    assert retrieval.bm25(store, "anything at all", 5) == []
    postings, now = lexical.index_for(store)
    assert len(postings.ids) == 0 and now.max_id == 0


def _fts_matches_claims(db) -> None:
    """FTS5's own check of the index against the claims table (raises when they differ)."""
    db.execute("INSERT INTO claims_fts (claims_fts, rank) VALUES ('integrity-check', 1)")
    count = db.execute("SELECT count(*) FROM claims").fetchone()[0]
    assert db.execute("SELECT count(*) FROM claims_fts_docsize").fetchone()[0] == count


def test_every_way_in_keeps_the_fts_index_whole(store, tmp_path, articles):
    from factcheck.extract.readers import RawArticle
    from factcheck.pipeline.importer import import_claims
    from factcheck.pipeline.ingest import ingest_article

    ingest_paths(store, [str(CLAIMS), str(articles)])  # a bulk load, batched commits
    _fts_matches_claims(store)
    first = "The ferry carried 310 passengers in 2019.\n"
    ingest_article(store, RawArticle("api:one", "api", "api", first, {}))
    ingest_article(store, RawArticle("api:one", "api", "api", first + "It sank 4 miles out"
                                     " in 2020.\n", {"title": "Ferry"}))  # kept and new claims
    _fts_matches_claims(store)
    records = tmp_path / "checked.jsonl"
    records.write_text('{"id": "pf-1", "text": "The tower was built in 1889.", "title": "T"}\n',
                       encoding="utf-8")
    import_claims(store, records)
    records.write_text('{"id": "pf-1", "text": "The tower was built in 1887.", "title": "U"}\n',
                       encoding="utf-8")
    import_claims(store, records)
    _fts_matches_claims(store)
    assert retrieval.bm25(store, normalize("tower built 1887"), 1)
    storage.delete_document(store, 1)
    _fts_matches_claims(store)


def test_a_kept_claim_with_a_new_context_moves_the_floor(store, tmp_path):
    from factcheck.pipeline.importer import import_claims

    records = tmp_path / "checked.jsonl"
    records.write_text('{"id": "pf-9", "text": "The bridge opened in 1932.", "title": "Harbour"}\n',
                       encoding="utf-8")
    import_claims(store, records)
    before = claims_state.state(store)
    assert retrieval.bm25(store, normalize("harbour bridge"), 1)
    records.write_text('{"id": "pf-9", "text": "The bridge opened in 1932.", "title": "Sydney"}\n',
                       encoding="utf-8")
    import_claims(store, records)
    after = claims_state.state(store)
    assert after.floor != before.floor and after.max_id == before.max_id  # kept, rewritten
    assert retrieval.bm25(store, normalize("sydney"), 1)  # the new context, not the old
    assert not retrieval.bm25(store, normalize("harbour"), 1)


@pytest.mark.parametrize("child_fails", [False, True])
def test_a_bulk_load_builds_the_postings_beside_its_linking(store, db_path, articles,
                                                           monkeypatch, child_fails):
    from factcheck.pipeline import ingest

    monkeypatch.setattr(ingest, "BULK_FILES", 1)
    built_here = []
    prepare = lexical.prepare
    monkeypatch.setattr(lexical, "prepare", lambda db: (built_here.append(1), prepare(db)))
    if child_fails:  # a forked build that dies leaves the work to this process
        monkeypatch.setattr(ingest, "_build_postings", lambda path: 1 / 0)
    ingest_paths(store, [str(CLAIMS), str(articles)])
    assert len(_files(db_path)) == 1 and len(built_here) == int(child_fails)
    norm = normalize("council homes district technology 45")
    assert {i for i, _ in _fts5(store, norm)} == \
        {h["id"] for h in retrieval.bm25(store, norm, 100)}
