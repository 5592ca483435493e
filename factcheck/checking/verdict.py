"""The verdict over a statement's judged passages, and passages too alike to tell apart."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, TypedDict

from ..extract.facts import extract_facts

if TYPE_CHECKING:
    from .check import Evidence

Verdict = Literal["supported", "contradicted", "unverified"]
# Contradicting passages within this many points of the best one's score are worded about
# as closely (a wire table's lines, "Shr 40 cts vs 30 cts", differ only in their figures).
ALIKE = 5.0


class Undecided(TypedDict):
    """A fact of the statement that passages worded alike each give otherwise."""

    kind: str
    statement: str
    values: list[str]


def verdict(evidence: list[Evidence]) -> tuple[dict, Evidence | None, list[Evidence]]:
    """The verdict over every judged passage, the passage it rests on, and the passages of
    the opposite relation (shown as conflicting sources, never hidden)."""
    decisive = sorted((e for e in evidence if e["relation"] != "related"), key=deciding_order)
    if not decisive:
        best = max((e["score"] for e in evidence), default=0.0)
        return {"verdict": "unverified", "score": best}, None, []
    top = _closer(decisive)
    ruling: Verdict = "supported" if top["relation"] == "supports" else "contradicted"
    conflicting = [e for e in decisive if e["relation"] != top["relation"]]
    return {"verdict": ruling, "score": top["score"]}, top, conflicting


def deciding_order(item: Evidence) -> tuple[float, int]:
    """Best score first; at a tie, a rated fact-check, then a supporting passage (it agrees
    on every fact, so it is the closer one), then one whose facts differ."""
    rated = item["relation"] == "contradicts" and bool(item.get("rating"))
    return -item["score"], 0 if rated else 1 if item["relation"] == "supports" else 2


def _closer(decisive: list[Evidence]) -> Evidence:
    """The passage the verdict rests on: the best-scoring one, unless a supporting passage
    scores within ALIKE points of a contradicting best and covers at least as many of the
    statement's words. A few points of score are no sign of closeness (BM25 favours the
    shorter of two stories worded alike), and that passage agrees on every fact."""
    top = decisive[0]
    if top["relation"] != "contradicts" or top.get("rating"):
        return top  # a fact-check's rating is no differing fact: it speaks as rated
    rival = next((e for e in decisive if e["relation"] == "supports"), None)
    if (rival is not None and rival["score"] >= top["score"] - ALIKE
            and rival["signals"]["coverage"] >= top["signals"]["coverage"]):
        return rival
    return top


def undecided(evidence: list[Evidence], *, named: bool) -> list[Undecided]:
    """For a statement that names no one ("Oper net profit 730,000 vs loss 2,300,000"), the
    facts that deciding passages worded about as closely as the best one give values of,
    values differing among themselves, or that passages worded as closely as the best
    contradicting one give otherwise (`_twins`): every company's line of a wire table, of
    which the statement does not say which it speaks of. The contradicting ones among them
    are set aside (shown as related, with their differences); one that agrees on every
    fact still supports it. A statement naming its subject ("The port of Lagos handled 8,000 ships")
    is contradicted by each source giving another figure, however the sources differ."""
    deciding = sorted((e for e in evidence if e["relation"] != "related"),
                      key=lambda e: -e["score"])
    if named or not any(e["relation"] == "contradicts" for e in deciding):
        return []
    alike = [e for e in deciding if e["score"] >= deciding[0]["score"] - ALIKE]
    values: dict[tuple[str, str], dict[str, str]] = {}  # value read -> as first written
    for item in alike:
        facts = item["differences"] if item["relation"] == "contradicts" else item["agreements"]
        for fact in facts:
            if fact["kind"] in ("number", "date", "duration"):
                seen = values.setdefault((fact["kind"], fact["statement"]), {})
                seen.setdefault(_read(fact["evidence"]), fact["evidence"])
    figures: dict[str, dict[str, list[str]]] = {}  # each quote's, read once

    def read(quote: str) -> dict[str, list[str]]:
        if quote not in figures:
            figures[quote] = _figures(quote)
        return figures[quote]

    # Every contradicting passage, not only the best: once the best is set aside, the
    # next one decides ('Shr 95 cts vs 16 cts' below 'Shr 10 cts vs 13 cts').
    for top in (e for e in deciding if e["relation"] == "contradicts"):
        twins = _twins(top, evidence)
        for twin in twins:
            slots, theirs = read(top["quote"]), read(twin["quote"])
            for fact in top["differences"]:
                if fact["kind"] in _SLOTS and (given := _slot(fact, slots, theirs)):
                    seen = values.setdefault((fact["kind"], fact["statement"]), {})
                    seen.setdefault(_read(fact["evidence"]), fact["evidence"])
                    seen.setdefault(_read(given), given)
        alike += [top, *twins]
    open_facts = [{"kind": kind, "statement": said, "values": list(given.values())}
                  for (kind, said), given in values.items() if len(given) > 1]
    opened = {(f["kind"], f["statement"]) for f in open_facts}
    for item in alike:  # only on an open fact: a fact-check's rating still speaks
        if item["relation"] == "contradicts" and any(
                (d["kind"], d["statement"]) in opened for d in item["differences"]):
            item["relation"] = "related"
    return open_facts


_SLOTS = {"number": ("number", "percent", "money"), "date": ("date", "daterange"),
          "duration": ("duration",)}


def _twins(top: Evidence, evidence: list[Evidence]) -> list[Evidence]:
    """Passages worded as closely as the contradicting one, whatever they scored ('Net
    3,400,000 vs 4,037,274' and the hundred other lines of 'Net ... vs ...'): BM25 ranks a
    line by the figure it shares, which says nothing of whose line it is."""
    coverage = top["signals"]["coverage"]
    return [e for e in evidence if e is not top and e["signals"]["coverage"] >= coverage
            and e["quote"] != top["quote"]]


def _figures(quote: str) -> dict[str, list[str]]:
    """A passage's figures, dates and durations as written, in order, by difference kind."""
    facts = extract_facts(quote)
    return {kind: [f.text for f in facts if f.kind in kinds] for kind, kinds in _SLOTS.items()}


def _slot(fact, mine: dict[str, list[str]], theirs: dict[str, list[str]]) -> str | None:
    """The figure another passage gives where this one gives the differing fact's: the
    same kind of fact at the same place in its order ('Net X vs Y': X for X)."""
    ours, other = mine[fact["kind"]], theirs[fact["kind"]]
    at = ours.index(fact["evidence"]) if fact["evidence"] in ours else None
    return other[at] if at is not None and len(other) == len(ours) else None


def _read(written: str) -> str:
    """A figure or date as read ('1.995 million' and '1,995,000' are one value)."""
    facts = extract_facts(written)
    return f"{facts[0].kind}:{facts[0].value}:{facts[0].unit}" if facts else written
