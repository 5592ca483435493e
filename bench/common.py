"""Shared by the benchmarks: where the data is, ranking metrics, result files."""

from __future__ import annotations

import csv
import json
import os
import platform
import re
import sys
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


def stands_for(item: dict) -> list[int]:
    """The claims a shown passage stands for: itself and the copies folded into it (its
    corroboration worded the same: the same sentence in a copy of an article)."""
    from factcheck.checking.present import wording

    same = wording(item["quote"])
    return [item["claim_id"]] + [c["claim_id"] for c in item["corroboration"]
                                 if wording(c["quote"]) == same]


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


MODEL = Path(os.environ.get("FACTCHECK_EMBEDDING_MODEL",
                            ROOT.parent / "shared" / "models" / "all-MiniLM-L6-v2-onnx"))
CLAIM_FILES = {"checkthat2020": "checkthat2020/verified_claims.docs.tsv",
               "checkthat2022-2a": "checkthat2022-2a/vclaims.tsv"}
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


def read_queries(path: Path) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in read_tsv(path)[1:] if len(r) > 1]


def semantic(cache: Path, quantized: bool = False):
    from factcheck.pipeline.embed import Semantic

    return Semantic(str(MODEL), cache, quantized=quantized)


def claim_store(dataset: str, quick: bool = False, quantized: bool = False):
    """CheckThat! claims imported by the real importer (with vectors), cached in results/,
    beside the fair baseline: FTS5 with the porter tokenizer over claim + title."""
    from factcheck import store
    from factcheck.pipeline.importer import import_claims

    tag = ("-quick" if quick else "") + ("-int8" if quantized else "")
    db_path = RESULTS / f"{dataset}{tag}.db"
    source = DATA / CLAIM_FILES[dataset]
    spec = semantic(RESULTS / "models", quantized)
    encoder = spec.load()
    if not db_path.exists():
        RESULTS.mkdir(parents=True, exist_ok=True)
        partial = db_path.with_suffix(".partial.db")
        partial.unlink(missing_ok=True)
        rows = read_tsv(source)
        if quick:
            rows = rows[:1500]
        records = partial.with_suffix(".tsv")
        with open(records, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, delimiter="\t").writerows(rows)
        db = store.connect(partial)
        store.migrate(db)
        import_claims(db, records, link=False, semantic=spec)
        build_fair_baseline(db, rows)
        db.close()
        records.unlink()
        partial.rename(db_path)
    db = store.connect(db_path)
    return db, db_path, encoder, db


def build_fair_baseline(db, rows: list[list[str]]) -> None:
    header, body = rows[0], rows[1:]
    text_col, title_col = header.index("vclaim"), header.index("title")
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS base_fts"
               " USING fts5(vid UNINDEXED, vclaim, title, tokenize='porter')")
    db.conn.executemany("INSERT INTO base_fts VALUES (?, ?, ?)",
                        [(r[0], r[text_col], r[title_col]) for r in body])
    db.conn.commit()


def _stopwords() -> frozenset:
    from factcheck.checking.similarity import STOPWORDS

    # The standard English list, without the project's own additions.
    return STOPWORDS - {"said", "says", "say", "told", "according", "per", "year", "one"}


def fair_bm25(db, text: str, k: int = 100) -> list[str]:
    """The fair baseline: porter-stemmed FTS5, stopwords dropped, the rest OR-ed, top k."""
    stop = _stopwords()
    words = sorted({w.lower() for w in _WORD.findall(text)} - stop)
    if not words:
        return []
    query = " OR ".join(f'"{w}"' for w in words)
    return [r[0] for r in db.execute(
        "SELECT vid FROM base_fts WHERE base_fts MATCH ? ORDER BY bm25(base_fts) LIMIT ?",
        [query, k])]


