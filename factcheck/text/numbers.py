"""Number words and scale suffixes: 'one hundred thousand' -> 100000, '2.5bn' -> 2.5e9."""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
_SUFFIX_SCALES = {
    "k": 1_000, "thousand": 1_000, "m": 1_000_000, "mln": 1_000_000, "million": 1_000_000,
    "b": 1_000_000_000, "bn": 1_000_000_000, "bln": 1_000_000_000,
    "billion": 1_000_000_000, "trillion": 1_000_000_000_000,
}
# Ordinals in words, by the figure their digits give ('3rd' is 'third'): no figures.
ORDINALS = {str(n): word for n, word in enumerate(
    ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
     " thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
     " twentieth").split(), start=1)}
NUMBER_WORDS = set(UNITS) | set(TENS) | set(SCALES)
# A run of number words in running text, e.g. "one hundred and twenty-five thousand".
_ALTERNATION = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_FIRST = "".join(sorted({w[0] for w in NUMBER_WORDS}))  # a lookahead: most letters fail fast
WORDS_PATTERN = (rf"\b(?=[{_FIRST}])(?:{_ALTERNATION})(?:(?:\s+and\s+|\s+|-)(?:{_ALTERNATION}))*"
                 r"\b")
WORDS_RE = re.compile(WORDS_PATTERN, re.IGNORECASE)
# Fractions as wire copy, recipes and measures write them: '7-1/2 pct', '7 1/2', '1/8',
# '7\u00bd'. Only a proper fraction in lowest terms with a denominator of 2, 3, 4, 8, 16,
# 32 or 64 counts, so '9/11', '24/7' and '3/12/87' stay what they were (two figures).
VULGAR = {"\u00bd": 1 / 2, "\u00bc": 1 / 4, "\u00be": 3 / 4, "\u2153": 1 / 3,
          "\u2154": 2 / 3, "\u215b": 1 / 8, "\u215c": 3 / 8, "\u215d": 5 / 8, "\u215e": 7 / 8}
_PROPER = "(?:" + "|".join(sorted((f"{top}/{bottom}" for bottom in (2, 4, 8, 16, 32, 64)
                                   for top in range(1, bottom, 2)), key=len, reverse=True)
                           + ["1/3", "2/3"]) + ")"
# The lookahead first: a figure without a slash or a vulgar fraction near fails at once.
FRACTION_PATTERN = (rf"(?=[\d\s-]{{1,5}}/\d|\d{{0,3}}[{''.join(VULGAR)}])"
                    rf"(?:(?:\d{{1,3}}(?:-|\s))?{_PROPER}(?![/\d])|\d{{0,3}}[{''.join(VULGAR)}])")
_FRACTION = re.compile(rf"(?:(\d+)(?:-|\s))?(\d+)/(\d+)|(\d*)([{''.join(VULGAR)}])")


def fraction_value(text: str) -> float | None:
    """The value of a fraction matched by FRACTION_PATTERN ('7-1/2': 7.5), or None when
    its numerator is not below its denominator ('3/2')."""
    m = _FRACTION.fullmatch(text)
    if not m:
        return None
    if m.group(5):
        return float(m.group(4) or 0) + VULGAR[m.group(5)]
    top, bottom = int(m.group(2)), int(m.group(3))
    return float(m.group(1) or 0) + top / bottom if top < bottom else None


def figure_value(text: str) -> float:
    """The value of a figure in digits: '6,000', '2.5' or a fraction ('2-1/2')."""
    fraction = None if text.isascii() and "/" not in text else fraction_value(text)
    return fraction if fraction is not None else float(text.replace(",", ""))


def format_value(value: float) -> str:
    """A number as the shortest plain string: 100000, 2.5 (stored facts and normal forms)."""
    if value == int(value) and abs(value) < 1e18:
        return str(int(value))
    return f"{value:.6g}"


def scale_of(suffix: str) -> float:
    """The multiplier of a scale suffix such as 'k', 'bn' or 'million'."""
    return _SUFFIX_SCALES[suffix.lower()]


def words_value(words: list[str]) -> float | None:
    """The value of a list of number words, or None when they do not form a number (a unit
    after a unit or a teen, 'ten Six Nations'; a ten after either, 'five twenty')."""
    total, current, seen, last, above = 0, 0, False, "", float("inf")
    for word in words:
        word = word.lower()
        if word == "and" and seen:
            continue
        if word in UNITS:
            if last == "unit" or (last == "tens" and UNITS[word] >= 10):
                return None
            current += UNITS[word]
        elif word in TENS:
            if last in ("unit", "tens"):
                return None
            current += TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            if SCALES[word] >= above:  # 'three billion and five billion': two figures
                return None
            total += (current or 1) * SCALES[word]
            current, above = 0, SCALES[word]
        else:
            return None
        seen = True
        last = "unit" if word in UNITS else "tens" if word in TENS else "scale"
    return float(total + current) if seen else None


def parse_number_words(words: list[str]) -> list[str]:
    """Replace each run of number words in a token list by its value in digits."""
    if NUMBER_WORDS.isdisjoint(words):  # most sentences: nothing to replace
        return list(words)
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        # A trailing "and" belongs to the text, not the number ("two and three").
        tail = []
        while run and run[-1] == "and":
            tail.append(run.pop())
        if run:
            value = words_value(run)
            out.append(str(int(value)) if value is not None else " ".join(run))
        out.extend(tail)
        run.clear()

    for word in words:
        if word in NUMBER_WORDS or (word == "and" and run):
            run.append(word)
        else:
            flush()
            out.append(word)
    flush()
    return out
