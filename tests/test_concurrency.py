"""Checks from many threads and processes while an ingest writes: all answered, none locked."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import quote

from factcheck import store as dbmod
from factcheck.checking.check import check

from .conftest import free_port, start_server, write_articles

STATEMENTS = ["Around 300,000 Americans die every year from fentanyl",
              "China filed 145 incidents with the INCB",
              "In Lyon, the union said 4,000 people were affected",
              "Inflation reached 9 percent last year"]


def http_checks(base: str, rounds: int, out: list) -> None:
    for i in range(rounds):
        statement = STATEMENTS[i % len(STATEMENTS)]
        try:
            with urllib.request.urlopen(f"{base}/api/check?statement={quote(statement)}",
                                        timeout=30) as response:
                out.append((response.status, json.loads(response.read())["verdict"]))
        except urllib.error.HTTPError as exc:
            out.append((exc.code, exc.read().decode()[:200]))


def library_checks(db_path: str, rounds: int) -> list[str]:
    """In another process: read-only connections straight to the file."""
    verdicts = []
    for i in range(rounds):
        conn = dbmod.connect(db_path, readonly=True)
        verdicts.append(check(conn, STATEMENTS[i % len(STATEMENTS)])["verdict"])
        conn.close()
    return verdicts


def test_checks_while_an_ingest_writes(tmp_path):
    db = tmp_path / "factcheck.db"
    port = free_port()
    server = start_server(db, port, args=("--workers", "3"))
    base = f"http://127.0.0.1:{port}"
    write_articles(tmp_path / "incoming", 250)
    writer = subprocess.Popen(
        [sys.executable, "-m", "factcheck.cli", "ingest", str(tmp_path / "incoming"),
         "--db", str(db)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        results: list = []
        threads = [threading.Thread(target=http_checks, args=(base, 12, results))
                   for _ in range(8)]
        with ProcessPoolExecutor(max_workers=2) as pool:
            futures = [pool.submit(library_checks, str(db), 15) for _ in range(2)]
            for thread in threads:
                thread.start()
            overlapped = writer.poll() is None  # reads began while the ingest was writing
            for thread in threads:
                thread.join()
            verdicts = [v for f in futures for v in f.result(timeout=120)]
        assert overlapped, "the ingest ended before the checks began; make it longer"
        output, _ = writer.communicate(timeout=300)
        assert writer.returncode == 0, output.decode()
        assert "250 added" in output.decode()
    finally:
        writer.kill()
        server.terminate()
        server.wait(timeout=10)
    assert len(results) == 96 and len(verdicts) == 30
    assert all(status == 200 for status, _ in results), [r for r in results if r[0] != 200]
    assert not any("locked" in str(body) for _, body in results)
    assert set(verdicts) <= {"supported", "contradicted", "unverified"}
    log = Path(server.log_path).read_text()
    assert "database is locked" not in log and "Traceback" not in log
