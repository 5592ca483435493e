"""One article stored twice (a wire story in two feeds) fills one evidence slot, not two:
the copy is listed as the first passage's corroboration from its own document."""

from __future__ import annotations

import json

from factcheck.checking.check import check
from factcheck.pipeline.ingest import ingest_paths

STORY = ("Harbour Freight Lines carried 48,000 containers through the port of Tilbury in "
         "March, its busiest month since 2019. The company plans a second berth.")
OTHER = ("Harbour Freight Lines carried 48,000 containers through the port of Tilbury in "
         "March, a figure the union disputes.")


def _ingest(store, tmp_path, *, link: bool) -> None:
    path = tmp_path / "feeds.jsonl"
    records = [{"id": "wire-a", "title": "Freight at Tilbury", "text": STORY},
               {"id": "wire-b", "title": "Freight at Tilbury", "text": STORY},
               {"id": "local", "title": "Port figures", "text": OTHER}]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    ingest_paths(store, [str(path)], link=link)


def _check(store):
    return check(store, "Harbour Freight Lines carried 48,000 containers through Tilbury"
                        " in March", limit=3)


def test_a_copy_of_a_passage_is_folded_into_it_as_corroboration(store, tmp_path):
    _ingest(store, tmp_path, link=False)  # no links made at ingest: the fold still shows it
    result = _check(store)
    quotes = [e["quote"] for e in result["evidence"]]
    assert len(quotes) == len(set(quotes)), quotes
    first = result["evidence"][0]
    assert first["quote"].startswith("Harbour Freight Lines carried 48,000 containers")
    copies = [c for c in first["corroboration"] if c["quote"] == first["quote"]]
    assert len(copies) == 1 and copies[0]["document"]["id"] != first["document"]["id"]
    assert "copies" not in first
    assert result["verdict"] == "supported"


def test_a_linked_copy_is_listed_once(store, tmp_path):
    _ingest(store, tmp_path, link=True)
    first = _check(store)["evidence"][0]
    ids = [c["claim_id"] for c in first["corroboration"]]
    assert len(ids) == len(set(ids)) and ids
