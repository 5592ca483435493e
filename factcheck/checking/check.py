"""Check a statement: retrieve candidates, score them, compare facts, give a verdict."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Literal, NamedTuple, TypedDict

import sqlite_utils

from .. import settings as registry
from ..extract.claims import MAX_SENTENCE
from ..extract.facts import extract_facts
from ..store import queries
from ..text.normalize import normalize
from . import present, retrieval, spelling
from . import verdict as verdicts
from .actors import actors
from .casing import Casing, opening_word
from .dense import Dense
from .judge import Difference, compare
from .periods import another_period
from .rank import Candidate, rank
from .ratings import normalized_rating, rating_effect
from .similarity import carried, content_words, dated, joined, relevance, same_days

MAX_STATEMENT = MAX_SENTENCE  # a statement is capped as a stored claim's sentence is
MAX_LIMIT = 50
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
            "contradict_lexical": "THRESHOLD_CONTRADICT_LEXICAL",
            "related": "THRESHOLD_RELATED", "close": "THRESHOLD_CLOSE",
            "candidates": "CANDIDATES",
            "dense_candidates": "DENSE_CANDIDATES", "rescored": "RESCORED",
            "bm25_weight": "BM25_WEIGHT"}


def _default(field_name: str):
    return registry.BY_NAME[_SETTING[field_name]].default


@dataclass(frozen=True)
class Settings:
    """The checker's thresholds and budgets; defaults and types from `factcheck.settings`."""

    support: float = _default("support")  # supports: this close, and every figure agrees
    contradict: float = _default("contradict")  # this close, and a fact of one role differs
    contradict_lexical: float = _default("contradict_lexical")  # the same, with no model
    related: float = _default("related")  # evidence floor on the score
    close: float = _default("close")  # cosine x 100 (or coverage) of "about the same thing"
    candidates: int = _default("candidates")  # BM25 candidates
    dense_candidates: int = _default("dense_candidates")  # nearest-vector candidates
    rescored: int = _default("rescored")  # of the fused union, rescored and judged
    bm25_weight: float = _default("bm25_weight")  # share of BM25 beside cosine

    @classmethod
    def from_config(cls, config) -> Settings:
        return cls(**{key: registry.BY_NAME[name].parse(config[name])
                      for key, name in _SETTING.items() if config.get(name) is not None})


def _statement_facts(statement: str, casing: Casing) -> tuple[list[dict], list[dict]]:
    """The statement's facts, and the names among them: not an opening word that the
    store writes in lower case ('Participants who quit smoking...')."""
    facts = [f.as_dict() for f in extract_facts(statement)]
    entities = [{**f, "norm": normalize(f["text"])} for f in facts
                if f["kind"] in ("entity", "acronym") and not (
                    opening_word(f["text"], statement, f["start"])
                    and casing.common(f["text"]))]
    return facts, entities


def _near(cand: Candidate, semantic: bool) -> float:
    """How close the passage is on its own (0-100), whatever else was found: the cosine
    (with a model) or the word coverage. Being the best of a poor pool is not closeness."""
    cosine = 100.0 * cand.cosine if semantic and cand.cosine is not None else 0.0
    return max(cosine, cand.coverage)  # coverage: a short statement inside a long claim


def _aside(cand: Candidate, differences: list[Difference], norm: str) -> float:
    """Word coverage, figures and any differing name set aside: 'Blinken will lead' vs
    'Daskal will lead' is the same claim with another actor; two claims on one topic,
    or halves of two claims spliced together, are not."""
    names = [d for d in differences if d["kind"] == "entity"]
    if not names:
        return cand.coverage
    drop = {w for d in names for w in normalize(d["statement"]).split()}
    theirs = {w for d in names for w in normalize(d["evidence"]).split()}
    keep = [w for w in content_words(norm) if w not in drop]
    other = " ".join(w for w in cand.norm.split() if w not in theirs)
    return relevance(keep, other, cand.context, dated=dated(norm))


