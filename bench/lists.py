"""The inverted lists against the exact scan: neighbours found and time a query, by setting.

    python bench/lists.py          # results/news.db (bench/ingest_speed.py leaves it embedded)
    python bench/lists.py --quick  # 200 articles in small lists (the test suite runs this)

Statements are `latency.py`'s (derived from stored claims, off-topic ones left out, as they
have no claim of their own). For each setting, the share of the exact scan's nearest 1,
10 and 100 that the search returns among its 100, and the median time of one search.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS, semantic, table, write_result  # noqa: E402
from latency import build, corpus_files, statements  # noqa: E402

from factcheck import store as dbmod  # noqa: E402
from factcheck.checking import ivf  # noqa: E402
from factcheck.checking.dense import Dense  # noqa: E402

# (share of lists probed, rows rescored in full; None: the lists scanned in full)
SETTINGS = ((0.12, None), (0.16, None), (0.12, 600), (0.16, 400), (0.16, 600), (0.16, 1000),
            (0.20, 600))


def sweep(index, queries: np.ndarray) -> list[dict]:
    plain = index.matrix.view(np.ndarray)
    exact = [np.argsort(-(plain @ q))[:100] for q in queries]
    rows = [_row("exact scan", "all", exact, queries,
                 lambda q: np.argpartition(-(plain @ q), 99)[:100])]
    shared = (ivf.PROBE_SHARE, ivf.RESCORED)
    try:
        for share, rescored in SETTINGS:
            ivf.PROBE_SHARE, ivf.RESCORED = share, rescored or ivf.RESCORED
            first = {} if rescored is None else {"reduced": index.reduced,
                                                 "directions": index.directions}
            label = f"{share:.0%} ({ivf.probes(len(index.centroids))})"
            rows.append(_row("in full" if rescored is None else f"first pass, {rescored} rescored",
                             label, exact, queries, lambda q, first=first: ivf.search(
                                 index.matrix, q, offsets=index.offsets,
                                 centroids=index.centroids, k=100, **first)[0]))
    finally:
        ivf.PROBE_SHARE, ivf.RESCORED = shared
    return rows


def _row(method: str, probed: str, exact: list, queries: np.ndarray, search) -> dict:
    times, top1, top10, top100 = [], 0, 0, 0
    for q, best in zip(queries, exact, strict=True):
        began = time.perf_counter()
        found = set(np.asarray(search(q)).tolist())
        times.append(time.perf_counter() - began)
        top1 += int(best[0]) in found
        top10 += len(found & set(best[:10].tolist()))
        top100 += len(found & set(best.tolist()))
    n = len(queries)
    return {"method": method, "probed": probed, "top 1": round(top1 / n, 3),
            "top 10": round(top10 / (10 * n), 3), "top 100": round(top100 / (100 * n), 3),
            "ms": round(1000 * statistics.median(times), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.quick:  # lists of ~10 from a few thousand vectors, so that they exist
            ivf.MIN_VECTORS, ivf.PER_LIST = 500, 10
        db_path = build(200, corpus_files(), Path(tmp)) if args.quick else RESULTS / "news.db"
        rows, summary = run(db_path, 50 if args.quick else 500)
    print(summary)
    print(table(rows, ["method", "probed", "top 1", "top 10", "top 100", "ms"]))
    name = "lists-quick" if args.quick else "lists"
    print(f"\nwrote {write_result(name, {'summary': summary, 'rows': rows})}")


def run(db_path: Path, count: int) -> tuple[list[dict], str]:
    conn = dbmod.connect(db_path, readonly=True)
    dense = Dense(semantic(RESULTS / "models").load(0), str(db_path))
    index = dense.index(conn)
    if index is None or index.centroids is None or index.reduced is None:
        sys.exit(f"{db_path}: no embedded store above {ivf.MIN_VECTORS:,} vectors; "
                 "run bench/ingest_speed.py first")
    texts = [s for s, claim in statements(conn, count + count // 5) if claim is not None]
    rows = sweep(index, dense.encode(texts[:count]))
    conn.close()
    return rows, (f"{len(index.ids):,} vectors, {len(index.centroids)} lists, "
                  f"{min(count, len(texts))} statements")


if __name__ == "__main__":
    main()
