"""Units of measure written after a figure, which the checker does not convert, and
times of day, which are no quantities.

A marathon is "26.2 miles" and "42.2 km": both true, and each the only figure of its
sentence, so the two were paired as the same quantity and differed. A figure in one unit
neither agrees with nor denies a figure in another, nor one written without a unit ("6ft
2in" against "1.88m"); two without are compared as before (the noun they count decides).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .judge import Comparison

_UNITS = {
    "km": "km kms kilometre kilometres kilometer kilometers",
    "mile": "mile miles",
    "metre": "metre metres meter meters",
    "foot": "ft foot feet",
    "inch": "inch inches",
    "cm": "cm centimetre centimetres centimeter centimeters",
    "mm": "mm millimetre millimetres millimeter millimeters",
    "yard": "yard yards",
    "kg": "kg kgs kilo kilos kilogram kilograms kilogramme kilogrammes",
    "lb": "lb lbs",
    "gram": "gram grams gramme grammes",
    # Tons and tonnes: news copy writes either for the same quantity, within 10%.
    "tonne": "tonne tonnes ton tons",
    "ounce": "oz ounce ounces",
    "litre": "litre litres liter liters",
    "gallon": "gallon gallons",
    "barrel": "barrel barrels bbl",
    "acre": "acre acres",
    "hectare": "hectare hectares",
    "celsius": "celsius centigrade",
    "fahrenheit": "fahrenheit",
    "mph": "mph",
    "kph": "kph kmh",
    # A hundredth of a percentage point: '50 basis points' is '0.5 percentage points'.
    "bp": "bp bps basis",
}
UNIT_OF = {word: unit for unit, words in _UNITS.items() for word in words.split()}
# Words that name a unit, never an actor: the units, and a scale's letter ('degrees F').
UNIT_NAMES = frozenset(UNIT_OF) | {"c", "f"}
_NEXT = re.compile(r"[\s-]*(?:square\s+|cubic\s+|degrees?\s+)?([A-Za-z]+)", re.IGNORECASE)


# A rate: "£600m a year" is not the "£3bn" of five years, "£50 a week" is "50 pounds a week".
_RATE = re.compile(r"[\s-]*(?:(?:a|an|per|each|every)\s+(year|month|week|day|hour|annum)"
                   r"|(annual|year|month|week|dai|hour)ly)\b", re.IGNORECASE)
_RATES = {"annum": "year", "annual": "year", "dai": "day"}
_PERCENT = re.compile(r"\s*(?:%|(?:per\s*cent|percent|pct)\b)", re.IGNORECASE)
_PERCENT_ENDS = ("%", "per cent", "percent", "pct")
_SUMS = frozenset("pounds pound dollars dollar euros euro yen pence cents dlrs stg".split())


# "35C", "95°F", "20 degrees C": a temperature's scale, glued to the figure or after a
# degree; 35C is 95F, so the two must not be read as the bare figures 35 and 95.
_TEMPERATURE = re.compile(r"(?:\s*\u00b0\s*|\s*degrees?\s+)?([CF])\b")
_SCALES = {"C": "celsius", "F": "fahrenheit"}


def measure(text: str, end: int) -> str | None:
    """The unit of measure written just after a figure ending at `end`, if any ('in' for
    inches only written onto the figure: '2in'), with the period of a rate ('/year')."""
    degrees = _TEMPERATURE.match(text, end)
    if degrees:
        return _SCALES[degrees.group(1)]
    found = _NEXT.match(text, end)
    if found and found.group(1) == "in" and found.start(1) == end:
        unit = "inch"
    else:
        unit = UNIT_OF.get(found.group(1).lower()) if found else None
    word = found.group(1).lower() if found else ""
    if _PERCENT.match(text, end) or text[:end].lower().endswith(_PERCENT_ENDS):
        return unit  # a share 'a year' is how growth is said, not a rate of a sum
    rate = _RATE.match(text, found.end() if unit or word in _SUMS else end)
    if rate:
        period = (rate.group(1) or rate.group(2)).lower()
        return f"{unit or ''}/{_RATES.get(period, period)}"
    return unit


def differ(first: str | None, second: str | None) -> bool:
    """Whether two figures are in two different units, or only one has a unit."""
    return first != second


def period_only(first: str | None, second: str | None) -> bool:
    """Whether one figure is a rate ('/year') and the other has no unit at all."""
    rates = [u for u in (first, second) if u and u.startswith("/")]
    return len(rates) == 1 and None in (first, second)


_CLOCK = re.compile(r"(\d{1,2})(?:[:.](\d\d))?\s?([ap])\.?m\b\.?|(\d{1,2}):(\d\d)\b",
                    re.IGNORECASE)


def clock(text: str, start: int) -> int | None:
    """Minutes after midnight of a time of day written at `start` ('3pm', '10.30 a.m.',
    '15:00'); -1 for the minutes of one ('00' in '15:00'); None for any other figure."""
    if start > 1 and text[start - 1] == ":" and text[start - 2].isdigit():
        return -1
    found = _CLOCK.match(text, start)
    if not found:
        return None
    if found.group(3):
        hour = int(found.group(1)) % 12 + (12 if found.group(3).lower() == "p" else 0)
        return 60 * hour + int(found.group(2) or 0)
    return 60 * int(found.group(4)) + int(found.group(5))


def compare_clocks(result: Comparison, s_facts, s_text: str, *, c_facts, c_text: str,
                   c_offset: int) -> tuple[list[dict], list[dict]]:
    """Times of day ('3pm', '15:00') taken out of the figures and compared as times: the
    same time agrees; another differs where each side gives one time, and is unconfirmed
    where either gives several (which is whose is unknown). As figures, '3pm' differed
    from '15:00'. The figures left, on each side."""
    def split(facts, text, offset):
        clocks, rest = [], []
        for f in facts:
            at = clock(text, f["start"] - offset) if f["kind"] == "number" else None
            (rest if at is None else clocks).append((f, at))
        return [(f, at) for f, at in clocks if at >= 0], [f for f, _ in rest]

    s_clocks, s_rest = split(s_facts, s_text, 0)
    c_clocks, c_rest = split(c_facts, c_text, c_offset)
    for fact, at in s_clocks:
        same = next((f for f, theirs in c_clocks if theirs == at), None)
        if same is not None:
            result.agreements.append({"kind": "number", "statement": fact["text"],
                                      "evidence": same["text"]})
        elif len(s_clocks) == 1 == len(c_clocks):
            result.differences.append({"kind": "number", "statement": fact["text"],
                                       "evidence": c_clocks[0][0]["text"]})
        else:
            result.unconfirmed.append({"kind": "number", "statement": fact["text"]})
    return s_rest, c_rest
