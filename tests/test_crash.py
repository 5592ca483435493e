"""SIGKILL an ingest at random moments: the store stays whole and a re-run completes."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time

from .conftest import write_articles

KILLS = 8


def ingest(folder, db):
    return subprocess.Popen([sys.executable, "-m", "factcheck.cli", "ingest", str(folder),
                             "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def assert_whole(db) -> int:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        partial = conn.execute(
            "SELECT d.id, d.claim_count, count(c.id) FROM documents d"
            " LEFT JOIN claims c ON c.document_id = d.id GROUP BY d.id"
            " HAVING d.claim_count != count(c.id)").fetchall()
        assert partial == [], f"documents with part of their claims: {partial}"
        orphans = conn.execute("SELECT count(*) FROM facts WHERE claim_id NOT IN"
                               " (SELECT id FROM claims)").fetchone()[0]
        assert orphans == 0
        # FTS5 compares its index with the claims table and raises if they disagree.
        conn.execute("INSERT INTO claims_fts(claims_fts) VALUES ('integrity-check')")
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        conn.close()


def stored(db) -> int:
    """Documents committed so far, read through a separate connection."""
    if not db.exists():
        return 0
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # no schema yet
        return 0
    finally:
        conn.close()


def wait_for(condition, proc, limit: float = 300.0) -> None:
    """Check a condition between waits on the process, which return the moment it exits
    (bounded, so a broken run fails instead of hanging)."""
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        try:
            proc.wait(timeout=0.01)
        except subprocess.TimeoutExpired:
            pass


def test_sigkill_during_ingest_never_leaves_half_a_document(tmp_path):
    folder, db = tmp_path / "articles", tmp_path / "factcheck.db"
    write_articles(folder, 600, seed=11)
    rng = random.Random(2024)
    seen = []
    for _ in range(KILLS):
        before = stored(db)
        if before >= 600:
            break
        proc = ingest(folder, db)
        # Kill after the run has visibly written something past where it started: a
        # condition observed in the database, never a guess at how long that takes.
        target = before + rng.randint(1, 3)
        wait_for(lambda: stored(db) >= target or proc.poll() is not None, proc)  # noqa: B023
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        seen.append(assert_whole(db))
    assert seen == sorted(seen), "every run resumes where the last stopped"
    assert any(0 < n < 600 for n in seen), f"no kill landed mid-ingest: {seen}"
    final = ingest(folder, db)
    assert final.wait(timeout=300) == 0
    assert assert_whole(db) == 600
