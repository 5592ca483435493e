"""Denials: which words deny ('not', 'no', 'never', "n't", 'without'), what each denies,
and whether a statement and a passage differ by one: a 'not' on one side only, not said
the other way in other words ('refused to', 'made a loss') nor of words the other side
never says."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..extract.names import headline_cased, opens_sentence
from ..text.numbers import NUMBER_WORDS
from .hedges import NOT_EXCEEDING
from .similarity import TERM, spoken, stem, stems
from .spelling import word_list

if TYPE_CHECKING:
    from .judge import Comparison

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
            if s_neg:  # what it denies may be the very figure: 'not ... a 3% deal'
                _figures_unsure(result)
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


def _figures_unsure(result: Comparison) -> None:
    """A statement's figures and dates, where its denial is unsure: 'the talks did not end
    with a 3% deal' is not denied by 'the talks broke down over a 4% offer'."""
    moved = [d for d in result.differences if d["kind"] in ("number", "date", "duration")]
    result.differences[:] = [d for d in result.differences if d not in moved]
    result.unconfirmed += [{"kind": d["kind"], "statement": d["statement"]} for d in moved]


def _denies_else(text: str, denials: list[re.Match], other: str) -> bool:
    """Whether each 'not' of a text denies only words the other side never says, in any
    form ('did not pay' says 'paid'): 'the talks did not reach a deal' against 'the talks
    broke down' is one outcome in other words, or another claim; unsure, no difference.
    (Its verb alone was tried: 'not associated with an increased risk' then no longer
    differed from 'increase the risk', and a weaker passage came to support it.)"""
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
    """The meaningful stems of the words a 'not' or 'without' ending at `at` denies.
    Figures are compared as facts: 'without relapse at 1 year' and '... at one year' deny
    the same."""
    found = pattern.match(text, at)
    return {w for w in stems(found.group(), meaningful=True)
            if not w[0].isdigit() and w not in NUMBER_WORDS} if found else set()
