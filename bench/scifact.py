"""SciFact: evidence spans and verdicts for scientific claims, against an FTS5 sentence baseline.

    python bench/scifact.py            # 5,183 abstracts, 809 train claims
    python bench/scifact.py --quick    # the abstracts of 60 claims (the test suite runs this)

Each abstract is ingested through `factcheck ingest` as a JSONL article: title, blank line,
the abstract sentences in order. The offsets of the sentences are kept, so a gold rationale
(sentence indices) maps to character spans, and an evidence span counts when it overlaps one.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DATA, MODEL, RESULTS, fair_bm25, semantic, table, write_result  # noqa: E402

from factcheck import store as dbmod  # noqa: E402
from factcheck.checking.check import check  # noqa: E402
from factcheck.checking.dense import Dense  # noqa: E402

_WORD = re.compile(r"\w+")
EXPECTED = {"SUPPORT": "supported", "CONTRADICT": "contradicted"}


def load(quick: bool) -> tuple[dict, list[dict]]:
    corpus = {}
    with open(DATA / "scifact" / "corpus.jsonl", encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            corpus[str(doc["doc_id"])] = doc
    with open(DATA / "scifact" / "claims_train.jsonl", encoding="utf-8") as lines:
        claims = [json.loads(line) for line in lines]
    if quick:
        claims = [c for c in claims if c["evidence"]][:60]
        keep = {d for c in claims for d in c["cited_doc_ids"]} | {
            d for c in claims for d in c["evidence"]}
        corpus = {k: v for k, v in corpus.items() if k in {str(x) for x in keep}}
    return corpus, claims


def article(doc: dict) -> tuple[dict, list[tuple[int, int]]]:
    """The JSONL record, and each abstract sentence's (start, end) in its text."""
    text = doc["title"] + "\n\n"
    spans = []
    for i, sentence in enumerate(doc["abstract"]):
        if i:
            text += " "
        spans.append((len(text), len(text) + len(sentence)))
        text += sentence
    return {"id": str(doc["doc_id"]), "title": doc["title"], "text": text}, spans


def ingest(corpus: dict, folder: Path, quick: bool) -> tuple[Path, dict, float | None]:
    """The abstracts through `factcheck ingest --no-embed` and `factcheck embed` (all cores),
    kept in results/ for the next run; the seconds it took (None when reused)."""
    records, spans = [], {}
    for doc_id, doc in corpus.items():
        record, sentence_spans = article(doc)
        records.append(json.dumps(record, ensure_ascii=False))
        spans[doc_id] = sentence_spans
    db = RESULTS / ("scifact-quick.db" if quick else "scifact.db")
    if db.exists():
        return db, spans, None
    bulk = folder / "scifact.jsonl"
    bulk.write_text("\n".join(records), encoding="utf-8")
    partial = folder / "scifact.db"
    env = {**os.environ, "FACTCHECK_EMBEDDING_MODEL": str(MODEL)}
    began = time.perf_counter()
    for step in (["ingest", str(bulk), "--no-embed"], ["embed"]):
        subprocess.run([sys.executable, "-m", "factcheck.cli", *step, "--db", str(partial)],
                       check=True, capture_output=True, env=env)
    seconds = time.perf_counter() - began
    RESULTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(partial, db)  # whole, or not there: a failed run leaves no cache
    return db, spans, seconds


def gold(claim: dict) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for doc_id, sets in claim["evidence"].items():
        for rationale in sets:
            out.setdefault(doc_id, set()).update(rationale["sentences"])
    return out


def label(claim: dict) -> str | None:
    labels = [r["label"] for sets in claim["evidence"].values() for r in sets]
    return Counter(labels).most_common(1)[0][0] if labels else None


def hit(found: list[tuple[str, int, int]], wanted: dict, spans: dict, k: int) -> bool:
    for doc_id, start, end in found[:k]:
        for i in wanted.get(doc_id, ()):
            s_start, s_end = spans[doc_id][i]
            if start < s_end and s_start < end:
                return True
    return False


