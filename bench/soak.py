"""A bounded soak: writers, 32 checking clients and 64 stalled connections at once.

    python bench/soak.py              # 60 s over 600 news articles, semantic stage on
    python bench/soak.py --quick      # 8 s over the seeds (the test suite runs this)

`factcheck serve` (2 workers, the write API on) takes, for the whole run: 4 threads posting
new documents, one `factcheck ingest` of further articles into the same file, 32 threads
checking statements, and 64 connections that send half a request line and stall (opened
again whenever the server closes one). It stops by itself. Reported: requests and errors of
each kind, and whether every document a writer was told was stored can be read back.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DATA, MODEL, RESULTS, ROOT, table, write_result  # noqa: E402
from http_load import derive_statements, free_port  # noqa: E402

TOKEN = "soak-token-0123456789abcdef"


def sample(count: int, seed: int, target: Path) -> Path:
    """`count` news articles copied into a folder (ingest follows no link out of it)."""
    target.mkdir(parents=True)
    files = sorted((DATA / "news").rglob("*.txt"))
    for path in random.Random(seed).sample(files, count):
        shutil.copyfile(path, target / f"{path.parent.name}-{path.name}")
    return target


def start(db: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "FACTCHECK_DATABASE": str(db), "FACTCHECK_API_TOKEN": TOKEN,
           "FACTCHECK_EMBEDDING_MODEL": str(MODEL)}
    proc = subprocess.Popen([sys.executable, "-m", "factcheck.cli", "serve", "--port",
                             str(port), "--workers", "2"], env=env,
                            stdout=subprocess.DEVNULL, stderr=open(db.with_suffix(".log"), "wb"))
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)
            return proc
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(db.with_suffix(".log").read_text()[-2000:]) from None
            time.sleep(0.2)
    raise RuntimeError("the server did not start")


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counts: dict[str, int] = {}
        self.errors: list[str] = []
        self.stored: list[int] = []

    def add(self, kind: str, ok: bool, detail: str = "") -> None:
        with self.lock:
            self.counts[kind] = self.counts.get(kind, 0) + 1
            if not ok:
                self.counts[kind + "_errors"] = self.counts.get(kind + "_errors", 0) + 1
                self.errors.append(f"{kind}: {detail}"[:300])


def call(port: int, path: str, body: dict | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", data=None if body is None else json.dumps(
            body).encode(), method="GET" if body is None else "POST",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, {"error": exc.read()[:200].decode(errors="replace")}


def checker(port: int, statements: list[str], stop: threading.Event, tally: Tally) -> None:
    rng = random.Random(threading.get_ident())
    while not stop.is_set():
        try:
            status, body = call(port, f"/api/check?statement={quote(rng.choice(statements))}")
            tally.add("check", status == 200 and "verdict" in body, f"{status} {body}")
        except OSError as exc:
            tally.add("check", False, repr(exc))


def writer(port: int, number: int, stop: threading.Event, tally: Tally) -> None:
    i = 0
    while not stop.is_set():
        i += 1
        text = (f"Soak writer {number} report {i}: the port handled {1000 + i} ships in 2023,"
                f" officials said. Revenue rose {i % 40 + 1}% in the year, the ministry said.")
        try:
            status, body = call(port, "/api/documents",
                                {"text": text, "url": f"https://example.org/soak/{number}/{i}"})
            ok = status in (200, 201)
            tally.add("write", ok, f"{status} {body}")
            if ok:
                with tally.lock:
                    tally.stored.append(body["id"])
        except OSError as exc:
            tally.add("write", False, repr(exc))


def staller(port: int, stop: threading.Event, tally: Tally) -> None:
    """Half a request line, then nothing; reopened when the server closes it."""
    while not stop.is_set():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
                sock.sendall(b"GET /api/check?statement=half")
                tally.add("stalled_connection", True)
                sock.settimeout(1.0)
                while not stop.is_set():
                    try:
                        if sock.recv(1) == b"":
                            break  # closed by the server after its timeout: open another
                    except TimeoutError:
                        continue
        except OSError as exc:
            tally.add("stalled_connection", False, repr(exc))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--duration", type=float, default=60.0)
    args = parser.parse_args()
    duration = 8.0 if args.quick else args.duration
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "soak.db"
        initial = ROOT / "claims" if args.quick else sample(600, 1, folder / "initial")
        subprocess.run([sys.executable, "-m", "factcheck.cli", "ingest", str(initial),
                        "--db", str(db)], check=True, capture_output=True,
                       env={**os.environ, "FACTCHECK_EMBEDDING_MODEL": str(MODEL)})
        more = sample(20 if args.quick else 300, 2, folder / "more")
        statements = derive_statements(db, 500)
        port = free_port()
        server = start(db, port)
        stop, tally = threading.Event(), Tally()
        before = call(port, "/healthz")[1]["database"]["documents"]
        threads = ([threading.Thread(target=checker, args=(port, statements, stop, tally))
                    for _ in range(32)]
                   + [threading.Thread(target=writer, args=(port, n, stop, tally))
                      for n in range(4)]
                   + [threading.Thread(target=staller, args=(port, stop, tally))
                      for _ in range(64)])
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        ingest = subprocess.run(
            [sys.executable, "-m", "factcheck.cli", "ingest", str(more), "--db", str(db)],
            capture_output=True, text=True, env={**os.environ, "FACTCHECK_SEMANTIC": "false"})
        stop.wait(max(0.0, duration - (time.perf_counter() - began)))
        stop.set()
        for thread in threads:
            thread.join(timeout=180)
        seconds = time.perf_counter() - began
        try:
            lost = [i for i in tally.stored if call(port, f"/api/documents/{i}")[0] != 200]
            after = call(port, "/healthz")[1]["database"]["documents"]
        finally:
            server.terminate()
            server.wait(timeout=60)
            if tally.errors:  # keep the server's own account of what went wrong
                shutil.copyfile(db.with_suffix(".log"), RESULTS / (
                    "soak-quick.server.log" if args.quick else "soak.server.log"))
    cli_added = int(ingest.stdout.split(" added")[0].split()[-1]) if " added" in \
        ingest.stdout else -1
    expected = before + len(set(tally.stored)) + cli_added
    row = {"seconds": round(seconds, 1), **tally.counts,
           "checks_per_s": round(tally.counts.get("check", 0) / seconds, 1),
           "cli_ingest_exit": ingest.returncode, "cli_added": cli_added,
           "documents_acknowledged": len(set(tally.stored)), "lost_documents": len(lost),
           "documents_expected": expected, "documents_after": after}
    print(table([row], list(row)))
    errors = sum(v for k, v in tally.counts.items() if k.endswith("_errors"))
    ok = not errors and not lost and ingest.returncode == 0 and after == expected
    print(f"\n{errors} errors, {len(lost)} lost documents: {'ok' if ok else 'FAILED'}")
    for line in tally.errors[:5]:
        print("  ", line)
    print(f"wrote {write_result('soak-quick' if args.quick else 'soak', {**row, 'ok': ok})}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