def _relation(score: float, near: float, aside: float, result, rating: str | None,
              settings: Settings, lexical: bool = False, period: bool = False,
              together: Callable[[], bool] = lambda: True) -> Relation:
    """What the passage does to the statement; contradiction needs the most certainty.

    Only a passage about the same thing (close on its own, not merely the best found)
    supports or contradicts. A figure, date or duration of the same role that differs
    contradicts it; a differing actor, a negation or a reversed direction of change
    ("rose" for "fell") contradicts only a passage that is
    otherwise the same claim: close enough, and for a negation or a direction with every
    other fact borne out and the statement's words standing together in it, its days
    named there too (`together`, asked only then). A negation beside another difference
    denies another claim. An imported fact-check's rating speaks for a passage that
    states the claim.
    """
    if near < settings.close:
        return "related"
    kinds = {d["kind"] for d in result.differences}
    if lexical:
        # A lexical score's closeness is word coverage alone, which two halves of two
        # claims on one topic also reach: it must be surer to call a statement false.
        settings = replace(settings, contradict=settings.contradict_lexical)
    if kinds:
        # The same claim with one fact changed: its other words are there (coverage with
        # any differing name set aside), not only its subject.
        if aside < settings.close:
            return "related"
        if "negation" in kinds and len(kinds) > 1:
            # A denial of another claim: "not 30 ships" beside "39 ships", "did not rise"
            # beside "fell", "Smith did not win" beside "Jones won" are both true at once.
            return "related"
        if ("date" in kinds or period) and kinds & {"number", "duration"}:
            # Another date, or none where the statement gives one, and another figure: most
            # likely the figure of another period ('20 million in 2005' beside '10 million
            # in 2004', or beside 'last year ... 10 million'), which it does not deny.
            return "related"
        if kinds & {"number", "date", "duration"} and score >= settings.contradict:
            return "contradicts"
        # A 'not' or a 'fell' for 'rose' flips a claim the passage would otherwise
        # support: every other fact of it borne out (none unconfirmed), its words together.
        same_claim = score >= max(settings.contradict, settings.support) and (
            not kinds & {"negation", "direction"} or (not result.unconfirmed and together()))
        return "contradicts" if same_claim else "related"
    if score < settings.support or result.unconfirmed:
        return "related"
    effect = rating_effect(rating)
    if effect == "contradicts":
        result.differences.append({"kind": "rating", "statement": "stated as fact",
                                   "evidence": f"rated {rating}"})
        return "contradicts"
    return "supports" if effect in ("supports", None) else "related"


def check(db: sqlite_utils.Database, statement: str, limit: int = 5, *,
          settings: Settings | None = None, dense: Dense | None = None) -> dict:
    """The verdict on a statement with up to `limit` evidence passages, best first."""
    return check_many(db, [statement], limit, settings=settings, dense=dense)[0]


def check_many(db: sqlite_utils.Database, statements: list[str], limit: int = 5, *,
               settings: Settings | None = None, dense: Dense | None = None) -> list[dict]:
    """Verdicts on several statements, as `check` gives each: one embedding batch, one pass
    over the vectors and one read of the passages serve them all."""
    settings = settings or Settings()
    pools, semantic, reads = _pools(db, statements, settings=settings, dense=dense)
    pools = [[c for c in pool if c.score >= settings.related][: max(limit * 2, 10)]
             for pool in pools]
    rows = {r["id"]: r for r in queries.claims_by_id(
        db, sorted({c.claim_id for pool in pools for c in pool}))}
    results, passages, casing = [], [], Casing(db)
    for original, (statement, norm, respelled, _), pool in zip(statements, reads, pools,
                                                               strict=True):
        facts = _statement_facts(statement, casing)
        evidence = [_judged(statement, norm, cand, rows[cand.claim_id], facts=facts,
                            semantic=semantic, settings=settings, common=casing.common)
                    for cand in pool if cand.claim_id in rows]  # else deleted since ranked
        evidence.sort(key=verdicts.deciding_order)  # at a tie, what the verdict rests on first
        # A name guessed from a title-cased text's capitals names no one for certain.
        named = actors([e for e in facts[1] if not (e.get("extra") or {}).get("headline")])
        undecided = verdicts.undecided(evidence, named=bool(named))
        verdict, decisive, conflicting = verdicts.verdict(evidence)
        kept = present.distinct(evidence)
        decisive = present.representative(decisive, kept)
        conflicting = [c for c in conflicting if any(c is k for k in kept)]
        shown = kept[:limit]
        if decisive is not None and decisive not in shown:
            shown[-1] = decisive  # the passage the verdict rests on is always shown
        for item in shown + conflicting:
            present.align(item, norm)
        passages += shown + [c for c in conflicting if c not in shown]
        results.append({"statement": original, "respelled": respelled, **verdict,
                        "evidence": shown,
                        "decisive": None if decisive is None else decisive["claim_id"],
                        "conflicting": conflicting, "undecided": undecided,
                        "semantic": semantic})
    present.attach_documents(db, passages)
    return results


_LEXICAL: dict[int, ThreadPoolExecutor] = {}  # by process: a forked worker makes its own


def _lexical_thread() -> ThreadPoolExecutor:
    """Threads that run BM25 beside the embedding; starting one per check cost ~1 ms."""
    pid = os.getpid()
    if pid not in _LEXICAL:
        _LEXICAL.clear()
        _LEXICAL[pid] = ThreadPoolExecutor(8, thread_name_prefix="factcheck-bm25")
    return _LEXICAL[pid]


class Reading(NamedTuple):
    """A statement as read: its text, normal form, respellings, and the acronyms the
    normal form spells out (normal-form token -> expansion, `retrieval.acronyms`)."""

    text: str
    norm: str
    respelled: list
    acronyms: dict[str, str]

    @property
    def searched(self) -> str:
        """What BM25 searches: the acronyms both spelt out and as written."""
        return retrieval.both_forms(self.norm, self.acronyms)


