"""How a figure is rounded as written: the step of its last digit, whether another rounds
to it, and whether it is another rounded or cut short ('$1.4bn' for '$1.37bn')."""

from __future__ import annotations

import math
import re

from ..text.numbers import FRACTION_PATTERN, fraction_value

EXACT_TOLERANCE = 0.005  # rounding: "$1.13bn" and "$1,130m"

_WRITTEN = re.compile(r"\d[\d,]*(?:\.(\d+))?")
_WRITTEN_FRACTION = re.compile(FRACTION_PATTERN)


def rounds_to(value: float, approx: float, written: str | None) -> bool:
    """Whether `value` rounds to the approximate figure as written: to its last digit, at
    its scale ('about 3%': 2.5 to 3.5; 'about 3 million': 2.5 to 3.5 million), or to its
    fraction's step ('about 7-1/2 pct': 7.25 to 7.75, not 7 to 8)."""
    digits, step = written_step(written or "")
    if not digits:
        return False
    unit = approx / digits * step
    return abs(value - approx) <= unit / 2 + 1e-9 * abs(approx)


def rounding_of(a: float, b: float, *, a_text: str | None, b_text: str | None) -> bool:
    """Whether one exact figure can be the other rounded as written: '734.6 billion' is
    not '736.6 billion', though within EXACT_TOLERANCE; '$1.1bn' may be '$1.13bn'. A
    round figure ('100,000') or one without digits gives no precision: it may be anything
    EXACT_TOLERANCE admits."""
    half = max(half_step(a, a_text), half_step(b, b_text))
    return abs(a - b) <= half + 1e-9 * max(abs(a), abs(b))


def half_step(value: float, written: str | None) -> float:
    """Half the step of a figure's last written digit, at its scale; inf when unknown."""
    digits, step = written_step(written or "")
    if not digits or step == 1.0 and digits % 10 == 0:
        return float("inf")
    return abs(value / digits) * step / 2


def written_step(written: str) -> tuple[float, float]:
    """The figure as written and the step of its last digit or fraction (0.0 when none)."""
    m = _WRITTEN_FRACTION.search(written)
    fraction = fraction_value(m.group().strip()) if m else None
    if fraction:
        part = fraction % 1
        return fraction, next((1 / d for d in (2, 3, 4, 8, 16, 32, 64)
                               if abs(part * d - round(part * d)) < 1e-9), 1.0)
    m = _WRITTEN.search(written)
    if not m:
        return 0.0, 1.0
    return float(m.group().replace(",", "")), 10.0 ** -len(m.group(1) or "")


def coarser(s_fact: dict, c_fact: dict) -> bool:
    """'$1.4bn' against '$1.37bn', 'a record $1.36' against '$1.3666': one figure the
    other rounded or cut short at the last digit it writes, at the same scale: a writer's
    coarser figure, unconfirmed rather than denied (beyond EXACT_TOLERANCE it differed)."""
    if s_fact.get("unit") != c_fact.get("unit"):
        return False
    sides = []
    for fact in (s_fact, c_fact):
        written, step = written_step(fact["text"])
        if not written:
            return False
        sides.append((step, written, float(fact["value"]) / written))
    (step, short, scale), (long_step, long, long_scale) = sorted(sides, reverse=True)
    if not long_step < step <= 1 or abs(scale - long_scale) > 1e-9 * abs(scale):
        return False
    cut, near = math.floor(long / step + 1e-9), math.floor(long / step + 0.5)
    return min(abs(cut * step - short), abs(near * step - short)) < step / 10
