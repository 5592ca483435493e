"""Draft review speed: one POST /api/review against checking its sentences one by one.

    python bench/review.py            # 5 drafts of ~1,000 words over results/news.db
    python bench/review.py --quick    # the seed corpus, 1 short draft (the test suite runs this)

A draft is built from stored claims in a seeded order: some with a figure changed, the rest
as stored, in paragraphs, with a furniture line and a short line between them (which the
review must skip). Both sides go through the production server (`factcheck serve`) on
loopback with the semantic stage on; the baseline is the same sentences sent to
GET /api/check one after another, which is what a client without the review endpoint does.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import changed, figure_claims, table, write_result  # noqa: E402
from http_load import free_port, news_db, serve  # noqa: E402

from factcheck import store as dbmod  # noqa: E402

FILLER = ["Share this article", "Read more", "It was a long day."]
TARGET_SECONDS = 1.5


def build_draft(db_path: Path, words: int, seed: int) -> str:
    """About `words` words of stored claims, one in six with a figure changed."""
    conn = dbmod.connect(db_path, readonly=True)
    rows = figure_claims(conn, 400, seed)
    conn.close()
    rng = random.Random(seed)
    paragraphs, paragraph, count = [], [], 0
    for row in rows:
        text = row[1]
        if rng.random() < 1 / 6:
            text = (changed(row) or ("", text))[1]
        paragraph.append(" ".join(text.split()))
        count += len(text.split())
        if len(paragraph) == 4:
            paragraphs += [" ".join(paragraph), rng.choice(FILLER)]
            paragraph = []
        if count >= words:
            break
    return "\n\n".join(paragraphs + [" ".join(paragraph)]).strip()


def post(port: int, path: str, body: dict) -> dict:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method="POST",
                                     data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=600) as response:
        return json.load(response)


def get(port: int, path: str) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=600) as response:
        return json.load(response)


def one_draft(port: int, draft: str) -> dict:
    """The review's time, the one-by-one time, and whether their verdicts agree."""
    began = time.perf_counter()
    result = post(port, "/api/review", {"text": draft, "limit": 3})
    review_s = time.perf_counter() - began
    checked = [s for s in result["sentences"] if s["verdict"]]
    began = time.perf_counter()
    singles = [get(port, f"/api/check?limit=3&statement={quote(s['text'])}")
               for s in checked]
    single_s = time.perf_counter() - began
    agree = sum(a["verdict"] == b["verdict"] for a, b in zip(checked, singles, strict=True))
    return {"words": len(draft.split()), "checked": len(checked),
            "skipped": result["summary"]["skipped"],
            "contradicted": result["summary"]["contradicted"],
            "review_s": round(review_s, 3), "one_by_one_s": round(single_s, 3),
            "speedup": round(single_s / max(review_s, 1e-9), 1),
            "verdicts_agree": round(agree / max(1, len(checked)), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--drafts", type=int, default=5)
    parser.add_argument("--words", type=int, default=1000)
    args = parser.parse_args()
    db_path = news_db(args.quick)
    drafts = [build_draft(db_path, 150 if args.quick else args.words, seed)
              for seed in range(1 if args.quick else args.drafts)]
    port = free_port()
    server = serve(db_path, port, workers=2)
    try:
        health = get(port, "/healthz")
        post(port, "/api/review", {"text": drafts[0]})  # warm the model and the index
        rows = [one_draft(port, draft) for draft in drafts]
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(table(rows, ["words", "checked", "skipped", "contradicted", "review_s",
                       "one_by_one_s", "speedup", "verdicts_agree"]))
    median = statistics.median(r["review_s"] for r in rows)
    print(f"\nmedian review {median:.2f} s (target {TARGET_SECONDS} s for 1,000 words);"
          f" semantic stage: {health['semantic']['enabled']}")
    payload = {"drafts": rows, "median_review_s": median, "target_s": TARGET_SECONDS,
               "semantic": health["semantic"], "database": health["database"]}
    print(f"wrote {write_result('review-quick' if args.quick else 'review', payload)}")


if __name__ == "__main__":
    main()
