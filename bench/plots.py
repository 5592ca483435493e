"""Plots for bench/README.md from the JSON the benchmarks wrote.

    python bench/plots.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS  # noqa: E402

COLOURS = {"factcheck (semantic)": "#116329", "factcheck (lexical only)": "#7a5c00",
           "fts5-bm25 (porter, stopwords dropped)": "#0b57d0",
           "factcheck": "#116329", "fts5-only": "#0b57d0", "fts5-bm25": "#0b57d0",
           "rapidfuzz-brute": "#a40e26", "fts5-sentences": "#0b57d0",
           "semantic: fused order": "#7fbf8e", "semantic: calibrated score": "#116329",
           "lexical: fused order": "#e0c060", "lexical: calibrated score": "#7a5c00"}


def latency_plot(suffix: str = "") -> Path | None:
    path = RESULTS / f"latency{suffix}.json"
    if not path.exists():
        return None
    rows = json.loads(path.read_text())["rows"]
    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=120)
    for method in dict.fromkeys(r["method"] for r in rows):
        points = [(int(re.match(r"\d+", r["corpus"]).group()), r["p50_ms"], r["p99_ms"])
                  for r in rows if r["method"] == method]
        if not points:
            continue
        xs, p50, p99 = zip(*sorted(points), strict=True)
        ax.plot(xs, p50, marker="o", label=f"{method} p50", color=COLOURS.get(method, "#555555"))
        ax.plot(xs, p99, marker="x", linestyle="--", label=f"{method} p99",
                color=COLOURS.get(method, "#555555"), alpha=.6)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("news articles in the store")
    ax.set_ylabel("check latency (ms, log)")
    ax.set_title("Check latency against corpus size")
    ax.axhline(10, color="grey", linewidth=.8, linestyle=":")
    ax.grid(True, which="both", alpha=.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    out = RESULTS / f"latency{suffix}.png"
    fig.savefig(out)
    plt.close(fig)
    return out


def accuracy_plot(suffix: str = "") -> Path | None:
    path = RESULTS / f"calibrate{suffix}.json"
    if not path.exists():
        return None
    data = json.loads(path.read_text())["report"]
    splits = list(data)
    methods = [m for m in next(iter(data.values()))
               if "candidates" not in m and "max(" not in m]
    fig, ax = plt.subplots(figsize=(8, 4.2), dpi=120)
    width = 0.8 / len(methods)
    for i, method in enumerate(methods):
        values = [data[s][method]["MAP@5"] for s in splits]
        ax.bar([x + i * width for x in range(len(splits))], values, width, label=method,
               color=COLOURS.get(method, "#555555"))
    ax.set_xticks([x + width for x in range(len(splits))], splits, fontsize=8)
    ax.set_ylabel("MAP@5")
    ax.set_ylim(0.7, 1)
    ax.set_title("CheckThat! claim retrieval: MAP@5 against the fair BM25")
    ax.legend(fontsize=7, loc="upper left", ncol=3)
    ax.grid(True, axis="y", alpha=.3)
    fig.tight_layout()
    out = RESULTS / f"accuracy{suffix}.png"
    fig.savefig(out)
    plt.close(fig)
    return out


def main() -> None:
    suffix = "-quick" if "--quick" in sys.argv else ""
    for made in (latency_plot(suffix), accuracy_plot(suffix)):
        if made:
            print(f"wrote {made}")


if __name__ == "__main__":
    main()
