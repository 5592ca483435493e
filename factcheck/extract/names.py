"""Names in a claim: capitalised names and acronyms, and who said it."""

from __future__ import annotations

import re
from itertools import pairwise

from ..text.numbers import NUMBER_WORDS
from ..text.sentences import abbreviated
from .kinds import MONTHS, WEEKDAYS, WORDS, Fact

_NONSPACE = re.compile(r"\S+")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_CONNECTOR = r"(?:of|for|de|del|du|von|van|der|on)(?:\s+the)?"
_CAP = r"[A-Z][\w'\u2019&.-]*"
_ENTITY = re.compile(rf"\b{_CAP}(?:\s+(?:{_CONNECTOR}\s+)?{_CAP})*")
ACRONYM = re.compile(r"\b(?:[A-Z]\.){2,}(?![A-Za-z])|\b[A-Z][A-Z&]{1,7}s?\b")
# Adjectives in -al end -ial, -ical, -onal, -ral, -tal, -ual...; place names mostly do not
# (Portugal, Nepal, Senegal, Bengal, Montreal), so those stay names at a sentence's start.
_ADJECTIVE_AL = re.compile(r"[icnrtumbv]al$")
_CONTRACTION = re.compile(r"['\u2019](?:re|ll|ve|m|d|t)\b")
_FUNCTION_WORDS = set(
    "a an the it its this that these those there here he she they we i you his her their our "
    "in on at by for of to from with as and or but if when while after before during since "
    "under over about into through between among against without within although though "
    "however meanwhile also yet so then thus still even not no nor only just more most many "
    "some all each every other such both several few fewer less least well around "
    "approximately roughly nearly almost over up last next today yesterday tomorrow every "
    "tens dozens scores hundreds thousands millions billions twice".split()
)
_SPEECH = r"(?:said|says|told|announced|stated|reported|added|noted|warned|claimed|wrote|tweeted)"
_SPEECH_WORDS = frozenset(_SPEECH[3:-1].split("|"))
_SPEAKER = r"((?:[A-Za-z][\w.'\u2019-]*\s+){0,6}?[A-Za-z][\w.'\u2019-]*)"
_ATTRIBUTIONS = [
    re.compile(rf"(?:^|[,;:'\"\u2019\u201d]\s*)(?:that\s+)?{_SPEAKER}\s+{_SPEECH}\b"),
    re.compile(rf"[,'\"\u2019\u201d]\s*(?:said|says|added|wrote)\s+{_SPEAKER}\s*[.,]?\s*$"),
    re.compile(rf"\b[Aa]ccording to\s+{_SPEAKER}(?=[,.;]|$)"),
]


# ('Vs' too: capitalised only in a title-cased results line, "Net Profit 12.8 Mln Vs 7.5 Mln")
_CASED_SMALL = frozenset("a an the of to and in for on at by from with is are was vs".split())
# A capitalised small word after a space: one search rules out nearly every sentence of
# prose (2 us, against 6 for counting the capitals of all).
_SMALL_CAPITALISED = re.compile(r"\s(?:" + "|".join(sorted(
    {w.capitalize() for w in _CASED_SMALL} | {w.upper() for w in _CASED_SMALL},
    key=len, reverse=True)) + r")\b")
_PARTS = re.compile(r"[-\u2013/\s]+")
_LETTER_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019]*")
_SHOUTED = re.compile(r"[A-Z][A-Z.,:&-]+")
# Function words that open a sentence, not a name's inner words ('USA For Africa', 'BBC
# Today', 'Bank Of America' in a title).
_OPENERS = _FUNCTION_WORDS - set("of for on de del du von van der today yesterday tomorrow"
                                 .split())


def headline_cased(text: str) -> bool:
    """Whether a text capitalises nearly every word ('Hamm Took To The Field', or all in
    capitals): its capitals then say nothing about which words are names."""
    if not _SMALL_CAPITALISED.search(text):
        return False
    words = _LETTER_WORD.findall(text)
    if len(words) < 4 or sum(w[0].isupper() for w in words) < 0.8 * len(words):
        return False
    return any(w[0].isupper() and w.lower() in _CASED_SMALL for w in words[1:])


def _small_words_lowered(text: str) -> str:
    """The text with its capitalised small words in lower case (same offsets), so that a
    headline's runs of capitals break where prose would."""
    return _LETTER_WORD.sub(lambda m: m.group().lower() if m.group().lower() in _CASED_SMALL
                            else m.group(), text)


