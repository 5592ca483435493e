"""Sentence spans with exact code-point offsets: a regex splitter that knows abbreviations."""

from __future__ import annotations

import re

# A regex splitter: measured at 0.7 s for the whole news corpus, against 17 s for syntok
# and 82 s for pysbd, and the ingest budget is 60 s.
_BOUNDARY = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])")
ABBREVIATIONS = set(
    "mr mrs ms dr prof sr jr st mt ft jan feb mar apr jun jul aug sep sept oct nov dec "
    "dept gov govt sen rep gen col lt sgt capt cmdr adm corp inc ltd co bros vs "
    "etc approx est cf al dist assn univ ave rd blvd hon rev "
    "messrs mme mlle pres supt insp det".split()
)
# Abbreviations that are also words ("no."): only before a number, as in "No. 5".
NUMBERING = {"no", "nos", "vol", "fig", "art", "sec", "pp", "p", "ch", "op"}
_INITIALISM = re.compile(r"(?:[A-Za-z]\.){2,}$|[A-Z]\.$")

def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) so that it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_abbreviation(text: str, stop: int) -> bool:
    """Whether the period at text[stop - 1] closes an abbreviation rather than a sentence."""
    before = text[max(0, stop - 12):stop].split()
    word = before[-1].lstrip("(\"'\u201c\u2018").lower() if before else ""
    if word[:-1] in NUMBERING:
        return text[stop:stop + 3].strip()[:1].isdigit()
    return abbreviated(word)


def abbreviated(word: str) -> bool:
    """Whether a word ending in a period is an abbreviation or initials ('Corp.', 'U.S.',
    'J.'), whose period ends no sentence."""
    return word[:-1].lower() in ABBREVIATIONS or bool(_INITIALISM.search(word))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans over a whole text: every line break ends one, as do . ! ? before a capital."""
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        line_end = line_start + len(line)
        start = line_start
        for m in _BOUNDARY.finditer(text, line_start, line_end):
            if m.group()[0] == "." and len(m.group().rstrip("\"'\u201d\u2019)]")) == 1 \
                    and _is_abbreviation(text, m.start() + 1):
                continue
            spans.append(trimmed(text, start, m.end()))
            start = m.end()
        spans.append(trimmed(text, start, line_end))
        line_start = line_end + 1
    return [(s, e) for s, e in spans if e > s]