def figure_claims(db, limit: int, seed: int, max_chars: int = 300) -> list[tuple]:
    """Stored claims that carry a figure or a date, one fact each, in a seeded order:
    (id, text, claim start, fact kind, fact start, fact end, fact value)."""
    import random

    rows = db.execute(
        "SELECT c.id, c.text, c.span_start, f.kind, f.span_start, f.span_end, f.value"
        " FROM claims c JOIN facts f ON f.claim_id = c.id"
        " WHERE f.kind IN ('number', 'percent', 'money', 'date') AND length(c.text) < ?"
        " AND c.text NOT LIKE '%?%' GROUP BY c.id ORDER BY c.id", [max_chars]).fetchall()
    random.Random(seed).shuffle(rows)
    return rows[:limit]


_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


def changed(row: tuple) -> tuple[str, str] | None:
    """The claim with its fact changed by a fixed rule: ('date-changed' or
    'number-changed', statement), or None when the rule does not apply."""
    _cid, text, c_start, kind, f_start, f_end, value = row
    a, b = f_start - c_start, f_end - c_start
    if kind == "date":
        if len(value) != 10:
            return None
        day = str(int(value[8:]))
        statement = text[:a] + text[a:b].replace(day, str(int(day) % 27 + 2), 1) + text[b:]
        return ("date-changed", statement) if statement != text else None
    # Only the digits change: the currency, the scale and the % stay, so "$11bn" becomes
    # "$40bn", not a bare "33,000,000,007" that no longer counts the same thing.
    digits = _DIGITS.search(text, a, b)  # None: a figure in words ('three')
    if digits:
        a, b, value = digits.start(), digits.end(), digits.group().replace(",", "")
    number = float(value) * 3 + 7
    written = f"{number:,.0f}" if number >= 1000 else f"{number:g}"
    return "number-changed", text[:a] + written + text[b:]


def pasted(texts: list[str]) -> list[str]:
    """Two true stored sentences pasted together, as two sentences and joined by 'and':
    the passage of either speaks to half the statement and must not contradict it."""
    out = []
    for first, second in zip(texts[0::2], texts[1::2], strict=False):
        out.append(f"{first.rstrip()} {second}")
        out.append(f"{first.rstrip(' .')} and {second[:1].lower()}{second[1:]}")
    return out


# Words of change and their opposites, as an editor would reverse a sentence (kept apart
# from the service's own list in factcheck/checking/direction.py, which reads fewer).
REVERSE = {"rose": "fell", "fell": "rose", "increased": "decreased", "decreased": "increased",
           "rise": "fall", "fall": "rise", "grew": "shrank", "higher": "lower",
           "lower": "higher", "jumped": "dropped", "dropped": "jumped", "gained": "lost",
           "up": "down", "down": "up", "declined": "rose", "raised": "cut", "cut": "raised"}
# 'up to 40GB' is a bound, not a change ('more than' and 'fewer than' likewise: left out).
_REVERSIBLE = re.compile(r"\b(" + "|".join(REVERSE) + r")\b(?! to\b)")


def reversed_change(text: str) -> str | None:
    """The text with its first word of change reversed ('rose' for 'fell'), or None."""
    found = _REVERSIBLE.search(text)
    if not found:
        return None
    return text[:found.start()] + REVERSE[found.group()] + text[found.end():]


def negated(text: str) -> str:
    return "It is not true that " + text[0].lower() + text[1:]


def misspelt(text: str, seed: int, words: int = 2) -> str | None:
    """The text with `words` of its longer words misspelt as people do: a letter dropped,
    doubled, or two neighbours swapped (never the first letter); None if too few words."""
    import random

    rng = random.Random(seed)
    found = [m for m in re.finditer(r"[A-Za-z]{6,}", text)]
    if len(found) < words:
        return None
    out = text
    for m in sorted(rng.sample(found, words), key=lambda m: -m.start()):
        word, at = m.group(), rng.randrange(1, len(m.group()) - 1)
        how = rng.choice(("drop", "double", "swap"))
        if how == "drop":
            typo = word[:at] + word[at + 1:]
        elif how == "double":
            typo = word[:at] + word[at] + word[at:]
        else:
            typo = word[:at] + word[at + 1] + word[at] + word[at + 2:]
        out = out[:m.start()] + typo + out[m.end():]
    return out if out != text else None
