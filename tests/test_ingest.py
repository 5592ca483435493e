"""Ingest into a real SQLite file: metadata, idempotence, replacement, bad files, links."""

from __future__ import annotations

import json
import sqlite3

import pytest

from factcheck import store
from factcheck.pipeline.ingest import ingest_paths

from .conftest import CLAIMS, SEED_000


def docs(conn):
    return {r["path"].rsplit("/", 1)[-1]: r for r in conn.query("SELECT * FROM documents")}


def claim_texts(conn, document_id):
    return {r["text"]: r["id"] for r in conn.query(
        "SELECT id, text FROM claims WHERE document_id = ?", [document_id])}


def test_seeds_ingest_with_exact_spans(seeded):
    rows = list(seeded.query(
        "SELECT c.span_start, c.span_end, c.text, d.text AS doc FROM claims c"
        " JOIN documents d ON d.id = c.document_id"))
    assert len(rows) >= 15
    for row in rows:
        assert row["doc"][row["span_start"]:row["span_end"]] == row["text"]
    for fact in seeded.query("SELECT f.span_start, f.span_end, f.text, d.text AS doc FROM facts f"
                             " JOIN claims c ON c.id = f.claim_id"
                             " JOIN documents d ON d.id = c.document_id"):
        assert fact["doc"][fact["span_start"]:fact["span_end"]] == fact["text"]


def test_document_text_is_byte_exact(seeded):
    for name, row in docs(seeded).items():
        assert row["text"].encode("utf-8") == (CLAIMS / name).read_bytes()


def test_metadata_is_inferred(seeded):
    d = docs(seeded)
    first, second = d["000_8b522224fd885a9a.txt"], d["001_bb3994ddda9d2b97.txt"]
    assert first["published"] == "2024-01-29"
    assert first["place"] == "BEIJING" and first["source"] == "dpa-AFX"
    assert second["published"] == "2024-01-30"
    assert second["title"] == ("Readout of the U.S.-PRC Bilateral Counternarcotics Working Group"
                               " Inaugural Meeting")
    assert second["publisher"] == "The Bloomingtonian"
    assert json.loads(second["inferred"])["published"] == "press-release line"
    assert len(first["sha256"]) == 64 and first["extractor_version"]
    # The title and the date header are metadata, not claims.
    quotes = [r["text"] for r in seeded.query("SELECT text FROM claims")]
    assert not any(q.startswith(("Readout of", "date 2024", "FOR IMMEDIATE")) for q in quotes)
    assert not any(q.startswith("BEIJING") for q in quotes)


def test_sidecar_metadata_wins(corpus, store):
    (corpus / "000_8b522224fd885a9a.json").write_text(json.dumps({
        "title": "Daskal to lead delegation", "url": "https://example.org/a",
        "publisher": "Example Wire", "published": "January 29, 2024"}))
    ingest_paths(store, [str(corpus)])
    row = docs(store)["000_8b522224fd885a9a.txt"]
    assert (row["title"], row["url"], row["publisher"], row["published"]) == (
        "Daskal to lead delegation", "https://example.org/a", "Example Wire", "2024-01-29")


def test_reingest_changes_nothing(seeded):
    before = list(seeded.query("SELECT id, span_start, text FROM claims ORDER BY id"))
    stamps = [r["ingested_at"] for r in seeded.query("SELECT ingested_at FROM documents")]
    summary = ingest_paths(seeded, [str(CLAIMS)])
    assert (summary.added, summary.updated, summary.unchanged) == (0, 0, 2)
    assert list(seeded.query("SELECT id, span_start, text FROM claims ORDER BY id")) == before
    assert [r["ingested_at"] for r in seeded.query("SELECT ingested_at FROM documents")] == stamps


