"""What a response shows of the judged passages: copies folded, spans aligned, documents.

A corpus often holds one article twice (a wire story in two feeds, a page saved twice):
its sentences come back as two passages worded the same, which would fill two of the few
evidence slots with one source. The second is folded into the first, where it is listed
as corroboration from its own document.
"""

from __future__ import annotations

import sqlite_utils

from ..store import queries
from .similarity import alignment


def wording(text: str) -> str:
    """A passage's words as a reader compares them: case and spacing aside."""
    return " ".join(text.lower().split())


def _key(item: dict) -> tuple:
    """Passages the same to a reader: wording, relation, rating."""
    return wording(item["quote"]), item["relation"], item["rating"]


def distinct(evidence: list[dict]) -> list[dict]:
    """The passages in order, each worded as an earlier one folded into that one."""
    first: dict[tuple, dict] = {}
    kept = []
    for item in evidence:
        found = first.setdefault(_key(item), item)
        if found is item:
            kept.append(item)
        else:
            found.setdefault("copies", []).append(item)
    return kept


def representative(item: dict | None, kept: list[dict]) -> dict | None:
    """The shown passage standing for `item` (itself, or the one it was folded into)."""
    if item is None or any(item is k for k in kept):
        return item
    return next(k for k in kept if any(c is item for c in k.get("copies", ())))


def align(item: dict, norm: str) -> None:
    """The stretch of the passage that best aligns with the statement (shown passages only)."""
    if "match" in item:
        return
    m_start, m_end = alignment(norm, item["quote"])
    item["match"] = {"start": item["start"] + m_start, "end": item["start"] + m_end,
                     "quote": item["quote"][m_start:m_end]}


def attach_documents(db: sqlite_utils.Database, evidence: list[dict]) -> None:
    """Each passage's document summary and its corroborating passages elsewhere, the
    copies folded into it among them."""
    links = queries.corroborating(db, [e["claim_id"] for e in evidence])
    copies = [c for e in evidence for c in e.get("copies", ())]
    docs = queries.document_summaries(db, [e["document_id"] for e in evidence + copies])
    for item in evidence:
        item["document"] = docs[item.pop("document_id")]
        linked = links[item["claim_id"]]
        known = {link["claim_id"] for link in linked}
        linked += [_as_link(c, docs) for c in item.pop("copies", ())
                   if c["claim_id"] not in known]
        item["corroboration"] = [
            {**link, "document": docs.get(link["document_id"])
             or {"id": link["document_id"], "title": link["document_title"]}}
            for link in linked]


def _as_link(copy: dict, docs: dict[int, dict]) -> dict:
    """A folded copy in the shape of a corroboration link (worded the same: score 100)."""
    return {"claim_id": copy["claim_id"], "score": 100.0, "start": copy["start"],
            "end": copy["end"], "quote": copy["quote"], "document_id": copy["document_id"],
            "document_title": docs[copy["document_id"]]["title"]}
