"""Hostile and careless files through the real CLI: each is named and skipped, the rest
ingests, nothing outside the folder is read, and nothing hangs."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys

import pytest

from factcheck.extract.readers import MAX_FILE_BYTES

GOOD = "The port of Lagos handled 7,000 container ships in 2023, officials said.\n"
NESTED = "[" * 100_000 + "]" * 100_000


def run(*args, db, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "FACTCHECK_DATABASE": str(db), "FACTCHECK_SEMANTIC": "false"}
    return subprocess.run([sys.executable, "-m", "factcheck.cli", *args], env=env,
                          capture_output=True, text=True, timeout=timeout)


def texts(db) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute("SELECT text FROM documents")]
    finally:
        conn.close()


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


@pytest.mark.parametrize("make, reason", [
    (lambda f: (f / "bad.jsonl").write_text(
        json.dumps({"id": "ok", "text": GOOD}) + "\n" + '{"text": ' + NESTED + "}\n"),
     "line 2: nested too deeply"),
    (lambda f: ((f / "side.txt").write_text(GOOD.replace("7,000", "8,000")),
                (f / "side.json").write_text('{"title": ' + NESTED + "}")),
     "sidecar side.json: nested too deeply"),
])
def test_deeply_nested_files_are_named_and_skipped(inbox, tmp_path, make, reason):
    make(inbox)
    done = run("ingest", str(inbox), db=tmp_path / "f.db")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert reason in done.stderr
    assert GOOD in texts(tmp_path / "f.db")


def test_a_nested_manifest_only_loses_its_metadata(inbox, tmp_path):
    (inbox / "manifest.jsonl").write_text('{"file": "good.txt", "title": ' + NESTED + "}\n")
    done = run("ingest", str(inbox), db=tmp_path / "f.db")
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert texts(tmp_path / "f.db") == [GOOD]


def test_an_import_record_nested_too_deep_is_skipped_and_the_rest_imported(tmp_path):
    records = tmp_path / "checked.jsonl"
    records.write_text(json.dumps({"id": "1", "text": "The dam holds 4 million cubic metres.",
                                   "rating": "False"}) + "\n"
                       + '{"id": "2", "text": ' + NESTED + "}\n"
                       + json.dumps({"id": "3", "text": "x" * 10_000}) + "\n")
    done = run("import-claims", str(records), db=tmp_path / "f.db")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "line 2: nested too deeply" in done.stderr
    assert "a claim can be at most 2,000" in done.stderr
    assert "1 added" in done.stdout


def test_symlinks_out_of_the_folder_are_not_followed(inbox, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    secret = "The secret budget is 9,999 dollars, the treasurer said.\n"
    (elsewhere / "secret.txt").write_text(secret)
    (inbox / "leak.txt").symlink_to(elsewhere / "secret.txt")
    (inbox / "linked-dir").symlink_to(elsewhere, target_is_directory=True)
    done = run("ingest", str(inbox), db=tmp_path / "f.db")
    assert done.returncode == 1
    assert "leak.txt: a symbolic link leading out of the folder: not followed" in done.stderr
    assert secret not in texts(tmp_path / "f.db") and GOOD in texts(tmp_path / "f.db")


def test_a_walk_follows_links_that_stay_inside_and_lists_files_in_path_order(tmp_path):
    from factcheck.extract.readers import discover

    root, elsewhere = tmp_path / "inbox", tmp_path / "elsewhere"
    for folder in (root / "b" / "deep", root / "a-b", elsewhere):
        folder.mkdir(parents=True)
    for path in (root / "b" / "deep" / "x.txt", root / "a-b" / "y.txt", root / "z.txt",
                 elsewhere / "out.txt"):
        path.write_text("The budget is 9,999 dollars, the treasurer said.\n")
    (root / "b" / "in-link.txt").symlink_to(root / "z.txt")
    (root / "b" / "out-link.txt").symlink_to(elsewhere / "out.txt")
    (root / "inside-dir").symlink_to(root / "a-b", target_is_directory=True)
    found = discover([str(root)])
    assert [f.path for f in found] == sorted(f.path for f in found)  # as Paths sort
    problems = {f.shown: f.problem for f in found}
    assert problems == {"a-b/y.txt": None, "b/deep/x.txt": None, "b/in-link.txt": None,
                        "b/out-link.txt": "a symbolic link leading out of the folder:"
                                          " not followed", "z.txt": None}


def test_fifos_devices_and_giant_files_are_never_read(inbox, tmp_path):
    fifo = inbox / "pipe.txt"
    os.mkfifo(fifo)  # nobody writes to it: reading it would block forever
    giant = tmp_path / "giant.txt"
    with open(giant, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk, and it must not be read
    db = tmp_path / "f.db"
    assert run("ingest", str(inbox), db=db, timeout=120).returncode == 0  # FIFO not listed
    for path, reason in ((fifo, "not a regular file"), ("/dev/zero", "not a regular file"),
                         (giant, "larger than the")):
        done = run("ingest", str(path), db=db, timeout=120)
        assert done.returncode == 1 and reason in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
    done = run("import-claims", "/dev/zero", db=db, timeout=120)  # it hung, reading forever
    assert done.returncode == 1 and "not a regular file" in done.stderr
    assert texts(db) == [GOOD]


def test_giant_sentences_and_records_are_bounded(inbox, tmp_path):
    (inbox / "one-line.txt").write_text("Ab 1 " * 20_000 + "\n")  # 100k characters, no stop
    (inbox / "big.jsonl").write_text(json.dumps({"id": "huge", "text": "word " * 2_100_000})
                                     + "\n" + json.dumps({"id": "fine", "text": GOOD}) + "\n")
    db = tmp_path / "f.db"
    done = run("ingest", str(inbox), db=db, timeout=120)
    assert "big.jsonl: line 1: 'text' is 10,500,000 characters" in done.stderr
    conn = sqlite3.connect(db)
    longest = conn.execute("SELECT max(length(text)) FROM claims").fetchone()[0]
    conn.close()
    assert longest <= 2000  # the 100k 'sentence' is no claim, and nothing became one
    checked = run("check", "--json", "Ab 1 Ab 1 Ab 1", db=db, timeout=120)
    assert checked.returncode == 0 and len(checked.stdout) < 100_000


def test_csv_export_escapes_formulas(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "f.txt").write_text("=HYPERLINK(\"http://evil\") said 300 people died in 2020.\n"
                                  "\n+1 million people voted for 4 candidates on Monday.\n"
                                  "\n-20 degrees was the low in Oslo on 3 January, it said.\n"
                                  "\n@SUM(A1) workers struck for 5 days, the union said.\n")
    db = tmp_path / "f.db"
    assert run("ingest", str(folder), db=db).returncode == 0
    out = run("export", "--format", "csv", db=db).stdout
    cells = [row["quote"] for row in csv.DictReader(io.StringIO(out))]
    assert len(cells) == 4
    assert all(cell[0] == "'" and cell[1] in "=+-@" for cell in cells), cells


def test_a_full_disk_is_named_and_the_store_stays_intact(tmp_path):
    import resource
    import signal

    from .conftest import CLAIMS, write_articles

    db = tmp_path / "f.db"
    assert run("ingest", str(CLAIMS), db=db).returncode == 0
    folder = tmp_path / "many"
    write_articles(folder, 400, seed=9)
    limit = db.stat().st_size + 64 * 1024  # the database may grow by 64 KiB, then: full

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # past it a write fails, as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "FACTCHECK_DATABASE": str(db), "FACTCHECK_SEMANTIC": "false"}
    done = subprocess.run([sys.executable, "-m", "factcheck.cli", "ingest", str(folder)],
                          env=env, capture_output=True, text=True, timeout=300,
                          preexec_fn=small_disk)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "the disk is full" in done.stderr and "Traceback" not in done.stderr, done.stderr
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        seeds = conn.execute("SELECT count(*) FROM documents WHERE text LIKE"
                             " '%Counternarcotics%'").fetchone()[0]
        assert seeds == 2  # what was committed before stays
    finally:
        conn.close()
    assert run("ingest", str(folder), db=db).returncode == 0  # with room again, it completes
