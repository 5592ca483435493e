"""The qualifier a figure is written with: a bound, an estimate, a range's end, a denial.

"more than 100", "about 3%", "between 10 and 20", "18 to 49", "not 100% effective": each
admits other figures than the one written, and the judge compares figures with them.
"""

from __future__ import annotations

import re

from .direction import POLARITY

ABOUT_TOLERANCE = 0.10  # an estimate: "around 100" agrees with 90 to 110

# "the over-65s", "under-18s": an age group written as one word is the same bound.
# "topped $50", "exceeded 5%": a verb of passing says more than the figure, as "over" does.
# (One alternation of plain words and one '-|\s*' at the end: a check runs these some
# hundreds of times, and nested choices tripled a search's cost.)
_ABOVE = re.compile(r"(?:more than|over|above|in excess of|upwards of"
                    r"|(?:exceed|surpass|topp|outstripp)(?:ed|es|s|ing)?(?:\s+the)?)(?:-|\s*)$")
_AT_LEAST = re.compile(r"(?:at least|not? fewer than|not? less than|a minimum of)\s*$")
_BELOW = re.compile(r"(?:less than|fewer than|under|below|short of)(?:\s*|-)$")
# "as many as 300 people were killed", "fell as much as 10%": the most it may be.
# A verb of passing denied is at most: "will not exceed 5%", "is not expected to exceed".
NOT_EXCEEDING = r"(?:\s+\w+){0,2}?\s+(?:to\s+)?exceed"  # what follows the denial
_AT_MOST = re.compile(r"(?:up to|at most|not? more than|a maximum of|as (?:many|much) as"
                      rf"|(?:not|never|n['\u2019]t){NOT_EXCEEDING})\s*$")  # \b: 6 times slower
# "between 10 and 20": against a figure, at least the one and at most the other (a range
# admits 15); against another range, its ends are compared as figures.
_RANGE_LOW = re.compile(r"between\s*$")
_RANGE_HIGH = re.compile(r"between\s+\S+(?:\s+[a-z]+)?\s+and\s*$")
# "3% to 3.5%", "aged 18 to 49", "cut 500 to 700 jobs": a range too, where it rises ("5 to
# 4" is a tally, "10 to 1" odds), no "from" comes before it, and no word of change before
# a percentage or a sum ("rose 5% to 120p", "cut rates 0.25% to 4.5%": a change, a level).
_FIGURE = r"[$\u00a3\u20ac]?(\d[\d,]*(?:\.\d+)?)"
_TO_FIGURE = re.compile(rf"\s+to\s+{_FIGURE}")
_FIGURE_TO = re.compile(rf"(?<![\w.,]){_FIGURE}(?:\s*%|\s+(?:percent|per cent|pct|[a-z]+))?"
                        r"\s+to\s*$")
# The words of change are direction.py's; these others also make 'X to Y' a change.
_CHANGED = frozenset("from by up down raise lowered lifted trimmed moved changed revised "
                     "adjusted won beat led".split())
_LAST_WORD = re.compile(r"([A-Za-z]+)\s*$")
# "not 100% effective", "not quite 50": a figure denied says only what it is not.
_NOT = re.compile(r"\b(?:not|never)(?:\s+(?:quite|even|all|yet))?\s*$")
_ABOUT = re.compile(
    r"(?:about|around|approximately|roughly|nearly|almost|some|estimated|an estimated|close to"
    r"|circa|~)\s*$")


def hedge(text: str, start: int, end: int | None = None) -> str | None:
    """The qualifier just before a figure: negated, above, at_least, below, at_most, about,
    a range's end (range_low, range_high: 'between 10 and 20', '10 to 20'), or None. `end`:
    where the figure ends, to see a range it opens."""
    before = text[max(0, start - 30):start].lower()
    # Bounds said with a denial first: 'no more than' is at most, not above.
    for name, pattern in (("negated", _NOT), ("range_low", _RANGE_LOW),
                          ("range_high", _RANGE_HIGH), ("at_least", _AT_LEAST),
                          ("at_most", _AT_MOST), ("above", _ABOVE), ("below", _BELOW),
                          ("about", _ABOUT)):
        if pattern.search(before):
            return name
    return _to_range(text, start, end) if end is not None else None


def _to_range(text: str, start: int, end: int) -> str | None:
    """'range_low' or 'range_high' for either figure of 'X to Y' read as a range."""
    after = _TO_FIGURE.match(text, end)
    if after:
        low, high, opens = text[start:end], after.group(1), start
    elif before := _FIGURE_TO.search(text, max(0, start - 40), start):
        low, high, opens = before.group(1), text[start:end], before.start()
    else:
        return None
    low_value, high_value = _plain(low), _plain(high)
    stop = after.end() if after else end
    if low_value is None or high_value is None or low_value >= high_value \
            or (text[stop:stop + 1] == "%") != ("%" in low) or hedge(text, opens):
        return None  # '3.2% to 24.8bn' is a change and a level; 'more than 3 to 5' no range
    last = _LAST_WORD.search(text, max(0, opens - 20), opens)
    word = last.group(1).lower() if last else ""
    if word == "from" or (word in POLARITY or word in _CHANGED) \
            and _SUMS.search(text, opens, stop):
        return None
    return "range_low" if after else "range_high"


_SUMS = re.compile(r"[%$\u00a3\u20ac]|\d\s*p\b|\b(?:percent|per cent|pct|pence|dlrs|cents?)\b",
                   re.IGNORECASE)


_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _plain(written: str) -> float | None:
    """A written figure's digits as a number ('3.5%', '1,200'), None when it has none."""
    m = _DIGITS.search(written)
    return float(m.group().replace(",", "")) if m else None
