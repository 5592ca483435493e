"""The threshold sweep that chose the verdict thresholds, on Reuters and the seeds.

    python bench/confusion.py           # seeds + 2,000 Reuters stories, semantic and lexical
    python bench/confusion.py --quick   # seeds and 100 stories (the test suite runs this)

Each stored claim with a figure yields: the exact sentence and a light paraphrase (expected
`supported`), the sentence with its figure or its date changed and "It is not true that
..." (expected `contradicted`); the halves of two claims spliced together and off-topic
statements are expected `unverified`, two whole claims pasted together anything but
`contradicted`, the first word of change reversed ('rose' for 'fell') `contradicted`. The sweep
shows how the support and contradict thresholds trade these off. This is the tuning split:
bench/verdicts.py reports on BBC articles, which no threshold saw.
"""

from __future__ import annotations

import argparse
import copy
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
    semantic,
    table,
    write_result,
)

from factcheck import store as dbmod  # noqa: E402
from factcheck.checking import check as check_module  # noqa: E402
from factcheck.checking import verdict as verdicts  # noqa: E402
from factcheck.checking.check import Settings, check  # noqa: E402
from factcheck.checking.dense import Dense  # noqa: E402

OFF_TOPIC = [
    "The Eiffel Tower was painted green in 2019", "Inflation reached 9 percent last year",
    "A new smartphone sold 3 million units in its first week", "Vote count: 1",
    "The city marathon attracted 40,000 runners on Sunday",
    "Scientists found water on Mars in 2015", "The film won four Oscars in March 2020",
    "Electric car sales doubled in Norway", "The bridge closed for 12 days of repairs",
    "A heatwave pushed temperatures to 45 degrees in Seville",
]
EXPECT = {"exact": "supported", "paraphrased": "supported", "number-changed": "contradicted",
          "date-changed": "contradicted", "negated": "contradicted", "spliced": "unverified",
          "off-topic": "unverified", "misspelt": "supported", "pasted": "not-contradicted",
          "reversed": "contradicted"}
PARAPHRASES = [(" said that ", " said "), ("U.S.", "United States"), (" per cent", "%"),
               (" percent", "%"), ("The ", "the "), (" mln ", " million "), (" pct", "%")]


