"""Fixtures: an app on a fresh SQLite file per test, its client and CLI runner."""

from __future__ import annotations

import os
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


MODEL = ROOT.parent / "shared" / "models" / "all-MiniLM-L6-v2-onnx"
# Tests never reach for the model hub: a test that wants a model names the shared one, and
# an app left to the default repo must fall back to lexical-only without a network try.
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def model_or_skip() -> Path:
    """The shared model; a test that needs it skips without it, except under CI=true."""
    if not (MODEL / "model.onnx").is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs the embedding model at {MODEL}")
        pytest.skip(f"no embedding model at {MODEL}")
    return MODEL


@pytest.fixture(scope="session")
def semantic(tmp_path_factory):
    """The semantic settings for the shared model (fp32)."""
    from factcheck.pipeline.embed import Semantic

    return Semantic(str(model_or_skip()), tmp_path_factory.mktemp("models"))


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
    """The store with both seed articles ingested (no vectors: lexical checks)."""
    summary = ingest_paths(store, [str(CLAIMS)])
    assert summary.added == 2 and summary.failed == 0
    return store


@pytest.fixture(params=["lexical", "semantic"])
def checker(request, store, db_path):
    """check() over the seeds, lexical only and with the semantic stage."""
    from factcheck.checking.check import check
    from factcheck.checking.dense import Dense

    dense = spec = None
    if request.param == "semantic":
        spec = request.getfixturevalue("semantic")
        ingest_paths(store, [str(CLAIMS)], semantic=spec)
        dense = Dense(spec.load(), str(db_path))
    else:
        ingest_paths(store, [str(CLAIMS)])

    def run(statement: str, limit: int = 5) -> dict:
        return check(store, statement, limit, dense=dense)

    run.mode, run.db, run.dense, run.spec = request.param, store, dense, spec
    return run


@pytest.fixture
def corpus(tmp_path):
    """A writable copy of the shipped corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(CLAIMS, target)
    return target


@pytest.fixture
def app(db_path):
    return create_app({"TESTING": True, "DATABASE": str(db_path), "CORPUS": str(CLAIMS),
                       **model_config()})


def model_config() -> dict:
    """Apps under test use the shared model where it is, else run lexical only."""
    if (MODEL / "model.onnx").is_file():
        return {"EMBEDDING_MODEL": str(MODEL)}
    return {"SEMANTIC": False}


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
    """`factcheck serve` on a loopback port; returns the process once /healthz answers.

    Its output goes to a file beside the database: a pipe nobody reads fills up and
    blocks the server's logging (and then its shutdown).
    """
    import os
    import subprocess
    import sys
    import time
    import urllib.request

    log = open(Path(db).with_suffix(".server.log"), "wb")  # noqa: SIM115 - lives with proc
    proc = subprocess.Popen(
        [sys.executable, "-m", "factcheck.cli", "serve", "--port", str(port), *args],
        env={**os.environ, "FACTCHECK_DATABASE": str(db), **model_env(), **(env or {})},
        stdout=log, stderr=subprocess.STDOUT)
    proc.log_path = log.name
    deadline = time.monotonic() + 180  # a bound, not an expectation: first start embeds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)
            return proc
        except OSError:
            try:  # wait on the process: a server that dies is reported at once
                proc.wait(timeout=0.05)
                raise RuntimeError(Path(log.name).read_text())
            except subprocess.TimeoutExpired:
                pass
    proc.kill()
    raise RuntimeError("the server did not answer /healthz")


def model_env() -> dict:
    return {f"FACTCHECK_{k}": str(v).lower() if isinstance(v, bool) else str(v)
            for k, v in model_config().items()}


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