def test_changed_file_replaces_document_and_keeps_claim_ids(corpus, store):
    ingest_paths(store, [str(corpus)])
    path = corpus / SEED_000.name
    doc = docs(store)[path.name]
    old = claim_texts(store, doc["id"])
    text = path.read_text(encoding="utf-8")
    dropped = ("China submitted 145 incidents to the International Narcotics Control Board"
               " Global Database.")
    text = text.replace(dropped, "") + "\nOfficials said 3,000 kilograms were seized in 2023.\n"
    path.write_text(text, encoding="utf-8")
    summary = ingest_paths(store, [str(corpus)])
    assert (summary.updated, summary.unchanged) == (1, 1)
    new = claim_texts(store, doc["id"])
    assert docs(store)[path.name]["id"] == doc["id"]
    assert dropped not in new
    assert "Officials said 3,000 kilograms were seized in 2023." in new
    kept = set(old) & set(new)
    assert len(kept) >= 10 and all(old[t] == new[t] for t in kept)
    stored = docs(store)[path.name]["text"]
    for row in store.query("SELECT span_start, span_end, text FROM claims WHERE document_id = ?",
                           [doc["id"]]):
        assert stored[row["span_start"]:row["span_end"]] == row["text"]
    orphans = store.execute("SELECT count(*) FROM facts WHERE claim_id NOT IN"
                            " (SELECT id FROM claims)").fetchone()[0]
    assert orphans == 0


def test_a_failed_write_leaves_the_old_document_whole(corpus, store, monkeypatch):
    ingest_paths(store, [str(corpus)])
    path = corpus / SEED_000.name
    before = list(store.query("SELECT * FROM claims ORDER BY id"))
    before_doc = docs(store)[path.name]
    path.write_text(path.read_text(encoding="utf-8") + "\nA new claim says 5 ships sank.\n",
                    encoding="utf-8")

    def boom(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error (simulated)")

    monkeypatch.setattr(store_module(), "insert_links", boom)
    with pytest.raises(sqlite3.OperationalError):
        ingest_paths(store, [str(corpus)])
    assert list(store.query("SELECT * FROM claims ORDER BY id")) == before
    assert docs(store)[path.name] == before_doc
    monkeypatch.undo()
    assert ingest_paths(store, [str(corpus)]).updated == 1


def store_module():
    from factcheck.store import writes

    return writes


def test_bad_files_are_named_and_skipped(corpus, store):
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 10)
    (corpus / "latin1.txt").write_bytes("Caf\xe9 prices rose 5%.".encode("latin-1"))
    (corpus / "empty.md").write_text("  \n\n")
    failures = []
    summary = ingest_paths(store, [str(corpus)], on_failure=lambda p, r: failures.append((p, r)))
    assert summary.added == 2 and summary.failed == 3
    reasons = {p.rsplit("/", 1)[-1]: r for p, r in failures}
    assert "binary" in reasons["binary.txt"]
    assert "UTF-8" in reasons["latin1.txt"]
    assert "empty" in reasons["empty.md"]


def test_html_goes_through_a_text_extractor(tmp_path, store):
    page = tmp_path / "story.html"
    page.write_text(
        "<html><head><title>Port strike ends</title></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/news'>News</a> | Subscribe now</nav>"
        "<article><h1>Port strike ends</h1>"
        "<p>Dock workers in Rotterdam ended a 12-day strike on Monday, the union said.</p>"
        "<p>The strike had delayed about 300 ships, port authorities estimated on Sunday.</p>"
        "<p>Workers won a 4.5% pay rise for the next two years under the agreement.</p>"
        "</article><footer>Copyright 2024 Example News. All rights reserved.</footer>"
        "</body></html>", encoding="utf-8")
    summary = ingest_paths(store, [str(page)])
    assert summary.added == 1
    doc = next(iter(docs(store).values()))
    assert "Dock workers in Rotterdam" in doc["text"] and "<p>" not in doc["text"]
    assert "Subscribe now" not in doc["text"]
    assert doc["kind"] == "html" and doc["title"] == "Port strike ends"
    quotes = [r["text"] for r in store.query("SELECT text FROM claims")]
    assert any("12-day strike" in q for q in quotes)


def test_jsonl_bulk_file(tmp_path, store):
    bulk = tmp_path / "bulk.jsonl"
    bulk.write_text("\n".join(json.dumps(r) for r in [
        {"id": "a1", "title": "Rates",
         "text": "The central bank raised rates to 5.25% on July 26, 2023.",
         "url": "https://example.org/rates", "publisher": "Example", "published": "2023-07-27"},
        {"id": "a2", "title": "Jobs",
         "text": "Employers added 187,000 jobs in August, the Labor Department said."},
    ]), encoding="utf-8")
    assert ingest_paths(store, [str(bulk)]).added == 2
    assert ingest_paths(store, [str(bulk)]).unchanged == 2
    rows = {r["title"]: r for r in store.query("SELECT * FROM documents")}
    assert rows["Rates"]["url"] == "https://example.org/rates"
    assert rows["Rates"]["published"] == "2023-07-27"
    facts = {r["value"] for r in store.query("SELECT value FROM facts")}
    assert {"5.25", "2023-07-26", "187000"} <= facts


