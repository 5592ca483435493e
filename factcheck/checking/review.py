"""Review a whole draft: every check-worthy sentence checked against the sources at once.

The draft is split by the ingest extraction (same sentences, same check-worthiness, same
facts), its claims are checked in batches through `check_many`, and every span points into
the text as submitted. Nothing of the draft is stored or logged.
"""

from __future__ import annotations

from typing import TypedDict

import sqlite_utils

from ..extract.claims import CLAIM_THRESHOLD, assess
from ..extract.markup import Format, Readable, readable
from ..extract.metadata import infer, reference_date
from .check import Settings, check_many
from .dense import Dense
from .verdict import Undecided, Verdict

MAX_DRAFT = 100_000  # characters
MAX_REVIEW_LIMIT = 10  # evidence passages a sentence: 1,000 sentences x 50 was 100 MB
BATCH = 64  # claims checked together: one embedding batch, one pass over the vectors


class ReviewedSentence(TypedDict, total=False):
    """One sentence (or clause) of the draft, checked or skipped with its reason."""

    start: int
    end: int
    quote: str
    text: str
    checkworthiness: float
    reasons: list[str]
    verdict: Verdict | None
    score: float | None
    decisive: int | None
    evidence: list[dict]
    conflicting: list[dict]
    undecided: list[Undecided]
    skipped: str


def _skipped(score: float, reasons: list[str]) -> str:
    """Why a sentence is not checked, in words."""
    if score > 0 or not reasons:
        return (f"below the check-worthiness floor ({score:.2f} < {CLAIM_THRESHOLD:.2f}):"
                f" {', '.join(reasons)}")
    return reasons[0]


def sentences(submitted: str, fmt: Format = "text", *,
              read: Readable | None = None) -> tuple[list[dict], list[dict]]:
    """(claims to check, skipped sentences) of a draft, spans into the submitted text;
    `read`: the draft already read (the page shows that reading too)."""
    read = read or readable(submitted, fmt)
    meta, _how, skip = infer(read.text)
    checked, skipped = [], []
    for item in assess(read.text, reference_date(meta.get("published")), tuple(skip)):
        units = [(c.start, c.end) for c in item.claims] or [(item.start, item.end)]
        for start, end in units:
            if end <= start:
                continue
            a, b = read.source_span(start, end)
            entry = {"start": a, "end": b, "quote": submitted[a:b], "text": read.text[start:end],
                     "checkworthiness": item.score, "reasons": item.reasons}
            if item.claims:
                checked.append(entry)
            else:  # extraction skips a sentence over MAX_SENTENCE too, with that reason
                skipped.append({**entry, "skipped": _skipped(item.score, item.reasons)})
    return checked, skipped


def review(db: sqlite_utils.Database, submitted: str, *, fmt: Format = "text", limit: int = 3,
           settings: Settings | None = None, dense: Dense | None = None,
           read: Readable | None = None) -> dict:
    """Every sentence of a draft in order: verdict and evidence, or why it was skipped."""
    checked, skipped = sentences(submitted, fmt, read=read)
    semantic = dense is not None
    for first in range(0, len(checked), BATCH):
        chunk = checked[first:first + BATCH]
        results = check_many(db, [c["text"] for c in chunk], limit, settings=settings,
                             dense=dense)
        for entry, result in zip(chunk, results, strict=True):
            semantic = result["semantic"]
            entry.update({key: result[key] for key in
                          ("verdict", "score", "decisive", "evidence", "conflicting",
                           "undecided", "respelled")})
    for entry in skipped:
        entry.update({"verdict": None, "score": None, "decisive": None, "evidence": [],
                      "conflicting": [], "undecided": [], "respelled": []})
    ordered: list[ReviewedSentence] = sorted(checked + skipped, key=lambda e: e["start"])
    summary = {verdict: sum(e["verdict"] == verdict for e in checked) for verdict in
               ("supported", "contradicted", "unverified")}
    summary["skipped"] = len(skipped)
    return {"summary": summary, "sentences": ordered, "semantic": semantic}
