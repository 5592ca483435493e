"""Sentence vectors for claims: in the ingest workers, for imports and the write API, and
`factcheck embed` for whatever is missing (resumable: each batch commits on its own)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from .. import encoder as encoding
from ..store import vectors, writing

BATCH = 256  # claims embedded and committed together by `embed_pending`


@dataclass(frozen=True)
class Semantic:
    """Which model to use and where to cache it; picklable, so workers load their own."""

    model: str | None  # a folder or a repo id; None: the default repo
    cache: Path
    quantized: bool = False
    threads: int = 0

    def load(self, threads: int | None = None) -> encoding.Encoder | None:
        found, _reason = self.loaded(threads)
        return found

    def loaded(self, threads: int | None = None) -> tuple[encoding.Encoder | None, str]:
        return encoding.load(self.model, self.cache, quantized=self.quantized,
                             threads=self.threads if threads is None else threads)

    def key(self) -> str | None:
        """The model's key without loading it (None when no model can be had)."""
        files, _reason = encoding.resolve(self.model, self.cache, self.quantized)
        return files.key if files else None


def from_config(config, db_path: str | Path) -> Semantic | None:
    """The semantic settings of an app or CLI config; None when semantic matching is off."""
    if not config.get("SEMANTIC", True):
        return None
    return Semantic(config.get("EMBEDDING_MODEL"), Path(db_path).resolve().parent / "models",
                    bool(config.get("EMBEDDING_QUANTIZED")),
                    int(config.get("EMBEDDING_THREADS") or 0))


def embed_claims(encoder: encoding.Encoder, claims: list) -> None:
    """Give each claim its vector (one batched call)."""
    if claims:
        for claim, vector in zip(claims, encoder.encode([c.text for c in claims]),
                                 strict=True):
            claim.vector = vector


def embed_pending(db: sqlite_utils.Database, encoder: encoding.Encoder,
                  progress: Callable[[Iterator, int], Iterable] | None = None) -> int:
    """Embed every claim without a vector, a batch per transaction; returns how many."""
    vectors.adopt_model(db, encoder.key)
    done, total = vectors.counts(db)
    todo = total - done
    batches = (vectors.missing(db, BATCH) for _ in iter(int, 1))
    made = 0
    sized = _sized(batches, todo)
    steps: Iterable = progress(sized, -(-todo // BATCH)) if progress else sized
    for batch in steps:
        encoded = encoder.encode([text for _, text in batch])
        with writing(db):
            vectors.write(db, [(cid, v) for (cid, _), v in zip(batch, encoded, strict=True)])
        made += len(batch)
    return made


def _sized(batches: Iterator[list], todo: int) -> Iterator[list]:
    """Batches until none is left; a progress bar counts claims, so yield per claim count."""
    left = todo
    for batch in batches:
        if not batch or left <= 0:
            return
        left -= len(batch)
        yield batch
