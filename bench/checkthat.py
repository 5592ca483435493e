"""CheckThat! claim retrieval: the service against FTS5 BM25 and rapidfuzz brute force.

    python bench/checkthat.py            # every split of 2020 and 2022-2a
    python bench/checkthat.py --quick    # 2020 dev, first 40 tweets (the test suite runs this)
"""

from __future__ import annotations

import argparse
import csv
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DATA, ranking_metrics, table, write_result  # noqa: E402

from factcheck import store as dbmod  # noqa: E402
from factcheck.checking.check import check  # noqa: E402

DATASETS = {
    "checkthat2020": {
        "claims": "checkthat2020/verified_claims.docs.tsv",
        "splits": {s: (f"checkthat2020/{s}/tweets.queries.tsv",
                       f"checkthat2020/{s}/tweet-vclaim-pairs.qrels")
                   for s in ("train", "dev", "test")},
    },
    "checkthat2022-2a": {
        "claims": "checkthat2022-2a/vclaims.tsv",
        "splits": {s: ("checkthat2022-2a/CT2022-Task2A-EN-Train-Dev_Queries.tsv",
                       f"checkthat2022-2a/CT2022-Task2A-EN-{s.capitalize()}_QRELs.tsv")
                   for s in ("train", "dev")},
    },
}
_WORD = re.compile(r"\w+")


def read_tsv(path: Path) -> list[list[str]]:
    csv.field_size_limit(sys.maxsize)
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t"))


def read_qrels(path: Path) -> dict[str, set[str]]:
    qrels: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[-1] == "1":
            qrels.setdefault(parts[0], set()).add(parts[2])
    return qrels


def import_with_cli(claims_file: Path, db_path: Path) -> float:
    """The real `factcheck import-claims`, timed."""
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "factcheck.cli", "import-claims", str(claims_file),
                    "--db", str(db_path)], check=True, capture_output=True)
    return time.perf_counter() - began


def build_baseline(db, rows: list[list[str]]) -> list[tuple[str, str]]:
    """Plain FTS5 BM25 over claim + title, as measured before; returns (id, claim+title)."""
    header, body = rows[0], rows[1:]
    text_col = header.index("vclaim")
    title_col = header.index("title")
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS base_fts"
               " USING fts5(vid UNINDEXED, vclaim, title)")
    db.execute("DELETE FROM base_fts")
    db.conn.executemany("INSERT INTO base_fts VALUES (?, ?, ?)",
                        [(r[0], r[text_col], r[title_col]) for r in body])
    db.conn.commit()
    return [(r[0], f"{r[text_col]} {r[title_col]}") for r in body]


def bm25_baseline(db, tweet: str) -> list[str]:
    words = {w.lower() for w in _WORD.findall(tweet)}
    if not words:
        return []
    query = " OR ".join(f'"{w}"' for w in words)
    return [r[0] for r in db.execute(
        "SELECT vid FROM base_fts WHERE base_fts MATCH ? ORDER BY bm25(base_fts) LIMIT 5",
        [query])]


def run_split(db, external: dict[int, str], corpus, queries, qrels) -> dict:
    """The three rankings over one split, with timings per query."""
    choices = [default_process(text) for _, text in corpus]
    runs = {"factcheck": {}, "fts5-bm25": {}, "rapidfuzz-brute": {}}
    times = {name: [] for name in runs}
    for qid, tweet in queries:
        began = time.perf_counter()
        result = check(db, tweet, limit=5)
        times["factcheck"].append(time.perf_counter() - began)
        runs["factcheck"][qid] = [e["external_id"] for e in result["evidence"]]
        began = time.perf_counter()
        runs["fts5-bm25"][qid] = bm25_baseline(db, tweet)
        times["fts5-bm25"].append(time.perf_counter() - began)
        began = time.perf_counter()
        best = process.extract(default_process(tweet), choices, scorer=fuzz.token_set_ratio,
                               processor=None, limit=5)
        times["rapidfuzz-brute"].append(time.perf_counter() - began)
        runs["rapidfuzz-brute"][qid] = [corpus[i][0] for _, _, i in best]
    wanted = {q: qrels.get(q, set()) for q, _ in queries}
    return {name: {**ranking_metrics(run, wanted),
                   "ms_per_query": round(1000 * statistics.mean(times[name]), 2)}
            for name, run in runs.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2020 dev, first 40 tweets")
    args = parser.parse_args()
    results, rows = {}, []
    datasets = {"checkthat2020": DATASETS["checkthat2020"]} if args.quick else DATASETS
    with tempfile.TemporaryDirectory() as tmp:
        for name, spec in datasets.items():
            db_path = Path(tmp) / f"{name}.db"
            claims_file = DATA / spec["claims"]
            seconds = import_with_cli(claims_file, db_path)
            db = dbmod.connect(db_path)
            external = {r[0]: r[1] for r in db.execute("SELECT id, external_id FROM claims")}
            corpus = build_baseline(db, read_tsv(claims_file))
            splits = {"dev": spec["splits"]["dev"]} if args.quick else spec["splits"]
            for split, (queries_file, qrels_file) in splits.items():
                qrels = read_qrels(DATA / qrels_file)
                queries = [(r[0], r[1]) for r in read_tsv(DATA / queries_file)[1:]
                           if len(r) > 1 and r[0] in qrels]
                if args.quick:
                    queries = queries[:40]
                scores = run_split(db, external, corpus, queries, qrels)
                results[f"{name}/{split}"] = {"import_seconds": round(seconds, 1), **scores}
                for method, m in scores.items():
                    rows.append({"data": f"{name}/{split}", "method": method, **m})
            db.close()
    print(table(rows, ["data", "method", "queries", "MAP@1", "MAP@5", "MRR", "P@1", "R@5",
                       "ms_per_query"]))
    path = write_result("checkthat-quick" if args.quick else "checkthat", results)
    print(f"\nwrote {path}")


if __name__ == "__main__":
    main()
