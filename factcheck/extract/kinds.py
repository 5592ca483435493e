"""What a fact is (kind, span, value) and the few tables every extractor reads."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Literal, TypedDict

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WORDS = re.compile(r"\w+")  # whole words, as a pattern's \b...\b sees them


FactKind = Literal["number", "percent", "money", "date", "daterange", "duration", "entity",
                   "acronym", "attribution"]


class FactDict(TypedDict):
    """A fact as stored and served: its span in document offsets."""

    kind: FactKind
    start: int
    end: int
    text: str
    value: str
    unit: str | None
    extra: dict


@dataclass
class Fact:
    """One fact found in a text, with its span relative to that text."""

    kind: FactKind
    start: int
    end: int
    text: str
    value: str
    unit: str | None = None
    extra: dict = field(default_factory=dict)

    def as_dict(self, offset: int = 0) -> FactDict:
        return {
            "kind": self.kind, "start": self.start + offset, "end": self.end + offset,
            "text": self.text, "value": self.value, "unit": self.unit, "extra": self.extra,
        }


class Taken:
    """Disjoint spans already claimed by a fact, kept sorted: an overlap test is a binary
    search, not a scan (a scan made a sentence of 16,000 figures take 19 s)."""

    def __init__(self, spans=()):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in spans:
            self.append((start, end))

    def append(self, span: tuple[int, int]) -> None:
        at = bisect_left(self.starts, span[0])
        self.starts.insert(at, span[0])
        self.ends.insert(at, span[1])

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) meets a span: of those starting before `end`, the last
        ends latest (the spans are disjoint), so it alone needs a look."""
        at = bisect_left(self.starts, end)
        return at > 0 and self.ends[at - 1] > start
