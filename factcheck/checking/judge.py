"""Fact comparison between a statement and a claim, and the relation it implies."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Literal, TypedDict

from ..extract.facts import extract_facts
from ..extract.names import headline_cased, opens_sentence
from ..text.normalize import normalize
from ..text.numbers import NUMBER_WORDS
from .actors import common_opening, compare_entities, unknown_subject
from .direction import reversed_change
from .figures import compare_quantities
from .hedges import NOT_EXCEEDING
from .similarity import TERM, scope, spoken, stem, stems, unspoken
from .spelling import word_list

DATES = ("date", "daterange")
_DAYS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7,
         "fortnight": 14, "month": 30.4, "quarter": 91.3, "year": 365.25, "decade": 3652.5,
         "century": 36525}
_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|neither|nor|without|cannot)\b|n['\u2019]t\b",
    re.IGNORECASE)
# "No" for "number" before a figure: "No. 10", "world no.1", "went to No 1", in any case
# (a statement may be typed in lower case). Before a year it denies: "no 1987 dividend".
_NUMBER_SIGN = re.compile(r"no\.?\s?(\d+)", re.IGNORECASE)


# "no more than 100", "not fewer than 100", "will not exceed 5%": a bound, read with the
# figure (`hedges`), not a denial of the claim.
_BOUND = re.compile(r"\s+(?:more|fewer|less)\s+than\b", re.IGNORECASE)
_EXCEED = re.compile(NOT_EXCEEDING + r"(?:ed|s|ing)?\s+(?:the\s+)?[$\u00a3\u20ac]?\d",
                     re.IGNORECASE)
# A 'not' that adds instead of denying: "not one but two reports", "not only in London",
# "not least because", "not to mention the cost"; "just", "merely" and "simply" only after
# a form of 'be' ("isn't just about money"), since "can't just leave" denies. Not "not
# solely", which mostly denies: "does not solely indicate infertility" (SciFact) says it
# does not by itself.
_ADDING = re.compile(r"\s+(?:only|least|to\s+mention|one\s+but)\b", re.IGNORECASE)
_ADDING_AFTER_BE = re.compile(r"\s+(?:just|merely|simply)\b", re.IGNORECASE)
_BE = re.compile(r"\b(?:is|are|was|were|be|been|being|am)(?:\s+not|n['\u2019]t)$",
                 re.IGNORECASE)


def negations(text: str) -> list[re.Match]:
    """The words of denial in a text: "No" for "number", a bound's 'no' and an adding
    'not' left out."""
    return [m for m in _NEGATION.finditer(text) if not _number_sign(text, m.start())
            and not _bound(text, m) and not _adding(text, m)]


def _bound(text: str, negation: re.Match) -> bool:
    """Whether a denial is a bound's: "no more than 100", "won't exceed 5%" (`_BOUND`)."""
    word = negation.group().lower().replace("\u2019", "'")
    return bool(word in ("no", "not") and _BOUND.match(text, negation.end())
                or word in ("not", "n't", "never", "cannot")
                and _EXCEED.match(text, negation.end()))


def _adding(text: str, negation: re.Match) -> bool:
    """Whether a 'not' adds to what follows it rather than denying it (`_ADDING`)."""
    word = negation.group().lower()
    if word != "not" and not word.endswith(("n't", "n\u2019t")):
        return False
    return bool(_ADDING.match(text, negation.end()) or (
        _ADDING_AFTER_BE.match(text, negation.end())
        and _BE.search(text, 0, negation.end())))


def _number_sign(text: str, at: int) -> bool:
    """Whether the 'no' at `at` is "number": before a figure that is not a year, or a
    capital "No" inside a sentence before a number in words ("at No ten", "Ex-No ten"),
    but "one" ("no one", unless after "a" or "the") and a text capitalised throughout ("Is
    No One's Idea")."""
    found = _NUMBER_SIGN.match(text, at)
    if found:
        return not (len(found.group(1)) == 4 and 1800 <= int(found.group(1)) < 2100)
    word = _NEXT_WORD.match(text, at + 2)
    # 'a No one hit' is a number: an article makes it a noun.
    counted = word and (word.group(1).lower() != "one" or _ARTICLE.search(text, 0, at))
    return text.startswith("No", at) and bool(counted) \
        and word.group(1).lower() in NUMBER_WORDS and not opens_sentence(text, at) \
        and not headline_cased(text)


