"""Verdict confusion table on statements derived from the seeds and the news corpus.

    python bench/confusion.py           # seeds + 200 news claims, and a threshold sweep
    python bench/confusion.py --quick   # seeds only (the test suite runs this)

Each stored claim with a figure yields: the exact sentence and a light paraphrase (expected
`supported`), the sentence with its figure or its date changed (expected `contradicted`);
off-topic statements are expected `unverified`. The sweep shows how the support and
contradict thresholds trade these off, which is how the configured values were chosen.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS, ROOT, table, write_result  # noqa: E402

from factcheck import store as dbmod  # noqa: E402
from factcheck.checking.check import Settings, check  # noqa: E402

OFF_TOPIC = [
    "The Eiffel Tower was painted green in 2019", "Inflation reached 9 percent last year",
    "A new smartphone sold 3 million units in its first week", "Vote count: 1",
    "The city marathon attracted 40,000 runners on Sunday",
    "Scientists found water on Mars in 2015", "The film won four Oscars in March 2020",
    "Electric car sales doubled in Norway", "The bridge closed for 12 days of repairs",
    "A heatwave pushed temperatures to 45 degrees in Seville",
]
EXPECT = {"exact": "supported", "paraphrased": "supported", "number-changed": "contradicted",
          "date-changed": "contradicted", "off-topic": "unverified"}
PARAPHRASES = [(" said that ", " said "), ("U.S.", "United States"), (" per cent", "%"),
               (" percent", "%"), ("The ", "the "), (" mln ", " million "), (" pct", "%")]


def derive(conn, limit: int, seed: int = 9) -> list[tuple[str, str]]:
    """(category, statement) pairs from claims that carry a number or a date."""
    rng = random.Random(seed)
    rows = conn.execute(
        "SELECT c.id, c.text, c.span_start, f.kind, f.span_start, f.span_end, f.value"
        " FROM claims c JOIN facts f ON f.claim_id = c.id"
        " WHERE f.kind IN ('number', 'percent', 'money', 'date') AND length(c.text) < 300"
        " GROUP BY c.id").fetchall()
    rng.shuffle(rows)
    out = []
    for _cid, text, c_start, kind, f_start, f_end, value in rows[:limit]:
        a, b = f_start - c_start, f_end - c_start
        out.append(("exact", text))
        para = text
        for old, new in PARAPHRASES:
            para = para.replace(old, new, 1)
        out.append(("paraphrased", para.rstrip(".") if para == text else para))
        if kind == "date":
            if len(value) == 10:
                day = int(value[8:]) % 27 + 2
                changed = text[:a] + text[a:b].replace(str(int(value[8:])), str(day), 1) + text[b:]
                if changed != text:
                    out.append(("date-changed", changed))
        else:
            number = float(value) * 3 + 7
            written = f"{number:,.0f}" if number >= 1000 else f"{number:g}"
            out.append(("number-changed", text[:a] + written + text[b:]))
    out += [("off-topic", s) for s in OFF_TOPIC]
    return out


def run(conn, items, settings: Settings) -> Counter:
    return Counter((category, check(conn, statement, 5, settings)["verdict"])
                   for category, statement in items)


def accuracy(confusion: Counter) -> float:
    total = sum(confusion.values())
    return sum(n for (cat, got), n in confusion.items() if EXPECT[cat] == got) / total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "corpus.db"
        if not args.quick and (RESULTS / "news.db").exists():
            shutil.copy(RESULTS / "news.db", db)
        subprocess.run([sys.executable, "-m", "factcheck.cli", "ingest", str(ROOT / "claims"),
                        "--db", str(db)], check=True, capture_output=True)
        conn = dbmod.connect(db, readonly=True)
        items = derive(conn, 40 if args.quick else 200)
        confusion = run(conn, items, Settings())
        sweep = []
        grid = [(65, 60)] if args.quick else [(s, c) for s in (55, 65, 75) for c in (50, 60, 70)]
        for support, contradict in grid:
            matrix = confusion if (support, contradict) == (65, 60) else run(
                conn, items, Settings(support=support, contradict=contradict))
            per = {cat: round(sum(n for (c, g), n in matrix.items() if c == cat and g == EXPECT[
                cat]) / max(1, sum(n for (c, _), n in matrix.items() if c == cat)), 3)
                for cat in EXPECT}
            sweep.append({"support": support, "contradict": contradict,
                          "accuracy": round(accuracy(matrix), 3), **per})
        conn.close()
    verdicts = ["supported", "contradicted", "unverified"]
    rows = [{"expected": cat, **{v: confusion[(cat, v)] for v in verdicts},
             "n": sum(confusion[(cat, v)] for v in verdicts)} for cat in EXPECT]
    print(table(rows, ["expected", "n", *verdicts]))
    print()
    print(table(sweep, ["support", "contradict", "accuracy", *EXPECT]))
    name = "confusion-quick" if args.quick else "confusion"
    print(f"\nwrote {write_result(name, {'confusion': rows, 'sweep': sweep})}")


if __name__ == "__main__":
    main()
