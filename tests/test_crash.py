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


def test_sigkill_during_ingest_never_leaves_half_a_document(tmp_path):
    folder, db = tmp_path / "articles", tmp_path / "factcheck.db"
    write_articles(folder, 600, seed=11)
    rng = random.Random(2024)
    seen = []
    for _ in range(KILLS):
        proc = ingest(folder, db)
        time.sleep(rng.uniform(0.5, 2.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        seen.append(assert_whole(db))
    assert seen == sorted(seen), "every run resumes where the last stopped"
    assert any(0 < n < 600 for n in seen), f"no kill landed mid-ingest: {seen}"
    final = ingest(folder, db)
    assert final.wait(timeout=300) == 0
    assert assert_whole(db) == 600