_NEXT_WORD = re.compile(r"\.?\s+([A-Za-z]+)")
_ARTICLE = re.compile(r"\b(?:a|the)\s+$", re.IGNORECASE)


DifferenceKind = Literal["number", "date", "duration", "entity", "negation", "direction"]


class Difference(TypedDict, total=False):
    """One fact of the statement against the passage: differing, agreeing or unconfirmed."""

    kind: DifferenceKind
    statement: str
    evidence: str


@dataclass
class Comparison:
    differences: list[Difference] = field(default_factory=list)
    agreements: list[Difference] = field(default_factory=list)
    unconfirmed: list[Difference] = field(default_factory=list)

    def set_aside(self, which: Callable[[Difference], bool]) -> None:
        """Differences the passage cannot speak to become unconfirmed facts instead."""
        moved = [d for d in self.differences if which(d)]
        self.differences = [d for d in self.differences if not which(d)]
        self.unconfirmed += [{"kind": d["kind"], "statement": d["statement"]} for d in moved]

    def date_unsaid(self) -> bool:
        """A date of the statement's that the passage does not give: its figures may be of
        another period ('growth of 3 pct in 1987' against 'last year ... 2.7 pct')."""
        return any(u["kind"] == "date" for u in self.unconfirmed)


def _date_parts(value: str) -> list[tuple]:
    """A date value as (year, month, day) bounds, None where unknown; a range gives two."""
    parts = []
    for piece in value.split("/"):
        m = re.fullmatch(r"(\d{4}|-)-?(\d{2})?-?(\d{2})?", piece.replace("--", "-"))
        if not m:
            return []
        year = int(m.group(1)) if m.group(1) != "-" else None
        parts.append((year, int(m.group(2)) if m.group(2) else None,
                      int(m.group(3)) if m.group(3) else None))
    return parts


def _compatible(a: tuple, b: tuple) -> bool:
    return all(x is None or y is None or x == y for x, y in zip(a, b, strict=True))


def _precise_enough(s_parts: list[tuple], c_parts: list[tuple]) -> bool:
    """The claim gives every part of the date the statement gives (a day, not just a month)."""
    given = {i for p in s_parts for i, x in enumerate(p[1:], 1) if x is not None}
    return all(p[i] is not None for p in c_parts for i in given)


def dates_agree(s_value: str, c_value: str) -> bool | None:
    """True: same date; False: another date; None: the claim is too coarse to tell.

    Compared at the precision both give; a date inside a range counts as agreeing.
    """
    s_parts, c_parts = _date_parts(s_value), _date_parts(c_value)
    if not s_parts or not c_parts:
        return False
    if len(s_parts) == len(c_parts):
        same = all(_compatible(a, b) for a, b in zip(s_parts, c_parts, strict=True))
    else:
        single, rng = (s_parts[0], c_parts) if len(s_parts) == 1 else (c_parts[0], s_parts)
        full = [tuple(x or 0 for x in p) for p in rng]
        same = any(_compatible(single, end) for end in rng) or (
            None not in single and full[0] <= single <= full[1])
    if same and not _precise_enough(s_parts, c_parts):
        return None
    return same


# "before 2007", "by 2010", "after May": a date that bounds a time, which another date may
# fall within ("will close before 2007" and "will close in 2006"). Not "since" or "until":
# they date a start or an end ("open since 1998" is not "opened in 1999").
_DATE_BOUND = re.compile(r"\b(?:before|after|by|prior\s+to|ahead\s+of"
                         r"|no\s+later\s+than|not\s+later\s+than)\s+(?:the\s+end\s+of\s+)?$",
                         re.IGNORECASE)


def _bounding(text: str, start: int) -> bool:
    """Whether the date at `start` is written as a bound ('before 2007')."""
    return bool(_DATE_BOUND.search(text, max(0, start - 25), start))


