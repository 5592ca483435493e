"""Fixtures: an app on a fresh SQLite file per test, its client and CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factcheck import create_app
from factcheck import db as dbmod
from factcheck.ingest import ingest_paths

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = ROOT / "claims"
SEED_000 = CLAIMS / "000_8b522224fd885a9a.txt"
SEED_001 = CLAIMS / "001_bb3994ddda9d2b97.txt"


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "factcheck.db"


@pytest.fixture
def store(db_path):
    """A migrated, empty store on a real file."""
    conn = dbmod.connect(db_path)
    dbmod.migrate(conn)
    yield conn
    conn.close()


@pytest.fixture
def seeded(store):
    """The store with both seed articles ingested."""
    summary = ingest_paths(store, [str(CLAIMS)])
    assert summary.added == 2 and summary.failed == 0
    return store


@pytest.fixture
def corpus(tmp_path):
    """A writable copy of the shipped corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(CLAIMS, target)
    return target


@pytest.fixture
def app(db_path):
    return create_app({"TESTING": True, "DATABASE": str(db_path), "CORPUS": str(CLAIMS)})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
