"""Whether a capitalised word that starts a sentence is a name, by how the store writes it.

A sentence's first word is capitalised whatever it is, so "Participants who quit smoking"
and "Exposure to cold" read as names, and a statement and a passage each opening on one
looked like two actors swapped: an invented contradiction. A heading in capitals
("CONCLUSION", "RESULTS") is the same. No word list tells "Apple" or "Trump" from
"Exposure" (every one is an English word); the stored claims do: inside a sentence they
write "exposure" in lower case and "Trump" capitalised.
"""

from __future__ import annotations

import re

import sqlite_utils

from ..extract.names import SENTENCE_MARKS, opens_sentence
from . import retrieval

SAMPLE = 64  # stored claims read per word: enough to see how a word is usually written
MIN_SEEN = 2  # lower-case uses inside a sentence before a word counts as a common one
MIN_SHOUTED = 5  # letters of a word in capitals that may be a heading's, not an acronym
_SMALL = frozenset("a an the of and or for in on to with by at".split())
_MARKS = SENTENCE_MARKS + ":;(["  # and a heading's words: "CONCLUSIONS: These data"


def at_start(text: str, start: int) -> bool:
    """Whether a word at `start` opens its sentence (or a heading's words)."""
    return opens_sentence(text, start, _MARKS)


def opening_word(name: str, text: str, start: int) -> bool:
    """A name that opens its sentence, one word or a heading in capitals: its capitals may
    be the position's or the heading's ('Exposure to...', 'METHODS AND RESULTS We...')."""
    return (" " not in name.strip() or name.isupper()) and at_start(text, start)


def mostly_lower(word: str, texts: list[str]) -> bool:
    """Whether the texts, inside their sentences, write `word` in lower case more often
    than capitalised."""
    lower = other = 0
    pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
    for text in texts:
        for m in pattern.finditer(text):
            if at_start(text, m.start()):
                continue  # capitalised by position: says nothing
            if m.group().islower():
                lower += 1
            else:
                other += 1
    return lower >= MIN_SEEN and lower > other


# Answers by (store file, its last claim id, word): most checks open on a word asked
# before, and a store that has since taken claims is asked again.
_ANSWERS: dict[tuple[str, int, str], bool] = {}
MAX_ANSWERS = 50_000


class Casing:
    """The store's casing of words (a check asks few: a statement's opening word, and a
    passage's only where it alone would make a contradiction). No word list stands in for
    the store: the model's whole words lack most terms of science ('macrophages')."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self._store: tuple[str, int] | None = None

    def common(self, name: str) -> bool:
        """Whether every word of a name is one the store writes in lower case inside a
        sentence: no name. A short word in capitals is an acronym whose lower case is
        another word ('US' and 'us', 'WHO' and 'who'), and a code is written one way."""
        words = [w for w in name.lower().split() if w not in _SMALL]
        return bool(words) and all(
            w.isalpha() and (len(w) >= MIN_SHOUTED or not name.isupper()) and self._lower(w)
            for w in words)

    def _lower(self, word: str) -> bool:
        if self._store is None:
            self._store = retrieval.store_state(self.db)
        key = (*self._store, word)
        if key not in _ANSWERS:
            if len(_ANSWERS) >= MAX_ANSWERS:
                _ANSWERS.clear()
            _ANSWERS[key] = mostly_lower(word, retrieval.texts_with(self.db, word, SAMPLE))
        return _ANSWERS[key]