def test_a_given_title_repeated_as_the_first_line_is_no_claim(tmp_path, store):
    """A record whose text opens with its own headline, closing period and all, keeps
    the headline as metadata; a first line that is not the title stays a claim."""
    title = "Vitamin D supplements cut fracture risk by 20 percent in older women."
    lead = "A trial of 4,000 women over 65 found 20 percent fewer fractures in 2019."
    bulk = tmp_path / "bulk.jsonl"
    bulk.write_text("\n".join(json.dumps(r) for r in [
        {"id": "t1", "title": title, "text": f"{title}\n\n{lead}"},
        {"id": "t2", "title": "Another headline", "text": f"{title}\n\n{lead}"},
    ]), encoding="utf-8")
    ingest_paths(store, [str(bulk)])
    quotes = {r["title"]: [q["text"] for q in store.query(
        "SELECT text FROM claims WHERE document_id = ?", [r["id"]])]
        for r in store.query("SELECT id, title FROM documents")}
    assert quotes[title] == [lead]
    assert quotes["Another headline"] == [title, lead]


def test_a_title_like_line_with_nothing_under_it_is_a_claim(tmp_path, store):
    """A one-line document is its own claim, whether or not it repeats a given title."""
    line = "Unemployment fell to 4% in March 2024"
    bulk = tmp_path / "bulk.jsonl"
    bulk.write_text("\n".join(json.dumps(r) for r in [
        {"id": "u1", "text": line}, {"id": "u2", "title": f"{line}.", "text": f"{line}."},
    ]), encoding="utf-8")
    ingest_paths(store, [str(bulk)])
    assert sorted(r["text"] for r in store.query("SELECT text FROM claims")) == [
        line, f"{line}."]


def test_same_claim_in_two_documents_is_linked(seeded):
    links = list(seeded.query(
        "SELECT a.text AS a, b.text AS b FROM corroborations k JOIN claims a ON a.id = k.claim_id"
        " JOIN claims b ON b.id = k.other_id"))
    assert any("Jen Daskal will lead" in r["a"] and "Jennifer Daskal" in r["b"] for r in links)
    assert any("Jennifer Daskal" in r["a"] and "Jen Daskal will lead" in r["b"] for r in links)
    # Sharing only topic words (fentanyl, United States) is not the same claim.
    assert not any("100,000 people" in r["a"] for r in links)


