"""Shared by the benchmarks: where the data is, ranking metrics, result files."""

from __future__ import annotations

import json
import os
import platform
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("FACTCHECK_BENCH_DATA", ROOT.parent / "shared" / "bench"))
RESULTS = ROOT / "bench" / "results"


def average_precision(ranked: list[str], relevant: set[str], k: int) -> float:
    """AP@k as CheckThat! defines it: precision at each hit, over the number relevant."""
    if not relevant:
        return 0.0
    hits, total = 0, 0.0
    for i, item in enumerate(ranked[:k], 1):
        if item in relevant:
            hits += 1
            total += hits / i
    return total / len(relevant)


def ranking_metrics(runs: dict[str, list[str]], qrels: dict[str, set[str]]) -> dict:
    """MAP@1, MAP@5, MRR, P@1 and R@5 over the queries that have relevant items."""
    queries = [q for q in qrels if qrels[q]]
    n = len(queries) or 1
    out = {"MAP@1": 0.0, "MAP@5": 0.0, "MRR": 0.0, "P@1": 0.0, "R@5": 0.0}
    for q in queries:
        ranked, relevant = runs.get(q, []), qrels[q]
        out["MAP@1"] += average_precision(ranked, relevant, 1)
        out["MAP@5"] += average_precision(ranked, relevant, 5)
        rank = next((i for i, c in enumerate(ranked, 1) if c in relevant), None)
        out["MRR"] += 1 / rank if rank else 0.0
        out["P@1"] += 1.0 if ranked[:1] and ranked[0] in relevant else 0.0
        out["R@5"] += len(set(ranked[:5]) & relevant) / len(relevant)
    return {k: round(v / n, 4) for k, v in out.items()} | {"queries": len(queries)}


def machine() -> dict:
    return {"python": platform.python_version(), "cpus": os.cpu_count(),
            "machine": platform.machine(), "system": platform.platform(),
            "when": time.strftime("%Y-%m-%d %H:%M:%S %Z")}


def write_result(name: str, payload: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps({"machine": machine(), **payload}, indent=2, ensure_ascii=False))
    return path


def table(rows: list[dict], columns: list[str]) -> str:
    """A plain-text table, numbers to three places."""
    cells = [[f"{r[c]:.3f}" if isinstance(r[c], float) else str(r[c]) for c in columns]
             for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(lines)
