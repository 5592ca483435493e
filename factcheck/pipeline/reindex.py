"""Re-extract stored documents from their stored text and given metadata.

An upgrade that changes extraction changes EXTRACTOR_VERSION; the next ingest of a file
re-extracts it, and `factcheck reindex` does it for every stored document at once, even
those whose files are gone. A sentence that reads differently is a new claim, embedded
here with the store's own model (another model is `factcheck embed`'s to adopt).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import sqlite_utils

from .. import store
from ..checking import lexical
from ..extract.readers import RawArticle
from . import corroborate
from .embed import Semantic, embed_all
from .importer import save_record, stored_record
from .ingest import EXTRACTOR_VERSION, Summary, build_document

_GIVEN_HOW = {"sidecar", "jsonl", "html", "api"}  # fields a source gave, not inferred


def given_metadata(row: dict) -> dict:
    """The metadata the source gave; for a store older than schema v4, what `inferred` says."""
    if row["given"] is not None:
        return json.loads(row["given"])
    how = json.loads(row["inferred"] or "{}")
    return {k: row[k] for k, v in how.items() if v in _GIVEN_HOW and row.get(k)}


def reindex(db: sqlite_utils.Database, *, everything: bool = False,
            progress: Callable[[Iterator, int], Iterable] | None = None,
            semantic: Semantic | None = None) -> Summary:
    """Re-extract documents of another extractor version (or all), keeping claim ids,
    and embed the claims that come out new when the store's vectors are `semantic`'s."""
    summary, began = Summary(), time.perf_counter()
    rows = store.stale_documents(db, None if everything else EXTRACTOR_VERSION)
    for row in progress(iter(rows), len(rows)) if progress else rows:
        if row["kind"] == "import":
            result = save_record(db, stored_record(row["given"] or _record(row)),
                                 Path(row["path"]), force=True)
        else:
            article = RawArticle(row["source_key"], row["path"], row["kind"], row["text"],
                                 given_metadata(row))
            doc, claims, acronyms = build_document(article)
            result = store.save_document(db, doc, claims, acronyms=acronyms,
                                         context=store.heading(doc))
        summary.count(result)
    if rows:
        summary.links += corroborate.link_pending(db)
        store.refresh_term_stats(db)
        lexical.prepare(db)
        key = semantic.key() if semantic else None
        if key and store.vectors.model_key(db) == key:
            summary.embedded = embed_all(db, semantic)
    summary.seconds = time.perf_counter() - began
    return summary


def _record(row: dict) -> str:
    return json.loads(row["inferred"])["record"]
