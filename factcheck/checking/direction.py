"""The direction of a change: "sales rose 5%" and "sales fell 5%" share every figure.

Fuzzy scores and figure comparison both see those two as the same claim, so a statement
that turns a rise into a fall was supported by the very passage it reverses. Verbs and
comparatives of change are counted on each side as going up or down; a statement with
more of one direction where the passage has more of the other has reversed it. Like a
negation, that contradicts only a passage that is otherwise the same claim.
"""

from __future__ import annotations

import re

# Verbs and comparatives, and 'up' or 'down' before a figure, 'by' or 'from' ('up 26.5%',
# 'down from a peak'): alone they say too much else (set up, shut down). 'More' and 'less'
# are hedges, compared with the figures.
_UP = ("rose rise rises rising risen increased increase increases increasing grew grow "
       "grows growing grown jumped jump jumps climbed climb climbs climbing gained gains "
       "soared soar soars surged surge surges rallied higher raised boosted expanded "
       "doubled tripled widened strengthened accelerated").split()
_DOWN = ("fell fall falls falling fallen decreased decrease decreases decreasing shrank "
         "shrink shrinks shrinking shrunk dropped drop drops dropping declined decline "
         "declines declining slumped slump slumps plunged plunge plunges tumbled tumble "
         "slid slipped lower reduced halved narrowed weakened slowed eased lost cut").split()
POLARITY = {**dict.fromkeys(_UP, "up"), **dict.fromkeys(_DOWN, "down")}
_WORD = re.compile(r"[a-z]+")
_BEFORE_FIGURE = re.compile(r"\b(up|down)(?=\s+(?:by|from)\b|\s+[$\u00a3\u20ac]?\d)")


def directions(text: str) -> dict[str, list[str]]:
    """The words of change in a text, by direction ('up', 'down'), as written."""
    lowered = text.lower()
    found: dict[str, list[str]] = {"up": [], "down": []}
    for word in _WORD.findall(lowered):
        if word in POLARITY:
            found[POLARITY[word]].append(word)
    for match in _BEFORE_FIGURE.finditer(lowered):
        found[match.group(1)].append(match.group(1))
    return found


def reversed_change(statement: str, passage: str) -> tuple[str, str] | None:
    """(statement word, passage word) when the statement turns the passage's direction
    around: more words of one direction than the passage, which has more of the other."""
    if _seen_from_the_other_side(statement, passage) or _seen_from_the_other_side(
            passage, statement):
        return None
    mine, theirs = directions(statement), directions(passage)
    for way, other in (("up", "down"), ("down", "up")):
        if len(mine[way]) > len(theirs[way]) and len(theirs[other]) > len(mine[other]):
            return mine[way][0], theirs[other][0]
    return None


_AGAINST = re.compile(r"\b(?:against|versus|vs)\s+(?:the\s+)?([a-z]+)")


def _subject(text: str) -> list[str]:
    """The words before a text's first word of change: what changed."""
    words = _WORD.findall(text)
    return words[:next((i for i, w in enumerate(words) if w in POLARITY), len(words))]


def _seen_from_the_other_side(a: str, b: str) -> bool:
    """'The dollar fell against the pound' and 'The pound rose to $1.93': one change of a
    pair, each side naming the other as what changed (no reversal)."""
    m = _AGAINST.search(a.lower())
    if not m:
        return False
    other = m.group(1)
    return other in _subject(b.lower()) and other not in _subject(a.lower())