def test_bulk_linking_pairs_every_claim_sharing_two_uncommon_runs(store, tmp_path,
                                                                   monkeypatch):
    """The numpy pairing against every pair of claims compared directly."""
    from collections import Counter
    from itertools import combinations

    from factcheck.pipeline import corroborate

    folder = tmp_path / "wires"
    folder.mkdir()
    for i in range(6):  # one wire story in six papers: every claim has five twins
        (folder / f"{i}.txt").write_text(
            "The port handled 4.2 million containers in 2023, its authority said.\n"
            "Dock workers struck for 12 days in March over pay and pensions.\n"
            f"Paper {i} adds a line of its own about the 1,{i}00 jobs at stake.\n",
            encoding="utf-8")
    ingest_paths(store, [str(CLAIMS), str(folder)], link=False)
    monkeypatch.setattr(corroborate, "COMMON_RUN", 4)  # so the first story's runs are too
    for i in range(6, 9):  # common, and three papers' own story is linked in their claims
        (folder / f"{i}.txt").write_text(
            f"The {'XYZ'[i - 6]} Herald says the harbour board met on Friday to approve"
            " the new quay plans and the dredging contract.\n", encoding="utf-8")
    ingest_paths(store, [str(folder)], link=False)
    rows = list(store.execute("SELECT id, document_id, norm FROM claims ORDER BY id"))
    runs = {cid: corroborate._runs(norm) for cid, _, norm in rows}
    often = Counter(r for found in runs.values() for r in found)
    new = {cid for cid, _, _ in rows[len(rows) // 2:]}  # half new, half already linked
    expected = set()
    for (a, da, na), (b, db, nb) in combinations(rows, 2):
        shared = sum(1 for r in runs[a] & runs[b] if often[r] <= corroborate.COMMON_RUN)
        if da != db and shared >= 2 and (a in new or b in new):
            mine, other = ((a, na), (b, nb)) if a in new else ((b, nb), (a, na))
            score = corroborate.corroboration_score(mine[1], other[1])
            if score:
                expected.add((mine[0], other[0], score))
    assert corroborate.link_batch(store, sorted(new)) == len(expected) >= 3
    stored = {tuple(r) for r in store.execute(
        "SELECT claim_id, other_id, score FROM corroborations")}
    assert {(min(a, b), max(a, b), s) for a, b, s in stored} \
        == {(min(a, b), max(a, b), s) for a, b, s in expected}


def test_claims_too_short_to_share_a_run_are_imported_and_linked_to_none(store, tmp_path):
    from factcheck.pipeline import corroborate
    from factcheck.pipeline.importer import import_claims

    records = tmp_path / "short.jsonl"  # fact-checked claims of four words or fewer
    records.write_text("".join(json.dumps({"id": f"c{i}", "text": text}) + "\n" for i, text in
                               enumerate(["Vaccines cause autism.", "Moon landings were faked.",
                                          "Fluoride lowers IQ."])), encoding="utf-8")
    summary = import_claims(store, records)  # links: no five-word run anywhere in the store
    norms = [r[0] for r in store.execute("SELECT norm FROM claims")]
    assert summary.added == 3 and max(len(n.split()) for n in norms) < corroborate.RUN
    assert summary.links == 0


def test_acronyms_are_learned_from_names(seeded):
    rows = {(r["acronym"], r["expansion"]) for r in seeded.query("SELECT * FROM acronyms")}
    assert ("INCB", "International Narcotics Control Board") in rows
    assert ("DHS", "Department of Homeland Security") in rows


def test_delete_document_removes_everything(seeded):
    doc_id = seeded.execute("SELECT id FROM documents LIMIT 1").fetchone()[0]
    assert store.delete_document(seeded, doc_id)
    for table in ("claims", "acronyms"):
        assert seeded.execute(f"SELECT count(*) FROM {table} WHERE document_id = ?",
                              [doc_id]).fetchone()[0] == 0
    assert seeded.execute("SELECT count(*) FROM facts WHERE claim_id NOT IN"
                          " (SELECT id FROM claims)").fetchone()[0] == 0
    assert seeded.execute("PRAGMA foreign_key_check").fetchall() == []


def test_fts_index_is_set_up_the_sqlite_utils_way(seeded):
    assert seeded["claims"].detect_fts() == "claims_fts"
    hits = list(seeded.query("SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'fentanyl'"))
    assert len(hits) >= 3
    assert seeded.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert seeded.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_same_wording_with_other_figures_is_not_corroboration():
    from factcheck.pipeline.corroborate import corroboration_score
    from factcheck.text.normalize import normalize

    a = normalize("The central bank bought four mln stg of bills in band one at 10 pct today.")
    b = normalize("The central bank bought 41 mln stg of bills in band one at 10 pct today.")
    assert corroboration_score(a, a) == 100.0
    assert corroboration_score(a, b) == 0.0


def test_links_lost_to_a_crash_are_made_on_the_next_run(corpus, store, monkeypatch):
    from factcheck.pipeline import corroborate, ingest

    monkeypatch.setattr(ingest, "BULK_FILES", 0)  # the seeds take the bulk path

    def crash(db, ids, chunk=5000):
        raise KeyboardInterrupt("killed between storing and linking")

    monkeypatch.setattr(corroborate, "link_batch", crash)
    with pytest.raises(KeyboardInterrupt):
        ingest_paths(store, [str(corpus)])
    assert store.execute("SELECT count(*) FROM corroborations").fetchone()[0] == 0
    assert store.execute("SELECT count(*) FROM documents WHERE linked = 0").fetchone()[0] == 2
    monkeypatch.undo()
    monkeypatch.setattr(ingest, "BULK_FILES", 0)
    summary = ingest_paths(store, [str(corpus)])
    assert summary.unchanged == 2 and summary.links > 0
    assert store.execute("SELECT count(*) FROM corroborations").fetchone()[0] > 0
    assert store.execute("SELECT count(*) FROM documents WHERE linked = 0").fetchone()[0] == 0
