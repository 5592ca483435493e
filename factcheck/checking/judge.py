"""Fact comparison between a statement and a claim, and the relation it implies."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, TypedDict

from .direction import reversed_change
from .names import mentions, share_word
from .similarity import scope, stem, tail

QUANTITIES = ("number", "percent", "money")
DATES = ("date", "daterange")
_DAYS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7,
         "fortnight": 14, "month": 30.4, "quarter": 91.3, "year": 365.25, "decade": 3652.5,
         "century": 36525}
_ABOVE = re.compile(r"(?:more than|over|above|exceeding|in excess of|upwards of)\s*$")
_AT_LEAST = re.compile(r"(?:at least|no fewer than|no less than|a minimum of)\s*$")
_BELOW = re.compile(r"(?:less than|fewer than|under|below)\s*$")
_AT_MOST = re.compile(r"(?:up to|at most|no more than|a maximum of)\s*$")
_ABOUT = re.compile(
    r"(?:about|around|approximately|roughly|nearly|almost|some|estimated|an estimated|close to"
    r"|circa|~)\s*$")
_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|neither|nor|without|cannot)\b|n['\u2019]t\b",
    re.IGNORECASE)
_TITLES = set(
    "president vice deputy assistant secretary minister advisor adviser director chairman "
    "chair officer spokesman spokeswoman spokesperson governor senator representative mayor "
    "chief executive king queen prince general ambassador commissioner judge department "
    "ministry office agency".split()
)
ABOUT_TOLERANCE = 0.10  # "around 100" agrees with 90 to 110
EXACT_TOLERANCE = 0.005  # rounding: "$1.13bn" and "$1,130m"


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


def hedge(text: str, start: int) -> str | None:
    """The qualifier just before a figure: above, at_least, below, at_most, about, or None."""
    before = text[max(0, start - 30):start].lower()
    for name, pattern in (("at_least", _AT_LEAST), ("above", _ABOVE), ("at_most", _AT_MOST),
                          ("below", _BELOW), ("about", _ABOUT)):
        if pattern.search(before):
            return name
    return None


def _fits(value: float, bound: float, how: str | None) -> bool:
    """Whether an exact `value` satisfies `bound` qualified by `how`."""
    if how == "above":
        return value > bound
    if how == "at_least":
        return value >= bound
    if how == "below":
        return value < bound
    if how == "at_most":
        return value <= bound
    tolerance = ABOUT_TOLERANCE if how == "about" else EXACT_TOLERANCE
    return abs(value - bound) <= tolerance * max(abs(bound), 1e-9)


def numbers_agree(s_value: float, s_how: str | None, c_value: float, c_how: str | None, *,
                  s_text: str | None = None, c_text: str | None = None) -> bool:
    """A statement figure and a claim figure agree when either, with its hedge, admits the
    other; a figure written as "about 3%" admits any the passage rounds to it (2.6%)."""
    if s_how in (None, "about") and c_how in (None, "about"):
        if (s_how == "about" and _rounds_to(c_value, s_value, s_text)
                or c_how == "about" and _rounds_to(s_value, c_value, c_text)):
            return True
        return _fits(c_value, s_value, "about" if "about" in (s_how, c_how) else None)
    if bounds_only(s_how, c_how):
        return _same_bound(c_value, c_how, s_value, s_how)
    if s_how not in (None, "about"):
        return _fits(c_value, s_value, s_how)
    return _fits(s_value, c_value, c_how)


_LOWER = ("above", "at_least")
_WRITTEN = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def _rounds_to(value: float, approx: float, written: str | None) -> bool:
    """Whether `value` rounds to the approximate figure as written: to its last digit, at
    its scale ('about 3%': 2.5 to 3.5; 'about 3 million': 2.5 to 3.5 million)."""
    m = _WRITTEN.search(written or "")
    digits = float(m.group().replace(",", "")) if m else 0.0
    if not digits:
        return False
    unit = approx / digits * 10.0 ** -len(m.group(1) or "")
    return abs(value - approx) <= unit / 2 + 1e-9 * abs(approx)


def _same_bound(c_value: float, c_how: str, s_value: float, s_how: str) -> bool:
    """Two bounds agree when they are the same bound: 'up to 23,000 feet' is a maximum of
    23,000, which 'up to 69,007 feet' misstates even though one range holds the other.
    (Any two bounds used to agree, so a changed figure under 'up to' was supported.)"""
    same = abs(c_value - s_value) <= EXACT_TOLERANCE * max(abs(s_value), 1e-9)
    return same and (c_how in _LOWER) == (s_how in _LOWER)


def _bounded(s_how: str | None, c_how: str | None) -> bool:
    """Either figure is a bound ('more than', 'up to'), not a value or an estimate."""
    return s_how not in (None, "about") or c_how not in (None, "about")


def bounds_only(s_how: str | None, c_how: str | None) -> bool:
    """Both figures are bounds ('more than', 'up to'): two different bounds leave the
    statement's figure unconfirmed, not contradicted (the true figure may satisfy both)."""
    return s_how not in (None, "about") and c_how not in (None, "about")


