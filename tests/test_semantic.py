"""The semantic stage: vectors at every way in, dense candidates, models changing, no model,
ratings of imported fact-checks, conflicting sources, and no invented contradictions."""

from __future__ import annotations

import json

import numpy as np
import pytest

from factcheck import store as storage
from factcheck.checking.check import check
from factcheck.checking.dense import Dense, index_for
from factcheck.checking.names import same_name
from factcheck.checking.rank import gather
from factcheck.checking.ratings import normalized_rating, rating_effect
from factcheck.pipeline.embed import Semantic, embed_pending
from factcheck.pipeline.importer import import_claims
from factcheck.pipeline.ingest import ingest_paths
from factcheck.text.normalize import normalize
from factcheck.web import create_app

from .conftest import CLAIMS, model_or_skip


def article(folder, name: str, text: str):
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_vectors_are_unit_length_and_paraphrases_are_near(semantic):
    encoder = semantic.load()
    vectors = encoder.encode(["Fentanyl kills 100,000 Americans every year",
                              "Each year fentanyl overdoses kill 100,000 people in the US",
                              "The football club agreed a rescue plan with its creditors"])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > 0.7 > vectors[0] @ vectors[2]


def test_every_store_of_a_process_shares_one_session_of_a_model(semantic, tmp_path):
    # Stores in other folders (a model cache each) used to load the model once each: the
    # test suite held 12 GB by its end.
    other = Semantic(semantic.model, tmp_path / "elsewhere" / "models")
    assert other.load() is semantic.load()
    assert Semantic(semantic.model, semantic.cache, threads=1).load() is not semantic.load()


def test_ingest_embeds_every_claim_and_check_finds_by_meaning(store, db_path, semantic):
    ingest_paths(store, [str(CLAIMS)], semantic=semantic)
    done, total = _counts(store)
    assert done == total == 19
    assert store.execute("SELECT value FROM vector_meta WHERE key = 'model'").fetchone()[0] \
        == semantic.load().key
    dense = Dense(semantic.load(), str(db_path))
    result = check(store, "Each year a hundred thousand people in America are killed by"
                          " fentanyl overdoses", dense=dense)
    assert result["semantic"] is True and result["verdict"] == "supported"
    assert result["evidence"][0]["signals"]["cosine"] > 0.7


def _counts(db):
    return storage.vectors.counts(db)


def test_dense_candidates_come_from_every_claim_not_only_bm25(store, db_path, semantic,
                                                              tmp_path):
    folder = tmp_path / "in"
    article(folder, "a.txt", "The physician said the youngster recovered after surgery.\n")
    ingest_paths(store, [str(folder)], semantic=semantic)
    dense = Dense(semantic.load(), str(db_path))
    # No word in common with the stored sentence (stemmed or not): BM25 finds nothing.
    statement = "A doctor reported that the child got well following an operation"
    vectors, index = dense.prepare(store, [statement])
    vector = vectors[0]
    pool = gather(store, normalize(statement), vector=vector, index=index, lexical=100,
                  dense=100, bm25_weight=0.2)
    assert [c.bm25 for c in pool] == [None] and pool[0].cosine > 0.5


def test_the_index_file_is_shared_and_follows_writes(store, db_path, semantic, tmp_path):
    ingest_paths(store, [str(CLAIMS)], semantic=semantic)
    encoder = semantic.load()
    first = index_for(store, db_path, encoder.dim)
    assert isinstance(first.matrix, np.memmap)  # mapped, not a private copy
    assert list(db_path.parent.glob("factcheck.db.vectors/*.npy"))
    folder = tmp_path / "more"
    article(folder, "b.txt", "The harbour handled 7,000 container ships in 2023, the port"
                             " authority said.\n")
    ingest_paths(store, [str(folder)], semantic=semantic)
    second = index_for(store, db_path, encoder.dim)
    assert second.generation > first.generation and len(second.ids) == len(first.ids) + 1


