"""The actors a statement and a passage name, and when one is another's swapped in."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..text.normalize import normalize
from ..text.numbers import NUMBER_WORDS
from .casing import opening_word
from .measures import UNIT_NAMES
from .names import DEMONYMS, begins_initialism, canonical, mentions, share_word, sound_alike

if TYPE_CHECKING:
    from .judge import Comparison

# Countries as canonical() spells them (a demonym is read as its country).
_COUNTRIES = frozenset(DEMONYMS.values()) | {"european union"}

_TITLES = set(
    "president vice deputy assistant secretary minister advisor adviser director chairman "
    "chair officer spokesman spokeswoman spokesperson governor senator representative mayor "
    "chief executive king queen prince general ambassador commissioner judge department "
    "ministry office agency chancellor premier coach manager captain boss leader".split()
)


# Capitalised words of wire copy and tables that name nobody ("Shr 10 cts vs 12 cts").
_NOT_NAMES = set("shr shrs cts net revs rev dlrs dlr mln bln pct qtr qtly avg oper vs loss "
                 "profit sales div pay record note year prior".split())


def actors(facts: list[dict]) -> list[str]:
    """The actors a text names: not bare titles, not wire-table words, not units named
    after people ('Celsius'). A code of one letter and digits ('F-35', 'C2') is a name
    too: it has no wire-table word in it."""
    return [f["text"] for f in facts if f["kind"] in ("entity", "acronym")
            and not (f.get("extra") or {}).get("defines")  # its long form, said again
            and f["text"].split()[-1].lower() not in _TITLES
            and f["text"].lower() not in UNIT_NAMES
            and not _wire_words(f["text"])]


def _office(name: str, text_norm: str, names: list[str]) -> bool:
    """Whether a name of an office ('President of the United States', 'Secretary of
    State') is in a text by its title alone ('the president'): the same office, unless
    the text names another office of that title ('Department of Defense' is not
    'Department of Justice')."""
    words = name.lower().split()
    return len(words) > 2 and words[0] in _TITLES and words[1] == "of" \
        and f" {words[0]} " in f" {text_norm} " \
        and not any(n.lower().startswith(f"{words[0]} of ") for n in names)


def _word_after(words: set[str]) -> re.Pattern:
    """One of `words` after a name, a word (not an article) between: ' foreign minister'."""
    return re.compile(r" (?:(?!the\b|an?\b)\w+ )?(?:" + "|".join(sorted(words)) + r")\b")


_TITLE_AFTER = _word_after(_TITLES)
# What an actor is, after a country or a demonym: 'the German firm' says whose firm, not
# which ('Deutsche Telekom' was a swap for it); after a company's name it names it ('the
# Sony group' against 'the Samsung group' is a swap).
_KIND_AFTER = _word_after(set("firm company group carmaker bank lender insurer airline carrier"
                              " retailer maker giant operator broadcaster government"
                              " authorities".split()))


def _qualifies_title(name: str, text_norm: str) -> bool:
    """Whether a name only says whose office a title is ('the German chancellor', 'the US
    foreign minister'), or a country's whose kind of actor ('the German firm'): the actor
    is the office's holder, or the firm, whom the text does not name."""
    padded, key = f" {text_norm} ", f" {normalize(name)}"
    country = canonical(name) in _COUNTRIES
    at = padded.find(key)
    while at >= 0:
        if _TITLE_AFTER.match(padded, at + len(key)) or (
                country and _KIND_AFTER.match(padded, at + len(key))):
            return True
        at = padded.find(key, at + 1)
    return False


def speakers(facts, text: str | None = None) -> list[dict]:
    """The names inside a text's attribution: who said it, not whom it speaks of (with the
    `text`, not a speaker speaking of itself: "Acme Corp said its ...")."""
    said = [(f["start"], f["end"]) for f in facts if f["kind"] == "attribution"
            and not (text and _OF_ITSELF.match(text, f["end"]))]
    return [f for f in facts if f["kind"] in ("entity", "acronym")
            and any(a <= f["start"] < b for a, b in said)]


def _wire_words(name: str) -> bool:
    """A name of wire-table words alone, figures in words aside: 'Qtly Div Five Cts Vs
    Five Cts', a results line in Title Case."""
    words = set(re.findall(r"[a-z]{2,}", name.lower())) - NUMBER_WORDS
    return bool(words) and words <= _NOT_NAMES


def compare_entities(result: Comparison, s_entities: list[dict], claim_norm: str, *,
                     c_facts: list[dict], statement_norm: str,
                     heading: str | None = None,
                     opening: Callable[[str], bool] | None = None,
                     s_facts: list[dict] = ()) -> None:
    """A swapped actor: the statement names one actor the passage lacks in every spelling,
    and the passage names another the statement lacks. A passage naming several actors,
    one of them the statement's, is no contradiction: that actor is not missing.

    `heading`: the passage's article title (normalised). A passage naming no actor the
    statement lacks speaks of the one its heading names ("The company ... said" under
    "Apple iPod family expands market" confirms Apple); one naming another actor does not.
    `opening`: whether a passage's name is only its opening word, written in lower case
    elsewhere (not a name). A name swaps only for one of its role: the passage's speaker
    ("..., Malmgreen said") is not the one a statement names inside its claim."""
    s_names = actors(s_entities)
    c_names = actors(c_facts)
    missing = [n for n in s_names if not mentions(n, claim_norm, c_names)
               and not _office(n, claim_norm, c_names)]
    extra = [n for n in c_names if not mentions(n, statement_norm, s_names)
             and not _office(n, statement_norm, s_names) and not _qualifies_title(n, claim_norm)]
    if len(missing) == 1 and missing[0] not in {f["text"] for f in speakers(s_facts)}:
        theirs = {f["text"] for f in speakers(c_facts)}
        extra = [n for n in extra if n not in theirs]
    # In a text capitalised throughout, which words are names is a guess: never a difference.
    guessed = any((f.get("extra") or {}).get("headline") for f in (*s_entities, *c_facts))
    # A name sharing a word with one of the passage's may be its other form ('Athens Games'
    # for 'Athens Olympics'), or not ('Manchester City'): unsure, so not a difference.
    # So may one spelt with other vowels ('Kyiv' and 'Kiev'), or the start of an
    # initialism ('Royal Bank' and 'RBS').
    variant = len(missing) == 1 and any(
        share_word(missing[0], n) or sound_alike(missing[0], n)
        or begins_initialism(missing[0], n) for n in extra)
    # 'The German chancellor' names whose office it is, not who holds it: no swap.
    variant = variant or len(missing) == 1 and _qualifies_title(missing[0], statement_norm)
    if len(missing) == 1 and extra and not guessed and not variant and opening:
        # The passage's opening word, capitalised by position, may be no name at all
        # ('Exposure to cold...'): asked only here, where it would make the difference.
        extra = [n for n in extra if not opening(n)]
    if len(missing) == 1 and extra and not guessed and not variant:  # the rest is the same
        result.differences.append({"kind": "entity", "statement": missing[0],
                                   "evidence": extra[0]})
        return
    if heading and not extra:
        missing = [n for n in missing if not mentions(n, heading, [])]
    # A name the passage (and its heading) never gives: it cannot confirm who did it.
    result.unconfirmed += [{"kind": "entity", "statement": name} for name in missing]


def common_opening(name: str, *, c_facts: list[dict], claim_text: str, c_offset: int,
                   common: Callable[[str], bool]) -> bool:
    """Whether a passage's name opens its sentence and is a common word (no name)."""
    return any(f["text"] == name and opening_word(name, claim_text, f["start"] - c_offset)
               for f in c_facts) and common(name)


def unknown_subject(result: Comparison, statement: str, *, s_facts: list[dict],
                    s_entities: list[dict], span: tuple[int, int]) -> None:
    """The statement's subject, which neither the passage nor its article's title names:
    the passage may speak of another ('Net profit 72,000 vs profit 339,000' under another
    company's title), so it cannot contradict; what differs stays unconfirmed. A speaker
    ('..., Biden said') is no subject: the passage may still give the figure he cited,
    unless it speaks of itself ("Chrysler Corp said it is asking..."); nor is a name in a
    clause or sentence of its own beside the stretch the passage speaks to (`span`:
    "..., officials in Washington confirmed")."""
    unnamed = {u["statement"] for u in result.unconfirmed if u["kind"] == "entity"}
    if not unnamed or not result.differences:
        return
    said = {(f["start"], f["text"]) for f in speakers(s_facts, statement)}
    if any(e["text"] in unnamed and _beside(e["start"], e["end"], span, statement)
           and (e["start"], e["text"]) not in said for e in s_entities):
        result.set_aside(lambda d: True)


_SEPARATE = re.compile(r"[,;:.!?\u2013\u2014]\s|\s-\s")
# A speaker speaking of itself, as wire copy has companies do: "Acme Corp said its ...".
_OF_ITSELF = re.compile(r"\s+(?:said|says|reported|reports|announced|announces|disclosed)"
                        r"\s+(?:that\s+)?(?:it|its)\b", re.IGNORECASE)


def _beside(start: int, end: int, span: tuple[int, int], text: str) -> bool:
    """Whether a stretch of the text lies in the span, or joins it with no clause break."""
    if start < span[1] and end > span[0]:
        return True
    between = text[end:span[0]] if end <= span[0] else text[span[1]:start]
    return not _SEPARATE.search(between + " ")
