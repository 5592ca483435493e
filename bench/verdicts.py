"""Verdicts on the BBC articles: accuracy, and the count of invented contradictions.

    python bench/verdicts.py            # the BBC store (built once), semantic and lexical
    python bench/verdicts.py --quick    # 150 BBC articles (the test suite runs this)

Statements come from two places. Written by hand (bench/data/bbc_statements.jsonl):
paraphrases and spelling variants of BBC sentences (supported), statements on a BBC topic
that no article makes and off-topic ones (unverified), and the statements a review found
wrongly contradicted (not contradicted). Derived from stored BBC claims with a figure or a
date, by fixed rules: the sentence itself (supported), its figure or date changed, and
"It is not true that ..." (contradicted), two of its longer words misspelt
(supported), its first word of change reversed ('rose' for 'fell'; contradicted), and
two such sentences pasted together (not contradicted). The thresholds
were chosen on other data (bench/confusion.py, Reuters); no threshold was tuned on this
set (bench/README.md says which rules its rows shaped).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    DATA,
    MODEL,
    RESULTS,
    ROOT,
    changed,
    figure_claims,
    misspelt,
    negated,
    pasted,
    reversed_change,
    table,
    write_result,
)

from factcheck import store  # noqa: E402
from factcheck.checking.check import check  # noqa: E402
from factcheck.checking.dense import Dense  # noqa: E402

HAND = ROOT / "bench" / "data" / "bbc_statements.jsonl"
VERDICTS = ("supported", "contradicted", "unverified")


def build_store(quick: bool) -> Path:
    """The BBC articles through the real `factcheck ingest`, with vectors; cached."""
    db_path = RESULTS / ("bbc-quick.db" if quick else "bbc.db")
    if db_path.exists():
        return db_path
    source = DATA / "news" / "bbc"
    paths = [str(p) for p in sorted(source.glob("*.txt"))[:150]] if quick else [str(source)]
    env_model = {"FACTCHECK_EMBEDDING_MODEL": str(MODEL)}
    subprocess.run([sys.executable, "-m", "factcheck.cli", "ingest", *paths, "--db",
                    str(db_path)], check=True, capture_output=True,
                   env={**os.environ, **env_model})
    return db_path


def derive(db, limit: int, seed: int = 5) -> list[dict]:
    """Statements made from stored claims by fixed rules, with the verdict they must get."""
    out = []
    rows = figure_claims(db, limit, seed, max_chars=250)
    for row in rows:
        out.append({"category": "exact", "expected": "supported", "statement": row[1]})
        out.append({"category": "negated", "expected": "contradicted",
                    "statement": negated(row[1])})
        typos = misspelt(row[1], seed=row[0])
        if typos:
            out.append({"category": "misspelt", "expected": "supported", "statement": typos})
        if reversed_change(row[1]):
            out.append({"category": "reversed", "expected": "contradicted",
                        "statement": reversed_change(row[1])})
        if changed(row):
            category, statement = changed(row)
            out.append({"category": category, "expected": "contradicted",
                        "statement": statement})
    out += [{"category": "pasted", "expected": "not-contradicted", "statement": statement}
            for statement in pasted([row[1] for row in rows])]
    return out


def hand_written() -> list[dict]:
    return [json.loads(line) for line in HAND.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def right(item: dict, verdict: str) -> bool:
    if item["expected"] == "not-contradicted":
        return verdict != "contradicted"
    return verdict == item["expected"]


def evaluate(db, db_path: Path, items: list[dict], semantic: bool) -> dict:
    dense = None
    if semantic:
        from factcheck.pipeline.embed import Semantic

        dense = Dense(Semantic(str(MODEL), RESULTS / "models").load(), str(db_path))
    confusion: Counter = Counter()
    invented, wrong, hits = [], [], 0
    for item in items:
        result = check(db, item["statement"], 5, dense=dense)
        confusion[(item["category"], result["verdict"])] += 1
        hits += right(item, result["verdict"])
        if result["verdict"] == "contradicted" and item["expected"] != "contradicted":
            top = next(e for e in result["evidence"] if e["relation"] == "contradicts")
            invented.append({"statement": item["statement"], "passage": top["quote"],
                             "differences": top["differences"]})
        if not right(item, result["verdict"]):
            wrong.append({"category": item["category"], "statement": item["statement"],
                          "got": result["verdict"]})
    return {"accuracy": round(hits / len(items), 3), "invented_contradictions": len(invented),
            "n": len(items), "confusion": {f"{c}|{v}": n for (c, v), n in confusion.items()},
            "invented": invented, "wrong": wrong[:60]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    db_path = build_store(args.quick)
    db = store.connect(db_path, readonly=True)
    items = (derive(db, 20 if args.quick else 40)
             + [i for i in hand_written() if not args.quick or i["category"] == "off-topic"])
    report, rows = {}, []
    for mode in ("semantic", "lexical"):
        report[mode] = evaluate(db, db_path, items, mode == "semantic")
        for category in dict.fromkeys(i["category"] for i in items):
            counts = {v: report[mode]["confusion"].get(f"{category}|{v}", 0) for v in VERDICTS}
            expected = next(i["expected"] for i in items if i["category"] == category)
            rows.append({"mode": mode, "category": category, "expected": expected,
                         "n": sum(counts.values()), **counts})
    print(table(rows, ["mode", "category", "expected", "n", *VERDICTS]))
    for mode, r in report.items():
        print(f"\n{mode}: accuracy {r['accuracy']:.3f} over {r['n']} statements;"
              f" invented contradictions: {r['invented_contradictions']}")
        for item in r["invented"]:
            print(f"  INVENTED {item['statement']!r}\n     by {item['passage'][:120]!r}"
                  f" {item['differences']}")
    name = "verdicts-quick" if args.quick else "verdicts"
    print(f"\nwrote {write_result(name, {'table': rows, **report})}")


if __name__ == "__main__":
    main()
