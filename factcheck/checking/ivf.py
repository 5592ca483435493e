"""An inverted-file index over unit vectors: spherical k-means lists, a few of them probed.

A brute-force scan of 160k vectors is a 245 MB matrix product per query (10-20 ms on 2
cores, memory-bound). Grouping the vectors by their nearest centroid and scanning only the
lists nearest the query reads a few per cent of them; the lists probed are chosen so that
the exact neighbours are almost always among those scanned (measured in
`bench/latency.py`). Below `MIN_VECTORS` the exact scan is cheap and is what runs.

The probed lists are first scored in fewer dimensions (the vectors' principal directions,
a third of the bytes to read), and only the best few hundred rows are scored exactly: the
scan is bound by memory, so this reads more lists in less time than the exact scan of
fewer (measured in bench/README.md, "Check latency").
"""

from __future__ import annotations

import numpy as np

MIN_VECTORS = 50_000  # below this an exact scan takes under ~3 ms
PER_LIST = 200  # vectors a list holds on average
# Of the lists scanned per query (at least MIN_PROBE). Measured over the news corpus
# (159k vectors, 500 derived statements; bench/lists.py): 16% of 796 lists, first pass and
# 600 rescored, finds 98.3% of the exact top 10 and 96.5% of the top 100 in 2.2 ms, against
# 13.5 ms for the exact scan and 3.6 ms for 12% scanned in full (97.9%, 96.3%).
PROBE_SHARE = 0.16
MIN_PROBE = 16
REDUCED = 128  # dimensions of the first pass (of MiniLM's 384; 79% of the variance)
RESCORED = 600  # rows of the first pass scored again in full (at least 6 a neighbour)
BASIS_SAMPLE = 50_000  # vectors the principal directions are found from
TRAIN_PER_LIST = 64  # k-means sample: this many vectors a centroid
ITERATIONS = 12
MAX_SKEW = 10.0  # an earlier generation's centroids are kept while no list outgrows this
CHUNK = 16_384  # rows assigned at a time, to bound the score matrix's memory


