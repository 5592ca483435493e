"""Similarity on normalised text: content words, typo-tolerant coverage, alignment."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process

from ..extract.kinds import MONTHS, WEEKDAYS
from ..text.numbers import FRACTION_PATTERN, VULGAR
from .direction import POLARITY

STOPWORDS = frozenset(
    "a about above after again against all also am an and any are as at be because been "
    "before being below between both but by can could did do does doing down during each few "
    "for from further had has have having he her here hers him his how i if in into is it its "
    "itself just me more most my no nor not now of off on once only or other our out over own "
    "same she should so some such than that the their them then there these they this those "
    "through to too under until up very was we were what when where which while who whom why "
    "will with would you your said says say told according per year one".split()
)
# Hedges qualify a figure; they carry no topic, so they neither retrieve nor score.
HEDGES = frozenset(
    "around about approximately roughly nearly almost some over under least most more less "
    "fewer than up to estimated estimate just only exactly".split()
)
# Dates and durations are compared as facts, so their words do not make two texts alike.
CALENDAR = frozenset(MONTHS) | {day.lower() for day in WEEKDAYS} | frozenset(
    "day days week weeks month months".split())
TERM = re.compile(r"\w+")
_SUFFIX = re.compile(r"(?:ies|es|s|ing|ed|ly)$")
TYPO_CUTOFF = 85.0  # fuzz.ratio for one word to count as another misspelt


@lru_cache(maxsize=8192)
def content_words(norm: str) -> tuple[str, ...]:
    """Words of a normalised text that carry meaning: no stopwords, hedges or bare numbers.
    Cached: a check reads each candidate's words several times (scored, sized, judged)."""
    return tuple(t for t in TERM.findall(norm)
                 if t not in STOPWORDS and t not in HEDGES and t not in CALENDAR
                 and not t[0].isdigit() and len(t) > 1)


def dated(norm: str) -> int:
    """How many calendar words (months, days) a normalised text has."""
    return sum(t in CALENDAR for t in norm.split())


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A crude suffix strip so 'incidents' meets 'incident' and 'dies' meets 'die'."""
    return _SUFFIX.sub("", word) if len(word) > 4 else word


def similarity(a: str, b: str) -> float:
    """0-100: token_sort_ratio penalises extra words, unlike token_set_ratio's subset 100."""
    if not a or not b:
        return 0.0
    return max(fuzz.token_sort_ratio(a, b, processor=None),
               0.9 * fuzz.token_set_ratio(a, b, processor=None)
               if min(len(a), len(b)) > 0.6 * max(len(a), len(b)) else 0.0)


def matches(words: Sequence[str], other: Sequence[str]) -> list[float]:
    """Per word, 1 if `other` has it (up to a suffix), 0.9 if misspelt there, else 0."""
    pool = {stem(w) for w in other}
    out = []
    for word in words:
        key = stem(word)
        if key in pool:
            out.append(1.0)
        elif len(key) > 3 and process.extractOne(key, pool, scorer=fuzz.ratio,
                                                 score_cutoff=TYPO_CUTOFF, processor=None):
            out.append(0.9)
        else:
            out.append(0.0)
    return out


def coverage(words: Sequence[str], other: Sequence[str]) -> float:
    """Share of `words` found in `other`, a misspelt word counting when fuzz.ratio >= 85."""
    return sum(matches(words, other)) / len(words) if words else 0.0


def joined(statement_norm: str, claim_norm: str) -> bool:
    """Whether the statement's words that a claim has stand together there as they do in
    the statement: of each two that follow one another among them, at least half follow
    one another in the claim too (content words, in order). Coverage alone cannot tell
    "The chancellor did not raise duty" from "The chancellor is expected to freeze petrol
    duty and raise the stamp duty threshold", which has all three words, none together."""
    theirs = [stem(w) for w in content_words(claim_norm)]
    where = [[i for i, w in enumerate(theirs) if _alike(stem(word), w)]
             for word in content_words(statement_norm)]
    found = [places for places in where if places]
    pairs = list(zip(found, found[1:], strict=False))
    together = sum(any(b - a == 1 for a in first for b in then) for first, then in pairs)
    return 2 * together >= len(pairs)


# Words that frame a denial ("it is not true that ..."): no passage need have them.
_DENIAL = frozenset(("true", "untrue"))