def test_a_changed_model_re_embeds_and_embed_resumes(store, semantic, tmp_path):
    ingest_paths(store, [str(CLAIMS)], semantic=semantic)
    other = Semantic(semantic.model, semantic.cache, quantized=True)
    assert other.load().key != semantic.load().key
    assert embed_pending(store, other.load()) == 19  # every vector of the old model replaced
    store.execute("DELETE FROM claim_vectors WHERE claim_id IN"
                  " (SELECT id FROM claims ORDER BY id LIMIT 7)")
    store.conn.commit()
    assert embed_pending(store, other.load()) == 7  # resumes: only what is missing
    assert _counts(store) == (19, 19)


def test_embed_all_in_worker_processes_gives_each_claim_its_own_vector(store, semantic,
                                                                       monkeypatch):
    from factcheck.pipeline import embed

    ingest_paths(store, [str(CLAIMS)])
    # Small windows and batches so that 19 claims cross both, in two workers.
    monkeypatch.setattr(embed, "PARALLEL_MIN", 1)
    monkeypatch.setattr(embed, "WINDOW", 6)
    monkeypatch.setattr(embed, "BATCH", 3)
    steps = []

    def progress(items, length):
        steps.append(length)
        yield from items

    assert embed.embed_all(store, semantic, workers=2, progress=progress) == 19
    assert steps == [7] and _counts(store) == (19, 19)
    ids = [cid for (cid,) in store.execute("SELECT id FROM claims ORDER BY id")]
    texts = [t for (t,) in store.execute("SELECT text FROM claims ORDER BY id")]
    stored = storage.vectors.vectors_of(store, ids)
    alone = semantic.load().encode(texts)
    assert all(stored[cid] @ alone[i] > 0.999 for i, cid in enumerate(ids))
    store.execute("DELETE FROM claim_vectors WHERE claim_id IN (?, ?)", [ids[2], ids[11]])
    store.conn.commit()
    assert embed.embed_all(store, semantic, workers=2) == 2  # resumes: only what is missing


class Counting:
    """A real encoder that records every text it is given."""

    def __init__(self, encoder):
        self.encoder, self.key, self.given = encoder, encoder.key, []

    def encode(self, texts):
        self.given += texts
        return self.encoder.encode(texts)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_text_stored_twice_is_embedded_once(store, semantic, monkeypatch, tmp_path, workers):
    from factcheck.pipeline import embed

    seed = next(CLAIMS.glob("000_*.txt")).read_text(encoding="utf-8")
    folder = tmp_path / "copies"
    article(folder, "a.txt", seed)
    article(folder, "b.txt", seed + "\nThe harbour handled 7,000 ships in 2023.\n")
    ingest_paths(store, [str(folder)])
    monkeypatch.setattr(embed, "PARALLEL_MIN", 1)
    monkeypatch.setattr(embed, "WINDOW", 6)  # copies of a text land in other windows
    monkeypatch.setattr(embed, "BATCH", 3)   # and in the same batch as their text
    rows = store.execute("SELECT id, text FROM claims ORDER BY id").fetchall()
    distinct = {text for _, text in rows}
    assert len(distinct) < len(rows) - 5
    if workers == 1:
        counting = Counting(semantic.load())
        assert embed_pending(store, counting) == len(rows)
        assert sorted(counting.given) == sorted(distinct)  # each text once
    else:
        assert embed.embed_all(store, semantic, workers=2) == len(rows)
    assert _counts(store) == (len(rows), len(rows))
    stored = storage.vectors.vectors_of(store, [cid for cid, _ in rows])
    alone = semantic.load().encode([text for _, text in rows])
    assert all(stored[cid] @ alone[i] > 0.999 for i, (cid, _) in enumerate(rows))


def test_import_claims_and_the_write_api_embed(db_path, semantic, tmp_path):
    records = tmp_path / "checked.jsonl"
    records.write_text(json.dumps({"id": "x1", "text": "Drinking bleach cures the flu",
                                   "rating": "False"}) + "\n")
    conn = storage.connect(db_path)
    storage.migrate(conn)
    import_claims(conn, records, semantic=semantic)
    assert _counts(conn) == (1, 1)
    app = create_app({"TESTING": True, "DATABASE": str(db_path), "BOOTSTRAP": False,
                      "EMBEDDING_MODEL": semantic.model, "API_TOKEN": "t"})
    client = app.test_client()
    saved = client.post("/api/documents", headers={"Authorization": "Bearer t"},
                        json={"text": "The council opened 3 new libraries in 2022."})
    assert saved.status_code == 201
    assert _counts(conn) == (2, 2)


