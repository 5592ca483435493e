"""Fixtures: an app on a fresh SQLite file per test, its client and CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factcheck import store as dbmod
from factcheck.pipeline.ingest import ingest_paths
from factcheck.web import create_app

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


PLACES = ["Rotterdam", "Lagos", "Osaka", "Denver", "Lyon", "Pune", "Quito", "Perth"]
ACTORS = ["the port authority", "the health ministry", "Mayor Ana Ruiz", "the central bank",
          "Acme Shipping Corp", "the union", "police", "the weather service"]


def write_articles(folder: Path, count: int, seed: int = 7, sentences: int = 12) -> list[Path]:
    """Synthetic news articles with figures, dates and names, for load and crash tests."""
    import random

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        place = rng.choice(PLACES)
        lines = [f"{place} report number {i}", ""]
        for j in range(sentences):
            actor = rng.choice(ACTORS)
            lines.append(
                f"In {place}, {actor} said on March {rng.randint(1, 28)}, 2024 that"
                f" {rng.randint(2, 90_000):,} people were affected by event {i}-{j},"
                f" up {rng.randint(1, 60)} percent from a year earlier.")
        path = folder / f"article_{i:04d}.txt"
        path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def start_server(db: Path, port: int, env: dict | None = None, args: tuple = ()):
    """`factcheck serve` on a loopback port; returns the process once /healthz answers."""
    import os
    import subprocess
    import sys
    import time
    import urllib.request

    proc = subprocess.Popen(
        [sys.executable, "-m", "factcheck.cli", "serve", "--port", str(port), *args],
        env={**os.environ, "FACTCHECK_DATABASE": str(db), **(env or {})},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return proc
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stdout.read().decode()) from None
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the server did not answer /healthz")


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
