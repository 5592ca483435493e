"""Negated claims of Reuters stories the store lacks: how many come back contradicted.

    python bench/negations.py            # 500 claims of stories past the store's 2,000
    python bench/negations.py --seed 2   # another 500
    python bench/negations.py --quick    # the quick store, 40 claims (the test suite runs this)

Each claim is negated where people write it, after its first auxiliary ("will begin" as
"will not begin"), and checked against confusion.py's Reuters store, which holds none of
these stories. A `contradicted` is then invented, unless the store carries the same claim
from another story (wire copy is filed twice), so every one is listed to be read: a
negation contradicts only a passage that is otherwise the same claim.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DATA, MODEL, RESULTS, table, write_result  # noqa: E402
from confusion import build_store  # noqa: E402

from factcheck import store  # noqa: E402
from factcheck.checking.check import check  # noqa: E402
from factcheck.checking.dense import Dense  # noqa: E402
from factcheck.extract.claims import extract_claims  # noqa: E402

SEED = 1  # the rules were written from another draw (news store claims); 1 and 2 report
_AUX = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might"
                  r"|must)\b(?! not\b)")


def negations(first_unstored: int, count: int, seed: int) -> list[str]:
    """Claims of stories past the store's, each negated after its first auxiliary."""
    stories = sorted((DATA / "news" / "reuters21578").glob("*.txt"))[first_unstored:]
    random.Random(seed).shuffle(stories)
    out: list[str] = []
    for path in stories:
        for claim in extract_claims(path.read_text(encoding="utf-8")):
            found = _AUX.search(claim.text)
            if found and found.start() >= 3 and 40 <= len(claim.text) <= 220:
                out.append(f"{claim.text[:found.end()]} not{claim.text[found.end():]}")
                break  # one claim a story: no story weighs more than another
        if len(out) >= count:
            break
    return out


def evaluate(db, db_path: Path, statements: list[str], semantic: bool) -> list[dict]:
    """The statements that came back contradicted, with the passage that decided."""
    dense = None
    if semantic:
        from factcheck.pipeline.embed import Semantic

        dense = Dense(Semantic(str(MODEL), RESULTS / "models").load(), str(db_path))
    found = []
    for statement in statements:
        result = check(db, statement, 5, dense=dense)
        if result["verdict"] == "contradicted":
            top = next(e for e in result["evidence"] if e["relation"] == "contradicts")
            found.append({"statement": statement, "passage": top["quote"],
                          "differences": [d["kind"] for d in top["differences"]]})
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    db_path = build_store(args.quick)
    db = store.connect(db_path, readonly=True)
    statements = negations(100 if args.quick else 2000, 40 if args.quick else 500, args.seed)
    report, rows = {}, []
    for mode in ("semantic", "lexical"):
        found = evaluate(db, db_path, statements, mode == "semantic")
        report[mode] = {"n": len(statements), "contradicted": found}
        rows.append({"mode": mode, "n": len(statements), "contradicted": len(found)})
        for item in found:
            print(f"{mode}: {item['statement'][:150]}\n    BY {item['passage'][:150]}"
                  f" {item['differences']}")
    print(table(rows, ["mode", "n", "contradicted"]))
    name = "negations-quick" if args.quick else "negations"
    payload = {"seed": args.seed, **report, "statements": statements}
    print(f"\nwrote {write_result(name, payload)}")


if __name__ == "__main__":
    main()