def compare_dates(result: Comparison, s_facts, c_facts, *, s_text: str = "",
                  c_text: str = "", c_offset: int = 0) -> None:
    """Each statement date against the passage's: the same date agrees; another differs
    only where each side gives one date and neither writes it as a bound."""
    options = [f for f in c_facts if f["kind"] in DATES]
    mine = [f for f in s_facts if f["kind"] in DATES]
    for s_fact in mine:
        verdicts = [(dates_agree(s_fact["value"], o["value"]), o) for o in options]
        agreeing = [o for same, o in verdicts if same]
        if agreeing:
            result.agreements.append({"kind": "date", "statement": s_fact["text"],
                                      "evidence": agreeing[0]["text"]})
        elif any(same is None for same, _ in verdicts):
            result.unconfirmed.append({"kind": "date", "statement": s_fact["text"]})
        elif len(options) == 1 == len(mine) and not (  # each side's one date: one event's
                _bounding(s_text, s_fact["start"])
                or _bounding(c_text, options[0]["start"] - c_offset)):
            result.differences.append({"kind": "date", "statement": s_fact["text"],
                                       "evidence": options[0]["text"]})
        else:
            result.unconfirmed.append({"kind": "date", "statement": s_fact["text"]})


def compare_durations(result: Comparison, s_facts, c_facts) -> None:
    options = [f for f in c_facts if f["kind"] == "duration"]
    mine = [f for f in s_facts if f["kind"] == "duration"]
    for s_fact in mine:
        days = float(s_fact["value"]) * _DAYS.get(s_fact["unit"], 1)
        agreeing = [o for o in options
                    if abs(float(o["value"]) * _DAYS.get(o["unit"], 1) - days) <= 0.01 * days]
        if agreeing:
            result.agreements.append({"kind": "duration", "statement": s_fact["text"],
                                      "evidence": agreeing[0]["text"]})
        elif len(options) == 1 == len(mine) and not _rounded_apart(s_fact, options[0]):
            result.differences.append({"kind": "duration", "statement": s_fact["text"],
                                       "evidence": options[0]["text"]})
        else:
            result.unconfirmed.append({"kind": "duration", "statement": s_fact["text"]})


def _rounded_apart(first: dict, second: dict) -> bool:
    """Whether two durations in different units are within half the coarser unit of each
    other: '38 weeks' may be 'nine months' rounded, and a month is no fixed length."""
    steps = [_DAYS.get(f["unit"], 1) for f in (first, second)]
    apart = abs(float(first["value"]) * steps[0] - float(second["value"]) * steps[1])
    return steps[0] != steps[1] and apart <= max(steps) / 2


def compare_negation(result: Comparison, statement: str, claim_text: str, *,
                     whole: str | None = None) -> None:
    """A 'not' on one side only. A passage's own further clause ("..., but not as quickly")
    is not counted: the statement does not speak to it. One in a clause before the one it
    speaks to ("While no firm figures exist, dealers estimate...") leaves the passage
    unsure of the statement: unconfirmed, so it neither supports nor contradicts.
    `whole`: the statement of which `statement` is the stretch the passage speaks to; a
    denial in other words anywhere in it counts ('cancelled 50 flights')."""
    denials = [m for m in negations(claim_text)
               if not _aside_without(m, claim_text, statement)]
    head = []
    if denials:  # where to count needs an alignment: only when there is a 'not'
        start, end = spoken(statement, claim_text) or (0, len(claim_text))
        head = [m for m in denials if m.start() < start]
        denials = [m for m in denials if start <= m.start() < end]
    mine = [m for m in negations(statement) if not _aside_without(m, statement, claim_text)]
    s_neg, c_neg = len(mine) % 2, len(denials) % 2
    if len(head) % 2:
        result.unconfirmed.append({"kind": "negation",
                                   "statement": "negated" if s_neg else "affirmed"})
    elif s_neg != c_neg:
        which = {"kind": "negation", "statement": "negated" if s_neg else "affirmed"}
        if _implied(whole or statement, claim_text, passage_affirms=bool(s_neg)) \
                or _UNTIL.search(statement if s_neg else claim_text) \
                or (_denies_else(statement, mine, claim_text) if s_neg
                    else _denies_else(claim_text, denials, statement)):
            result.unconfirmed.append(which)  # "did not change" and "left unchanged"
        else:
            result.differences.append({**which,
                                       "evidence": "negated" if c_neg else "affirmed"})


