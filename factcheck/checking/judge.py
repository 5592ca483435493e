"""Fact comparison between a statement and a claim, and the relation it implies."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Literal, TypedDict

from ..extract.facts import extract_facts
from ..text.normalize import normalize
from .actors import common_opening, compare_entities, unknown_subject
from .direction import reversed_change
from .figures import compare_quantities
from .negation import compare_negation, negations
from .similarity import scope, unspoken

DATES = ("date", "daterange")
_DAYS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7,
         "fortnight": 14, "month": 30.4, "quarter": 91.3, "year": 365.25, "decade": 3652.5,
         "century": 36525}


DifferenceKind = Literal["number", "date", "duration", "entity", "negation", "direction"]


class Difference(TypedDict, total=False):
    """One fact of the statement against the passage: differing, agreeing or unconfirmed."""

    kind: DifferenceKind
    statement: str
    evidence: str


@dataclass
class Comparison:
    differences: list[Difference] = field(default_factory=list)
    agreements: list[Difference] = field(default_factory=list)
    unconfirmed: list[Difference] = field(default_factory=list)

    def set_aside(self, which: Callable[[Difference], bool]) -> None:
        """Differences the passage cannot speak to become unconfirmed facts instead."""
        moved = [d for d in self.differences if which(d)]
        self.differences = [d for d in self.differences if not which(d)]
        self.unconfirmed += [{"kind": d["kind"], "statement": d["statement"]} for d in moved]

    def date_unsaid(self) -> bool:
        """A date of the statement's that the passage does not give: its figures may be of
        another period ('growth of 3 pct in 1987' against 'last year ... 2.7 pct')."""
        return any(u["kind"] == "date" for u in self.unconfirmed)


def _date_parts(value: str) -> list[tuple]:
    """A date value as (year, month, day) bounds, None where unknown; a range gives two."""
    parts = []
    for piece in value.split("/"):
        m = re.fullmatch(r"(\d{4}|-)-?(\d{2})?-?(\d{2})?", piece.replace("--", "-"))
        if not m:
            return []
        year = int(m.group(1)) if m.group(1) != "-" else None
        parts.append((year, int(m.group(2)) if m.group(2) else None,
                      int(m.group(3)) if m.group(3) else None))
    return parts


def _compatible(a: tuple, b: tuple) -> bool:
    return all(x is None or y is None or x == y for x, y in zip(a, b, strict=True))


def _precise_enough(s_parts: list[tuple], c_parts: list[tuple]) -> bool:
    """The claim gives every part of the date the statement gives (a day, not just a month)."""
    given = {i for p in s_parts for i, x in enumerate(p[1:], 1) if x is not None}
    return all(p[i] is not None for p in c_parts for i in given)


def dates_agree(s_value: str, c_value: str) -> bool | None:
    """True: same date; False: another date; None: the claim is too coarse to tell.

    Compared at the precision both give; a date inside a range counts as agreeing.
    """
    s_parts, c_parts = _date_parts(s_value), _date_parts(c_value)
    if not s_parts or not c_parts:
        return False
    if len(s_parts) == len(c_parts):
        same = all(_compatible(a, b) for a, b in zip(s_parts, c_parts, strict=True))
    else:
        single, rng = (s_parts[0], c_parts) if len(s_parts) == 1 else (c_parts[0], s_parts)
        full = [tuple(x or 0 for x in p) for p in rng]
        same = any(_compatible(single, end) for end in rng) or (
            None not in single and full[0] <= single <= full[1])
    if same and not _precise_enough(s_parts, c_parts):
        return None
    return same


# "before 2007", "by 2010", "after May": a date that bounds a time, which another date may
# fall within ("will close before 2007" and "will close in 2006"). Not "since" or "until":
# they date a start or an end ("open since 1998" is not "opened in 1999").
_DATE_BOUND = re.compile(r"\b(?:before|after|by|prior\s+to|ahead\s+of"
                         r"|no\s+later\s+than|not\s+later\s+than)\s+(?:the\s+end\s+of\s+)?$",
                         re.IGNORECASE)


def _bounding(text: str, start: int) -> bool:
    """Whether the date at `start` is written as a bound ('before 2007')."""
    return bool(_DATE_BOUND.search(text, max(0, start - 25), start))


def compare_dates(result: Comparison, s_facts, c_facts, *, s_text: str = "",
                  c_text: str = "", c_offset: int = 0) -> None:
    """Each statement date against the passage's: the same date agrees; another differs
    only where each side gives one date and neither writes it as a bound."""
    options = [f for f in c_facts if f["kind"] in DATES]
    mine = [f for f in s_facts if f["kind"] in DATES]
    for s_fact in mine:
        verdicts = [(dates_agree(s_fact["value"], o["value"]), o) for o in options]
        agreeing = [o for same, o in verdicts if same]
        if agreeing:
            result.agreements.append({"kind": "date", "statement": s_fact["text"],
                                      "evidence": agreeing[0]["text"]})
        elif any(same is None for same, _ in verdicts):
            result.unconfirmed.append({"kind": "date", "statement": s_fact["text"]})
        elif len(options) == 1 == len(mine) and not (  # each side's one date: one event's
                _bounding(s_text, s_fact["start"])
                or _bounding(c_text, options[0]["start"] - c_offset)):
            result.differences.append({"kind": "date", "statement": s_fact["text"],
                                       "evidence": options[0]["text"]})
        else:
            result.unconfirmed.append({"kind": "date", "statement": s_fact["text"]})


def compare_durations(result: Comparison, s_facts, c_facts) -> None:
    options = [f for f in c_facts if f["kind"] == "duration"]
    mine = [f for f in s_facts if f["kind"] == "duration"]
    for s_fact in mine:
        days = float(s_fact["value"]) * _DAYS.get(s_fact["unit"], 1)
        agreeing = [o for o in options
                    if abs(float(o["value"]) * _DAYS.get(o["unit"], 1) - days) <= 0.01 * days]
        if agreeing:
            result.agreements.append({"kind": "duration", "statement": s_fact["text"],
                                      "evidence": agreeing[0]["text"]})
        elif len(options) == 1 == len(mine) and not _rounded_apart(s_fact, options[0]):
            result.differences.append({"kind": "duration", "statement": s_fact["text"],
                                       "evidence": options[0]["text"]})
        else:
            result.unconfirmed.append({"kind": "duration", "statement": s_fact["text"]})


def _rounded_apart(first: dict, second: dict) -> bool:
    """Whether two durations in different units are within half the coarser unit of each
    other: '38 weeks' may be 'nine months' rounded, and a month is no fixed length."""
    steps = [_DAYS.get(f["unit"], 1) for f in (first, second)]
    apart = abs(float(first["value"]) * steps[0] - float(second["value"]) * steps[1])
    return steps[0] != steps[1] and apart <= max(steps) / 2


def compare(statement: str, statement_norm: str, *, s_facts: list[dict],
            s_entities: list[dict], claim_text: str, claim_norm: str, c_facts: list[dict],
            c_offset: int, heading: str | None = None,
            common: Callable[[str], bool] | None = None, facts_only: bool = False
            ) -> Comparison:
    """All fact-level agreements and differences between a statement and one claim
    (`heading`: its article's title, normalised, which may name the actor it speaks of).
    `facts_only`: figures, dates and durations alone, which are all that give agreements:
    enough for a passage too far from the statement to support or contradict it."""
    result = Comparison()
    compare_quantities(result, s_facts, statement, c_facts=c_facts, c_text=claim_text,
                       c_offset=c_offset)
    compare_dates(result, s_facts, c_facts, s_text=statement, c_text=claim_text,
                  c_offset=c_offset)
    compare_durations(result, s_facts, c_facts)
    if facts_only:
        return result
    opening = None if common is None else partial(
        common_opening, c_facts=c_facts, claim_text=claim_text, c_offset=c_offset,
        common=common)
    compare_entities(result, s_entities, claim_norm, c_facts=c_facts,
                     statement_norm=statement_norm, heading=heading, opening=opening,
                     s_facts=s_facts)
    span = scope(statement, claim_text)
    unknown_subject(result, statement, s_facts=s_facts, s_entities=s_entities,
                     span=span or (0, len(statement)))
    spoken = statement if span is None else statement[span[0]:span[1]]
    if flip := reversed_change(spoken, claim_text):
        result.differences.append({"kind": "direction", "statement": flip[0],
                                   "evidence": flip[1]})
    if span is None:
        compare_negation(result, statement, claim_text)
        _unless_unspoken(result, statement, claim_text)
    else:
        _set_aside(result, s_facts, span)
        compare_negation(result, statement[span[0]:span[1]], claim_text, whole=statement)
        outside = [m.group() for m in negations(statement)
                   if not span[0] <= m.start() < span[1]]
        if len(outside) % 2:  # the statement denies something this passage does not speak to
            result.unconfirmed.append({"kind": "negation", "statement": outside[0]})
    return result


def _unless_unspoken(result: Comparison, statement: str, claim_text: str) -> None:
    """A negation difference that only a 'not' in the statement's own further clause makes,
    a clause the passage does not speak to (", but not 200"), is unconfirmed instead. It
    only ever takes a difference away: the passage's own 'not' may stand where the
    statement's clause says the same in other words."""
    if not result.differences or result.differences[-1]["kind"] != "negation":
        return
    aside = unspoken(statement, claim_text)
    if not aside:
        return
    kept = statement
    for start, end in aside:  # blanked, offsets kept
        kept = kept[:start] + " " * (end - start) + kept[end:]
    trial = Comparison()
    compare_negation(trial, kept, claim_text)
    if not trial.differences:
        result.differences.pop()
        result.unconfirmed.append({"kind": "negation", "statement": "not"})


def _set_aside(result: Comparison, s_facts: list[dict], span: tuple[int, int]) -> None:
    """A fact of the statement outside the stretch the passage speaks to cannot differ
    from it; it stays unconfirmed, so the passage cannot support the statement either."""
    start, end = span
    inside = {f["text"] for f in s_facts if f["start"] < end and f["end"] > start}
    outside = {f["text"] for f in s_facts} - inside
    result.set_aside(lambda d: d["statement"] in outside)


def compare_texts(statement: str, passage: str, *, facts_only: bool = False) -> Comparison:
    """`compare` for two texts as written, each read as a check reads it (no store: every
    capitalised word may be a name)."""
    s_facts = [f.as_dict() for f in extract_facts(statement)]
    entities = [{**f, "norm": normalize(f["text"])} for f in s_facts
                if f["kind"] in ("entity", "acronym")]
    return compare(statement, normalize(statement), s_facts=s_facts, s_entities=entities,
                   claim_text=passage, claim_norm=normalize(passage),
                   c_facts=[f.as_dict() for f in extract_facts(passage)], c_offset=0,
                   facts_only=facts_only)
