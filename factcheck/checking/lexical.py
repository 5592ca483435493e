"""BM25 over every claim in numpy: the check's lexical candidates, with every term counted.

FTS5's bm25() costs ~1.4 us for each matching row, so a statement of common words took
24 ms whole on the news corpus and the check sent only its rarest terms, losing recall. The
same formula as FTS5's (k1 1.2, b 0.75, claim and context as one text, FTS5's own porter
stems) over postings saved beside the store takes about a millisecond with every term.

The postings are built for a state of the claims (`store.lexical`) and memory-mapped, so
server workers share one copy. Claims added since are scored beside them (`newer`);
the postings are rebuilt, under a lock, once additions and deletions pass a share of the
claims or a claim's text changed in place.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import sqlite_utils
from filelock import FileLock

from ..store import lexical as claims
from . import indexfiles

K1, B = 1.2, 0.75  # FTS5's bm25()
STALE_SHARE = 0.10  # claims added or deleted since a build, past which it is rebuilt
TOKEN = re.compile(r"[^\W_]+")  # unicode61's tokens: letters and digits
_PARTS = ("ids", "offsets", "rows", "weights")
log = logging.getLogger(__name__)


@dataclass
class Postings:
    state: claims.ClaimsState  # the claims they were built for
    tail: str  # digest of the last claim's text then: a store copied over this one differs
    ids: np.ndarray  # claim id of each row, increasing
    offsets: np.ndarray  # term t's postings are offsets[t]:offsets[t + 1]
    rows: np.ndarray  # int32: the row each posting is in
    weights: np.ndarray  # float32: BM25's term-frequency part, per posting
    terms: dict[str, int]  # stem -> term number
    avgdl: float | None = None  # mean claim length in stems at the build (older builds: none)

    def search(self, stems: list[str], limit: int) -> list[tuple[int, float]]:
        """(claim id, bm25 as FTS5 gives it: negative, lower better), best first."""
        # As FTS5 scores an OR of phrases: 'run' and 'running' each count.
        chosen = [self.terms[s] for s in stems if s in self.terms]
        if not chosen or limit <= 0:
            return []
        n = len(self.ids)
        rows, weights = [], []
        for term in chosen:
            start, end = int(self.offsets[term]), int(self.offsets[term + 1])
            idf = math.log((n - (end - start) + 0.5) / (end - start + 0.5))
            rows.append(self.rows[start:end])
            weights.append(self.weights[start:end] * max(idf, 1e-6))
        scores = np.bincount(np.concatenate(rows), weights=np.concatenate(weights),
                             minlength=n)
        hit = np.nonzero(scores > 0)[0]  # six times faster than flatnonzero here
        k = min(limit, len(hit))
        if not k:
            return []
        top = hit[np.argpartition(-scores[hit], k - 1)[:k]]
        top = top[np.lexsort((top, -scores[top]))]  # ties: the older claim first
        return [(int(self.ids[r]), -float(scores[r])) for r in top]


def _digest(norm: str | None) -> str:
    return hashlib.sha256((norm or "").encode("utf-8")).hexdigest()[:16]


def usable(found: Postings, now: claims.ClaimsState, tail: str | None = None) -> bool:
    """Whether postings built earlier still serve the store as it is now."""
    was = found.state
    if was.floor != now.floor or was.max_id > now.max_id or was.deleted > now.deleted:
        return False
    drift = (now.max_id - was.max_id) + (now.deleted - was.deleted)
    return drift <= STALE_SHARE * len(found.ids) and (tail is None or tail == found.tail)


def _serves(db: sqlite_utils.Database, found: Postings, now: claims.ClaimsState) -> bool:
    """`usable`, with the last claim they hold still the one they were built from."""
    return usable(found, now, _digest(claims.claim_norm(db, found.state.max_id)))


_CACHE: dict[str, Postings] = {}


def index_for(db: sqlite_utils.Database) -> tuple[Postings, claims.ClaimsState] | None:
    """The postings for the store (mapped once per process, built when none serve) and its
    state now; None for a store in memory."""
    path = claims.db_file(db)
    if not path:
        return None
    now = claims.state(db)
    found = _CACHE.get(path)
    if found is None or not _serves(db, found, now):
        try:
            found = _CACHE[path] = _load(db, path, now)
        except OSError as error:  # no room for the files: FTS5 ranks alone, slower
            log.warning("BM25 postings for %s not built (%s): ranking in FTS5", path, error)
            return None
    return found, now


def _load(db: sqlite_utils.Database, path: str, now: claims.ClaimsState, *,
          upgrade: bool = False) -> Postings:
    """The newest postings on disk that serve `now`, or new ones (under the build lock).
    `upgrade`: not postings built before they kept their mean length."""
    folder = indexfiles.folder(path, ".lexical")
    with FileLock(str(folder / "build.lock")):
        for meta in sorted(folder.glob("*.meta.json"), key=indexfiles.generation_of,
                           reverse=True):
            found = _mapped(meta)
            if found and _serves(db, found, now) and not (upgrade and found.avgdl is None):
                return found
        meta = _build(db, folder, now)
        for old in folder.iterdir():  # nobody maps these next; a mapped one stays readable
            if old.name.endswith((".npy", ".json", ".txt")) and not old.name.startswith(
                    meta.name.removesuffix(".meta.json") + "."):
                old.unlink(missing_ok=True)
        return _mapped(meta)


def _mapped(meta: Path) -> Postings | None:
    stem = meta.name.removesuffix(".meta.json")
    try:
        info = json.loads(meta.read_text(encoding="utf-8"))
        # Plain ndarray views of the maps: np.memmap's slicing hooks cost ~0.1 ms a check.
        arrays = {part: np.load(meta.with_name(f"{stem}.{part}.npy"),
                                mmap_mode="r").view(np.ndarray) for part in _PARTS}
        words = meta.with_name(f"{stem}.terms.txt").read_text(encoding="utf-8")
    except (OSError, ValueError, KeyError):
        return None
    terms = {w: i for i, w in enumerate(words.split("\n"))} if words else {}
    return Postings(claims.ClaimsState(**info["state"]), info["tail"], terms=terms,
                    avgdl=info.get("avgdl"), **arrays)


def _build(db: sqlite_utils.Database, folder: Path, now: claims.ClaimsState) -> Path:
    """Write postings for the claims up to `now.max_id`; the meta file last, as the sign
    that the rest is whole. Its name starts with the largest id, newest first."""
    ids, row_of, stem_of, terms = _tokens(db, now.max_id)
    n = len(ids)
    lengths = np.bincount(row_of, minlength=n) if n else np.zeros(0, np.int64)
    key = np.unique(stem_of.astype(np.int64) * max(n, 1) + row_of, return_counts=True)
    term, rows = np.divmod(key[0], max(n, 1))
    tf = key[1].astype(np.float64)
    avgdl = max(float(lengths.mean()) if n else 0.0, 1e-9)
    weights = tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[rows] / avgdl))
    stem = f"{now.max_id}-{now.floor}-{now.deleted}"
    arrays = {"ids": np.asarray(ids, dtype=np.int64),
              "offsets": np.searchsorted(term, np.arange(len(terms) + 1)).astype(np.int64),
              "rows": rows.astype(np.int32), "weights": weights.astype(np.float32)}
    for part, array in arrays.items():
        indexfiles.save(folder / f"{stem}.{part}.npy", array)
    indexfiles.save_text(folder / f"{stem}.terms.txt", "\n".join(terms))
    meta = folder / f"{stem}.meta.json"
    indexfiles.save_text(meta, json.dumps({"state": asdict(now), "tail": _digest(
        claims.claim_norm(db, now.max_id)), "avgdl": avgdl}))
    return meta


def _tokens(db: sqlite_utils.Database, up_to: int):
    """(claim ids, row of each token, stem number of each token, stems in number order)."""
    ids, counts, raw_of = [], [], []
    raw: dict[str, int] = {}
    for claim_id, norm, context in claims.claim_texts(db, up_to):
        words = TOKEN.findall(f"{norm} {context}".lower())
        ids.append(claim_id)
        counts.append(len(words))
        raw_of += [raw.setdefault(w, len(raw)) for w in words]  # len: before it is added
    stems = claims.porter_stems(raw)
    numbers: dict[str, int] = {}
    # A word is mostly one stem; one of several tokens (or none) is spread out below.
    per_word = [[numbers.setdefault(s, len(numbers)) for s in stems[w]] for w in raw]
    widths = np.asarray([len(p) for p in per_word], dtype=np.int64)
    flat = np.asarray([s for p in per_word for s in p], dtype=np.int64)
    starts = np.cumsum(widths) - widths
    raw_arr = np.asarray(raw_of, dtype=np.int64)
    row_of = np.repeat(np.arange(len(ids), dtype=np.int64), counts)
    each = widths[raw_arr] if len(raw_arr) else np.zeros(0, np.int64)
    first = np.repeat(starts[raw_arr] if len(raw_arr) else each, each)
    within = np.arange(int(each.sum())) - np.repeat(np.cumsum(each) - each, each)
    return ids, np.repeat(row_of, each), flat[first + within] if len(flat) else first, list(numbers)


def prepare(db: sqlite_utils.Database) -> None:
    """Build the postings after a bulk load, so that the first check does not wait for it
    (~3 s at 160k claims). Postings built before they kept their mean length are built
    again here, where the store is being written anyway: claims written since need it to be
    scored beside them (`newer`), and a read-only replica keeps serving the old ones."""
    found = index_for(db)
    if found is not None and found[0].avgdl is None:
        path = claims.db_file(db)
        _CACHE[path] = _load(db, path, found[1], upgrade=True)