# Words that deny without a 'not': "left rates unchanged" says what "did not change" says,
# "refused to comment" what "would not comment" says, "flat" what "did not rise" says. On
# the side without a 'not' such a word leaves the negation unsure, never a difference
# ("declined" is left out: it is also a fall; "held" alone, as in "held talks"). Antonyms
# too, where no negated form is spelt alike: "made a loss" says "did not make a profit",
# "last toured in 1999" "has not toured since", "held at 4.75%" "not changed from 4.75%",
# "lost its last five" "won none of its last five"; and a superlative said against the
# past, "the lowest level for 40 years" says "not this low for 40 years" (not "Barclays,
# the largest bank, cut jobs", which says nothing of what it did not do).
# "not expected until 2006" says when, not whether: "expected in 2006" says the same.
_UNTIL = re.compile(r"(?:\bnot|n['\u2019]t|\bnever)\s+(?:[\w-]+\s+){0,3}(?:until|till)\b",
                    re.IGNORECASE)
_IMPLIED = re.compile(
    r"\b(?:unchanged|unlikely|unable|unwilling|refus(?:e|es|ed|ing)|fail(?:s|ed|ing|ure)?\s+to"
    r"|(?<!the )(?<!a )fail(?:s|ed)\b"
    r"|den(?:y|ies|ied|ying)|yet to|ineffective|unless|lack(?:s|ed|ing)?|absent|little changed"
    r"|loss(?:es)?|last\s+\w+ed|(?:held|kept|left)\s+(?:\w+\s+)?at"
    r"|declin(?:e|es|ed|ing)\s+to\s+[a-z]+|reject(?:s|ed|ing|ion)?|call(?:s|ed)?\s+off"
    r"|cancel(?:s|l?ed|l?ing|lations?)?|scrap(?:s|ped|ping)?|abandon(?:s|ed|ing)?"
    r"|miss(?:es|ed|ing)|bann?(?:s|ed|ing)?|prohibit\w*|forbid\w*|(?<!a )few"
    r"|\w+er\s+than|un[a-z]{4,}|los(?:e|es|t|ing)"
    r"|(?:(?:high|low|bigg|larg|small|b|wor|strong|weak|fast|slow)est|first)\s+(?:\w+\s+){0,2}"
    r"(?:for|since|on record|ever|time)"
    r"|(?:is|are|was|were|be|been|remain(?:s|ed)?|stay(?:s|ed)?|held)\s+(?:\w+\s+)?"
    r"(?:flat|steady|stable|\w+-free))\b",  # as said of it: not "a flat fee", "tax-free bonds"
    re.IGNORECASE)


def _implied(statement: str, claim_text: str, *, passage_affirms: bool) -> bool:
    """Whether the side without a 'not' denies in other words (the passage: the stretch
    the statement speaks to), words the other side does not also say: "it is not true
    that confidence was unchanged" denies "confidence was unchanged"."""
    if passage_affirms:
        start, end = spoken(statement, claim_text) or (0, len(claim_text))
        found, other = _IMPLIED.finditer(claim_text, start, end), statement
    else:
        found, other = _IMPLIED.finditer(statement), claim_text
    return any(not _said_too(m.group(), other) and _denies(m.group()) for m in found)


def _said_too(found: str, other: str) -> bool:
    """Whether the other side says it too: a phrase as written, a word in any inflection
    ('did not reject' says 'rejected', 'did not ban' 'banned')."""
    if " " in found.strip():
        return found.lower() in other.lower()
    key = _root(found.lower())
    return any(root == key or min(len(root), len(key)) >= 4
               and (root.startswith(key) or key.startswith(root))
               for root in map(_root, TERM.findall(other.lower())))


def _root(word: str) -> str:
    """A word's crude stem without a doubled last letter ('banned' and 'ban'), 'lost' as
    'lose'."""
    word = _IRREGULAR.get(word, stem(word))
    return word[:-1] if len(word) > 2 and word[-1] == word[-2] else word