_ROLE_SKIP = {"a", "an", "the", "of", "in", "to", "and", "or", "per", "each", "every",
              "more", "than", "some", "about", "around", "nearly", "almost", "over", "under"}
_CURRENCY = {"$": "USD", "dlrs": "USD", "dollars": "USD", "\u00a3": "GBP", "pounds": "GBP",
             "stg": "GBP", "\u20ac": "EUR", "euros": "EUR", "yen": "JPY"}


def _role_words(text: str, start: int, end: int) -> set[str]:
    """The words that say what a figure counts: the next content word and the one before."""
    after = re.findall(r"[A-Za-z]+", text[end:end + 40])
    before = re.findall(r"[A-Za-z]+", text[max(0, start - 40):start])
    next_word = next((w.lower() for w in after if w.lower() not in _ROLE_SKIP), None)
    last_word = next((w.lower() for w in reversed(before) if w.lower() not in _ROLE_SKIP),
                     None)
    return {stem(w) for w in (next_word, last_word) if w}


def _unit(fact: dict) -> str | None:
    return _CURRENCY.get((fact.get("unit") or "").strip().lower(), fact.get("unit"))


def _paired(s_fact: dict, s_text: str, options: list[dict], c_text: str, c_offset: int,
            single: bool) -> list[dict]:
    """The claim figures of the same role as a statement figure: the same unit, and the
    same counted word beside them, or each the only figure of its kind in its sentence."""
    same_unit = [o for o in options if _unit(o) == _unit(s_fact)]
    if single and len(same_unit) == 1 == len(options):
        return same_unit
    roles = _role_words(s_text, s_fact["start"], s_fact["end"])
    return [o for o in same_unit if roles & _role_words(c_text, o["start"] - c_offset,
                                                        o["end"] - c_offset)]


def _same_digits(s_fact: dict, c_fact: dict) -> bool:
    """'44.1' against '44.1 mln': the same figure with its scale word left out."""
    digits = re.match(r"[\d.,]+", s_fact["text"])
    return bool(digits) and digits.group() == s_fact["text"].strip() \
        and c_fact["text"].startswith(digits.group()) and c_fact["text"] != s_fact["text"]


def compare_quantities(result: Comparison, s_facts, s_text, *, c_facts, c_text,
                       c_offset) -> None:
    """Figures agree when any claim figure admits them; they differ only from a figure of
    the same role ("18 to 49" are ages, "100,000" is deaths: not comparable)."""
    for kind in QUANTITIES:
        options = [f for f in c_facts if f["kind"] == kind]
        mine = [f for f in s_facts if f["kind"] == kind]
        stated = {f["value"] for f in mine}
        hows = {id(o): hedge(c_text, o["start"] - c_offset) for o in options}  # read once
        for s_fact in mine:
            s_how = hedge(s_text, s_fact["start"])
            # A passage figure the statement itself gives vouches for that figure only, not
            # for a near one beside it ('1,500,007 dlrs' is not '1.5 mln dlrs').
            free = [o for o in options if o["value"] not in stated
                    or o["value"] == s_fact["value"]]
            paired = _paired(s_fact, s_text, options, c_text, c_offset, len(mine) == 1)
            # A bound admits many figures: only one of the same role vouches for it ('up to
            # twelve resorts' is not borne out by 'one of which' beside 'up to eight').
            agreeing = [o for o in free if _unit(o) == _unit(s_fact) and (numbers_agree(
                float(s_fact["value"]), s_how, float(o["value"]), hows[id(o)],
                s_text=s_fact["text"], c_text=o["text"])
                and (o in paired or not _bounded(s_how, hows[id(o)]))
                or _same_digits(s_fact, o))]
            if agreeing:
                result.agreements.append({"kind": "number", "statement": s_fact["text"],
                                          "evidence": agreeing[0]["text"]})
            elif paired and not all(bounds_only(s_how, hows[id(o)]) for o in paired):
                result.differences.append({"kind": "number", "statement": s_fact["text"],
                                           "evidence": paired[0]["text"]})
            else:
                result.unconfirmed.append({"kind": "number", "statement": s_fact["text"]})


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


def compare_dates(result: Comparison, s_facts, c_facts) -> None:
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
        elif len(options) == 1 == len(mine):  # each side's one date: the same event's
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
        elif len(options) == 1 == len(mine):
            result.differences.append({"kind": "duration", "statement": s_fact["text"],
                                       "evidence": options[0]["text"]})
        else:
            result.unconfirmed.append({"kind": "duration", "statement": s_fact["text"]})


# Capitalised words of wire copy and tables that name nobody ("Shr 10 cts vs 12 cts").
_NOT_NAMES = set("shr shrs cts net revs rev dlrs dlr mln bln pct qtr qtly avg oper vs loss "
                 "profit sales div pay record note year".split())