def find_entities(text: str) -> list[Fact]:
    """Capitalised names and acronyms, without the function words that start a sentence.
    In a headline-cased text each is marked: a guess, never grounds for a difference."""
    facts: list[Fact] = []
    headline = headline_cased(text)
    runs = _small_words_lowered(text) if headline else text
    for m in _ENTITY.finditer(runs):
        for tokens in _pieces(list(_NONSPACE.finditer(m.group()))):
            while tokens and tokens[0].group().lower() in _FUNCTION_WORDS:
                tokens.pop(0)
            if not tokens:
                continue
            start = m.start() + tokens[0].start()
            name = _trim_name(text[start:m.start() + tokens[-1].end()])
            if not name or _positional_capital(text, start, name):
                continue
            kind = "acronym" if ACRONYM.fullmatch(name) else "entity"
            extra = {"headline": True} if headline else {}
            if long_form := _defined(text, start, start + len(name)):
                extra["defines"] = long_form
            facts.append(Fact(kind, start, start + len(name), name, name, extra=extra))
    return facts


_MINOR_WORDS = {"of", "and", "the", "for", "in", "on", "to", "de"}


def _defined(text: str, start: int, end: int) -> str | None:
    """The long form that an abbreviation in brackets right after it spells out ('vitamin
    B6 (VB6)', 'gross domestic product (GDP)'): the same thing again, not another name."""
    if text[start - 1:start] != "(" or text[end:end + 1] != ")":
        return None
    letters = [c.lower() for c in text[start:end] if c.isalpha()]
    before = list(re.finditer(r"[^\W_]+", text[:start - 1]))
    for words in (before, [w for w in before if w.group().lower() not in _MINOR_WORDS]):
        chosen = words[-len(letters):] if letters else []
        if len(chosen) == len(letters) and \
                [w.group()[0].lower() for w in chosen] == letters:
            return text[chosen[0].start():chosen[-1].end()]
    return None


def _pieces(tokens: list[re.Match]) -> list[list[re.Match]]:
    """A run of capitals cut where a word in capitals is followed by a capitalised
    function word: a label or dateline then a sentence ('RESULTS In patients', 'LONDON
    The Bank of England'), which no name spans; and after a full stop that is no
    abbreviation's ('killed Bin Laden. The Navy Seals ...')."""
    pieces = [tokens[:1]]
    for before, token in pairwise(tokens):
        word = token.group()
        if _SHOUTED.fullmatch(before.group()) and word.lower() in _OPENERS \
                and word[0].isupper() and not word.isupper():
            pieces.append([])
        elif before.group().endswith(".") and not abbreviated(before.group()):
            pieces.append([])
        pieces[-1].append(token)
    return pieces


def _trim_name(name: str) -> str:
    """Drop a possessive and trailing punctuation, keeping the dot of 'U.S.'."""
    name = _POSSESSIVE.sub("", name).rstrip("'\u2019-,")
    if name.endswith(".") and not _INITIALS.fullmatch(name.split()[-1]):
        name = name.rstrip(".")
    return name


SENTENCE_MARKS = ".!?\"'\u201c\u2018"  # what a sentence's first word may follow


def opens_sentence(text: str, start: int, marks: str = SENTENCE_MARKS) -> bool:
    """Whether the word at `start` opens its sentence: nothing before it but a full stop,
    a question or exclamation mark or an opening quote (or any of `marks`)."""
    before = text[:start].rstrip()
    return not before or before[-1] in marks


_RANGE_WORDS = ("to", "and", "through", "till", "until")


def _calendar(name: str) -> bool:
    """Months or weekdays, alone or as a range ('Jan-Dec', 'July-to-September')."""
    parts = _PARTS.split(name.lower())
    return all(part in MONTHS or part.capitalize() in WEEKDAYS or part in _RANGE_WORDS
               for part in parts) and parts[0] not in _RANGE_WORDS


def _positional_capital(text: str, start: int, name: str) -> bool:
    """A lone sentence-initial word capitalised only by position ('Immediately', 'Bilateral',
    'One' of 'One hundred people')."""
    at_start = opens_sentence(text, start)
    if _CONTRACTION.search(name) or _calendar(name):
        return True  # months, weekdays, and a range of them ('Jan-Dec'), name no one
    return at_start and " " not in name and not ACRONYM.fullmatch(name) and (
        name.lower().endswith(("ly", "ing", "ed")) or _ADJECTIVE_AL.search(name.lower())
        or name.lower() in _FUNCTION_WORDS or name.lower() in NUMBER_WORDS)


def find_attribution(text: str) -> Fact | None:
    """Who said it: 'X said', 'said X', 'according to X'."""
    # Each pattern needs a speech verb as a word, or 'according to': most sentences have
    # neither, and the speaker's lazy run of words is slow to rule out.
    if _SPEECH_WORDS.isdisjoint(WORDS.findall(text)) and "ccording to" not in text:
        return None
    for pattern in _ATTRIBUTIONS:
        m = pattern.search(text)
        if not m:
            continue
        group = m.lastindex
        speaker = m.group(group).strip()
        if speaker.lower() in _FUNCTION_WORDS or speaker.lower().split()[0] in {"it", "which"}:
            continue
        start = m.start(group)
        return Fact("attribution", start, start + len(speaker), speaker, speaker)
    return None
