"""Check a statement: retrieve candidates, score them, compare facts, give a verdict."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypedDict

import sqlite_utils

from .. import settings as registry
from ..extract.facts import extract_facts
from ..store import queries
from ..text.normalize import normalize
from .judge import Difference, compare
from .retrieval import candidates, expand_acronyms
from .similarity import alignment, content_words, dated, relevance

MAX_STATEMENT = 2000
MAX_LIMIT = 50
Verdict = Literal["supported", "contradicted", "unverified"]
Relation = Literal["supports", "contradicts", "related"]


class Evidence(TypedDict, total=False):
    """One passage behind a verdict: its span, relation, score and the facts compared."""

    claim_id: int
    relation: Relation
    score: float
    relevance: float
    quote: str
    start: int
    end: int
    match: dict
    document: dict
    differences: list[Difference]
    agreements: list[Difference]
    unconfirmed: list[Difference]
    corroboration: list[dict]
    external_id: str | None
    rating: str | None


_SETTING = {"support": "THRESHOLD_SUPPORT", "contradict": "THRESHOLD_CONTRADICT",
            "related": "THRESHOLD_RELATED", "candidates": "CANDIDATES", "rescored": "RESCORED",
            "bm25_weight": "BM25_WEIGHT", "bm25_floor": "BM25_FLOOR"}


def _default(field_name: str):
    return registry.BY_NAME[_SETTING[field_name]].default


@dataclass(frozen=True)
class Settings:
    """The checker's thresholds and budgets; defaults and types from `factcheck.settings`."""

    support: float = _default("support")  # supports: this close, and every figure agrees
    contradict: float = _default("contradict")  # this close on all but the differing fact
    related: float = _default("related")  # evidence floor on the score
    candidates: int = _default("candidates")  # BM25 candidates fetched
    rescored: int = _default("rescored")  # of which rescored with rapidfuzz
    bm25_weight: float = _default("bm25_weight")  # share of BM25 in the order
    bm25_floor: float = _default("bm25_floor")  # evidence also at this share of BM25's best

    @classmethod
    def from_config(cls, config) -> Settings:
        return cls(**{key: registry.BY_NAME[name].parse(config[name])
                      for key, name in _SETTING.items() if config.get(name) is not None})


def _statement_facts(statement: str) -> tuple[list[dict], list[dict]]:
    facts = [f.as_dict() for f in extract_facts(statement)]
    entities = [{**f, "norm": normalize(f["text"])} for f in facts
                if f["kind"] in ("entity", "acronym")]
    return facts, entities


def _relation(score: float, differences: list, unconfirmed: list, settings: Settings) -> str:
    """Contradicts: close and something differs; supports: close and nothing unconfirmed."""
    if differences and score >= settings.contradict:
        return "contradicts"
    if not differences and not unconfirmed and score >= settings.support:
        return "supports"
    return "related"


def _closeness(cand: dict, differences: list[dict], norm: str) -> float:
    """Relevance with a differing name set aside: 'Blinken will lead' vs 'Daskal will lead'."""
    names = [d for d in differences if d["kind"] == "entity"]
    if not names:
        return cand["relevance"]
    drop = {w for d in names for w in normalize(d["statement"]).split()}
    theirs = {w for d in names for w in normalize(d["evidence"]).split()}
    keep = [w for w in content_words(norm) if w not in drop]
    other = " ".join(w for w in cand["norm"].split() if w not in theirs)
    return max(cand["relevance"], relevance(keep, other, cand["context"], dated(norm)))


def _relevant(cand: dict, settings: Settings) -> bool:
    """Above the score floor, or close to BM25's best (long tweets score low but rank well)."""
    return cand["score"] >= settings.related or cand["bm25_share"] >= settings.bm25_floor