_IRREGULAR = {"lost": "los", "lose": "los"}
# Past forms of common irregular verbs, as their present's stem ('paid' is 'pay').
_IRREGULAR.update({past: base for base, pasts in (
    ("pay", "paid"), ("win", "won"), ("make", "made"), ("sell", "sold"), ("buy", "bought"),
    ("rise", "rose risen"), ("fall", "fell fallen"), ("grow", "grew grown"),
    ("take", "took taken"), ("give", "gave given"), ("go", "went gone"), ("come", "came"),
    ("hold", "held"), ("leave", "left"), ("meet", "met"), ("run", "ran"), ("keep", "kept"),
    ("build", "built"), ("spend", "spent"), ("send", "sent"), ("tell", "told"),
    ("find", "found"), ("bring", "brought"), ("begin", "began begun"),
    ("break", "broke broken"), ("choose", "chose chosen"), ("say", "said"),
    ("see", "saw seen"), ("know", "knew known"), ("write", "wrote written"),
    ("lead", "led"), ("stand", "stood"), ("speak", "spoke spoken"), ("drive", "drove driven"),
    ("fly", "flew flown"), ("get", "got gotten"), ("have", "had"), ("do", "did done"),
    ("show", "shown"), ("draw", "drew drawn"), ("throw", "threw thrown"),
    ("strike", "struck"), ("fight", "fought"), ("catch", "caught"), ("seek", "sought"),
    ("become", "became"), ("beat", "beaten"), ("lend", "lent"), ("bear", "bore borne"))
    for past in pasts.split()})



def _denies(found: str) -> bool:
    """A word in 'un' denies only as a real word made negative ('unbeaten', 'unspent'),
    not 'under' or 'united'."""
    word = found.lower()
    return not re.fullmatch(r"un[a-z]+", word) or word[2:] in word_list()


_OBJECT = re.compile(r"(?:\s+(?!(?:and|or|but|nor)\b)[\w'\u2019-]+){1,3}")
# What a 'without' may deny, read wider when the other side says 'without' too: "without a
# vote" and "without being put to a vote" deny one thing.
_WIDE_OBJECT = re.compile(r"(?:\s+(?!(?:and|or|but|nor)\b)[\w'\u2019-]+){1,5}")


def _aside_without(negation: re.Match, text: str, other: str) -> bool:
    """A 'without' denies only what follows it ('in those without previous exacerbations'
    says nothing against 'raises the risk of exacerbations'): it differs only where the
    other side names every word of what it denies, or denies it with a 'without' too."""
    if negation.group().lower() != "without":
        return False
    if not _denied(text, negation.end(), _OBJECT) - stems(other):
        return False
    wide = _denied(text, negation.end(), _WIDE_OBJECT)
    return not any(wide & _denied(other, m.end(), _WIDE_OBJECT) for m in negations(other)
                   if m.group().lower() == "without")


def _denies_else(text: str, denials: list[re.Match], other: str) -> bool:
    """Whether each 'not' of a text denies only words the other side never says, in any
    form ('did not pay' says 'paid'): 'the talks did not reach a deal' against 'the talks
    broke down' is one outcome in other words, or another claim; unsure, no difference."""
    said = {_root(w) for w in TERM.findall(other.lower())}
    denied = [{_root(w) for w in _denied(text, _framed(text, m.end()), _NOT_OBJECT)}
              for m in denials]
    return bool(denied) and all(words and not any(_alike(w, x) for w in words for x in said)
                                for words in denied)


def _alike(a: str, b: str) -> bool:
    """Two roots of one word: the same, or one the other with up to two letters more
    ('win' and 'wins', 'ris' and 'rise'): loose, since alike only keeps a difference."""
    short, long = sorted((a, b), key=len)
    return short == long or (len(short) >= 3 and long.startswith(short)
                             and len(long) - len(short) <= 2)


# 'It is not true that ...', 'not the case that ...': the denial is of the clause after.
_FRAME = re.compile(r"\s+(?:true|the\s+case|correct|accurate|right|so)\s+(?:that\b)?",
                    re.IGNORECASE)


def _framed(text: str, at: int) -> int:
    """Where what a 'not' at `at` denies begins, after 'true that' and the like."""
    frame = _FRAME.match(text, at)
    return frame.end() if frame else at


# What a 'not' denies: up to five words on, a figure whole ('pay 5,000 dlrs to Acme').
_NOT_OBJECT = re.compile(r"(?:\s+(?!(?:and|or|but|nor)\b)[$\u00a3\u20ac]?[\w'\u2019-]+"
                         r"(?:[.,]\d+)*%?){1,5}")


def _denied(text: str, at: int, pattern: re.Pattern) -> set[str]:
    """The meaningful stems of the words a 'without' ending at `at` denies. Figures are
    compared as facts: 'without relapse at 1 year' and '... at one year' deny the same."""
    found = pattern.match(text, at)
    return {w for w in stems(found.group(), meaningful=True)
            if not w[0].isdigit() and w not in NUMBER_WORDS} if found else set()