def test_without_a_model_the_service_runs_lexical_and_says_so(db_path, tmp_path):
    app = create_app({"TESTING": True, "DATABASE": str(db_path), "CORPUS": str(CLAIMS),
                      "EMBEDDING_MODEL": str(tmp_path / "no-model-here")})
    client = app.test_client()
    health = client.get("/healthz").get_json()
    assert health["semantic"]["enabled"] is False and "no-model-here" in \
        health["semantic"]["reason"]
    result = client.get("/api/check?statement=China+submitted+145+incidents+to+the+INCB")
    assert result.status_code == 200 and result.get_json()["verdict"] == "supported"
    assert result.get_json()["semantic"] is False
    page = client.get("/check?statement=China+submitted+145+incidents").get_data(as_text=True)
    assert "no sentence-embedding model is loaded" in page


def test_healthz_reports_the_model(db_path):
    model = model_or_skip()
    app = create_app({"TESTING": True, "DATABASE": str(db_path), "CORPUS": str(CLAIMS),
                      "EMBEDDING_MODEL": str(model)})
    health = app.test_client().get("/healthz").get_json()["semantic"]
    assert health["enabled"] is True and health["vectors"] == health["claims"] == 19


@pytest.mark.parametrize("a,b", [("Time Warner", "TimeWarner"), ("Jen Daskal", "Jennifer Daskal"),
                                 ("Mike Smith", "Michael Smith"), ("INCB",
                                 "International Narcotics Control Board"),
                                 ("Chinese", "China"), ("Marks & Spencer", "Marks and Spencer"),
                                 ("Britain", "UK"), ("Tory", "Conservative"),
                                 ("Tories", "Conservatives"),
                                 ("BBC One", "British Broadcasting Corporation One"),
                                 ("One of the Irish", "One of Ireland"),
                                 ("Bank America", "BankAmerica")])
def test_spelling_variants_are_one_name(a, b):
    assert same_name(a, b)


@pytest.mark.parametrize("a,b", [("Rank", "Odeon"), ("Jet Airways", "Indian Airlines"),
                                 ("Mike Smith", "Mike Jones"), ("BBC One", "BBC Two"),
                                 ("Bank of England", "Bank of Ireland"), ("De", "La")])
def test_other_names_are_not_one_name(a, b):
    assert not same_name(a, b)


def test_ratings_map_to_one_scale():
    assert normalized_rating("Pants on Fire!") == "false"
    assert normalized_rating("Mostly True") == "mostly-true"
    assert normalized_rating("Labeled Satire") == "satire"
    assert rating_effect("False") == "contradicts" and rating_effect("True") == "supports"
    assert rating_effect("Unproven") == "neutral" and rating_effect(None) is None


@pytest.fixture
def rated(db_path, tmp_path, semantic):
    records = tmp_path / "checked.jsonl"
    rows = [{"id": "f1", "text": "Drinking bleach cures the flu", "rating": "False"},
            {"id": "t1", "text": "The Great Wall of China is more than 20,000 km long",
             "rating": "True"},
            {"id": "m1", "text": "Eating carrots improves your night vision",
             "rating": "Mixture"}]
    records.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    conn = storage.connect(db_path)
    storage.migrate(conn)
    import_claims(conn, records, semantic=semantic)
    return conn, Dense(semantic.load(), str(db_path))


@pytest.mark.parametrize("statement,verdict", [
    ("Drinking bleach cures the flu", "contradicted"),
    ("The Great Wall of China is more than 20,000 km long", "supported"),
    ("Eating carrots improves your night vision", "unverified"),
])
def test_ratings_of_imported_fact_checks_drive_the_verdict(rated, statement, verdict):
    conn, dense = rated
    result = check(conn, statement, dense=dense)
    assert result["verdict"] == verdict, result
    assert result["evidence"][0]["rating"] in ("False", "True", "Mixture")


