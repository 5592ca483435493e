"""Periods a figure may be of: months, weekdays, quarters, halves, weeks.

Two texts that each date their figures by a period, and share none, speak of different
periods: their figures can differ and both be true ('the January surplus' and 'the
December surplus', 'in the first quarter' and 'in January').
"""

from __future__ import annotations

import re

from ..extract.kinds import MONTHS, WEEKDAYS

_PERIOD = re.compile(r"\b(?:" + "|".join(
    [m.capitalize() for m in MONTHS] + list(WEEKDAYS)) + r")\b")


def another_period(statement: str, passage: str) -> bool:
    """Whether both name months, or both weekdays, and none is the other's ('the January
    surplus' and 'the December surplus'): a figure of another period, which a month alone
    (no day, no year: not a date) does not make a differing date of. So too where both
    name periods of any length and share none ('in the first quarter' and 'in January',
    'in its first week' and 'in its opening weekend')."""
    mine, theirs = _periods(statement), _periods(passage)
    if any(mine[i] and theirs[i] and not mine[i] & theirs[i] for i in (0, 1)):
        return True
    mine, theirs = _spans(statement) | mine[0], _spans(passage) | theirs[0]
    return bool(mine and theirs and not mine & theirs)


# "last quarter" is the one before, not the fourth: no number.
_ORDINAL = {"first": 1, "opening": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
            "fourth": 4, "4th": 4, "final": 4}
_SPAN = re.compile(r"\b(?:(first|opening|1st|second|2nd|third|3rd|fourth|4th|final|last)"
                   r"[\s-]+)?(quarter|half|week|weekend)s?\b|\b[Qq]([1-4])\b|\b[Hh]([12])\b")


def _spans(text: str) -> set:
    """The reporting periods a text names: quarters and halves by their number ('Q3',
    'third quarter'), weeks and weekends."""
    found = set()
    for m in _SPAN.finditer(text):
        if m.group(3) or m.group(4):
            found.add(("quarter", int(m.group(3))) if m.group(3) else ("half", int(m.group(4))))
        elif m.group(2) in ("quarter", "half"):
            found.add((m.group(2), _ORDINAL.get((m.group(1) or "").lower())))
        else:
            found.add((m.group(2), None))
    return found


def _periods(text: str) -> tuple[set, set]:
    """The months (as numbers) and the weekdays a text names: each compared with its own."""
    found = [m.group() for m in _PERIOD.finditer(text)]
    return ({MONTHS[w.lower()] for w in found if w.lower() in MONTHS},
            {w for w in found if w in WEEKDAYS})
