"""Shares and parts written in words: 'one in five', 'a third of', 'half a million',
'two dozen'.

A share is read as the percentage it states (20%, 90%, 33.3%, 50%), so that 'one in five
adults' and 'about 20% of adults' are the same fact. A share in words is a writer's round
figure: the judge compares it as approximate (`extra["share"]`), and never as a count.
A part of a scale word or a dozen is a count: 'half a million' 500,000, 'two dozen' 24.
"""

from __future__ import annotations

import math
import re

from ..text.numbers import SCALES, UNITS, WORDS_PATTERN, format_value, words_value
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
# A fraction of nothing named is a share too where it is a change's size: 'a third more
# entries', 'cut by a quarter' ('by a third party' is an ordinal).
_CHANGE_AFTER = (r"\s+(?:more|less|fewer|higher|lower|bigger|smaller|larger|cheaper)"
                 r"\b")
_AFTER_BY = (r"(?=\s*(?:[.,;:)]|$|\s+(?:in|on|to|from|since|after|over|during|last|this|and"
             r"|or|than|compared|against|within|between|at|as|while|but|when|year|a\s+year)"
             r"\b))")
_FRACTION = re.compile(
    rf"\b(?:({'|'.join(_NUMERATORS)})[\s-]+({'|'.join(_DENOMINATORS)})"
    rf"(?:\s+of|(?P<more>)(?={_CHANGE_AFTER})|(?P<by>){_AFTER_BY})"
    r"|(?P<half>(?:(?:a|one)[\s-])?half)(?=\s+of\b|\s+(?:the|its|their|his|her|all|our|those"
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
_BY_BEFORE = re.compile(r"\bby\s+$", re.IGNORECASE)
_WHOLES = {"hundred": 100, "a hundred": 100, "thousand": 1000, "a thousand": 1000}


def find_shares(text: str, low: str, taken: Taken, *, counts: bool) -> list[Fact]:
    """Shares in words as percentages, each span added to `taken` (so 'one' and 'five'
    of 'one in five' are not read again as counts). `low`: the text casefolded; `counts`:
    whether it has a figure in digits or words (a rate needs two)."""
    found = []
    # Substring tests first: 4% of news claims have one of these words.
    if ("half" in low or "third" in low or "quarter" in low or "fifth" in low
            or "sixth" in low or "seventh" in low or "eighth" in low or "tenth" in low):
        found += [(m.start(), m.end(), _fraction(m), _changes(m))
                  for m in _FRACTION.finditer(text)
                  if not _ORDINAL_BEFORE.search(text, max(0, m.start() - 12), m.start())
                  and (m.group("by") is None or _BY_BEFORE.search(text, 0, m.start()))]
    if counts:
        found += _rates(text, low)
    facts = []
    for start, end, share, change in sorted(found):
        if share is None or taken.overlaps(start, end):
            continue
        text_of = _OF_AFTER.sub("", text[start:end])  # 'two-thirds', not 'two-thirds of'
        end = start + len(text_of)
        value = format_value(round(100 * share[0] / share[1], 4))
        extra = {"share": f"{share[0]}/{share[1]}"} | ({"change": "1"} if change else {})
        facts.append(Fact("percent", start, end, text_of, value, "%", extra))
        taken.append((start, end))
    return facts


def _changes(m: re.Match) -> bool:
    """Whether a fraction is a change's size ('a third more', 'cut by a quarter'), not a
    share of something ('a third of voters'): the judge pairs it with changes."""
    return m.group("more") is not None or m.group("by") is not None


def _fraction(m: re.Match) -> tuple[int, int] | None:
    """'two-thirds of': (2, 3); 'half the': (1, 2)."""
    if m.group("half"):
        return 1, 2
    top, bottom = _NUMERATORS[m.group(1).lower()], _DENOMINATORS[m.group(2).lower()]
    plural = m.group(2).lower().endswith("s")
    # In lowest terms: 'two quarters of growth' is a duration, not a half.
    return (top, bottom) if top < bottom and plural == (top > 1) \
        and math.gcd(top, bottom) == 1 else None


def _rates(text: str, low: str) -> list[tuple[int, int, tuple[int, int] | None, bool]]:
    """Each 'one in five' or 'nine out of 10' of a text: its span and its share."""
    found = []
    for word in (" in ", " out of "):
        at = low.find(word)
        while at >= 0:
            part = _PART_BEFORE.search(text, max(0, at - 6), at)
            whole = part and _WHOLE_AFTER.match(text, at)
            if whole:
                found.append((part.start(), whole.end(), _rate(part.group(1), whole.group(1)),
                              False))
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
# The article is part of the figure too, so that a hedge before it is read: 'more than a
# million' is a bound, and was an exact million against '1.2 million'.
_PART_OF_A = re.compile(rf"\b(?:(?:({'|'.join(_NUMERATORS)})[\s-]+)?"
                        rf"(half|{'|'.join(_DENOMINATORS)})\s+(?:of\s+)?)?an?\s+$",
                        re.IGNORECASE)
_AND_A_HALF = re.compile(r"[\s-]+and[\s-]+a[\s-]+half\b", re.IGNORECASE)
_SCALE_ONLY = {"hundred", "thousand", "million", "billion", "trillion"}


def part_of_scale(text: str, start: int, words: str) -> tuple[int, float] | None:
    """Where 'a', 'half a' or 'a quarter of a' before a lone scale word begins, and the
    share it takes of it: (start, 0.5) for 'half a million', (start, 1.0) for 'a million'."""
    if _SPLIT.split(words.lower())[0] not in _SCALE_ONLY:  # 'a million', 'a hundred thousand'
        return None
    m = _PART_OF_A.search(text, max(0, start - 30), start)
    if not m:
        return None
    top = _NUMERATORS[m.group(1).lower()] if m.group(1) else 1
    bottom = _DENOMINATORS[m.group(2).lower()] if m.group(2) else 1
    return (m.start(), top / bottom) if top < bottom or bottom == 1 else None


def and_a_half(text: str, end: int, words: str) -> tuple[int, float] | None:
    """Where 'and a half' after a figure in words ends, and the half it adds: 0.5 for
    'two and a half', 500,000 for 'a million and a half'; None where none follows."""
    m = _AND_A_HALF.match(text, end)
    if not m:
        return None
    last = words.split()[-1].lower() if words.split() else ""
    return m.end(), SCALES.get(last, 1) / 2


# 'a dozen', 'half a dozen', 'two dozen': 12, 6, 24 ('Two dozen people were hurt' was
# contradicted by '24 people', as the figure 2). 'dozens' is no figure.
_DOZEN = re.compile(rf"\b(?:(half)\s+an?|an?|(\d{{1,3}}|{WORDS_PATTERN}))[\s-]+dozen\b(?!s)",
                    re.IGNORECASE)
_SPLIT = re.compile(r"[\s-]+")


def find_dozens(text: str, low: str, taken: Taken) -> list[Fact]:
    """Counts in dozens as numbers, each span added to `taken`."""
    facts = []
    for m in _DOZEN.finditer(text) if "dozen" in low else ():
        many = m.group(2)
        count = (0.5 if m.group(1) else 1.0 if many is None else float(many)
                 if many.isdigit() else words_value(_SPLIT.split(many)))
        if count is None or taken.overlaps(m.start(), m.end()):
            continue
        facts.append(Fact("number", m.start(), m.end(), m.group(), format_value(count * 12)))
        taken.append((m.start(), m.end()))
    return facts


_COUNTED = re.compile(r"\b(?:an?|(?:half|quarters?|thirds?)\s+(?:of\s+)?an?)\s+$",
                      re.IGNORECASE)


def vague_scale(text: str, start: int, words: str) -> bool:
    """A figure opening with a scale word with no 'a' before it: 'several hundred', 'a few
    thousand', 'a couple of hundred', 'several hundred thousand' give no figure to compare
    ('hundred' alone was read as 100, and differed from 'about 200'; 'several hundred
    thousand' as 100,000, and differed from 'about 300,000')."""
    return (_SPLIT.split(words.lower())[0] in SCALES
            and not _COUNTED.search(text, max(0, start - 20), start))
