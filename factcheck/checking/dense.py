"""Nearest claims by cosine over every stored vector, in numpy.

The vectors live in the SQLite file; the index is a float32 matrix saved beside it
(`<db>.vectors/<generation>.npy`) and memory-mapped, so several server workers share one
copy through the page cache instead of each holding its own. A write bumps the store's
vector generation; the next check sees it and maps the matching file (building it, under a
lock, when no process has yet). A small store is scanned whole; a large one is grouped into
inverted lists (`ivf`) of which a query scans the nearest few.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sqlite_utils
from filelock import FileLock

from ..store import vectors
from . import indexfiles, ivf


@dataclass
class Index:
    generation: int
    model: str
    ids: np.ndarray  # claim id of each matrix row (sorted, unless grouped into lists)
    matrix: np.ndarray  # float32 (n, dim), memory-mapped
    offsets: np.ndarray | None = None  # inverted lists: rows offsets[i]:offsets[i + 1]
    centroids: np.ndarray | None = None
    reduced: np.ndarray | None = None  # the rows in `directions`, memory-mapped (`ivf`)
    directions: np.ndarray | None = None

    def __post_init__(self):
        self._by_id = np.argsort(self.ids, kind="stable")  # row of each id, in id order
        self._sorted = self.ids[self._by_id]

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(claim id, cosine) of the k nearest claims, best first."""
        if not len(self.ids):
            return []
        query = query.astype(np.float32)
        if self.centroids is not None:
            rows, scores = ivf.search(self.matrix, query, offsets=self.offsets,
                                      centroids=self.centroids, k=k, reduced=self.reduced,
                                      directions=self.directions)
            return list(zip(self.ids[rows].tolist(), scores.tolist(), strict=True))
        scores = self.matrix @ query
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(self.ids[i]), float(scores[i])) for i in top]

    def search_many(self, queries: np.ndarray, k: int) -> list[list[tuple[int, float]]]:
        """The k nearest claims of each query row: one pass over the matrix for them all
        (a few lists each, when the index has them)."""
        if not len(self.ids) or not len(queries):
            return [[] for _ in range(len(queries))]
        if self.centroids is not None:
            return [self.search(query, k) for query in queries]
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
        at = np.clip(np.searchsorted(self._sorted, wanted), 0, max(len(self.ids) - 1, 0))
        found = (self._sorted[at] == wanted) if len(self.ids) else np.zeros(0, dtype=bool)
        scores = self.matrix[self._by_id[at[found]]] @ query.astype(np.float32)
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


def _load(db: sqlite_utils.Database, db_path: str, generation: int, model: str,
          dim: int) -> Index:
    folder = indexfiles.folder(db_path, ".vectors")
    stem = folder / f"{generation}-{indexfiles.digest(model)}"
    files = {part: stem.with_suffix(f"{part}.npy")
             for part in ("", ".ids", ".lists", ".centroids", ".reduced", ".directions")}
    with FileLock(str(folder / "build.lock")):
        if not files[""].exists():
            _build(db, folder, files, generation, dim)
        elif files[".lists"].exists() and not files[".directions"].exists():
            _first_pass(files, np.load(files[""], mmap_mode="r"))  # written by older code
        # Mapped under the lock: another process removes old files only under it, and a
        # file unlinked once mapped stays readable (the soak caught a 500 here).
        ids = np.load(files[".ids"])
        matrix = np.load(files[""], mmap_mode="r")
        grouped = files[".lists"].exists() and files[".centroids"].exists()
        offsets = np.load(files[".lists"]) if grouped else None
        centroids = np.load(files[".centroids"]) if grouped else None
        first = grouped and files[".directions"].exists()  # (vectors long enough)
        reduced = np.load(files[".reduced"], mmap_mode="r") if first else None
        directions = np.load(files[".directions"]) if first else None
    return Index(generation, model, ids, matrix, offsets, centroids, reduced, directions)


def _build(db: sqlite_utils.Database, folder: Path, files: dict[str, Path], generation: int,
           dim: int) -> None:
    """Write a generation's index files (under the build lock), then drop older ones."""
    ids, matrix = vectors.read_all(db, dim)
    lists = ivf.lists_for(len(ids))
    if lists:
        order, offsets, centroids = ivf.build(matrix, lists, centroids=_earlier_centroids(
            folder, files[".centroids"], lists))
        ids, matrix = ids[order], matrix[order]
        indexfiles.save(files[".lists"], offsets)
        indexfiles.save(files[".centroids"], centroids)
        _first_pass(files, matrix)
    indexfiles.save(files[".ids"], ids)
    indexfiles.save(files[""], matrix)  # last: its presence says the index is whole
    for old in folder.glob("*.npy"):  # earlier generations: nobody maps them next
        if indexfiles.generation_of(old) < generation:
            old.unlink(missing_ok=True)


def _first_pass(files: dict[str, Path], matrix: np.ndarray) -> None:
    """The grouped rows in their principal directions, which a query's lists are scanned in
    first (`ivf.search`); none for vectors too short to gain by it."""
    directions = ivf.basis(matrix)
    if directions is not None:
        indexfiles.save(files[".reduced"], ivf.reduce(matrix, directions))
        indexfiles.save(files[".directions"], directions)  # last: says the pair is whole


def _earlier_centroids(folder: Path, target: Path, lists: int) -> np.ndarray | None:
    """The newest earlier generation's centroids of the same model, while the store has not
    grown or shrunk by half: a write then costs an assignment, not a k-means (~6 s)."""
    model_part = target.name.split("-", 1)[1]
    earlier = [p for p in folder.glob(f"*-{model_part}")
               if indexfiles.generation_of(p) < indexfiles.generation_of(target)]
    if not earlier:
        return None
    try:
        centroids = np.load(max(earlier, key=indexfiles.generation_of))
    except (OSError, ValueError):
        return None
    return centroids if lists / 2 <= len(centroids) <= lists * 2 else None


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

    @property
    def words(self) -> frozenset[str]:
        """Words the model knows whole: real words, never respelled as typos."""
        return self.encoder.words

    def encode(self, texts: list[str]) -> np.ndarray:
        """Statement vectors, one embedding batch for all the texts."""
        return self.encoder.encode(texts, batch=QUERY_BATCH)

    def prepare(self, db: sqlite_utils.Database, texts: list[str]):
        """(statement vectors, index), or (None, None) when the check is lexical only."""
        index = self.index(db)
        return (None, None) if index is None else (self.encode(texts), index)
