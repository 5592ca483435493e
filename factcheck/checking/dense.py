"""Nearest claims by cosine over every stored vector, brute force in numpy.

The vectors live in the SQLite file; the index is a float32 matrix saved beside it
(`<db>.vectors/<generation>.npy`) and memory-mapped, so several server workers share one
copy through the page cache instead of each holding its own. A write bumps the store's
vector generation; the next check sees it and maps the matching file (building it, under a
lock, when no process has yet).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sqlite_utils
from filelock import FileLock

from ..store import vectors


@dataclass
class Index:
    generation: int
    model: str
    ids: np.ndarray  # sorted claim ids
    matrix: np.ndarray  # float32 (n, dim), memory-mapped

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(claim id, cosine) of the k nearest claims, best first."""
        if not len(self.ids):
            return []
        scores = self.matrix @ query.astype(np.float32)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(self.ids[i]), float(scores[i])) for i in top]

    def search_many(self, queries: np.ndarray, k: int) -> list[list[tuple[int, float]]]:
        """The k nearest claims of each query row: one pass over the matrix for them all."""
        if not len(self.ids) or not len(queries):
            return [[] for _ in range(len(queries))]
        k = min(k, len(self.ids))
        # (queries, claims), each row contiguous: partitioning along rows is the fast way.
        scores = queries.astype(np.float32) @ self.matrix.T
        top = np.argpartition(scores, -k, axis=1)[:, -k:]
        out = []
        for row, chosen in zip(scores, top, strict=True):
            chosen = chosen[np.argsort(-row[chosen], kind="stable")]
            out.append([(int(self.ids[i]), float(row[i])) for i in chosen])
        return out

    def cosines(self, query: np.ndarray, claim_ids: list[int]) -> dict[int, float]:
        """Cosine of the query with some claims (those that have vectors)."""
        wanted = np.asarray(claim_ids, dtype=np.int64)
        rows = np.searchsorted(self.ids, wanted)
        rows = np.clip(rows, 0, max(len(self.ids) - 1, 0))
        found = (self.ids[rows] == wanted) if len(self.ids) else np.zeros(0, dtype=bool)
        scores = self.matrix[rows[found]] @ query.astype(np.float32)
        return dict(zip(wanted[found].tolist(), scores.tolist(), strict=True))


_CACHE: dict[str, Index] = {}
# Statements are embedded in small batches: on 2 cores 50 draft sentences took 285 ms in
# batches of 8 and 540 ms in batches of 64 (attention grows with the padded length).
QUERY_BATCH = 8


def index_for(db: sqlite_utils.Database, db_path: str | Path, dim: int) -> Index:
    """The current index of a store, mapped once per process and generation."""
    generation, model = vectors.generation(db), vectors.model_key(db)
    key = str(Path(db_path).resolve())
    found = _CACHE.get(key)
    if found is None or found.generation != generation or found.model != model:
        found = _CACHE[key] = _load(db, key, generation, model, dim)
    return found


def _folder(db_path: str) -> Path:
    """Beside the database where it can write; a replica on a read-only disk uses /tmp."""
    beside = Path(db_path + ".vectors")
    try:
        beside.mkdir(exist_ok=True)
        if os.access(beside, os.W_OK):
            return beside
    except OSError:
        pass
    tag = _digest(db_path)
    fallback = Path(tempfile.gettempdir()) / f"factcheck-vectors-{tag}"
    fallback.mkdir(exist_ok=True)
    return fallback


def _load(db: sqlite_utils.Database, db_path: str, generation: int, model: str,
          dim: int) -> Index:
    folder = _folder(db_path)
    stem = folder / f"{generation}-{_digest(model)}"
    matrix_file, ids_file = stem.with_suffix(".npy"), stem.with_suffix(".ids.npy")
    with FileLock(str(folder / "build.lock")):
        if not matrix_file.exists():
            ids, matrix = vectors.read_all(db, dim)
            _save(ids_file, ids)
            _save(matrix_file, matrix)
            for old in folder.glob("*.npy"):  # earlier generations: nobody maps them next
                if _generation_of(old) < generation:
                    old.unlink(missing_ok=True)
        # Mapped under the lock: another process removes old files only under it, and a
        # file unlinked once mapped stays readable (the soak caught a 500 here).
        ids = np.load(ids_file)
        matrix = np.load(matrix_file, mmap_mode="r")
    return Index(generation, model, ids, matrix)


def _generation_of(path: Path) -> int:
    """The generation an index file was built for (its name starts with it)."""
    head = path.name.split("-", 1)[0]
    return int(head) if head.isdigit() else -1


def _digest(text: str) -> str:
    """A stable short name (str hashes differ between processes)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _save(path: Path, array: np.ndarray) -> None:
    """Write whole or not at all: a reader never maps half a file."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as handle:
        np.save(handle, array)
    os.replace(tmp, path)


@dataclass
class Dense:
    """The semantic stage of a check: an encoder and the store's vector index."""

    encoder: object  # factcheck.encoder.Encoder
    db_path: str

    def index(self, db: sqlite_utils.Database) -> Index | None:
        """The store's vector index, or None when its vectors are of another model (or
        there are none): the check is then lexical only."""
        if vectors.model_key(db) != self.encoder.key:
            return None
        index = index_for(db, self.db_path, self.encoder.dim)
        return index if len(index.ids) else None

    def encode(self, texts: list[str]) -> np.ndarray:
        """Statement vectors, one embedding batch for all the texts."""
        return self.encoder.encode(texts, batch=QUERY_BATCH)

    def prepare(self, db: sqlite_utils.Database, texts: list[str]):
        """(statement vectors, index), or (None, None) when the check is lexical only."""
        index = self.index(db)
        return (None, None) if index is None else (self.encode(texts), index)
