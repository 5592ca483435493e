"""Check latency at 1k and all news articles, with and without the semantic stage, against
FTS5 alone and rapidfuzz brute force.

    python bench/latency.py            # 1,000 statements at each size (all: results/news.db,
                                       # which bench/ingest_speed.py leaves embedded)
    python bench/latency.py --quick    # 200 articles, 50 statements (the test suite runs this)

Statements come from stored claims (reworded, number-changed, typo'd) plus off-topic ones.
Accuracy is recall@5 of the claim a statement was derived from, so the service is held to
the brute-force baseline's standard, not only timed against it.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    DATA,
    MODEL,
    RESULTS,
    semantic,
    stands_for,
    table,
    write_result,
)
from http_load import OFF_TOPIC  # noqa: E402

from factcheck import store as dbmod  # noqa: E402
from factcheck.checking.check import check  # noqa: E402
from factcheck.checking.dense import Dense  # noqa: E402
from factcheck.checking.retrieval import fts_query, query_terms  # noqa: E402
from factcheck.text.normalize import normalize  # noqa: E402


def corpus_files() -> list[Path]:
    return sorted((DATA / "news").rglob("*.txt"))


def build(size: int | None, files: list[Path], folder: Path) -> Path:
    """A database of the first `size` articles (all when None), through `factcheck ingest`."""
    if size is None and (RESULTS / "news.db").exists():
        return RESULTS / "news.db"
    src = folder / f"src-{size}"
    src.mkdir()
    chosen = files if size is None else random.Random(1).sample(files, size)
    for path in chosen:
        shutil.copyfile(path, src / f"{path.parent.name}-{path.name}")  # no links out
    db = folder / f"news-{size}.db"
    subprocess.run([sys.executable, "-m", "factcheck.cli", "ingest", str(src), "--db", str(db)],
                   check=True, capture_output=True,
                   env={**os.environ, "FACTCHECK_EMBEDDING_MODEL": str(MODEL)})
    return db


def statements(conn, count: int, seed: int = 3) -> list[tuple[str, int | None]]:
    """(statement, id of the claim it came from, or None when off-topic)."""
    rng = random.Random(seed)
    ids = [r[0] for r in conn.execute("SELECT id FROM claims")]
    out = []
    while len(out) < count:
        if rng.random() < 0.1:
            out.append((rng.choice(OFF_TOPIC), None))
            continue
        claim_id = rng.choice(ids)
        words = conn.execute("SELECT text FROM claims WHERE id = ?",
                             [claim_id]).fetchone()[0].split()[:40]
        kind = rng.randrange(3)
        if kind == 0 and len(words) > 6:
            cut = len(words) // 2
            words = words[cut:] + words[:cut]
        elif kind == 1:
            words = [str(int(w) * 2 + 1) if w.isdigit() else w for w in words]
        else:
            for _ in range(2):
                i = rng.randrange(len(words))
                if len(words[i]) > 4:
                    words[i] = words[i][:2] + words[i][3:]
        out.append((" ".join(words), claim_id))
    return out


def shown(result: dict) -> list[int]:
    """The claims the evidence shows, a copy folded into a passage worded the same included."""
    return [i for item in result["evidence"] for i in stands_for(item)]


def fts_only(conn, statement: str) -> list[int]:
    terms = query_terms(normalize(statement))
    if not terms:
        return []
    return [r[0] for r in conn.execute(
        "SELECT rowid FROM claims_fts WHERE claims_fts MATCH ? ORDER BY bm25(claims_fts)"
        " LIMIT 5", [fts_query(terms)])]


def measure(fn, items) -> tuple[list[float], list]:
    times, outputs = [], []
    for item in items:
        began = time.perf_counter()
        outputs.append(fn(item))
        times.append(time.perf_counter() - began)
    return times, outputs


def summary(name: str, size: str, times: list[float], found: list, wanted: list) -> dict:
    ordered = sorted(times)
    pick = lambda q: 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    hits = [w in f for f, w in zip(found, wanted, strict=True) if w is not None]
    return {"corpus": size, "method": name, "n": len(times),
            "p50_ms": round(1000 * statistics.median(ordered), 2), "p95_ms": round(pick(.95), 2),
            "p99_ms": round(pick(.99), 2), "recall@5": round(sum(hits) / max(1, len(hits)), 3)}


def run_size(db_path: Path, label: str, n: int, brute_n: int) -> list[dict]:
    conn = dbmod.connect(db_path, readonly=True)
    items = statements(conn, n)
    wanted = [w for _, w in items]
    rows = []
    # Every core for the encoder, as `factcheck serve` and `factcheck check` run it.
    dense = Dense(semantic(RESULTS / "models").load(0), str(db_path))
    check(conn, "warm up the index and the model", dense=dense)
    times, out = measure(lambda s: shown(check(conn, s[0], dense=dense)), items)
    rows.append(summary("factcheck (semantic)", label, times, out, wanted))
    times, out = measure(lambda s: shown(check(conn, s[0])), items)
    rows.append(summary("factcheck (lexical only)", label, times, out, wanted))
    times, out = measure(lambda s: fts_only(conn, s[0]), items)
    rows.append(summary("fts5-only", label, times, out, wanted))
    ids, norms = zip(*conn.execute("SELECT id, norm FROM claims"), strict=True)
    sub = items[:brute_n]
    times, out = measure(lambda s: [ids[i] for _, _, i in process.extract(
        normalize(s[0]), norms, scorer=fuzz.token_set_ratio, processor=None, limit=5)], sub)
    rows.append(summary("rapidfuzz-brute", label, times, out, wanted[:brute_n]))
    conn.close()
    base = rows[0]["p50_ms"] or 1e-9
    for row in rows:
        row["p50_vs_factcheck"] = round(row["p50_ms"] / base, 1)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    files = corpus_files()
    sizes = [200] if args.quick else [1000, None]
    n = 50 if args.quick else 1000
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            db = build(size, files, Path(tmp))
            label = f"{size or len(files)} articles"
            rows += run_size(db, label, n, brute_n=n if args.quick else 200)
    print(table(rows, ["corpus", "method", "n", "p50_ms", "p95_ms", "p99_ms", "recall@5",
                       "p50_vs_factcheck"]))
    print(f"\nwrote {write_result('latency-quick' if args.quick else 'latency', {'rows': rows})}")


if __name__ == "__main__":
    main()