def compare(statement: str, statement_norm: str, *, s_facts: list[dict],
            s_entities: list[dict], claim_text: str, claim_norm: str, c_facts: list[dict],
            c_offset: int, heading: str | None = None,
            common: Callable[[str], bool] | None = None, facts_only: bool = False
            ) -> Comparison:
    """All fact-level agreements and differences between a statement and one claim
    (`heading`: its article's title, normalised, which may name the actor it speaks of).
    `facts_only`: figures, dates and durations alone, which are all that give agreements:
    enough for a passage too far from the statement to support or contradict it."""
    result = Comparison()
    compare_quantities(result, s_facts, statement, c_facts=c_facts, c_text=claim_text,
                       c_offset=c_offset)
    compare_dates(result, s_facts, c_facts, s_text=statement, c_text=claim_text,
                  c_offset=c_offset)
    compare_durations(result, s_facts, c_facts)
    if facts_only:
        return result
    opening = None if common is None else partial(
        common_opening, c_facts=c_facts, claim_text=claim_text, c_offset=c_offset,
        common=common)
    compare_entities(result, s_entities, claim_norm, c_facts=c_facts,
                     statement_norm=statement_norm, heading=heading, opening=opening,
                     s_facts=s_facts)
    span = scope(statement, claim_text)
    unknown_subject(result, statement, s_facts=s_facts, s_entities=s_entities,
                     span=span or (0, len(statement)))
    spoken = statement if span is None else statement[span[0]:span[1]]
    if flip := reversed_change(spoken, claim_text):
        result.differences.append({"kind": "direction", "statement": flip[0],
                                   "evidence": flip[1]})
    if span is None:
        compare_negation(result, statement, claim_text)
        _unless_unspoken(result, statement, claim_text)
    else:
        _set_aside(result, s_facts, span)
        compare_negation(result, statement[span[0]:span[1]], claim_text, whole=statement)
        outside = [m.group() for m in negations(statement)
                   if not span[0] <= m.start() < span[1]]
        if len(outside) % 2:  # the statement denies something this passage does not speak to
            result.unconfirmed.append({"kind": "negation", "statement": outside[0]})
    return result


def _unless_unspoken(result: Comparison, statement: str, claim_text: str) -> None:
    """A negation difference that only a 'not' in the statement's own further clause makes,
    a clause the passage does not speak to (", but not 200"), is unconfirmed instead. It
    only ever takes a difference away: the passage's own 'not' may stand where the
    statement's clause says the same in other words."""
    if not result.differences or result.differences[-1]["kind"] != "negation":
        return
    aside = unspoken(statement, claim_text)
    if not aside:
        return
    kept = statement
    for start, end in aside:  # blanked, offsets kept
        kept = kept[:start] + " " * (end - start) + kept[end:]
    trial = Comparison()
    compare_negation(trial, kept, claim_text)
    if not trial.differences:
        result.differences.pop()
        result.unconfirmed.append({"kind": "negation", "statement": "not"})


def _set_aside(result: Comparison, s_facts: list[dict], span: tuple[int, int]) -> None:
    """A fact of the statement outside the stretch the passage speaks to cannot differ
    from it; it stays unconfirmed, so the passage cannot support the statement either."""
    start, end = span
    inside = {f["text"] for f in s_facts if f["start"] < end and f["end"] > start}
    outside = {f["text"] for f in s_facts} - inside
    result.set_aside(lambda d: d["statement"] in outside)


def compare_texts(statement: str, passage: str, *, facts_only: bool = False) -> Comparison:
    """`compare` for two texts as written, each read as a check reads it (no store: every
    capitalised word may be a name)."""
    s_facts = [f.as_dict() for f in extract_facts(statement)]
    entities = [{**f, "norm": normalize(f["text"])} for f in s_facts
                if f["kind"] in ("entity", "acronym")]
    return compare(statement, normalize(statement), s_facts=s_facts, s_entities=entities,
                   claim_text=passage, claim_norm=normalize(passage),
                   c_facts=[f.as_dict() for f in extract_facts(passage)], c_offset=0,
                   facts_only=facts_only)