def _pools(db: sqlite_utils.Database, statements: list[str], *, settings: Settings,
           dense: Dense | None) -> tuple[list[list[Candidate]], bool, list[Reading]]:
    """Each statement's scored candidates, whether the vectors took part, and each
    statement as read."""
    index = dense.index(db) if dense and statements else None
    reads, early = _readings(db, statements, settings,
                             dense.words if dense else spelling.word_list())
    hits, vectors, nearest = _retrieve(db, reads, index, dense, settings, early)
    pools = [rank(db, read.norm, vector=None if vectors is None else vectors[i],
                  index=index, lexical=settings.candidates, dense=settings.dense_candidates,
                  rescored=settings.rescored, bm25_weight=settings.bm25_weight,
                  nearest=nearest[i], lexical_hits=hits[i], acronyms=read.acronyms)
             for i, read in enumerate(reads)]
    return pools, index is not None, reads


def _readings(db: sqlite_utils.Database, statements: list[str], settings: Settings,
              known: frozenset[str]) -> tuple[list[Reading], dict[int, list[dict]]]:
    """Each statement as read, and BM25's best of those it searched to read them.

    A statement with a word the store lacks is searched first, to respell from the
    passages found; only one that had a misspelling is searched again as read (and it is
    embedded once, as read)."""
    reads, early = [], {}
    for i, statement in enumerate(statements):
        read = _read(db, statement)
        unknown = spelling.unknown_words(db, read.norm, known)
        hits = (retrieval.bm25(db, read.searched, settings.candidates, prune=True)
                if unknown else [])
        text, made = spelling.respelled(db, statement, unknown, hits=hits)
        if made:
            reads.append(_read(db, text, made))
        else:
            reads.append(read)
            if unknown:
                early[i] = hits
    return reads, early


def _read(db: sqlite_utils.Database, text: str, respelled: list | None = None) -> Reading:
    found = retrieval.acronyms(db, text)
    return Reading(text, retrieval.expanded(normalize(text), found), respelled or [], found)


def _retrieve(db: sqlite_utils.Database, reads: list[Reading], index, dense: Dense | None,
              settings: Settings, early: dict[int, list[dict]]):
    """BM25's best for each statement (`early`: those already searched), and with the
    vectors each one's embedding and nearest claims."""
    def lexical() -> list[list[dict]]:
        return [early[i] if i in early else retrieval.bm25(db, read.searched,
                                                           settings.candidates, prune=True)
                for i, read in enumerate(reads)]

    if index is None:
        return lexical(), None, [None] * len(reads)
    # BM25 (SQLite) and the embedding (onnxruntime) both release the GIL: run them side
    # by side. The connection is used by one thread at a time: only BM25 touches it.
    found = _lexical_thread().submit(lexical)
    try:
        vectors = dense.encode([read.text for read in reads])
        nearest = index.search_many(vectors, settings.dense_candidates)
    finally:
        hits = found.result()  # the connection is never left to the other thread
    return hits, vectors, nearest


def _judged(statement: str, norm: str, cand: Candidate, row: dict, *, facts: tuple,
            semantic: bool, settings: Settings, common: Callable[[str], bool]) -> Evidence:
    """One candidate's facts compared with the statement's, and what it does to it."""
    s_facts, s_entities = facts
    # A passage too far to support or contradict is only related: of its comparison only
    # the agreements are shown, so the rest is not worked out (a quarter of a lexical check).
    result = compare(statement, norm, s_facts=s_facts, s_entities=s_entities,
                     claim_text=row["quote"], claim_norm=cand.norm,
                     c_facts=row["facts"], c_offset=row["start"], heading=cand.heading,
                     common=common, facts_only=_near(cand, semantic) < settings.close)
    relation = _relation(cand.score, _near(cand, semantic),
                         _aside(cand, result.differences, norm), result, row["rating"],
                         settings, cand.lexical,
                         bool(result.differences) and (result.date_unsaid() or another_period(
                             statement, row["quote"])),
                         lambda: joined(norm, cand.norm) and same_days(statement, row["quote"])
                         and carried(normalize(statement), cand.norm))
    if relation == "related":
        # Only a passage about the same thing can differ from the statement or leave
        # part of it unsaid; for a merely related one both lists would be noise.
        result.differences, result.unconfirmed = [], []
    return _evidence(row, cand, relation, result)


def _evidence(row: dict, cand: Candidate, relation: Relation, result) -> Evidence:
    return {
        "claim_id": row["id"], "relation": relation, "score": cand.score,
        "signals": {"cosine": None if cand.cosine is None else round(cand.cosine, 4),
                    "bm25": None if cand.bm25 is None else round(cand.bm25, 3),
                    "coverage": cand.coverage, "fused": round(cand.fused, 4),
                    "estimate": "lexical" if cand.lexical else "semantic"},
        "quote": row["quote"], "start": row["start"], "end": row["end"],
        "document_id": row["document_id"], "differences": result.differences,
        "agreements": result.agreements, "unconfirmed": result.unconfirmed,
        "external_id": row["external_id"], "rating": row["rating"],
        "rating_scale": normalized_rating(row["rating"]),
    }
