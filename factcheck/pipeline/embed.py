"""Sentence vectors for claims: in the ingest workers, for imports and the write API, and
`factcheck embed` for whatever is missing (resumable: each batch commits on its own)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from .. import encoder as encoding
from ..store import vectors, writing

BATCH = 256  # claims embedded and committed together by `embed_pending` and `embed_all`
# Claims read at a time; sorted by length inside, so that a model call pads
# little (news claims: 195 a second in windows of 6,000 against 186 in windows of 256).
WINDOW = 4096
# Below this many missing vectors one process embeds them: a pool and a model load per
# worker (~1 s) would cost more than they save.
PARALLEL_MIN = 2048


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
    """Embed every claim without a vector in this process, a batch per transaction;
    returns how many."""
    return _embed(db, encoder.key, lambda texts: map(encoder.encode, texts), progress)


def embed_all(db: sqlite_utils.Database, semantic: Semantic, *, workers: int | None = None,
              progress: Callable[[Iterator, int], Iterable] | None = None) -> int:
    """Embed every claim without a vector, in worker processes when there are many.

    Each worker runs the model on one thread: one small batch cannot keep two threads
    busy, so on 2 cores two processes embed news claims faster than one process on two
    threads (int8 428-479 a second against 396, fp32 193-202 against 163). Resumable as
    `embed_pending` is.
    """
    key = semantic.key()
    if key is None:
        return 0
    vectors.adopt_model(db, key)
    done, total = vectors.counts(db)
    workers = workers if workers is not None else os.cpu_count() or 1
    if workers < 2 or total - done < PARALLEL_MIN:
        encoder = semantic.load()
        return embed_pending(db, encoder, progress) if encoder else 0
    _WORKER[0] = semantic
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return _embed(db, key, lambda texts: pool.imap(_encode, texts), progress)


_WORKER: list[Semantic | None] = [None]  # what a pool worker loads (after the fork)


def _encode(texts: list[str]):
    """A pool worker's batch: its own encoder, one ONNX thread (the workers share cores)."""
    encoder = _WORKER[0].load(threads=1)
    return encoder.encode(texts)


Run = Callable[[list[list[str]]], Iterator]  # batches of texts -> their vectors, in order


def _embed(db: sqlite_utils.Database, key: str, run: Run,
           progress: Callable[[Iterator, int], Iterable] | None) -> int:
    """Vectors for every claim lacking one, each batch written in its own transaction."""
    vectors.adopt_model(db, key)
    done, total = vectors.counts(db)
    encoded = _encoded(db, total - done, run)
    steps: Iterable = progress(encoded, -(-(total - done) // BATCH)) if progress else encoded
    made = 0
    for ids, vecs in steps:
        with writing(db):
            vectors.write(db, list(zip(ids, vecs, strict=True)))
        made += len(ids)
    return made


def _encoded(db: sqlite_utils.Database, todo: int, run: Run) -> Iterator[tuple[list, object]]:
    """(claim ids, vectors) a batch at a time. Claims are read a window at a time by id and
    sorted by length; the next window is handed to `run` before this one's vectors are
    taken, so that a pool's workers never wait at a window's end."""
    after, left, current = 0, todo, None
    while True:
        queued = None
        rows = vectors.missing(db, min(WINDOW, left), after=after) if left > 0 else []
        if rows:
            after, left = rows[-1][0], left - len(rows)
            rows.sort(key=lambda row: len(row[1]))
            batches = [rows[i:i + BATCH] for i in range(0, len(rows), BATCH)]
            queued = (batches, run([[t for _, t in b] for b in batches]))
        if current:
            for batch, vecs in zip(*current, strict=True):
                yield [cid for cid, _ in batch], vecs
        if queued is None:
            return
        current = queued
