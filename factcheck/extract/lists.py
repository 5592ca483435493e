"""Figures of a list or range that share the unit or scale written once after the last."""

from __future__ import annotations

import re

from ..text.numbers import FRACTION_PATTERN, figure_value, format_value, scale_of
from .kinds import Fact

# Between the figures of a list or range that share the unit written after the last.
_LIST_GAP = re.compile(r"\s+(?:and|or|to)\s+|\s*[-\u2013]\s*", re.IGNORECASE)
_LIST_COMMA = re.compile(r",\s+")  # '4,340, 4,345 and 4,350 dlrs': only inside a list
_DIGITS = re.compile(rf"{FRACTION_PATTERN}|\d[\d,]*(?:\.\d+)?")
_SCALE_WORD = re.compile(r"\b(?:bn|mln|bln|billion|million|thousand|trillion)\b",
                         re.IGNORECASE)
# A figure with no sign, scale or unit of its own.
_BARE = re.compile(rf"{FRACTION_PATTERN}|\d[\d,]*(?:\.\d+)?|[A-Za-z]+")


def share_units(text: str, facts: list[Fact]) -> None:
    """A unit or scale written once after a list or range of figures is every one's:
    '1,000 and 10,000 dlrs' are both dollars, 'between 2 and 3 million' both millions.

    Only a bare figure below the next one takes them: '296,000 to 28.52 million' is a
    change and a level, '30-39 and 14%' an age range beside a share, and a currency
    sign before a figure ('over 60, or 300 pounds') is that figure's alone."""
    figures = sorted((f for f in facts if f.kind in ("number", "percent", "money")),
                     key=lambda f: f.start)
    listed: set[int] = set()  # figures that took a unit from the next one
    for first, second in zip(reversed(figures[:-1]), reversed(figures[1:]), strict=True):
        gap = _LIST_GAP.fullmatch(text, first.end, second.start) or (
            id(second) in listed and _LIST_COMMA.fullmatch(text, first.end, second.start))
        written = _written(second)
        if (first.unit or not gap or not _BARE.fullmatch(first.text) or written is None
                or not float(first.value) < written):
            continue
        factor = float(second.value) / written if written else 1.0
        if not second.unit and factor < 1000:  # no unit, and no scale word ('3 million')
            continue
        # The figure as written is kept: a text may mean it so ('14 or 15,000,000,000'),
        # and the judge takes a figure as agreeing if either reading agrees.
        first.extra["written"] = {"kind": first.kind, "value": first.value}
        if factor >= 1000:
            first.value = format_value(float(first.value) * factor)
        first.kind, first.unit = second.kind, second.unit
        listed.add(id(first))


def _written(fact: Fact) -> float | None:
    """The figure as written, before any scale word: None when a sign comes first, or
    for a share in words ('one in five' lends no '%' to a figure before it)."""
    if "share" in fact.extra:
        return None
    digits = _DIGITS.match(fact.text)
    if digits:
        return figure_value(digits.group())
    if not fact.text[:1].isalpha():
        return None
    scale = _SCALE_WORD.search(fact.text)  # 'ten mln': ten
    return float(fact.value) / (scale_of(scale.group()) if scale else 1)