def _names(facts: list[dict]) -> list[str]:
    """The actors a text names: not bare titles, not wire-table words. A code of one letter
    and digits ('F-35', 'C2') is a name too: it has no wire-table word in it."""
    return [f["text"] for f in facts if f["kind"] in ("entity", "acronym")
            and f["text"].split()[-1].lower() not in _TITLES
            and not _wire_words(f["text"])]


def _wire_words(name: str) -> bool:
    words = set(re.findall(r"[a-z]{2,}", name.lower()))
    return bool(words) and words <= _NOT_NAMES


def compare_entities(result: Comparison, s_entities: list[dict], claim_norm: str, *,
                     c_facts: list[dict], statement_norm: str,
                     heading: str | None = None) -> None:
    """A swapped actor: the statement names one actor the passage lacks in every spelling,
    and the passage names another the statement lacks. A passage naming several actors,
    one of them the statement's, is no contradiction: that actor is not missing.

    `heading`: the passage's article title (normalised). A passage naming no actor the
    statement lacks speaks of the one its heading names ("The company ... said" under
    "Apple iPod family expands market" confirms Apple); one naming another actor does not."""
    s_names = _names(s_entities)
    c_names = _names(c_facts)
    missing = [n for n in s_names if not mentions(n, claim_norm, c_names)]
    extra = [n for n in c_names if not mentions(n, statement_norm, s_names)]
    # In a text capitalised throughout, which words are names is a guess: never a difference.
    guessed = any((f.get("extra") or {}).get("headline") for f in (*s_entities, *c_facts))
    # A name sharing a word with one of the passage's may be its other form ('Athens Games'
    # for 'Athens Olympics'), or not ('Manchester City'): unsure, so not a difference.
    variant = len(missing) == 1 and any(share_word(missing[0], n) for n in extra)
    if len(missing) == 1 and extra and not guessed and not variant:  # the rest is the same
        result.differences.append({"kind": "entity", "statement": missing[0],
                                   "evidence": extra[0]})
        return
    if heading and not extra:
        missing = [n for n in missing if not mentions(n, heading, [])]
    # A name the passage (and its heading) never gives: it cannot confirm who did it.
    result.unconfirmed += [{"kind": "entity", "statement": name} for name in missing]


def compare_negation(result: Comparison, statement: str, claim_text: str) -> None:
    """A 'not' on one side only. A passage's own further clause ("..., but not as quickly")
    is not counted: the statement does not speak to it."""
    said = claim_text[:tail(statement, claim_text) or len(claim_text)]
    s_neg = len(_NEGATION.findall(statement)) % 2
    c_neg = len(_NEGATION.findall(said)) % 2
    if s_neg != c_neg:
        result.differences.append({
            "kind": "negation",
            "statement": "negated" if s_neg else "affirmed",
            "evidence": "negated" if c_neg else "affirmed"})


def compare(statement: str, statement_norm: str, *, s_facts: list[dict],
            s_entities: list[dict], claim_text: str, claim_norm: str, c_facts: list[dict],
            c_offset: int, heading: str | None = None) -> Comparison:
    """All fact-level agreements and differences between a statement and one claim
    (`heading`: its article's title, normalised, which may name the actor it speaks of)."""
    result = Comparison()
    compare_quantities(result, s_facts, statement, c_facts=c_facts, c_text=claim_text,
                       c_offset=c_offset)
    compare_dates(result, s_facts, c_facts)
    compare_durations(result, s_facts, c_facts)
    compare_entities(result, s_entities, claim_norm, c_facts=c_facts,
                     statement_norm=statement_norm, heading=heading)
    span = scope(statement, claim_text)
    spoken = statement if span is None else statement[span[0]:span[1]]
    if flip := reversed_change(spoken, claim_text):
        result.differences.append({"kind": "direction", "statement": flip[0],
                                   "evidence": flip[1]})
    if span is None:
        compare_negation(result, statement, claim_text)
    else:
        _set_aside(result, s_facts, span)
        compare_negation(result, statement[span[0]:span[1]], claim_text)
        outside = [m.group() for m in _NEGATION.finditer(statement)
                   if not span[0] <= m.start() < span[1]]
        if len(outside) % 2:  # the statement denies something this passage does not speak to
            result.unconfirmed.append({"kind": "negation", "statement": outside[0]})
    return result


def _set_aside(result: Comparison, s_facts: list[dict], span: tuple[int, int]) -> None:
    """A fact of the statement outside the stretch the passage speaks to cannot differ
    from it; it stays unconfirmed, so the passage cannot support the statement either."""
    start, end = span
    inside = {f["text"] for f in s_facts if f["start"] < end and f["end"] > start}
    outside = {f["text"] for f in s_facts} - inside
    kept = []
    for diff in result.differences:
        if diff["statement"] in outside:
            result.unconfirmed.append({"kind": diff["kind"], "statement": diff["statement"]})
        else:
            kept.append(diff)
    result.differences = kept