def baseline(corpus: dict, spans: dict, folder: Path, *, titled: bool):
    """Plain FTS5 BM25 over the abstract sentences, one row each; `titled`: over each
    sentence and its abstract's title, as the fair baseline is over claim + title."""
    conn = dbmod.connect(folder / f"baseline-{int(titled)}.db")
    # The fair baseline: porter stems, stopwords dropped (common.fair_bm25), one row a
    # sentence; its "vid" is "doc:index".
    conn.execute("CREATE VIRTUAL TABLE base_fts USING fts5(vid UNINDEXED, vclaim, title,"
                 " tokenize='porter')")
    conn.conn.executemany("INSERT INTO base_fts VALUES (?, ?, ?)", [
        (f"{doc_id}:{i}", sentence, doc["title"] if titled else "")
        for doc_id, doc in corpus.items() for i, sentence in enumerate(doc["abstract"])])
    conn.conn.commit()

    def search(claim: str) -> list[tuple[str, int, int]]:
        found = [vid.rsplit(":", 1) for vid in fair_bm25(conn, claim, 5)]
        return [(d, *spans[d][int(i)]) for d, i in found]

    return search


FAIR = "fair FTS5 BM25: sentence + title (porter, stopwords dropped)"
UNTITLED = "FTS5 BM25: sentence alone"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    corpus, claims = load(args.quick)
    with tempfile.TemporaryDirectory() as tmp:
        db_path, spans, ingest_seconds = ingest(corpus, Path(tmp), args.quick)
        conn = dbmod.connect(db_path, readonly=True)
        keys = {r[0]: r[1].rsplit("#", 1)[1] for r in conn.execute(
            "SELECT id, source_key FROM documents")}
        baselines = {FAIR: baseline(corpus, spans, Path(tmp), titled=True),
                     UNTITLED: baseline(corpus, spans, Path(tmp), titled=False)}
        dense = Dense(semantic(RESULTS / "models").load(), str(db_path))
        scores = {name: Counter() for name in ["factcheck (semantic)",
                                               "factcheck (lexical only)", *baselines]}
        verdicts, expected_labels, times = [], [], []
        evaluated = [c for c in claims if c["evidence"]]
        for claim in evaluated:
            wanted = gold(claim)
            began = time.perf_counter()
            result = check(conn, claim["claim"], limit=5, dense=dense)
            times.append(time.perf_counter() - began)
            lexical = check(conn, claim["claim"], limit=5)
            runs = {"factcheck (semantic)": [(keys[e["document"]["id"]], e["start"], e["end"])
                                             for e in result["evidence"]],
                    "factcheck (lexical only)": [(keys[e["document"]["id"]], e["start"],
                                                  e["end"]) for e in lexical["evidence"]],
                    **{name: search(claim["claim"]) for name, search in baselines.items()}}
            for name, ranked in runs.items():
                scores[name]["R@1"] += hit(ranked, wanted, spans, 1)
                scores[name]["R@5"] += hit(ranked, wanted, spans, 5)
                scores[name]["abstract R@5"] += bool({d for d, _, _ in ranked[:5]} & set(wanted))
            verdicts.append(result["verdict"])
            expected_labels.append(EXPECTED[label(claim)])
        conn.close()
    n = len(evaluated)
    rows = [{"method": name, "claims": n, **{k: round(v / n, 3) for k, v in s.items()}}
            for name, s in scores.items()]
    accuracy = sum(v == e for v, e in zip(verdicts, expected_labels, strict=True)) / n
    majority_label, majority = Counter(expected_labels).most_common(1)[0]
    confusion = Counter(zip(expected_labels, verdicts, strict=True))
    print(table(rows, ["method", "claims", "R@1", "R@5", "abstract R@5"]))
    print(f"\nverdict accuracy {accuracy:.3f} against majority-class ('{majority_label}')"
          f" {majority / n:.3f}")
    for (want, got), count in sorted(confusion.items()):
        print(f"  expected {want:<12} got {got:<12} {count}")
    took = "reused from results/" if ingest_seconds is None else f"{ingest_seconds:.1f} s"
    print(f"ingest {len(corpus)} abstracts: {took}; check p50"
          f" {1000 * statistics.median(times):.1f} ms")
    path = write_result("scifact-quick" if args.quick else "scifact", {
        "rows": rows, "verdict_accuracy": round(accuracy, 3),
        "majority_baseline": round(majority / n, 3), "majority_label": majority_label,
        "confusion": {f"{w}->{g}": c for (w, g), c in confusion.items()},
        "abstracts": len(corpus),
        "ingest_seconds": None if ingest_seconds is None else round(ingest_seconds, 1),
        "check_p50_ms": round(1000 * statistics.median(times), 1)})
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
