"""The heading an article's claims are searched with: its title, when one was given."""

from __future__ import annotations

import json

from ..text.normalize import normalize

FALLBACK_TITLE = "first claim"  # how a document's title was made when none was given


def heading(doc: dict) -> str | None:
    """The normal form of a document's given title; None for an import (its claims carry
    their fact-check's title) or a title made from the opening words.

    BM25 ranks every claim over its text and this heading, as the fair baseline does over
    claim and title: a sentence of an abstract on a topic is found by the topic's words."""
    if doc.get("kind") == "import" or not doc.get("title"):
        return None
    if json.loads(doc.get("inferred") or "{}").get("title") == FALLBACK_TITLE:
        return None
    return normalize(doc["title"]) or None
