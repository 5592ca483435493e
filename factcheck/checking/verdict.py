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
    decisive = sorted((e for e in evidence if e["relation"] != "related"),
                      key=lambda e: -e["score"])
    if not decisive:
        best = max((e["score"] for e in evidence), default=0.0)
        return {"verdict": "unverified", "score": best}, None, []
    top = decisive[0]
    ruling: Verdict = "supported" if top["relation"] == "supports" else "contradicted"
    conflicting = [e for e in decisive if e["relation"] != top["relation"]]
    return {"verdict": ruling, "score": top["score"]}, top, conflicting


def undecided(evidence: list[Evidence]) -> list[Undecided]:
    """Set aside contradicting passages that are worded about as closely as the best one
    but give the statement's differing fact values that differ from each other: the
    statement does not say which of them it speaks of ("Oper net profit 730,000 vs loss
    2,300,000" beside many companies' lines alike), so none of them contradicts it. They
    stay shown, as related, with their differences; the facts left open are returned."""
    against = sorted((e for e in evidence if e["relation"] == "contradicts"),
                     key=lambda e: -e["score"])
    if len(against) < 2:
        return []
    alike = [e for e in against if e["score"] >= against[0]["score"] - ALIKE]
    values: dict[tuple[str, str], dict[str, str]] = {}  # value read -> as first written
    for item in alike:
        for diff in item["differences"]:
            if diff["kind"] in ("number", "date", "duration"):
                seen = values.setdefault((diff["kind"], diff["statement"]), {})
                seen.setdefault(_read(diff["evidence"]), diff["evidence"])
    open_facts = [{"kind": kind, "statement": said, "values": list(given.values())}
                  for (kind, said), given in values.items() if len(given) > 1]
    if open_facts:
        for item in alike:
            item["relation"] = "related"
    return open_facts


def _read(written: str) -> str:
    """A figure or date as read ('1.995 million' and '1,995,000' are one value)."""
    facts = extract_facts(written)
    return f"{facts[0].kind}:{facts[0].value}:{facts[0].unit}" if facts else written
