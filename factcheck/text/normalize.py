"""One normalisation for stored claims and user statements, so both meet on equal terms."""

from __future__ import annotations

import re
import unicodedata

from .numbers import (
    FRACTION_PATTERN,
    VULGAR,
    format_value,
    fraction_value,
    parse_number_words,
    scale_of,
)

# Country and rate equivalents, applied case-sensitively before lower-casing where the
# short form is also an ordinary word ("US" vs "us").
_CASED_EQUIVALENTS = [
    (re.compile(r"\bU\.\s?S\.(?:\s?A\.)?(?=\W|$)|\bUSA\b|\bUS\b"), " united states "),
    (re.compile(r"\bU\.\s?K\.(?=\W|$)|\bUK\b"), " united kingdom "),
    (re.compile(r"\bPRC\b|People's Republic of China"), " china "),
]
_CASED_KEYS = ("U.", "US", "UK", "PRC", "People's Republic of China")  # one in each match
# One pass over every equivalent (a group each): no replacement is matched by another
# pattern, so the single pass gives what a pass for each gave, at a third of the cost.
_EQUIVALENT_PARTS = [
    (r"\b(?:americans?|america)\b", " united states "),
    (r"\b(?:great )?britain\b", " united kingdom "),  # as news uses it: "UK" and "Britain"
    (r"\b(?:annual(?:ly)?|a year|per year|each year|every year|per annum|a yr)\b", " per year "),
    (r"\b(?:per ?cent|pct)\b|%", " percent "),
    (r"\b(?:mln)\b", " million "),
    (r"\b(?:bln)\b", " billion "),
    (r"\b(?:dlrs?|dollars?)\b|\$", " dollars "),
    (r"\b(?:stg|sterling)\b|\u00a3", " pounds "),
    (r"\beuros?\b|\u20ac", " euros "),
]
# The lookahead (each part's first characters) lets most positions fail at once: three
# times faster than trying the parts at every letter.
_EQUIVALENTS = re.compile("(?=[apebgmds%$\u00a3\u20ac])(?:" + "|".join(
    f"({pattern})" for pattern, _ in _EQUIVALENT_PARTS) + ")")
_REPLACEMENTS = [replacement for _, replacement in _EQUIVALENT_PARTS]
# Every equivalent has one of these in it. The pattern costs ~36 us a sentence even where
# nothing matches (it tries each alternative at each word); these substrings cost ~2.
_EQUIVALENT_KEYS = ("americ", "britain", "annual", "year", "yr", "annum", "cent", "pct", "mln",
                    "bln", "dlr", "dollar", "stg", "sterling", "euro", "%", "$", "\u00a3", "\u20ac")


def _equivalent(match: re.Match) -> str:
    return _REPLACEMENTS[match.lastindex - 1]


_TRANSLATE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-", "\u00a0": " ", "\u200b": "", "\u200c": "",
    "\u200d": "", "\u2060": "", "\ufeff": "",
})
# Digits with thousands separators, decimals and a k/m/bn suffix become one plain value.
_NUMERAL = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s?(k|m|bn|b|thousand|million|billion|trillion)?\b",
    re.IGNORECASE,
)
# A fraction as its decimal ('6-3/8' and '6.375' both '6 375'), before NFKC folds '7\u00bd' to
# '71\u20442'; otherwise '6-3/8' was the words '6 3 8', and a copy giving the rate as a
# decimal ranked below another story's line sharing only its '6'.
_FRACTION = re.compile(rf"(?<![\w.,/])(?:{FRACTION_PATTERN})")
_SLASHED = re.compile(r"\d/\d")
_VULGAR = re.compile(f"[{''.join(VULGAR)}]")
_POSSESSIVE = re.compile(r"'s\b")
_PUNCT = re.compile(r"[^\w\s]+|_")
_DIGIT = re.compile(r"\d")


def _numeral(match: re.Match) -> str:
    whole, frac, suffix = match.group(1), match.group(2) or "", match.group(3)
    value = float(whole.replace(",", "") + frac)
    if suffix:
        value *= scale_of(suffix)
    return f" {format_value(value)} "


def _fraction(match: re.Match) -> str:
    value = fraction_value(match.group())
    return match.group() if value is None else f" {format_value(value)} "


def normalize(text: str) -> str:
    """Fold text to a comparable form: NFKC, quotes, case, equivalents, numbers as values."""
    # Tested cheaply first (isascii reads a flag): one regex over every text cost 11%.
    if ("/" in text and _SLASHED.search(text)) or (not text.isascii() and _VULGAR.search(text)):
        text = _FRACTION.sub(_fraction, text)
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    if any(key in text for key in _CASED_KEYS):
        for pattern, replacement in _CASED_EQUIVALENTS:
            text = pattern.sub(replacement, text)
    text = text.lower()
    text = _POSSESSIVE.sub("", text)
    if _DIGIT.search(text):
        text = _NUMERAL.sub(_numeral, text)
    if any(key in text for key in _EQUIVALENT_KEYS):
        text = _EQUIVALENTS.sub(_equivalent, text)
    text = _PUNCT.sub(" ", text)
    # Split on any whitespace and joined by single spaces: no run or edge is left.
    return " ".join(parse_number_words(text.split()))
