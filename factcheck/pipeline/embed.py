"""Sentence vectors for claims: in the ingest workers, for imports and the write API, and
`factcheck embed` for whatever is missing (resumable: each batch commits on its own)."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
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
    for batch in steps:
        with writing(db):
            vectors.write(db, list(zip(batch.ids, batch.vectors, strict=True)))
            vectors.copy(db, batch.copies)
        made += len(batch.ids) + len(batch.copies)
    return made


@dataclass
class Planned:
    """A batch of claims: the distinct texts the model must embed, and for each claim where
    its vector comes from."""

    texts: list[str] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)  # claims given a vector computed here
    rows: list[int] = field(default_factory=list)  # of each of those, its text's index
    copies: list[tuple[int, int]] = field(default_factory=list)  # (claim, earlier claim)
    vectors: object = None  # filled in when the model has run


def plan(batch: list[tuple[int, str]], first: dict[bytes, int]) -> Planned:
    """A batch's work: a text embedded earlier in this run is copied from that claim's
    stored vector, and one given twice is embedded once (the news corpus repeats 6% of its
    sentences: agency copy, an article filed twice). `first`: text digest -> the claim
    that embedded it, updated here."""
    out, here = Planned(), {}
    for cid, text in batch:
        key = hashlib.blake2b(text.encode(), digest_size=16).digest()
        if key not in here and key in first:
            out.copies.append((cid, first[key]))
            continue
        if key not in here:
            here[key], first[key] = len(out.texts), cid
            out.texts.append(text)
        out.ids.append(cid)
        out.rows.append(here[key])
    return out


def _encoded(db: sqlite_utils.Database, todo: int, run: Run) -> Iterator[Planned]:
    """Each batch with its vectors, in order. Claims are read a window at a time by id and
    sorted by length; the next window is handed to `run` before this one's vectors are
    taken, so that a pool's workers never wait at a window's end. A batch is written
    before the next is yielded, so a copy's source vector is always stored by then."""
    after, left, current, first = 0, todo, None, {}
    while True:
        queued = None
        rows = vectors.missing(db, min(WINDOW, left), after=after) if left > 0 else []
        if rows:
            after, left = rows[-1][0], left - len(rows)
            rows.sort(key=lambda row: len(row[1]))
            batches = [plan(rows[i:i + BATCH], first) for i in range(0, len(rows), BATCH)]
            queued = (batches, run([b.texts for b in batches]))
        if current:
            for batch, vecs in zip(*current, strict=True):
                batch.vectors = np.asarray(vecs)[batch.rows] if batch.ids else []
                yield batch
        if queued is None:
            return
        current = queued
