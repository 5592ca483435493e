"""CheckThat! claim retrieval: the service against a fair FTS5 BM25 and rapidfuzz brute force.

    python bench/checkthat.py            # every split of 2020 and 2022-2a
    python bench/checkthat.py --quick    # 2020 dev, first 40 tweets (the test suite runs this)
    python bench/checkthat.py --int8     # vectors and queries from the int8 model file
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    DATA,
    claim_store,
    fair_bm25,
    ranking_metrics,
    read_qrels,
    read_queries,
    read_tsv,
    stands_for,
    table,
    write_result,
)

from factcheck.checking.check import check  # noqa: E402
from factcheck.checking.dense import Dense  # noqa: E402

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


def _ranked(item: dict, external: dict[int, str], relevant: set[str]) -> str:
    """A shown passage's vclaim id; one with a copy folded into it (another vclaim worded
    the same) stands for the copy too, so either one found is a hit at this rank."""
    ids = [external[i] for i in stands_for(item)]
    return next((i for i in ids if i in relevant), ids[0])


def run_split(db, dense, corpus, queries, qrels) -> dict:
    """The service (with and without the semantic stage) and the baselines, per query."""
    choices = [default_process(text) for _, text in corpus]
    external = dict(db.execute("SELECT id, external_id FROM claims").fetchall())
    runs = {"factcheck (semantic)": {}, "factcheck (lexical only)": {},
            "fts5-bm25 (porter, stopwords dropped)": {}, "rapidfuzz-brute": {}}
    times = {name: [] for name in runs}
    for qid, tweet in queries:
        for name, stage in (("factcheck (semantic)", dense), ("factcheck (lexical only)", None)):
            began = time.perf_counter()
            result = check(db, tweet, limit=5, dense=stage)
            times[name].append(time.perf_counter() - began)
            runs[name][qid] = [_ranked(e, external, qrels.get(qid, set()))
                               for e in result["evidence"]]
        began = time.perf_counter()
        runs["fts5-bm25 (porter, stopwords dropped)"][qid] = fair_bm25(db, tweet, 5)
        times["fts5-bm25 (porter, stopwords dropped)"].append(time.perf_counter() - began)
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
    parser.add_argument("--int8", action="store_true", help="the int8 model file")
    args = parser.parse_args()
    results, rows = {}, []
    datasets = {"checkthat2020": DATASETS["checkthat2020"]} if args.quick else DATASETS
    for name, spec in datasets.items():
        db, db_path, encoder, _ = claim_store(name, quick=args.quick, quantized=args.int8)
        dense = Dense(encoder, str(db_path))
        corpus = [(r[0], f"{r[1]} {r[2]}") for r in read_tsv(DATA / spec["claims"])[1:]]
        splits = {"dev": spec["splits"]["dev"]} if args.quick else spec["splits"]
        for split, (queries_file, qrels_file) in splits.items():
            qrels = read_qrels(DATA / qrels_file)
            queries = [(q, t) for q, t in read_queries(DATA / queries_file) if q in qrels]
            if args.quick:
                known = {r[0] for r in db.execute("SELECT external_id FROM claims")}
                queries = [(q, t) for q, t in queries if qrels[q] <= known][:40]
            scores = run_split(db, dense, corpus, queries, qrels)
            results[f"{name}/{split}"] = scores
            for method, m in scores.items():
                rows.append({"data": f"{name}/{split}", "method": method, **m})
        db.close()
    print(table(rows, ["data", "method", "queries", "MAP@1", "MAP@5", "MRR", "P@1", "R@5",
                       "ms_per_query"]))
    path = write_result("checkthat" + ("-quick" if args.quick else "")
                        + ("-int8" if args.int8 else ""), results)
    print(f"\nwrote {path}")


if __name__ == "__main__":
    main()
