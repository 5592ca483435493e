"""The factcheck command line and the app: ingest, list, export, bootstrap, health."""

from __future__ import annotations

import csv
import io
import json
import logging

from factcheck.cli import cli
from factcheck.web import create_app

from .conftest import CLAIMS


def run(runner, *args):
    return runner.invoke(cli, list(args), catch_exceptions=False)


def test_ingest_then_claims_json(runner, db_path):
    result = run(runner, "ingest", str(CLAIMS))
    assert result.exit_code == 0
    assert "2 added, 0 updated, 0 unchanged, 0 failed" in result.output
    claims = json.loads(run(runner, "claims", "--json").output)
    quotes = [c["quote"] for c in claims]
    fentanyl = next(c for c in claims if c["quote"].startswith("It is estimated that 100,000"))
    number = next(f for f in fentanyl["facts"] if f["kind"] == "number")
    assert number["value"] == "100000"
    texts = {c["document_id"]: None for c in claims}
    assert len(texts) == 2
    november = [f for c in claims for f in c["facts"] if f["text"] == "November 15"]
    assert [f["value"] for f in november] == ["2023-11-15"]
    assert not any("Vote count" in q or "Rate this post" in q for q in quotes)
    for claim in claims:
        doc_text = (CLAIMS / ("000_8b522224fd885a9a.txt" if claim["document_id"] == 1
                              else "001_bb3994ddda9d2b97.txt")).read_text(encoding="utf-8")
        assert doc_text[claim["start"]:claim["end"]] == claim["quote"]


def test_ingest_reports_bad_files_and_exits_nonzero(runner, corpus):
    (corpus / "broken.txt").write_bytes(b"\xff\xfe\x00\x00garbage")
    result = runner.invoke(cli, ["ingest", str(corpus)])
    assert result.exit_code == 1
    assert "broken.txt" in result.output and "binary" in result.output
    assert "2 added" in result.output and "1 failed" in result.output


def test_ingest_into_another_database(runner, tmp_path):
    other = tmp_path / "other.db"
    assert run(runner, "ingest", str(CLAIMS), "--db", str(other)).exit_code == 0
    assert other.exists()
    assert "Readout of the U.S.-PRC" in run(runner, "documents", "--db", str(other)).output


def test_one_claim_and_missing_claim(runner):
    run(runner, "ingest", str(CLAIMS))
    one = json.loads(run(runner, "claims", "1", "--json").output)
    assert one["id"] == 1 and one["prefix"] and "suffix" in one
    missing = runner.invoke(cli, ["claims", "99999"])
    assert missing.exit_code != 0 and "no claim 99999" in missing.output


def test_export_jsonl_and_csv(runner):
    run(runner, "ingest", str(CLAIMS))
    lines = run(runner, "export").output.strip().splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) >= 15 and all({"start", "end", "quote", "facts"} <= set(r) for r in rows)
    table = list(csv.DictReader(io.StringIO(run(runner, "export", "--format", "csv").output)))
    assert len(table) == len(rows)
    assert json.loads(table[0]["facts"]) == rows[0]["facts"]


def test_empty_database_is_built_from_the_corpus_on_first_start(app, client, caplog):
    with caplog.at_level(logging.WARNING):
        health = client.get("/healthz").get_json()
    assert health["status"] == "ok"
    assert health["database"]["documents"] == 2 and health["database"]["claims"] >= 15
    assert any("built from" in r.getMessage() for r in caplog.records)
    assert client.get("/").status_code == 200


def test_configuration_from_environment(monkeypatch, tmp_path):
    target = tmp_path / "env.db"
    monkeypatch.setenv("FACTCHECK_DATABASE", str(target))
    app = create_app()
    assert app.config["DATABASE"] == str(target) and target.exists()


def test_schema_is_migrated_on_start(app, db_path):
    import sqlite3

    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] >= 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"documents", "claims", "facts", "corroborations", "acronyms", "claims_fts"} <= tables


def test_flask_commands_are_available(runner):
    result = runner.invoke(cli, ["routes"])
    assert result.exit_code == 0 and "/healthz" in result.output