def rank(db: sqlite_utils.Database, norm: str, settings: Settings) -> list[dict]:
    """BM25 candidates with a calibrated score each, in retrieval order.

    The score (0-100, rapidfuzz-backed relevance) is what thresholds read. The order leans on
    BM25, which ranked best on CheckThat!; the score breaks its near-ties.
    """
    found = candidates(db, norm, settings.candidates)[: settings.rescored]
    if not found:
        return []
    words, calendar = content_words(norm), dated(norm)
    best = found[0]["bm25"] or -1.0
    for cand in found:
        cand["score"] = cand["relevance"] = relevance(words, cand["norm"], cand["context"],
                                                      calendar)
        cand["bm25_share"] = bm25_share = cand["bm25"] / best if best else 0.0
        cand["order"] = (settings.bm25_weight * bm25_share
                         + (1 - settings.bm25_weight) * cand["score"] / 100)
    found.sort(key=lambda c: c["order"], reverse=True)
    return found


def check(db: sqlite_utils.Database, statement: str, limit: int = 5,
          settings: Settings | None = None) -> dict:
    """The verdict on a statement with up to `limit` evidence passages, best first."""
    settings = settings or Settings()
    norm = expand_acronyms(db, statement, normalize(statement))
    s_facts, s_entities = _statement_facts(statement)
    ranked = [c for c in rank(db, norm, settings) if _relevant(c, settings)]
    ranked = ranked[: max(limit * 2, 10)]  # fact comparison only where it can be shown
    rows = {r["id"]: r for r in queries.claim_rows(
        db, f"c.id IN ({','.join('?' * len(ranked))})", [c["id"] for c in ranked])} \
        if ranked else {}
    evidence = []
    for cand in ranked:
        row = rows[cand["id"]]
        result = compare(statement, norm, s_facts, s_entities, row["quote"], cand["norm"],
                         row["facts"], row["start"])
        closeness = _closeness(cand, result.differences, norm)
        relation = _relation(closeness, result.differences, result.unconfirmed, settings)
        if relation == "related":
            # Only a passage about the same thing can differ from the statement or leave
            # part of it unsaid; for a merely related one both lists would be noise.
            result.differences, result.unconfirmed = [], []
        evidence.append(_evidence(row, cand, relation, result))
    verdict, decisive = _verdict(evidence)
    shown = evidence[:limit]
    if decisive is not None and decisive not in shown:
        shown[-1] = decisive  # the passage the verdict rests on is always shown
    for item in shown:
        _align(item, norm)
    _attach_documents(db, shown)
    return {"statement": statement, **verdict, "evidence": shown}


def _align(item: dict, norm: str) -> None:
    """The stretch of the passage that best aligns with the statement (shown passages only)."""
    m_start, m_end = alignment(norm, item["quote"])
    item["match"] = {"start": item["start"] + m_start, "end": item["start"] + m_end,
                     "quote": item["quote"][m_start:m_end]}


def _evidence(row: dict, cand: dict, relation: str, result) -> dict:
    return {
        "claim_id": row["id"], "relation": relation,
        "score": cand["score"], "relevance": cand["relevance"], "quote": row["quote"],
        "start": row["start"], "end": row["end"],
        "document_id": row["document_id"], "differences": result.differences,
        "agreements": result.agreements, "unconfirmed": result.unconfirmed,
        "external_id": row["external_id"], "rating": row["rating"],
    }


def _verdict(evidence: list[dict]) -> tuple[dict, dict | None]:
    """The verdict over every judged passage, whatever the limit, and the passage it rests on."""
    decisive = sorted((e for e in evidence if e["relation"] != "related"),
                      key=lambda e: -e["score"])
    if not decisive:
        best = max((e["score"] for e in evidence), default=0.0)
        return {"verdict": "unverified", "score": best}, None
    top = decisive[0]
    verdict = "supported" if top["relation"] == "supports" else "contradicted"
    return {"verdict": verdict, "score": top["score"]}, top


def _attach_documents(db: sqlite_utils.Database, evidence: list[dict]) -> None:
    """Each passage's document summary and its corroborating passages elsewhere."""
    links = queries.corroborating(db, [e["claim_id"] for e in evidence])
    docs = queries.document_summaries(db, [e["document_id"] for e in evidence])
    for item in evidence:
        item["document"] = docs[item.pop("document_id")]
        item["corroboration"] = [
            {**link, "document": docs.get(link["document_id"])
             or {"id": link["document_id"], "title": link["document_title"]}}
            for link in links[item["claim_id"]]]