def derive(conn, limit: int, seed: int = 9) -> list[tuple[str, str]]:
    """(category, statement) pairs from claims that carry a number or a date."""
    rows = figure_claims(conn, limit, seed)
    out = []
    for row in rows:
        text = row[1]
        out.append(("exact", text))
        para = text
        for old, new in PARAPHRASES:
            para = para.replace(old, new, 1)
        out.append(("paraphrased", para.rstrip(".") if para == text else para))
        out.append(("negated", negated(text)))
        if misspelt(text, seed=row[0]):
            out.append(("misspelt", misspelt(text, seed=row[0])))
        if changed(row):
            out.append(changed(row))
        if reversed_change(text):
            out.append(("reversed", reversed_change(text)))
    # The first half of one claim and the second half of another (of another story): on
    # a stored topic, stated nowhere.
    texts = [r[1] for r in rows if len(r[1].split()) >= 12]
    for first, second in zip(texts, texts[1:] + texts[:1], strict=True):
        a_words, b_words = first.split(), second.split()
        out.append(("spliced", " ".join(a_words[: len(a_words) // 2]
                                        + b_words[len(b_words) // 2:])))
    out += [("pasted", s) for s in pasted(texts)]  # two true claims: never contradicted
    out += [("off-topic", s) for s in OFF_TOPIC]
    return out


def record(conn, items, dense=None) -> list[tuple[str, bool, list]]:
    """Each statement's judged passages as the relation rule sees them (with each one's
    word coverage and quote), so that a sweep can replay every threshold without checking
    again: the relation rule and the verdict over it are the service's own."""
    seen: list = []
    original, evidence = check_module._relation, check_module._evidence

    def spy(score, near, aside, result, rating, settings, lexical=False, period=False,
            together=lambda: True):
        joined = together()  # a fact of the texts, whatever the thresholds: asked once
        seen.append([score, near, aside, copy.deepcopy(result), rating, lexical, period,
                     joined])
        return original(score, near, aside, result, rating, settings, lexical, period,
                        lambda: joined)

    def shown(row, cand, relation, result):
        seen[-1].append((cand.coverage, row["quote"]))
        return evidence(row, cand, relation, result)

    def undecided(passages, *, named):
        names.append(named)
        return alike(passages, named=named)

    out, names, alike = [], [], verdicts.undecided
    check_module._relation, check_module._evidence = spy, shown
    verdicts.undecided = undecided
    try:
        for category, statement in items:
            seen.clear()
            # Closeness 0: every passage fully compared (a check compares one below its
            # closeness line by its figures alone), so any line can be replayed.
            check(conn, statement, 5, settings=Settings(related=0.0, close=0.0), dense=dense)
            out.append((category, names.pop(), [tuple(p) for p in seen]))
    finally:
        check_module._relation, check_module._evidence = original, evidence
        verdicts.undecided = alike
    return out


def replay(records, settings: Settings) -> Counter:
    """The verdicts the recorded passages get under other thresholds."""
    matrix: Counter = Counter()
    for category, named, passages in records:
        judged = []
        for (score, near, aside, result, rating, lexical, period, joined,
             (coverage, quote)) in passages:
            if score < settings.related:
                continue
            result = copy.deepcopy(result)
            relation = check_module._relation(score, near, aside, result, rating, settings,
                                              lexical, period, lambda j=joined: j)
            judged.append({"relation": relation, "score": score, "quote": quote,
                           "signals": {"coverage": coverage},
                           "differences": result.differences if relation != "related" else [],
                           "agreements": result.agreements})
        verdicts.undecided(judged, named=named)
        matrix[(category, verdicts.verdict(judged)[0]["verdict"])] += 1
    return matrix


def right(category: str, got: str) -> bool:
    expected = EXPECT[category]
    return got != "contradicted" if expected == "not-contradicted" else got == expected


def accuracy(confusion: Counter) -> float:
    total = sum(confusion.values())
    return sum(n for (cat, got), n in confusion.items() if right(cat, got)) / total


def build_store(quick: bool) -> Path:
    """Seeds and Reuters stories through the real `factcheck ingest`, with vectors."""
    db = RESULTS / ("reuters-quick.db" if quick else "reuters-2k.db")
    if not db.exists():
        stories = sorted((DATA / "news" / "reuters21578").glob("*.txt"))[:100 if quick else 2000]
        env = {**os.environ, "FACTCHECK_EMBEDDING_MODEL": str(MODEL)}
        for chunk in ([str(ROOT / "claims")], [str(p) for p in stories]):
            subprocess.run([sys.executable, "-m", "factcheck.cli", "ingest", *chunk, "--db",
                            str(db)], check=True, capture_output=True, env=env)
    return db


GRID = [(s, c, n) for s in (60, 70, 75, 80, 85, 90) for c in (60, 70, 75, 80, 85, 90)
        for n in (50, 55, 60, 65, 70, 75)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    db = build_store(args.quick)
    conn = dbmod.connect(db, readonly=True)
    items = derive(conn, 40 if args.quick else 150)
    default = Settings()
    modes = {"semantic": Dense(semantic(RESULTS / "models").load(), str(db)),
             "lexical": None}
    rows, sweep = [], []
    verdicts = ["supported", "contradicted", "unverified"]
    for mode, dense in modes.items():
        chosen = (default.support, default.contradict if dense else default.contradict_lexical,
                  default.close)
        records = record(conn, items, dense)
        for support, contradict, close in dict.fromkeys([chosen] + ([] if args.quick else GRID)):
            matrix = replay(records, Settings(support=support, contradict=contradict,
                                              contradict_lexical=default.contradict_lexical
                                              if dense else contradict, close=close))
            per = {cat: round(sum(n for (c, g), n in matrix.items() if c == cat and right(
                cat, g)) / max(1, sum(n for (c, _), n in matrix.items() if c == cat)), 3)
                for cat in EXPECT}
            wrong_contradictions = sum(n for (c, g), n in matrix.items()
                                       if g == "contradicted" and not right(c, g))
            sweep.append({"mode": mode, "support": support, "contradict": contradict,
                          "close": close,
                          "accuracy": round(accuracy(matrix), 3),
                          "invented": wrong_contradictions, **per})
            if (support, contradict, close) == chosen:
                rows += [{"mode": mode, "expected": cat,
                          **{v: matrix[(cat, v)] for v in verdicts},
                          "n": sum(matrix[(cat, v)] for v in verdicts)} for cat in EXPECT]
    conn.close()
    print(table(rows, ["mode", "expected", "n", *verdicts]))
    print()
    print(table(sweep, ["mode", "support", "contradict", "close", "accuracy", "invented",
                        *EXPECT]))
    name = "confusion-quick" if args.quick else "confusion"
    print(f"\nwrote {write_result(name, {'confusion': rows, 'sweep': sweep})}")


if __name__ == "__main__":
    main()