def carried(statement_norm: str, claim_norm: str) -> bool:
    """Whether a claim has every content word of the statement but one, words of change
    and of a denial's frame aside ('fell' for 'rose' is what a reversal changes). A passage
    that lacks more says something else: "not expected to refrain from intervention" is
    not the negation of "expected to enter the market", though their other words are the
    same. Both normal forms as written: acronyms not spelt out."""
    words = [w for w in content_words(statement_norm)
             if w not in POLARITY and w not in _DENIAL]
    return matches(words, content_words(claim_norm)).count(0.0) <= 1


# Words that name a day or a time of one, not dated as facts: "this afternoon" is not
# "on Thursday", whatever else two claims share.
_WHEN = frozenset("today tonight tomorrow yesterday morning afternoon evening overnight "
                  "weekend".split())


def same_days(statement: str, claim: str) -> bool:
    """Whether a claim names every day, month or time of day the statement names (texts as
    written: 'may' in lower case is the verb, 'May' the month)."""
    def days(text: str) -> set:
        words = (w if w == "May" else w.lower() for w in TERM.findall(text))
        return {MONTHS.get(w.lower(), w) for w in words if (w in MONTHS and w != "may")
                or w == "May" or w in _WHEN or w.capitalize() in WEEKDAYS}
    return days(statement) <= days(claim)


def _alike(key: str, word: str) -> bool:
    """One stem is the other, or its misspelling: `matches`'s test for one pair of words
    (it asks `process.extractOne` over a whole pool instead)."""
    return key == word or (len(key) > 3 and fuzz.ratio(key, word) >= TYPO_CUTOFF)


def relevance(statement_words: Sequence[str], claim_norm: str, context: str | None, *,
              dated: int = 0) -> float:
    """0-100 that the claim is about what the statement says, figures aside.

    Two coverages: of the statement's words by the claim, and of the claim's words by the
    statement, weighted towards the longer side's view: a short statement must be covered
    by the claim, a long tweet must cover the claim. A claim that merely shares the topic
    covers little either way, and a one-word claim cannot match everything.
    """
    claim_words = content_words(claim_norm)
    if not statement_words or not claim_words:
        return 0.0
    context_words = claim_words + content_words(context) if context else claim_words
    forward = coverage(statement_words, context_words)
    backward = coverage(claim_words, statement_words)
    weight = min(0.8, max(0.25, len(claim_words) / (len(claim_words) + len(statement_words))))
    # Fewer than three meaningful words, on either side, cannot establish that two texts
    # say the same thing ("Vote count: 1" against any sentence about counting votes).
    # A date in the statement counts as one: "held on January 30-31" says something.
    short = min(1.0, len(claim_words) / 3, (len(statement_words) + dated) / 3)
    return round(100.0 * short * (weight * forward + (1 - weight) * backward), 1)


def _lowered(text: str) -> str:
    """Lower case, offsets kept (a letter whose lower case is longer stays as it is)."""
    lowered = text.lower()
    if len(lowered) == len(text):  # no letter grew ('İ' does), so every offset holds
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


MORE_WORDS = 2  # words or figures a statement says besides a passage, to say more


def scope(statement: str, passage: str) -> tuple[int, int] | None:
    """The stretch of a longer statement that a passage speaks to, when the statement also
    says something else (MORE_WORDS words or figures the passage lacks, outside it);
    None when the passage speaks to all of it. Two true sentences pasted together: each
    passage speaks to its own, and a figure or a 'not' of the other is not its to differ."""
    if len(statement) <= len(passage):
        return None
    found = fuzz.partial_ratio_alignment(_lowered(passage), _lowered(statement),
                                         processor=None)
    if found is None or found.score == 0:
        return None
    start, end = _whole(statement, found.dest_start, found.dest_end)
    theirs = stems(passage)
    outside = _items(f"{statement[:start]} {statement[end:]}".lower())
    more = {w for w in outside if w not in STOPWORDS and (len(w) > 2 or w[0].isdigit())
            and stem(w) not in theirs}  # figures too: "Net 5,438,000 vs 2,498,000"
    return (start, end) if len(more) >= MORE_WORDS else None


# A word, or a figure as one item: '7-1/2' too, which is not '7-3/4' with one word in common.
_ITEM = re.compile(r"[^\W\d_]+|\d(?:[\d,.]*\d)?")
_ITEM_OR_FRACTION = re.compile(rf"[^\W\d_]+|{FRACTION_PATTERN}|\d(?:[\d,.]*\d)?")
_MAYBE_FRACTION = re.compile(rf"/\d|[{''.join(VULGAR)}]")


