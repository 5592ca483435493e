"""Ingest speed: the whole news corpus into a fresh database, lexical then embedded.

    python bench/ingest_speed.py           # 21,268 articles; keeps results/news.db
    python bench/ingest_speed.py --quick   # 300 articles (the test suite runs this)
    python bench/ingest_speed.py --int8    # also times `embed` with the int8 model file

Two timed steps, as a newsroom would run them: `factcheck ingest --no-embed` (documents,
claims, facts, FTS, corroboration) and `factcheck embed` (a vector for every claim, with
the shared MiniLM model). Reports wall time, articles/s, claims/s, database size and peak
memory (RSS), next to a baseline measured in the same run: reading and splitting every
article into sentences with a regex, the floor any ingest pays.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DATA, MODEL, RESULTS, table, write_result  # noqa: E402

_SPLIT = re.compile(r"(?<=[.!?])\s+|\n")


def articles(quick: bool) -> list[Path]:
    files = sorted((DATA / "news").rglob("*.txt"))
    return files[:: max(1, len(files) // 300)][:300] if quick else files


def baseline(files: list[Path]) -> float:
    began = time.perf_counter()
    count = 0
    for path in files:
        count += len(_SPLIT.split(path.read_text(encoding="utf-8")))
    return time.perf_counter() - began


def timed_embed(db: Path, env: dict) -> tuple[subprocess.CompletedProcess, float]:
    """`factcheck embed` over a store, and its wall time."""
    began = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "factcheck.cli", "embed", "--db", str(db)],
                          capture_output=True, text=True, env=env)
    wall = time.perf_counter() - began
    if done.returncode:
        sys.exit(done.stdout + done.stderr)
    return done, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--int8", action="store_true",
                        help="also embed a copy of the lexical store with the int8 model file")
    args = parser.parse_args()
    files = articles(args.quick)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "news"
        if args.quick:
            src.mkdir()
            for path in files:
                shutil.copyfile(path, src / f"{path.parent.name}-{path.name}")  # no links out
        else:
            src = DATA / "news"
        db = Path(tmp) / "news.db"
        env = {**os.environ, "FACTCHECK_EMBEDDING_MODEL": str(MODEL)}
        began = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "factcheck.cli", "ingest", str(src),
                               "--db", str(db), "--no-embed"], capture_output=True, text=True,
                              env=env)
        wall = time.perf_counter() - began
        if done.returncode:
            sys.exit(done.stdout + done.stderr)
        if args.int8:  # the same lexical store, before the fp32 vectors go in
            lexical_copy = Path(tmp) / "int8.db"
            source, target = sqlite3.connect(db), sqlite3.connect(lexical_copy)
            source.backup(target)
            source.close()
            target.close()
        embedded, embed_wall = timed_embed(db, env)
        if args.int8:
            int8, int8_wall = timed_embed(lexical_copy, {**env,
                                                         "FACTCHECK_EMBEDDING_QUANTIZED": "true"})
        rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        conn = sqlite3.connect(db)
        claims = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
        documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        conn.close()
        size_mb = sum(p.stat().st_size for p in Path(tmp).glob("news.db*")) / 1e6
        if not args.quick:  # the latency and HTTP benchmarks use the whole corpus
            conn = sqlite3.connect(db)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
            shutil.copy(db, RESULTS / "news.db")
    split_seconds = baseline(files)
    row = {"articles": documents, "claims": claims, "seconds": round(wall, 1),
           "articles_per_s": round(documents / wall, 1), "claims_per_s": round(claims / wall),
           "db_mb": round(size_mb, 1), "peak_rss_mb": round(rss_mb),
           "embed_seconds": round(embed_wall, 1),
           "embedded_per_s": round(claims / max(embed_wall, 1e-9)),
           **({"embed_int8_seconds": round(int8_wall, 1),
               "embedded_int8_per_s": round(claims / max(int8_wall, 1e-9))} if args.int8 else {}),
           "regex_split_s": round(split_seconds, 2),
           "vs_regex_split": round(wall / max(split_seconds, 1e-9), 1)}
    print(table([row], list(row)))
    print(done.stdout.strip().splitlines()[-1])
    print(embedded.stdout.strip().splitlines()[-1])
    if args.int8:
        print(int8.stdout.strip().splitlines()[-1])
    print(f"\nwrote {write_result('ingest-quick' if args.quick else 'ingest', row)}")


if __name__ == "__main__":
    main()
