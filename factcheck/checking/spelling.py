"""Misspelt statement words, respelled as the passages found spell them.

WordPiece cuts a word it does not know into pieces, so "Chna submited 145 incidnets"
lands far from the claim it misspells (cosine 0.56, against 0.9 spelt right), while BM25
and the word coverage, which tolerate typos, still find that claim. A word the corpus has
never seen, close in spelling to a word of the passages BM25 ranked first, is replaced by
that word, and the check reads the statement so (its embedding, its words, its facts:
"five miillion" is five million, not five). The response lists each respelling.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

import sqlite_utils
from rapidfuzz import fuzz, process

from ..store.lexical import porter_stems
from ..text.numbers import NUMBER_WORDS
from . import retrieval
from .similarity import STOPWORDS, TYPO_CUTOFF  # 'chna' / 'china' 89

MIN_LENGTH = 4  # shorter words have too many neighbours one letter away
PASSAGES = 5  # the best BM25 passages whose words may stand in
_WORD = re.compile(r"[^\W\d_]+")


@cache
def word_list() -> frozenset[str]:
    """Real words never respelled when no model's own word list is at hand: the model's
    whole words, shipped (`factcheck/text/words.txt`). Without it, a small store would
    read 'county' as 'country' and 'lunch' as 'launch'."""
    text = files("factcheck.text").joinpath("words.txt").read_text(encoding="utf-8")
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))


def unknown_words(db: sqlite_utils.Database, norm: str,
                  known: frozenset[str] = frozenset()) -> list[str]:
    """Words of the statement that no stored claim has (by FTS5's porter stem), nor the
    word list `known` (a small store lacks many real words: 'diary' is not 'dairy')."""
    words = [w for w in retrieval.query_terms(norm)
             if len(w) >= MIN_LENGTH and _WORD.fullmatch(w) and w not in known]
    if not words:
        return []
    stems = porter_stems(words)
    keys = {w: stems[w][0] for w in words if stems[w]}
    stored = retrieval.term_frequencies(db, list(keys.values()))
    return [w for w, key in keys.items() if key not in stored]


def respell(word: str, vocabulary: set[str]) -> str | None:
    """The vocabulary word this one misspells: a letter dropped, added or (in a longer
    word) changed, by fuzz.ratio, or two neighbours swapped; same first letter, about as
    long. The first letter and the length keep affixes apart: 'defunded' is not 'funded'."""
    pool = sorted(v for v in vocabulary  # sorted: a tie goes the same way in every process
                  if v[:1] == word[:1] and abs(len(v) - len(word)) <= 2 and v != word)
    found = process.extractOne(word, pool, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF,
                               processor=None)
    if found:
        return found[0]
    # Swapped neighbours score low on a short word ('prfoit' / 'profit' 83): the commonest
    # slip of all. Real words one swap apart ('dairy', 'diary') are both in `known`.
    return next((v for v in pool if _swapped(word, v)), None)


def _swapped(a: str, b: str) -> bool:
    """Whether b is a with two neighbouring letters swapped."""
    if len(a) != len(b):
        return False
    differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return (len(differ) == 2 and differ[1] == differ[0] + 1
            and a[differ[0]] == b[differ[1]] and a[differ[1]] == b[differ[0]])


def respelled(db: sqlite_utils.Database, statement: str, unknown: list[str], *,
              hits: list[dict]) -> tuple[str, list[dict]]:
    """The statement with its `unknown` words respelled where one misspells a word of the
    passages BM25 found (`hits`) or a number word, and each respelling made."""
    if not unknown:
        return statement, []
    hits = hits[:PASSAGES]
    # The words as written: a normal form has 'five million' as a figure.
    vocabulary = {w.lower() for text in retrieval.claim_quotes(db, [h["id"] for h in hits])
                  for w in _WORD.findall(text)} - STOPWORDS
    # And the number words, 'one hundred thousnd' being a figure whether a passage spells it
    # or not; but never for a short word, which would make a figure of 'Tenn.' (Tennessee)
    # wherever a passage says 'ten'.
    numbers, words = vocabulary | NUMBER_WORDS, vocabulary - NUMBER_WORDS
    fixes = {w: fix for w in unknown
             if (fix := respell(w, numbers if len(w) > MIN_LENGTH else words))}
    if not fixes:
        return statement, []
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, fixes)) + r")\b", re.IGNORECASE)
    made: list[dict] = []

    def swap(m: re.Match) -> str:
        fix = fixes.get(m.group().lower())
        if fix is None:
            return m.group()
        fix = _cased(fix, m.group())
        made.append({"word": m.group(), "as": fix})
        return fix

    return pattern.sub(swap, statement), made


def _cased(word: str, like: str) -> str:
    """`word` in the letter case of `like`: a capitalised name stays one."""
    if like.isupper() and len(like) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if like[:1].isupper() else word