def test_claim_review_publishes_the_real_rating(db_path, tmp_path):
    model = model_or_skip()
    records = tmp_path / "checked.jsonl"
    records.write_text(json.dumps({"id": "f1", "text": "Drinking bleach cures the flu",
                                   "rating": "False"}) + "\n")
    conn = storage.connect(db_path)
    storage.migrate(conn)
    import_claims(conn, records, semantic=Semantic(str(model), tmp_path))
    app = create_app({"TESTING": True, "DATABASE": str(db_path), "BOOTSTRAP": False,
                      "EMBEDDING_MODEL": str(model)})
    html = app.test_client().get("/check?statement=Drinking+bleach+cures+the+flu")
    page = html.get_data(as_text=True)
    block = page.split('<script type="application/ld+json">')[1].split("</script>")[0]
    rating = json.loads(block)["reviewRating"]
    assert rating["alternateName"] == "False" and rating["ratingValue"] == 1
    assert "Fact-check rating: <strong>False</strong>" in page


def test_conflicting_sources_are_shown_not_hidden(store, db_path, semantic, tmp_path):
    folder = tmp_path / "in"
    article(folder, "a.txt", "The port of Lagos handled 7,000 container ships in 2023, the"
                             " port authority said.\n")
    article(folder, "b.txt", "The port of Lagos handled 9,000 container ships in 2023, the"
                             " shipping ministry said.\n")
    ingest_paths(store, [str(folder)], semantic=semantic)
    result = check(store, "The port of Lagos handled 7,000 container ships in 2023",
                   dense=Dense(semantic.load(), str(db_path)))
    assert result["verdict"] == "supported"
    assert [c["relation"] for c in result["conflicting"]] == ["contradicts"]
    assert "9,000" in result["conflicting"][0]["quote"]


WIRE = {"a.txt": ("Acme Corp", "731,000", "2,305,000"), "b.txt": ("Bolt Inc", "225,000", "91,000"),
        "c.txt": ("Cray Ltd", "415,000", "73,000")}


def _wire_table(store, db_path, semantic, tmp_path, mode: str):
    """Each company's results line of WIRE under its own title; the Dense for the mode."""
    folder = tmp_path / "in"
    for name, (company, profit, loss) in WIRE.items():
        article(folder, name, f"{company} reported its results for the year.\n\n"
                              f"Oper net profit {profit} dlrs vs loss {loss} dlrs.\n")
    ingest_paths(store, [str(folder)], semantic=semantic)
    return Dense(semantic.load(), str(db_path)) if mode == "semantic" else None


@pytest.mark.parametrize("mode", ["lexical", "semantic"])
def test_passages_worded_alike_that_disagree_with_each_other_decide_nothing(
        store, db_path, semantic, tmp_path, mode):
    dense = _wire_table(store, db_path, semantic, tmp_path, mode)
    # Every company's line differs from it, each by other figures: which does it mean?
    result = check(store, "Oper net profit 500,000 dlrs vs loss 1,000,000 dlrs", dense=dense)
    assert result["verdict"] == "unverified", result["evidence"][:2]
    assert {u["statement"] for u in result["undecided"]} == {"500,000 dlrs", "1,000,000 dlrs"}
    assert set(result["undecided"][0]["values"]) == {f"{p} dlrs" for _, p, _ in WIRE.values()}
    if mode == "lexical":  # the page says why
        app = create_app({"TESTING": True, "DATABASE": str(db_path),
                          "EMBEDDING_MODEL": str(tmp_path / "no-model-here")})
        page = app.test_client().get("/check?statement=Oper+net+profit+500,000+dlrs+vs+loss"
                                     "+1,000,000+dlrs").get_data(as_text=True)
        assert "Sources worded alike disagree with each other" in page
        assert "731,000 dlrs" in page.split("worded alike")[1].split("</p>")[0]
        reviewed = app.test_client().post("/api/review", json={
            "text": "Oper net profit 500,000 dlrs vs loss 1,000,000 dlrs."}).get_json()
        assert reviewed["sentences"][0]["undecided"] == result["undecided"]
    # A line that agrees on every figure supports it; the other companies' lines, worded
    # alike, are no conflict.
    result = check(store, "Oper net profit more than 700,000 dlrs vs loss more than"
                          " 2,000,000 dlrs", dense=dense)
    assert result["verdict"] == "supported" and not result["conflicting"], result["evidence"]
    assert "731,000 dlrs" in result["evidence"][0]["quote"]
    assert len(result["undecided"]) == 2
    # The one line sharing a figure with it, however far BM25 ranks it above the lines
    # worded as closely, does not say it is the statement's (news store rewrites).
    result = check(store, "Oper net profit 731,000 dlrs vs loss 1,000,000 dlrs", dense=dense)
    assert result["verdict"] == "unverified", result["evidence"][:3]
    open_fact = next(u for u in result["undecided"] if u["statement"] == "1,000,000 dlrs")
    assert set(open_fact["values"]) == {f"{loss} dlrs" for _, _, loss in WIRE.values()}