def _items(text: str) -> list[str]:
    """A text's words and figures; the fraction pattern only where a fraction may be, since
    trying it at every figure costs half again on the judge's path."""
    return (_ITEM_OR_FRACTION if _MAYBE_FRACTION.search(text) else _ITEM).findall(text)


def stems(text: str, *, meaningful: bool = False) -> set[str]:
    """The stems of a text's words and figures (`meaningful`: stopwords left out)."""
    return {stem(w) for w in _items(text.lower())
            if not (meaningful and w in STOPWORDS)}


def _whole(text: str, start: int, end: int) -> tuple[int, int]:
    """A stretch widened to whole words and figures ('233,7' of '233,700,007')."""
    def inner(i: int) -> bool:
        return text[i].isalnum() or (text[i] in ",." and 0 < i < len(text) - 1
                                     and text[i - 1].isdigit() and text[i + 1].isdigit())

    while start > 0 and inner(start - 1):
        start -= 1
    while end < len(text) and inner(end):
        end += 1
    return start, end


def alignment(statement_norm: str, claim_text: str) -> tuple[int, int]:
    """Offsets, inside the claim text, of the stretch that best aligns with the statement."""
    lowered = _lowered(claim_text)
    found = fuzz.partial_ratio_alignment(statement_norm, lowered, processor=None)
    if found is None or found.score == 0:
        return 0, len(claim_text)
    start, end = found.dest_start, found.dest_end
    while start > 0 and claim_text[start - 1].isalnum():
        start -= 1
    while end < len(claim_text) and claim_text[end].isalnum():
        end += 1
    while start < end and not claim_text[start].isalnum():
        start += 1
    while end > start and not claim_text[end - 1].isalnum():
        end -= 1
    return (start, end) if end > start else (0, len(claim_text))


# Where a clause ends: a comma, semicolon, colon or dash and the space after it.
_CLAUSE_BREAK = re.compile(r"[,;:\u2013\u2014]\s|\s-\s")


def spoken(statement: str, passage: str) -> tuple[int, int] | None:
    """The clauses of a longer passage that the statement speaks to: from the clause break
    before the stretch aligned with it to the first break after, each end moved only when
    the clause left out repeats no statement word the rest lacks. None when the passage
    is no longer than the statement. ("Spending will rise in 2005, but not as quickly as
    in 2004" says more than "Spending will rise in 2005"; so does "While no firm figures
    exist, dealers estimate 80 pct...": neither "not" is the statement's to differ from.)"""
    if len(passage) <= len(statement):
        return None
    lowered = _lowered(passage)
    found = fuzz.partial_ratio_alignment(_lowered(statement), lowered, processor=None)
    if found is None or found.score == 0:
        return None
    start, end = _whole(passage, found.dest_start, found.dest_end)
    mine = stems(statement, meaningful=True)
    brk = _CLAUSE_BREAK.search(passage, max(found.dest_start, end - 3))
    if brk is not None and not _repeats(mine, lowered[:brk.start()], lowered[brk.start():]):
        end = brk.start()
    else:
        end = len(passage)
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(passage, 0, start + 2)
              if m.end() <= start + 2]
    if breaks and not _repeats(mine, lowered[breaks[-1]:end], lowered[:breaks[-1]]):
        return breaks[-1], end
    return 0, end


def _repeats(mine: set[str], kept: str, left: str) -> bool:
    """Whether a left-out clause has a statement word that the kept stretch lacks."""
    return bool((mine - stems(kept)) & stems(left))


# Where a statement goes on to a clause of its own: ", but", ", and", ", while", "; ", " - ".
_FURTHER = re.compile(r",\s+(?:but|and|while|whereas|although|though|yet|not)\b|;\s|\s-\s")


def unspoken(statement: str, passage: str) -> list[tuple[int, int]]:
    """The statement's further clauses that a passage does not wholly speak to: each, after
    its first, with a word or figure the passage lacks ("China submitted 145 incidents, but
    not 200": the passage that gives 145 says nothing of 200)."""
    starts = [m.start() for m in _FURTHER.finditer(statement)]
    if not starts:
        return []
    theirs = stems(passage)
    bounds = [*starts, len(statement)]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False)
            if stems(statement[a:b], meaningful=True) - theirs]
