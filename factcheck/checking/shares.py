"""How a share in words is compared ('a third of voters', 'one in five adults').

It is a writer's round figure: an estimate where no hedge says otherwise, read with no
rounding of its own, and never the same role as a change ('rose 30%'), whatever else the
two sentences give.
"""

from __future__ import annotations

import re

from .direction import POLARITY
from .hedges import ABOUT_TOLERANCE, hedge


def is_share(fact: dict) -> bool:
    """Whether a figure is a share in words (extract/shares.py)."""
    return "share" in (fact.get("extra") or {})


def how_of(text: str, fact: dict, offset: int) -> str | None:
    """A figure's qualifier; a share in words that has none is an estimate ('a third')."""
    how = hedge(text, fact["start"] - offset, fact["end"] - offset)
    return "about" if how is None and is_share(fact) else how


def written(fact: dict) -> str | None:
    """A figure as written, to read its rounding by; none for a share in words, whose
    digits ('nine out of 10') are no rounding of its percentage."""
    return None if is_share(fact) else fact["text"]


def loose_share(s_fact: dict, c_fact: dict) -> bool:
    """A share in words against a figure within twice an estimate's tolerance ('half'
    against 44%): a writer's round figure, neither borne out nor denied. Two shares in
    words are compared as they are ('one in five' against 'one in four')."""
    if is_share(s_fact) == is_share(c_fact):
        return False
    a, b = float(s_fact["value"]), float(c_fact["value"])
    return abs(a - b) <= 2 * ABOUT_TOLERANCE * max(abs(a), abs(b))


_OF = re.compile(r"\s*of\b")
_CHANGE_BEFORE = re.compile(r"([a-z]+)\s+(?:by\s+)?(?:an?\s+|some\s+)?$")


def share_and_change(s_fact: dict, s_text: str, c_fact: dict, *, c_text: str,
                     c_offset: int) -> bool:
    """One percentage a share of something ('50% of the profits', 'a third of voters'),
    the other a change ('rose 30%', 'up 5%'): two roles, though each is its sentence's only
    percentage."""
    if s_fact["kind"] != "percent":
        return False
    mine = (s_fact, s_text, 0)
    theirs = (c_fact, c_text, c_offset)
    return any(_share_of(*a) and _change_by(*b) for a, b in ((mine, theirs), (theirs, mine)))


def _share_of(fact: dict, text: str, offset: int) -> bool:
    if is_share(fact):  # 'a third of voters', not 'cut by a third' or 'a third more'
        return "change" not in (fact.get("extra") or {})
    return bool(_OF.match(text, fact["end"] - offset))


def _change_by(fact: dict, text: str, offset: int) -> bool:
    start = fact["start"] - offset
    m = _CHANGE_BEFORE.search(text[max(0, start - 30):start].lower())
    return bool(m) and (m.group(1) in POLARITY or m.group(1) in ("up", "down"))
