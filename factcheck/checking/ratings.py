"""Textual ratings of imported fact-checks on one normalised scale, and what each does.

Labels come from Snopes/CheckThat! exports, PolitiFact and ClaimReview `alternateName`:
"False", "Pants on Fire!", "Mostly True", "Mixture", "Unproven", "Labeled Satire"...
A statement that matches a claim rated false is contradicted by that fact-check, one rated
true is supported, and anything between leaves it unverified, with the rating shown.
"""

from __future__ import annotations

import re
from typing import Literal

Scale = Literal["true", "mostly-true", "mixture", "mostly-false", "false", "unproven",
                "satire", "outdated", "other"]
# Checked in order: the first pattern that matches names the rating.
_PATTERNS: list[tuple[Scale, re.Pattern]] = [(scale, re.compile(pattern)) for scale, pattern in (
    ("satire", r"satire|satirical|parody|humou?r"),
    ("mostly-true", r"mostly (?:true|correct|accurate)|largely (?:true|accurate)"),
    ("mostly-false", r"mostly (?:false|inaccurate)|largely false|misleading|exaggerat"),
    ("mixture", r"mixture|mixed|half[ -]?true|partly|partially|half[ -]?false|lacks context"
                r"|cherry|needs context"),
    ("unproven", r"unproven|unverified|unsubstantiated|no evidence|not enough|research in"
                 r" progress|undetermined|unclear|disputed"),
    ("outdated", r"outdated|old news|no longer"),
    ("false", r"false|fake|pants on fire|incorrect|wrong|hoax|scam|fabricat|misattribut"
              r"|miscaption|four pinocchios|debunked|not true|inaccurate|legend"),
    ("true", r"true|correct|accurate|verified|legit|confirmed|fact\b"),
)]
_VALUE = {"false": 1, "mostly-false": 2, "mixture": 3, "mostly-true": 4, "true": 5}
Effect = Literal["supports", "contradicts", "neutral"]


def normalized_rating(label: str | None) -> Scale | None:
    """The scale value of a textual rating; None when there is no rating."""
    if not label or not label.strip():
        return None
    text = label.strip().lower()
    for scale, pattern in _PATTERNS:
        if pattern.search(text):
            return scale
    return "other"


def rating_effect(label: str | None) -> Effect | None:
    """What a rating does to a statement that states the rated claim; None: no rating."""
    scale = normalized_rating(label)
    if scale is None:
        return None
    if scale in ("true", "mostly-true"):
        return "supports"
    if scale in ("false", "mostly-false"):
        return "contradicts"
    return "neutral"


def rating_value(label: str | None) -> int | None:
    """1 (false) to 5 (true) for schema.org's Rating; None off that scale."""
    scale = normalized_rating(label)
    return _VALUE.get(scale) if scale else None
