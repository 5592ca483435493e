"""An article's claims are searched with its given title (BM25 over claim and title), and
only an imported fact-check's title counts as a claim's wording."""

from __future__ import annotations

import json

from factcheck import store as storage
from factcheck.checking import retrieval
from factcheck.checking.check import check
from factcheck.pipeline.importer import import_claims
from factcheck.pipeline.ingest import ingest_paths
from factcheck.store import lexical as claims_state
from factcheck.text.normalize import normalize

TITLE = "Charcoal hemoperfusion did not help in paraquat poisoning."
SENTENCE = "It had little effect on kidney injury in 40 severe cases."


def _jsonl(tmp_path, records: list[dict]):
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def _records() -> list[dict]:
    return [{"id": "trial", "title": TITLE, "text": f"{TITLE}\n\n{SENTENCE}"},
            # The same sentence under no title: nothing but its words to be found by.
            {"id": "untitled", "text": "It had little effect on kidney injury in 40 severe"
                                       " cases of burns."}]


def _contexts(db) -> dict[str, str | None]:
    return {r[0]: r[1] for r in db.execute(
        "SELECT claims.text, claims.context FROM claims ORDER BY claims.id")}


def test_an_articles_claims_carry_its_given_title_but_not_the_title_itself(store, tmp_path):
    ingest_paths(store, [str(_jsonl(tmp_path, _records()))])
    contexts = _contexts(store)
    assert contexts[SENTENCE] == normalize(TITLE)
    assert TITLE not in contexts  # the first line repeats the title: metadata, no claim
    untitled = [text for text in contexts if "burns" in text]
    assert untitled and contexts[untitled[0]] is None  # a title made from opening words


def test_bm25_finds_a_sentence_by_its_articles_title(store, tmp_path):
    ingest_paths(store, [str(_jsonl(tmp_path, _records()))])
    ids = {r[0]: r[1] for r in store.execute("SELECT text, id FROM claims")}
    hits = [h["id"] for h in retrieval.bm25(store, normalize("paraquat kidney injury"), 10)]
    assert hits.index(ids[SENTENCE]) < hits.index(
        next(i for t, i in ids.items() if "burns" in t))


def test_only_an_imported_title_counts_as_the_claims_wording(store, tmp_path):
    ingest_paths(store, [str(_jsonl(tmp_path, _records()))])
    records = tmp_path / "checked.jsonl"
    records.write_text('{"id": "pf-1", "text": "The tower was built in 1889.",'
                       ' "title": "Eiffel tower"}\n', encoding="utf-8")
    import_claims(store, records)
    ids = {r[0]: r[1] for r in store.execute("SELECT text, id FROM claims")}
    texts = retrieval.claim_texts(store, [ids[SENTENCE], ids["The tower was built in 1889."]])
    assert texts[ids[SENTENCE]][1] is None
    assert texts[ids["The tower was built in 1889."]][1] == "eiffel tower"
    # The headline's words found the sentence, but they are not its wording: a statement
    # that the headline alone covers is not supported by it.
    result = check(store, "Charcoal hemoperfusion was used in 40 paraquat poisoning cases")
    assert result["verdict"] != "supported"


def test_a_store_from_before_gets_its_headings_once(store, db_path, tmp_path):
    ingest_paths(store, [str(_jsonl(tmp_path, _records()))])
    with storage.writing(store):  # as schema 8 wrote it: no context for article claims
        store.execute("UPDATE claims SET context = NULL")
        store.execute("DELETE FROM _sqlite_migrations WHERE name = 'v9_article_claims_heading'")
        store.execute("PRAGMA user_version = 8")
    storage.refresh_term_stats(store)
    before = claims_state.state(store)
    # Only the title says "paraquat", and the title is no claim.
    assert retrieval.term_frequencies(store, ["paraquat"]).get("paraquat", 0) == 0
    assert storage.migrate(store) == storage.SCHEMA_VERSION
    assert _contexts(store)[SENTENCE] == normalize(TITLE)
    assert claims_state.state(store).floor != before.floor  # the postings are rebuilt
    assert retrieval.term_frequencies(store, ["paraquat"]) == {"paraquat": 1}
    ids = {r[0]: r[1] for r in store.execute("SELECT text, id FROM claims")}
    assert retrieval.bm25(store, normalize("paraquat"), 5)[0]["id"] == ids[SENTENCE]


BUSY = ("carried 48,000 containers through the port of Tilbury in March, its busiest month"
        " since the new cranes arrived.")


def _heading_store(store, tmp_path, title: str, sentence: str):
    ingest_paths(store, [str(_jsonl(tmp_path, [
        {"id": "port", "title": title, "text": f"{title}\n\n{sentence}"}]))])


def test_a_passage_naming_nobody_speaks_of_the_actor_its_heading_names(store, tmp_path):
    _heading_store(store, tmp_path, "Harbour Freight Lines expands at Tilbury",
                   f"The company {BUSY}")
    assert check(store, f"Harbour Freight Lines {BUSY}")["verdict"] == "supported"
    # Another actor, named by neither the passage nor its heading, stays unconfirmed.
    assert check(store, f"Northern Cargo Partners {BUSY}")["verdict"] != "supported"


def test_a_heading_does_not_confirm_an_actor_when_the_passage_names_another(store, tmp_path):
    # Two actors of the heading, neither in the passage, which names a third: no one-for-one
    # swap to contradict, and the heading must not make the third's figures theirs.
    _heading_store(store, tmp_path,
                   "Harbour Freight Lines and Dover Shipping lose ground to Seaways Group",
                   f"Seaways Group {BUSY}")
    result = check(store, f"Harbour Freight Lines and Dover Shipping {BUSY}")
    assert result["verdict"] != "supported", result["evidence"][0]
