"""Shares written in words: 'one in five', 'nine out of 10', 'a third of', 'half the'.

Each is read as the percentage it states (20%, 90%, 33.3%, 50%), so that 'one in five
adults' and 'about 20% of adults' are the same fact. A share in words is a writer's round
figure: the judge compares it as approximate (`extra["share"]`), and never as a count.
"""

from __future__ import annotations

import math
import re

from ..text.numbers import UNITS, format_value
from .kinds import Fact, Taken

_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4,
                 "quarters": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
                 "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "tenth": 10,
                 "tenths": 10}
_NUMERATORS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
               "seven": 7, "eight": 8, "nine": 9}
_SMALL = "|".join(w for w in UNITS if 0 < UNITS[w] <= 10)
# What a fraction of a period, a measure or a game is: 'a quarter of a century', 'the
# first half of 2004', 'half of the season', 'two-thirds of a mile'.
_NOT_A_SHARE = (r"(?:a|an|\d{4}|the\s+(?:year|season|century|decade|month|week|day|match"
                r"|game|term|session|quarter|\d{4}s?)|(?:19|20)\d{2}s?)\b")
_FRACTION = re.compile(
    rf"\b(?:({'|'.join(_NUMERATORS)})[\s-]+({'|'.join(_DENOMINATORS)})\s+of"
    r"|((?:(?:a|one)[\s-])?half)(?=\s+of\b|\s+(?:the|its|their|his|her|all|our|those"
    r"|these|them|us)\b))"
    rf"(?!\s+(?:of\s+)?{_NOT_A_SHARE})", re.IGNORECASE)
# 'the first half', 'the second quarter', 'one and a half': a part in time, or a number.
_ORDINAL_BEFORE = re.compile(
    rf"\b(?:first|second|third|fourth|last|final|latter|former|next|previous|past|other"
    rf"|opening|closing|each|every|the|(?:{_SMALL}|\d+)[\s-]+and)[\s-]+$", re.IGNORECASE)
# 'one in five adults', 'nine out of 10 voters': a rate where one is the part ('five out of
# six games' is two counts) or the whole is ten, a hundred or a thousand.
# Read from each ' in ' or ' out of ': a pattern scanning every position for the part
# first cost more than the rest of a sentence's shares.
_PART_BEFORE = re.compile(rf"(?<![\w.,])({_SMALL}|\d{{1,3}})$", re.IGNORECASE)
_WHOLE_AFTER = re.compile(
    rf"\s+(?:in|out\s+of)\s+(?:every\s+)?"
    rf"({_SMALL}|\d{{1,4}}|a\s+hundred|a\s+thousand|hundred|thousand)\b(?!,?\d|\.\d|%)"
    r"(?!\s+(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur))",
    re.IGNORECASE)
_OF_AFTER = re.compile(r"\s+of$", re.IGNORECASE)
_WHOLES = {"hundred": 100, "a hundred": 100, "thousand": 1000, "a thousand": 1000}


def find_shares(text: str, low: str, taken: Taken, *, counts: bool) -> list[Fact]:
    """Shares in words as percentages, each span added to `taken` (so 'one' and 'five'
    of 'one in five' are not read again as counts). `low`: the text casefolded; `counts`:
    whether it has a figure in digits or words (a rate needs two)."""
    found = []
    # Substring tests first: 4% of news claims have one of these words.
    if ("half" in low or "third" in low or "quarter" in low or "fifth" in low
            or "sixth" in low or "seventh" in low or "eighth" in low or "tenth" in low):
        found += [(m.start(), m.end(), _fraction(m)) for m in _FRACTION.finditer(text)
                  if not _ORDINAL_BEFORE.search(text, max(0, m.start() - 12), m.start())]
    if counts:
        found += _rates(text, low)
    facts = []
    for start, end, share in sorted(found):
        if share is None or taken.overlaps(start, end):
            continue
        text_of = _OF_AFTER.sub("", text[start:end])  # 'two-thirds', not 'two-thirds of'
        end = start + len(text_of)
        value = format_value(round(100 * share[0] / share[1], 4))
        facts.append(Fact("percent", start, end, text_of, value, "%",
                          {"share": f"{share[0]}/{share[1]}"}))
        taken.append((start, end))
    return facts


def _fraction(m: re.Match) -> tuple[int, int] | None:
    """'two-thirds of': (2, 3); 'half the': (1, 2)."""
    if m.group(3):
        return 1, 2
    top, bottom = _NUMERATORS[m.group(1).lower()], _DENOMINATORS[m.group(2).lower()]
    plural = m.group(2).lower().endswith("s")
    # In lowest terms: 'two quarters of growth' is a duration, not a half.
    return (top, bottom) if top < bottom and plural == (top > 1) \
        and math.gcd(top, bottom) == 1 else None


def _rates(text: str, low: str) -> list[tuple[int, int, tuple[int, int] | None]]:
    """Each 'one in five' or 'nine out of 10' of a text: its span and its share."""
    found = []
    for word in (" in ", " out of "):
        at = low.find(word)
        while at >= 0:
            part = _PART_BEFORE.search(text, max(0, at - 6), at)
            whole = part and _WHOLE_AFTER.match(text, at)
            if whole:
                found.append((part.start(), whole.end(), _rate(part.group(1), whole.group(1))))
            at = low.find(word, at + 1)
    return found


def _rate(part: str, whole: str) -> tuple[int, int] | None:
    """'one in five': (1, 5); 'nine out of 10': (9, 10); None for two counts or a year."""
    top, bottom = _count(part), _count(whole)
    if top is None or bottom is None or not 0 < top < bottom:
        return None
    return (top, bottom) if top == 1 or bottom in (10, 100, 1000) else None


def _count(word: str) -> int | None:
    word = " ".join(word.lower().split())
    if word.isdigit():
        return int(word) if int(word) <= 1000 else None  # 'one in 2000': a year
    return 1 if word == "a" else _WHOLES.get(word, UNITS.get(word))


# A fraction of a scale word is a figure, not a share: 'half a million' is 500,000, 'a
# quarter of a billion' 250 million, 'two and a half million' 2.5 million. Read as number
# words alone they were 'million' and 'two', and differed from '500,000' and '2.5 million'.
_PART_OF_A = re.compile(rf"\b(?:({'|'.join(_NUMERATORS)})[\s-]+)?(half|{'|'.join(_DENOMINATORS)})"
                        r"\s+(?:of\s+)?an?\s+$", re.IGNORECASE)
_AND_A_HALF = re.compile(r"[\s-]+and[\s-]+a[\s-]+half\b", re.IGNORECASE)
_SCALE_ONLY = {"hundred", "thousand", "million", "billion", "trillion"}


def part_of_scale(text: str, start: int, words: str) -> tuple[int, float] | None:
    """Where 'half a' or 'a quarter of a' before a lone scale word begins, and the share
    it takes of it: (start, 0.5) for 'half a million'."""
    if words.lower() not in _SCALE_ONLY:
        return None
    m = _PART_OF_A.search(text, max(0, start - 30), start)
    if not m:
        return None
    top = _NUMERATORS[m.group(1).lower()] if m.group(1) else 1
    bottom = _DENOMINATORS[m.group(2).lower()]
    return (m.start(), top / bottom) if top < bottom else None


def and_a_half(text: str, end: int) -> int | None:
    """Where 'and a half' after a figure in words ends ('two and a half'), or None."""
    m = _AND_A_HALF.match(text, end)
    return m.end() if m else None