def test_only_a_passage_differing_on_an_open_fact_is_set_aside():
    from factcheck.checking.verdict import undecided

    def passage(score, differences):
        return {"relation": "contradicts", "score": score, "differences": differences,
                "agreements": [], "signals": {"coverage": 80.0},
                "quote": f"A line giving {differences[0]['evidence']}."}

    rated = passage(90.0, [{"kind": "rating", "statement": "stated as fact",
                            "evidence": "rated False"}])
    lines = [passage(89.0, [{"kind": "number", "statement": "500,000", "evidence": v}])
             for v in ("731,000", "225,000")]
    assert undecided([rated, *lines], named=False)[0]["values"] == ["731,000", "225,000"]
    assert [e["relation"] for e in (rated, *lines)] == ["contradicts", "related", "related"]
    lines = [passage(89.0, [{"kind": "number", "statement": "500,000", "evidence": v}])
             for v in ("731,000", "225,000")]
    assert undecided(lines, named=True) == [] and lines[0]["relation"] == "contradicts"


def test_a_contradicting_line_below_the_best_is_read_against_its_own_twins():
    # 'shr 16 cts vs 13 cts': the best lines differ on 16 and were set aside; 'Shr 95 cts
    # vs 16 cts', five points lower, differs on 13 and then decided alone.
    from factcheck.checking.verdict import undecided

    def line(score, first, second, differs):
        statement, evidence = differs
        return {"relation": "contradicts", "score": score, "agreements": [],
                "differences": [{"kind": "number", "statement": statement,
                                 "evidence": evidence}],
                "signals": {"coverage": 100.0}, "quote": f"Shr {first} cts vs {second} cts"}

    lines = [line(89.1, "10", "13", ("16", "10")), line(88.5, "13", "21", ("16", "13")),
             line(80.5, "95", "16", ("13", "95"))]
    opened = undecided(lines, named=False)
    assert {u["statement"] for u in opened} == {"16", "13"}
    assert [e["relation"] for e in lines] == ["related"] * 3


def test_sources_that_agree_on_another_figure_still_contradict(store, db_path, semantic,
                                                               tmp_path):
    folder = tmp_path / "in"
    for name, who, figure in (("b.txt", "the port authority", "9,000"),
                              ("c.txt", "the shipping ministry", "9000")):  # one figure
        article(folder, name, f"The port of Lagos handled {figure} container ships in 2023,"
                              f" {who} said.\n")
    ingest_paths(store, [str(folder)], semantic=semantic)
    result = check(store, "The port of Lagos handled 7,000 container ships in 2023",
                   dense=Dense(semantic.load(), str(db_path)))
    assert result["verdict"] == "contradicted" and not result["undecided"]


def test_a_statement_naming_its_subject_is_contradicted_by_sources_that_differ(
        store, db_path, semantic, tmp_path):
    folder = tmp_path / "in"
    for name, who, figure in (("b.txt", "the port authority", "7,000"),
                              ("c.txt", "the shipping ministry", "9,000")):
        article(folder, name, f"The port of Lagos handled {figure} container ships in 2023,"
                              f" {who} said.\n")
    ingest_paths(store, [str(folder)], semantic=semantic)
    for dense in (None, Dense(semantic.load(), str(db_path))):
        result = check(store, "The port of Lagos handled 8,000 container ships in 2023",
                       dense=dense)
        assert result["verdict"] == "contradicted" and not result["undecided"]
        assert len([e for e in result["evidence"] if e["relation"] == "contradicts"]) == 2


