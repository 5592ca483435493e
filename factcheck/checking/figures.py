"""A statement's figures against a passage's: hedges, rounding, bounds, units and the
noun a figure counts."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..text.numbers import ORDINALS
from . import measures
from .hedges import ABOUT_TOLERANCE
from .rounding import EXACT_TOLERANCE, coarser, half_step, rounding_of, rounds_to
from .shares import how_of, is_share, loose_share, share_and_change, written
from .similarity import stem

if TYPE_CHECKING:
    from .judge import Comparison

QUANTITIES = ("number", "percent", "money")
_AS_BOUND = {"range_low": "at_least", "range_high": "at_most"}


def _hows(s_how: str | None, c_how: str | None) -> tuple[str | None, str | None]:
    """Two figures' qualifiers as compared: the ends of two ranges as figures, a range's
    end against anything else as the bound it is."""
    if s_how in _AS_BOUND and c_how in _AS_BOUND:
        return None, None
    return _AS_BOUND.get(s_how, s_how), _AS_BOUND.get(c_how, c_how)


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
        if (s_how == "about" and rounds_to(c_value, s_value, s_text)
                or c_how == "about" and rounds_to(s_value, c_value, c_text)):
            return True
        if "about" in (s_how, c_how):
            return _fits(c_value, s_value, "about")
        return _fits(c_value, s_value, None) and rounding_of(s_value, c_value, a_text=s_text,
                                                            b_text=c_text)
    if bounds_only(s_how, c_how):
        return _same_bound(c_value, c_how, s_value, s_how)
    if s_how not in (None, "about"):
        return _fits(c_value, s_value, s_how)
    return _fits(s_value, c_value, c_how)


_LOWER = ("above", "at_least")
def _same_bound(c_value: float, c_how: str, s_value: float, s_how: str) -> bool:
    """Two bounds agree when they are the same bound: 'up to 23,000 feet' is a maximum of
    23,000, which 'up to 69,007 feet' misstates even though one range holds the other.
    (Any two bounds used to agree, so a changed figure under 'up to' was supported.)"""
    same = abs(c_value - s_value) <= EXACT_TOLERANCE * max(abs(s_value), 1e-9)
    return same and (c_how in _LOWER) == (s_how in _LOWER)


def _share_bound(s_fact: dict, c_fact: dict, hows: tuple[str | None, str | None]) -> bool:
    """'more than a third' and 'more than 33%': one bound, the share in words rounded as
    the other side writes its figure (they differed by more than rounding's 0.5%)."""
    s_how, c_how = hows
    if (not bounds_only(s_how, c_how) or is_share(s_fact) == is_share(c_fact)
            or (s_how in _LOWER) != (c_how in _LOWER)):
        return False
    share, other = (s_fact, c_fact) if is_share(s_fact) else (c_fact, s_fact)
    return rounds_to(float(share["value"]), float(other["value"]), other["text"])


def _bounded(s_how: str | None, c_how: str | None) -> bool:
    """Either figure is a bound ('more than', 'up to'), not a value or an estimate."""
    return s_how not in (None, "about") or c_how not in (None, "about")


def bounds_only(s_how: str | None, c_how: str | None) -> bool:
    """Both figures are bounds ('more than', 'up to'): two different bounds leave the
    statement's figure unconfirmed, not contradicted (the true figure may satisfy both)."""
    return s_how not in (None, "about") and c_how not in (None, "about")


def _given_more(value: str, these: list[dict], those: list[dict]) -> bool:
    """Whether one side's figures give a value more often than the other side's do."""
    return sum(f["value"] == value for f in these) > sum(f["value"] == value for f in those)


def at_edge(s_value: float, s_how: str | None, *, c_value: float, c_how: str | None,
            s_text: str | None = None, c_text: str | None = None) -> bool:
    """A figure at the very edge of the other side's strict bound ('ten times' against
    'more than ten times'): a writer rounding the one gives the other, so the figure is
    left unconfirmed, not contradicted. So is an approximate figure whose range (10%, or
    its rounding as written: 'about 4%' is 3.5 to 4.5) reaches into the bound ('about 3%'
    against 'more than 3.2%': it may be 3.3)."""
    if _bounded(s_how, None) == _bounded(c_how, None):
        return False  # both values, or both bounds (`bounds_only`)
    bound, how, value, approx, written = (
        (s_value, s_how, c_value, c_how, c_text) if _bounded(s_how, None)
        else (c_value, c_how, s_value, s_how, s_text))
    if approx == "about":
        half = half_step(value, written)
        spread = max(ABOUT_TOLERANCE * abs(value), half if half != float("inf") else 0.0)
        return _fits(value - spread, bound, how) or _fits(value + spread, bound, how)
    strict = how in ("above", "below")
    return strict and abs(c_value - s_value) <= EXACT_TOLERANCE * max(abs(s_value), 1e-9)


_ROLE_SKIP = {"a", "an", "the", "of", "in", "to", "and", "or", "per", "each", "every",
              "more", "than", "some", "about", "around", "nearly", "almost", "over", "under"}
_CURRENCY = {"$": "USD", "dlrs": "USD", "dlr": "USD", "dollars": "USD", "dollar": "USD",
             "\u00a3": "GBP", "pounds": "GBP", "stg": "GBP", "\u20ac": "EUR", "euros": "EUR",
             "euro": "EUR", "yen": "JPY"}


# A word, not the scale letter of a figure beside it ('$5m and over $4m': the 'm' of '$5m'
# says nothing of what '$4m' counts).
_ROLE_WORD = re.compile(r"(?<![\d.,])\b[A-Za-z]+")


def _role_words(text: str, start: int, end: int) -> set[str]:
    """The words that say what a figure counts: the next content word and the one before."""
    after = _ROLE_WORD.findall(text, end, end + 40)
    before = _ROLE_WORD.findall(text, max(0, start - 40), start)
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
    if single and len(same_unit) == 1 == len(options) and not share_and_change(
            s_fact, s_text, same_unit[0], c_text=c_text, c_offset=c_offset):
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
    the same role ("18 to 49" are ages, "100,000" is deaths: not comparable).

    A figure that took its unit or scale from a list ('14 or 15 billion') is also read as
    written: it agrees if either reading agrees, and differs only if both differ."""
    s_facts = [f for f in s_facts if not _code_there(f, s_text, c_facts, c_text, c_offset)]
    s_facts, c_facts = measures.compare_clocks(result, s_facts, s_text, c_facts=c_facts,
                                               c_text=c_text, c_offset=c_offset)
    found = _outcomes(s_facts, s_text, c_facts, c_text, c_offset)
    if any("written" in (f.get("extra") or {}) for f in (*s_facts, *c_facts)):
        plain = _outcomes(_as_written(s_facts), s_text, _as_written(c_facts), c_text,
                          c_offset)
        found = {i: min(found[i], plain[i], key=lambda o: _OUTCOME_ORDER.index(o[0]))
                 for i in found}
    for which, item in found.values():  # by kind, then as the statement gives them
        getattr(result, which).append(item)


_OUTCOME_ORDER = ("agreements", "unconfirmed", "differences")
_IN_TOKEN = "-/'\u2019"  # what joins a code's parts: 'GATA-4/6', "5'-CACGTG-3'", 'TRA-1-60'


def _code_there(fact: dict, s_text: str, c_facts, c_text: str, c_offset: int) -> bool:
    """A bare figure inside a token that the passage writes too, where the passage reads no
    figure: part of a code's name there ('gata-4/6' typed without capitals, whose case says
    nothing, against 'GATA-4/6'), so neither agreeing nor differing."""
    if fact["kind"] != "number" or not any(ch.isdigit() for ch in fact["text"]):
        return False  # a figure in words is no code's ('a million' against 'two million')
    begin, end = fact["start"], fact["end"]
    while begin > 0 and (s_text[begin - 1].isalnum() or s_text[begin - 1] in _IN_TOKEN):
        begin -= 1
    while end < len(s_text) and (s_text[end].isalnum() or s_text[end] in _IN_TOKEN):
        end += 1
    token = s_text[begin:end].lower()
    if not any(ch.isalpha() for ch in token):
        return False
    at = c_text.lower().find(token)
    figure_at = at + fact["start"] - begin + c_offset
    return at >= 0 and not any(f["start"] == figure_at for f in c_facts
                               if f["kind"] in ("number", "percent", "money"))


def _as_written(facts) -> list[dict]:
    """Each figure as its text writes it, without a unit or scale taken from a list."""
    return [{**f, **f["extra"]["written"], "unit": None}
            if "written" in (f.get("extra") or {}) else f for f in facts]


def _outcomes(s_facts, s_text, c_facts, c_text, c_offset) -> dict[int, tuple[str, dict]]:
    """For each statement figure (by its index in `s_facts`): agreed, differing or
    unconfirmed, with the entry to list."""
    found: dict[int, tuple[str, dict]] = {}
    for kind in QUANTITIES:
        options = [f for f in c_facts if f["kind"] == kind]
        mine = [f for f in s_facts if f["kind"] == kind]
        stated = {f["value"] for f in mine}
        # Each passage figure's hedge and unit of measure, read once for every statement
        # figure.
        hows = {id(o): (how_of(c_text, o, c_offset),
                        measures.measure(c_text, o["end"] - c_offset)) for o in options}
        for index, s_fact in enumerate(s_facts):
            if s_fact["kind"] == kind:
                found[index] = _outcome(s_fact, s_text, options, mine, stated, hows,
                                        c_text, c_offset)
                if found[index][0] == "differences" and _written_bare(
                        s_fact, s_text, c_facts, c_text, c_offset):
                    found[index] = "unconfirmed", {"kind": "number",
                                                   "statement": s_fact["text"]}
    return found


def _denied(s_fact: dict, options: list[dict]) -> tuple[str, dict]:
    """A figure the statement denies ('not 95% effective'): the same figure in the passage
    is what the denial speaks of (the 'not' is compared as a negation); any other is
    neither borne out nor denied by it."""
    same = [o for o in options if _unit(o) == _unit(s_fact) and _fits(
        float(o["value"]), float(s_fact["value"]), None)]
    if same:
        return "agreements", {"kind": "number", "statement": s_fact["text"],
                              "evidence": same[0]["text"]}
    return "unconfirmed", {"kind": "number", "statement": s_fact["text"]}


_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)


def _ordinal_in_words(s_fact: dict, s_text: str, c_text: str) -> bool:
    """'a 3rd consecutive year' against 'a third consecutive year': one ordinal, which the
    passage gives as a word, which is no figure (the statement's was left unconfirmed)."""
    word = ORDINALS.get(s_fact["value"]) if _SUFFIX.match(s_text, s_fact["end"]) else None
    return word is not None and re.search(rf"\b{word}\b", c_text, re.IGNORECASE) is not None


def _written_bare(s_fact: dict, s_text: str, c_facts, c_text: str, c_offset: int) -> bool:
    """Whether the passage writes the statement's figure itself, in the same role but with
    no unit of its own: 'denominations of 10,000 and 1,000 stg' gives '10,000' whatever it
    is in, so it cannot deny '10,000 stg' (a list takes the unit written after it only
    rising, to keep '296,000 to 28.52 million' a change and a level)."""
    value, roles = float(s_fact["value"]), _role_words(s_text, s_fact["start"], s_fact["end"])
    return any(f["kind"] == "number" and not f.get("unit") and float(f["value"]) == value
               and roles & _role_words(c_text, f["start"] - c_offset, f["end"] - c_offset)
               for f in c_facts)


def _outcome(s_fact, s_text, options, mine, stated, hows, c_text, c_offset
             ) -> tuple[str, dict]:
    """One statement figure against the passage's figures of its kind."""
    s_how = how_of(s_text, s_fact, 0)
    unit = measures.measure(s_text, s_fact["end"])  # '26.2 miles' is not '42.2 km'
    # 'earnings over £100,000' and 'over £100,000 a year': one side names the sum's period.
    # The same sum agrees; another is no difference (a rate is not a total).
    periodic = [o for o in options if measures.period_only(unit, hows[id(o)][1])
                and o["value"] == s_fact["value"] and _unit(o) == _unit(s_fact)
                and hows[id(o)][0] != "negated"]
    options = [o for o in options if not measures.differ(unit, hows[id(o)][1])]
    if s_how == "negated":  # 'not 95%' denies the passage's 95%; 'not 100%' no 95%
        return _denied(s_fact, options)
    for other in periodic:
        mine_how, their_how = _hows(s_how, hows[id(other)][0])
        if numbers_agree(float(s_fact["value"]), mine_how, float(other["value"]), their_how,
                         s_text=written(s_fact), c_text=written(other)):
            return "agreements", {"kind": "number", "statement": s_fact["text"],
                                  "evidence": other["text"]}
    options = [o for o in options if hows[id(o)][0] != "negated"]
    how = {id(o): _hows(s_how, hows[id(o)][0]) for o in options}  # (statement's, passage's)
    # A passage figure the statement itself gives vouches for that figure only, not for
    # a near one beside it ('1,500,007 dlrs' is not '1.5 mln dlrs'), unless the passage
    # gives it more often ('at 1,025, vs 1,025 last month').
    free = [o for o in options if o["value"] not in stated
            or o["value"] == s_fact["value"] or _given_more(o["value"], options, mine)]
    # Nor does it deny another: 'sales of six mln dlrs and ... of 4,000,000 dlrs' is not
    # denied by the passage's six mln, which is the first figure's, where the passage's
    # second is unread ('4000,000').
    paired = _paired(s_fact, s_text, free, c_text, c_offset, len(mine) == 1)
    # A figure the statement gives more often than the passage vouches only for the one of
    # its role: '40 books ... in 40 countries' is not borne out by '11 books ... in 40
    # countries'.
    scarce = _given_more(s_fact["value"], mine, options)
    # A bound admits many figures: only one of the same role vouches for it ('up to
    # twelve resorts' is not borne out by 'one of which' beside 'up to eight').
    agreeing = [o for o in free if _unit(o) == _unit(s_fact) and ((numbers_agree(
        float(s_fact["value"]), how[id(o)][0], float(o["value"]), how[id(o)][1],
        s_text=written(s_fact), c_text=written(o)) or _share_bound(s_fact, o, how[id(o)]))
        and (o in paired or not (_bounded(*how[id(o)]) or scarce))
        or _same_digits(s_fact, o))]
    if agreeing:
        return "agreements", {"kind": "number", "statement": s_fact["text"],
                              "evidence": agreeing[0]["text"]}
    if paired and not all(
            bounds_only(*how[id(o)])
            or at_edge(float(s_fact["value"]), how[id(o)][0], c_value=float(o["value"]),
                       c_how=how[id(o)][1], s_text=written(s_fact), c_text=written(o))
            or loose_share(s_fact, o) or coarser(s_fact, o) for o in paired):
        return "differences", {"kind": "number", "statement": s_fact["text"],
                               "evidence": paired[0]["text"]}
    if _ordinal_in_words(s_fact, s_text, c_text):
        return "agreements", {"kind": "number", "statement": s_fact["text"],
                              "evidence": ORDINALS[s_fact["value"]]}
    return "unconfirmed", {"kind": "number", "statement": s_fact["text"]}


_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)


def _ordinal_in_words(s_fact: dict, s_text: str, c_text: str) -> bool:
    """'a 3rd consecutive year' against 'a third consecutive year': one ordinal, which the
    passage gives as a word, which is no figure (the statement's was left unconfirmed)."""
    word = ORDINALS.get(s_fact["value"]) if _SUFFIX.match(s_text, s_fact["end"]) else None
    return word is not None and re.search(rf"\b{word}\b", c_text, re.IGNORECASE) is not None
