"""HTTP load on the production server (`factcheck serve`) over loopback, bounded.

    python bench/http_load.py                          # 1, 8, 32 clients, 600 requests each
    python bench/http_load.py --duration 60 --concurrency 32   # the 60 s soak
    python bench/http_load.py --quick                  # seed corpus, a few requests (tests)

Statements are derived from stored claims (reworded, number-changed, typo'd) plus
off-topic ones. Every run stops by itself: a fixed number of requests, or a time limit.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DATA, MODEL, RESULTS, ROOT, table, write_result  # noqa: E402

from factcheck import store as dbmod  # noqa: E402

OFF_TOPIC = ["Inflation reached 9 percent last year", "The moon is made of cheese",
             "A new smartphone sold 3 million units in a week", "Vote count: 1"]


def news_db(quick: bool) -> Path:
    """The database to serve: the seeds (quick) or the whole news corpus, built once."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / ("seeds.db" if quick else "news.db")
    if not path.exists():
        source = ROOT / "claims" if quick else DATA / "news"
        subprocess.run([sys.executable, "-m", "factcheck.cli", "ingest", str(source),
                        "--db", str(path)], check=True)
    conn = dbmod.connect(path)  # a file from an older build: bring its schema up to date
    dbmod.migrate(conn)
    conn.close()
    return path


def derive_statements(db_path: Path, count: int, seed: int = 5) -> list[str]:
    """Reworded, number-changed and typo'd versions of stored claims, plus off-topic ones."""
    rng = random.Random(seed)
    conn = dbmod.connect(db_path, readonly=True)
    total = conn.execute("SELECT max(id) FROM claims").fetchone()[0]
    out = []
    while len(out) < count:
        row = conn.execute("SELECT text FROM claims WHERE id >= ? LIMIT 1",
                           [rng.randint(1, total)]).fetchone()
        words = row[0].split()[:30]
        kind = rng.randrange(4)
        if kind == 0 and len(words) > 4:  # reworded: clauses swapped
            cut = len(words) // 2
            words = words[cut:] + words[:cut]
        elif kind == 1:  # number-changed
            words = [str(int(w) * 2 + 1) if w.isdigit() else w for w in words]
        elif kind == 2 and words:  # typo'd
            i = rng.randrange(len(words))
            if len(words[i]) > 3:
                words[i] = words[i][:2] + words[i][3:]
        else:
            words = rng.choice(OFF_TOPIC).split()
        out.append(" ".join(words))
    conn.close()
    return out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(db_path: Path, port: int, workers: int, lexical: bool = False) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "factcheck.cli", "serve", "--port", str(port), "--workers",
         str(workers), "--read-only", "--db", str(db_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "FACTCHECK_DATABASE": str(db_path),
             "FACTCHECK_EMBEDDING_MODEL": str(MODEL),
             "FACTCHECK_SEMANTIC": "false" if lexical else "true"})
    for _ in range(300):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start")


def load(port: int, statements: list[str], concurrency: int, requests: int,
         duration: float | None) -> dict:
    """Send requests from `concurrency` threads until the count or the time limit is hit."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(requests))
    deadline = time.perf_counter() + duration if duration else None

    def worker() -> None:
        while deadline is None or time.perf_counter() < deadline:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            path = f"/api/check?statement={quote(statements[i % len(statements)])}"
            began = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                conn.request("GET", path)
                response = conn.getresponse()
                body = response.read()
                ok = response.status == 200 and json.loads(body)["verdict"]
                conn.close()
            except Exception as exc:  # a refused or dropped connection is an error too
                ok, body = False, repr(exc).encode()
            elapsed = time.perf_counter() - began
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors.append(body[:200].decode(errors="replace"))

    began = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    ordered = sorted(latencies) or [0.0]
    return {"concurrency": concurrency, "requests": len(latencies), "errors": len(errors),
            "seconds": round(wall, 2), "rps": round(len(latencies) / wall, 1),
            "p50_ms": round(1000 * statistics.median(ordered), 1),
            "p99_ms": round(1000 * ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], 1),
            "sample_errors": errors[:3]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--concurrency", type=int, nargs="*")
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--duration", type=float, help="stop after this many seconds")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--lexical", action="store_true", help="the server without the model")
    args = parser.parse_args()
    levels = args.concurrency or ([1, 4] if args.quick else [1, 8, 32])
    requests = 20 if args.quick else args.requests
    if args.duration:
        requests = 10**9  # bounded by time instead
    db_path = news_db(args.quick)
    statements = derive_statements(db_path, 1000)
    port = free_port()
    server = serve(db_path, port, args.workers, args.lexical)
    try:
        health = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz").read())
        rows = [load(port, statements, c, requests, args.duration) for c in levels]
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(table(rows, ["concurrency", "requests", "errors", "seconds", "rps", "p50_ms",
                       "p99_ms"]))
    name = "http-quick" if args.quick else ("http-soak" if args.duration else "http")
    name += "-lexical" if args.lexical else ""
    print(f"semantic stage: {health['semantic']}")
    payload = {"workers": args.workers, "runs": rows, "semantic": health["semantic"]}
    print(f"\nwrote {write_result(name, payload)}")
    if any(r["errors"] for r in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