def lists_for(count: int) -> int:
    """How many lists an index of `count` vectors gets (0: exact search)."""
    return 0 if count < MIN_VECTORS else max(1, count // PER_LIST)


def probes(lists: int) -> int:
    """How many lists a query scans."""
    return min(lists, max(MIN_PROBE, round(PROBE_SHARE * lists)))


def nearest_centroid(matrix: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    """Each row's best centroid by dot product, in chunks."""
    out = np.empty(len(matrix), dtype=np.int64)
    for start in range(0, len(matrix), CHUNK):
        block = np.asarray(matrix[start:start + CHUNK], dtype=np.float32)
        out[start:start + CHUNK] = np.argmax(block @ centroids.T, axis=1)
    return out


def train(matrix: np.ndarray, lists: int, seed: int = 0) -> np.ndarray:
    """Spherical k-means centroids (unit rows) from a sample of the matrix; deterministic."""
    rng = np.random.default_rng(seed)
    size = min(len(matrix), lists * TRAIN_PER_LIST)
    sample = np.asarray(matrix[np.sort(rng.choice(len(matrix), size, replace=False))],
                        dtype=np.float32)
    centroids = sample[rng.choice(size, lists, replace=False)].copy()
    for _ in range(ITERATIONS):
        assigned = nearest_centroid(sample, centroids)
        sums = np.zeros_like(centroids)
        np.add.at(sums, assigned, sample)
        empty = ~sums.any(axis=1)
        # An empty list takes a random sample vector: every centroid keeps some vectors.
        sums[empty] = sample[rng.choice(size, int(empty.sum()))]
        centroids = sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)
    return centroids


def build(matrix: np.ndarray, lists: int, *, centroids: np.ndarray | None = None
          ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row order grouping the vectors by list, list offsets into that order, centroids):
    trained here unless given (an earlier generation's) and still fitting the vectors."""
    assigned = None
    if centroids is not None:
        assigned = nearest_centroid(matrix, centroids)
        if not fits(assigned, len(centroids)):
            centroids = assigned = None  # another corpus's lists: train anew
    if centroids is None:
        centroids = train(matrix, lists)
        assigned = nearest_centroid(matrix, centroids)
    lists = len(centroids)
    order = np.argsort(assigned, kind="stable")
    offsets = np.searchsorted(assigned[order], np.arange(lists + 1)).astype(np.int64)
    return order, offsets, centroids


def basis(matrix: np.ndarray, dims: int = REDUCED, seed: int = 0) -> np.ndarray | None:
    """The vectors' `dims` principal directions (rows), from a sample; None where vectors
    are too short for a first pass to save reading."""
    if matrix.shape[1] < 2 * dims:
        return None
    rng = np.random.default_rng(seed)
    size = min(len(matrix), BASIS_SAMPLE)
    sample = np.asarray(matrix[np.sort(rng.choice(len(matrix), size, replace=False))],
                        dtype=np.float64)
    sample -= sample.mean(axis=0)
    _, directions = np.linalg.eigh(sample.T @ sample)  # ascending variance
    return np.ascontiguousarray(directions[:, ::-1][:, :dims].T, dtype=np.float32)


def reduce(matrix: np.ndarray, directions: np.ndarray) -> np.ndarray:
    """Each row in the principal directions, in chunks (the first pass's matrix)."""
    out = np.empty((len(matrix), len(directions)), dtype=np.float32)
    for start in range(0, len(matrix), CHUNK):
        out[start:start + CHUNK] = np.asarray(matrix[start:start + CHUNK]) @ directions.T
    return out


def fits(assigned: np.ndarray, lists: int) -> bool:
    """Whether centroids still spread the vectors: no list holds more than MAX_SKEW times
    the average (trained ones on the news corpus: at most 3.9 times). A store replaced by
    one of other topics piles its vectors into a few lists, which a probe then misses."""
    sizes = np.bincount(assigned, minlength=lists)
    return bool(sizes.max() <= MAX_SKEW * max(1.0, len(assigned) / lists))


def search(matrix: np.ndarray, query: np.ndarray, *, offsets: np.ndarray,
           centroids: np.ndarray, k: int, reduced: np.ndarray | None = None,
           directions: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(rows, scores) of the k best vectors in the lists nearest the query, best first.

    With `reduced` (the rows in `directions`), the lists are scanned there and the best
    RESCORED rows scored again in full; without, they are scanned in full."""
    count = probes(len(centroids))
    chosen = np.sort(np.argpartition(-(centroids @ query), count - 1)[:count])
    starts, ends = offsets[chosen], offsets[chosen + 1]
    plain = matrix.view(np.ndarray)  # slicing a memmap subclass costs more than the product
    first = plain if reduced is None else reduced.view(np.ndarray)
    probe = query if reduced is None else directions @ query
    # Each list is a contiguous slice: scored where it lies, the vectors are never copied.
    scores = np.concatenate([first[lo:hi] @ probe
                             for lo, hi in zip(starts.tolist(), ends.tolist(), strict=True)])
    top = _best(scores, k if reduced is None else max(k, RESCORED), ordered=reduced is None)
    rows = _rows(top, starts, ends)
    if reduced is None:
        return rows, scores[top]
    rows = np.sort(rows)  # read in the order the rows lie
    exact = plain[rows] @ query
    best = _best(exact, k)
    return rows[best], exact[best]


def _best(scores: np.ndarray, k: int, *, ordered: bool = True) -> np.ndarray:
    """Positions of the k highest scores, highest first (ties by position) if `ordered`."""
    k = min(k, len(scores))
    if not k:
        return np.zeros(0, dtype=np.int64)
    top = np.argpartition(-scores, k - 1)[:k]
    return top[np.argsort(-scores[top], kind="stable")] if ordered else top


def _rows(top: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Matrix rows of positions in the concatenation of the lists' slices."""
    ends_at = np.cumsum(ends - starts)
    lst = np.searchsorted(ends_at, top, side="right")
    return starts[lst] + top - (ends_at[lst] - (ends - starts)[lst])