@pytest.mark.parametrize("statement", [
    "Quarterly profits at US media giant Time Warner jumped 76% to $1.13bn",
    "Jen Daskal will lead the delegation of the United States to Beijing",
    "Inflation reached 9 percent last year",
    "The age group 18 to 49 is most affected",
    "Fentanyl does not kill wild animals in the desert",
])
def test_no_contradiction_from_a_variant_an_unrelated_passage_or_negation(
        store, db_path, semantic, tmp_path, statement):
    folder = tmp_path / "in"
    article(folder, "tw.txt", "Quarterly profits at US media giant TimeWarner jumped 76% to"
                              " $1.13bn for the three months to December.\n\nHouse prices"
                              " rose by 0.2% in March, the Nationwide said.\n")
    ingest_paths(store, [str(CLAIMS), str(folder)], semantic=semantic)
    result = check(store, statement, dense=Dense(semantic.load(), str(db_path)))
    assert result["verdict"] != "contradicted", result["evidence"][:1]


@pytest.mark.parametrize("statement,named", [
    ("Qtly Div Five Cts Vs Five Cts", False),  # a results line in Title Case names no one
    ("Qtly div five cts vs five cts", False),
    ("Qtly Div Nine Cts Vs Eight Cts In Prior Qtr", False),
    ("Five Guys Qtly Div Five Cts", True),
])
def test_a_wire_line_in_title_case_names_no_one(statement, named):
    # Its figures in words made the line a name, so a statement naming no one was held to
    # one company's line: another's 'Qtly div 37.5 cts vs 37.5 cts' contradicted it.
    from factcheck.checking.actors import actors
    from factcheck.extract.facts import extract_facts

    assert bool(actors([f.as_dict() for f in extract_facts(statement)])) is named


_QUOTED = ("Orange-Co Inc said its largest shareholder has increased its stake to 15 pct from"
           " 14 pct and now owns 644,727 shares.")


def _without_vector(store, text: str) -> int:
    """The id of a stored claim whose vector is dropped (as a re-extracted claim's was)."""
    claim_id = store.execute("SELECT id FROM claims WHERE text = ?", [text]).fetchone()[0]
    with storage.vectors.writing(store):
        store.execute("DELETE FROM claim_vectors WHERE claim_id = ?", [claim_id])
        storage.vectors._bump(store)
    return claim_id


def test_a_claim_with_no_vector_yet_is_still_found_by_its_words(
        store, db_path, semantic, tmp_path):
    # After a reindex changed 585 claims of the Reuters store, the very sentence quoted
    # came back 'unverified' with the model on: its cosine counted as 0 in the fused order.
    article(tmp_path, "orange.txt", f"Orange-Co stake\n\n{_QUOTED}\n")
    ingest_paths(store, [str(CLAIMS), str(tmp_path)], semantic=semantic)
    claim_id = _without_vector(store, _QUOTED)
    from factcheck.checking.check import Settings

    result = check(store, _QUOTED, settings=Settings(rescored=3),
                   dense=Dense(semantic.load(), str(db_path)))
    assert result["semantic"] and result["verdict"] == "supported"
    assert result["evidence"][0]["claim_id"] == claim_id


def test_reindex_embeds_the_claims_it_writes_anew(store, db_path, semantic, tmp_path,
                                                   monkeypatch):
    article(tmp_path, "orange.txt", f"Orange-Co stake\n\n{_QUOTED}\n")
    ingest_paths(store, [str(tmp_path)], semantic=semantic)
    _without_vector(store, _QUOTED)
    import factcheck.pipeline.reindex as module

    monkeypatch.setattr(module, "EXTRACTOR_VERSION", "factcheck-extract/next")
    summary = module.reindex(store, semantic=semantic)
    assert summary.updated == 1 and summary.embedded == 1
    done, total = storage.vectors.counts(store)
    assert done == total
