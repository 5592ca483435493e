"""The check-worthy claims among a document's sentences, each with its facts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..text.normalize import normalize
from ..text.sentences import split_sentences, trimmed
from .facts import WORDS, Fact, FactDict, extract_facts

# Page furniture, matched against the lower-cased sentence: the patterns that only count at
# its start are tried there alone (6x faster than one case-blind pattern searched
# everywhere, which was a fifth of an ingest's extraction time).
_FURNITURE_START = re.compile(
    r"copyright\b|\(c\)|advertisement$|tags?:|posted (?:in|on|by)|comments?$|print$|email$"
    r"|\s*date\b\s*:?\s*\d{4}-\d{2}-\d{2}\s*$")
_FURNITURE_ANYWHERE = re.compile(
    r"rate this (?:post|article)|click (?:on )?a star|average rating|vote count|no votes so far"
    r"|be the first to|liked it\?|patreon|become a patron|\bshare (?:this|on)\b|\bsubscribe\b"
    r"|sign up for|follow us|read more|related (?:articles|posts|stories)|all rights reserved"
    r"|\u00a9|cookies?\b.*\b(?:accept|policy)|newsletter|leave a (?:comment|reply)"
    r"|for immediate release")


# Each furniture pattern found anywhere holds one of these: a sentence with none (nearly
# all) is passed without the pattern's search, which tries every alternative at each letter.
_FURNITURE_KEYS = ("rate this", "click", "average rating", "vote count", "no votes",
                   "be the first", "liked it?", "patr", "share ", "subscribe", "sign up for",
                   "follow us", "read more", "related ", "all rights", "\u00a9", "cookie",
                   "newsletter", "leave a ", "for immediate")


def is_furniture(sentence: str) -> bool:
    """Whether a sentence is page furniture or metadata (ratings, sharing, cookies...)."""
    folded = sentence.lower()
    return bool(_FURNITURE_START.match(folded) or (
        any(key in folded for key in _FURNITURE_KEYS) and _FURNITURE_ANYWHERE.search(folded)))


# Hints of attribution and of change, as whole words (a set lookup per word, where one
# pattern of twenty alternatives was tried at every letter).
_ATTRIBUTION_WORDS = frozenset(
    "said says told announced stated reported estimated confirmed".split())
_CHANGE_WORDS = frozenset(
    "rose fell increase increased decrease decreased grew dropped jumped declined record"
    " highest lowest largest biggest first killed died die won lost".split())
_ATTRIBUTION_PHRASE = re.compile(r"\baccording to\b")
_CHANGE_PHRASE = re.compile(r"\b(?:more|less) than\b", re.IGNORECASE)
# A wire dateline opening an article: "BEIJING (dpa-AFX) - ", "WASHINGTON, Feb 26 - ",
# "KINGSTON, Jamaica, March 12 - ", and a state abbreviated ("PORTLAND, Ore., Feb 26 - ",
# "CLARKSBURG, W.Va., ", "OAKLAND , N.J., "): 4,137 news claims kept theirs, its date and
# place read as the sentence's own facts.
DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+){0,3})"
    r"(?:(?: ?, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?"
    r" ?, (?P<when>[A-Z][a-z]{2,8}\.? \d{1,2}))?"
    r"(?: \((?P<source>[^)\n]{2,40})\))?\s*[-\u2013\u2014]{1,2}\s+(?=\S)"
)
CLAIM_THRESHOLD = 0.25
# A sentence longer than this is not one checkable claim (a run-on list, a table flattened
# into text, a file with no full stops); it is skipped whole, with the reason, so that no
# single claim can be megabytes and no fact matching grows without bound.
MAX_SENTENCE = 2000


@dataclass
class Claim:
    """A check-worthy span of a document, with its facts in document offsets."""

    start: int
    end: int
    text: str
    score: float
    reasons: list[str]
    facts: list[FactDict] = field(default_factory=list)
    norm: str = ""
    sentence_start: int = 0
    sentence_end: int = 0
    vector: Any = None  # its sentence embedding (numpy), where a model computed one


def clause_spans(text: str, start: int, end: int, facts: list[Fact]) -> list[tuple[int, int]]:
    """Split a sentence at semicolons when each side carries a fact of its own."""
    cuts = [m.end() for m in re.finditer(";", text[start:end])
            if _bracket_depth(text, start, start + m.start()) == 0]
    if not cuts:
        return [(start, end)]
    pieces, last = [], 0
    for cut in cuts + [end - start]:
        pieces.append((last, cut))
        last = cut
    has_fact = [any(a <= f.start < b for f in facts if f.kind not in ("entity", "acronym"))
                for a, b in pieces]
    if len(pieces) < 2 or not all(has_fact):
        return [(start, end)]
    return [trimmed(text, start + a, start + b) for a, b in pieces]


def _bracket_depth(text: str, start: int, at: int) -> int:
    """How many ( or [ are open at `at`: a semicolon inside brackets ends no clause."""
    depth = 0
    for char in text[start:at]:
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
    return depth


def rejected(sentence: str) -> tuple[float, list[str]] | None:
    """The score of a sentence that cannot be a claim whatever its facts, else None."""
    if is_furniture(sentence):
        return 0.0, ["page furniture or metadata"]
    if len(sentence.split()) < 4:
        return 0.0, ["too short to state a fact"]
    if sentence.rstrip().endswith(":"):
        return 0.1, ["introduces what follows"]
    return None


def check_worthiness(sentence: str, facts: list[Fact]) -> tuple[float, list[str]]:
    """A 0-1 score with its reasons: facts, actors and attribution raise it; furniture is 0."""
    return rejected(sentence) or _scored(sentence, facts)


def _scored(sentence: str, facts: list[Fact]) -> tuple[float, list[str]]:
    """The score of a sentence `rejected` has passed."""
    words = sentence.split()
    tokens = set(WORDS.findall(sentence))
    kinds = {f.kind for f in facts}
    score, reasons = 0.15, ["declarative sentence"]
    for test, weight, reason in (
        (kinds & {"number", "percent", "money"}, 0.3, "states a quantity"),
        (kinds & {"date", "daterange"}, 0.15, "names a date"),
        ("duration" in kinds, 0.1, "states a duration"),
        (kinds & {"entity", "acronym"}, 0.15, "names an actor"),
        ("attribution" in kinds or not _ATTRIBUTION_WORDS.isdisjoint(tokens)
         or _ATTRIBUTION_PHRASE.search(sentence), 0.15, "attributed"),
        (not _CHANGE_WORDS.isdisjoint(w.lower() for w in tokens)
         or _CHANGE_PHRASE.search(sentence), 0.1, "reports a change or record"),
        (len(words) >= 10, 0.1, "substantial statement"),
    ):
        if test:
            score += weight
            reasons.append(reason)
    if sentence.rstrip().endswith("?"):
        score *= 0.3
        reasons.append("a question, not an assertion")
    return round(min(score, 1.0), 3), reasons


@dataclass
class Assessed:
    """One sentence of a text as extraction judged it: check-worthy claims, or why not."""

    start: int
    end: int
    score: float
    reasons: list[str]
    claims: list[Claim]  # empty when the sentence is below the threshold or set aside


def assess(text: str, reference: date | None = None,
           skip: tuple[tuple[int, int], ...] = ()) -> Iterator[Assessed]:
    """Every sentence of a text with its check-worthiness and claims (clauses)."""
    for s_start, s_end in split_sentences(text):
        if any(a <= s_start and s_end <= b for a, b in skip):
            yield Assessed(s_start, s_end, 0.0, ["title or date line (metadata)"], [])
            continue
        dateline = DATELINE.match(text, s_start, s_end)
        if dateline:
            s_start = dateline.end()
        if s_end - s_start > MAX_SENTENCE:
            yield Assessed(s_start, s_end, 0.0, [f"longer than {MAX_SENTENCE:,} characters:"
                                                 " not one checkable claim"], [])
            continue
        sentence = text[s_start:s_end]
        early = rejected(sentence)
        if early:  # furniture and fragments need no fact extraction
            yield Assessed(s_start, s_end, *early, [])
            continue
        facts = extract_facts(sentence, reference)
        score, reasons = _scored(sentence, facts)
        claims = []
        if score >= CLAIM_THRESHOLD:
            for c_start, c_end in clause_spans(text, s_start, s_end, facts):
                inner = [f.as_dict(s_start) for f in facts
                         if c_start <= f.start + s_start and f.end + s_start <= c_end]
                quote = text[c_start:c_end]
                claims.append(Claim(c_start, c_end, quote, score, reasons, inner,
                                    normalize(quote), s_start, s_end))
        yield Assessed(s_start, s_end, score, reasons, claims)


def extract_claims(text: str, reference: date | None = None,
                   skip: tuple[tuple[int, int], ...] = ()) -> list[Claim]:
    """Claims of a document: sentences (or clauses) scoring at or above the threshold."""
    return [claim for sentence in assess(text, reference, skip) for claim in sentence.claims]
