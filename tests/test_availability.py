"""Availability over real HTTP: slow clients, concurrent writers, deletes while reading."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import pytest

from .conftest import free_port, start_server, write_articles

TOKEN = "availability-token-0123456789"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`factcheck serve` (2 workers) with the write API on, over the seeds."""
    folder = tmp_path_factory.mktemp("availability")
    port = free_port()
    proc = start_server(folder / "factcheck.db", port, env={"FACTCHECK_API_TOKEN": TOKEN},
                        args=("--workers", "2"))
    yield f"http://127.0.0.1:{port}", port, folder / "factcheck.db"
    proc.terminate()
    proc.wait(timeout=30)


def _get(url: str, timeout: float = 60) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def _send(base: str, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(
        base + path, method=method, data=None if body is None else json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else {}
    except urllib.error.HTTPError as exc:
        return exc.code, {"headers": dict(exc.headers), **json.loads(exc.read() or b"{}")}


def test_slow_and_idle_connections_do_not_stop_checks(server):
    base, port, _db = server
    held = []
    try:
        for i in range(80):  # 64 that stop half-way through a request line, 16 silent
            sock = socket.create_connection(("127.0.0.1", port), timeout=10)
            if i < 64:
                sock.sendall(b"GET /api/check?statement=half")
            held.append(sock)
        with ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(lambda s: _get(
                f"{base}/api/check?statement={quote(s)}"), ["China filed 145 incidents"] * 12
                + ["Inflation reached 9 percent last year"] * 8))
        assert [status for status, _ in answers] == [200] * 20
        assert _get(f"{base}/healthz")[0] == 200
    finally:
        for sock in held:
            sock.close()


def test_parallel_writers_queue_rather_than_fail(server):
    base, _port, _db = server
    bodies = [{"text": f"Report {i}: the port of Lagos handled {1000 + i} ships in 2023,"
                       f" officials said. Revenue rose {i + 2}% in the year, the ministry"
                       f" said.", "url": f"https://example.org/parallel/{i}"}
              for i in range(80)]
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda b: _send(base, "POST", "/api/documents", b), bodies))
    assert [status for status, _ in results] == [201] * 80  # queued, none failed
    stored = {body["id"] for _, body in results}
    assert len(stored) == 80
    for doc_id in stored:
        assert _get(f"{base}/api/documents/{doc_id}")[0] == 200


def test_two_cli_ingests_and_the_write_api_store_everything(server, tmp_path):
    base, _port, db = server
    folders = []
    for name, seed in (("one", 3), ("two", 4)):
        folder = tmp_path / name
        write_articles(folder, 40, seed=seed)
        folders.append(folder)
    env = {**os.environ, "FACTCHECK_DATABASE": str(db), "FACTCHECK_SEMANTIC": "false"}
    before = _get(f"{base}/healthz")[1]["database"]["documents"]
    runs = [subprocess.Popen([sys.executable, "-m", "factcheck.cli", "ingest", str(folder),
                              "--no-link"], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE) for folder in folders]
    posted = []

    def post_some() -> None:
        for i in range(30):
            posted.append(_send(base, "POST", "/api/documents", {
                "text": f"Beside the CLI, item {i}: 300 workers struck for {i + 1} days,"
                        f" the union said.", "url": f"https://example.org/beside/{i}"}))

    writer = threading.Thread(target=post_some)
    writer.start()
    outputs = [run.communicate(timeout=600) for run in runs]
    writer.join(timeout=600)
    for run, (_out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err.decode()[-2000:]
        assert b"Traceback" not in err
    assert [status for status, _ in posted] == [201] * 30
    for out, _err in outputs:
        assert b"40 added" in out and b"0 failed" in out, out
    assert _get(f"{base}/healthz")[1]["database"]["documents"] == before + 40 + 40 + 30


def test_deleting_while_reading_answers_404_never_500(server):
    base, _port, _db = server
    created = [_send(base, "POST", "/api/documents", {
        "text": f"Doomed {i}: the bridge carried 40,000 cars a day in 2022, the city said.",
        "url": f"https://example.org/doomed/{i}"})[1] for i in range(40)]
    claims = [c["id"] for d in created for c in _get(f"{base}/api/documents/{d['id']}")[1][
        "claims"]]
    statuses: list[int] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            for claim_id in claims:
                statuses.append(_get(f"{base}/api/claims/{claim_id}")[0])
                statuses.append(_page(f"{base}/claims/{claim_id}"))

    readers = [threading.Thread(target=read) for _ in range(4)]
    for thread in readers:
        thread.start()
    for doc in created:
        assert _send(base, "DELETE", f"/api/documents/{doc['id']}")[0] == 204
    done.set()
    for thread in readers:
        thread.join(timeout=120)
    assert statuses and set(statuses) <= {200, 404}, sorted(set(statuses))


def _page(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_a_writer_kept_waiting_gets_503_with_retry_after(db_path, monkeypatch):
    from factcheck import store as dbmod
    from factcheck.web import create_app
    from factcheck.web import db as web_db

    from .conftest import CLAIMS

    app = create_app({"TESTING": True, "DATABASE": str(db_path), "CORPUS": str(CLAIMS),
                      "API_TOKEN": TOKEN, "SEMANTIC": False})
    client = app.test_client()
    client.get("/healthz")
    monkeypatch.setattr(web_db, "WRITE_WAIT_MS", 100)
    holder = dbmod.connect(db_path)
    dbmod.begin_immediate(holder)  # another writer holds the lock
    try:
        response = client.post("/api/documents", headers={"Authorization": f"Bearer {TOKEN}"},
                               json={"text": "The dam holds 4 million cubic metres, they said."})
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "2"
        assert response.get_json()["error"]["code"] == "busy"
        assert client.delete("/api/documents/1", headers={
            "Authorization": f"Bearer {TOKEN}"}).status_code == 503
    finally:
        holder.conn.execute("ROLLBACK")
        holder.close()
    assert client.get("/api/documents/1").status_code == 200  # nothing was lost


def test_a_giant_one_line_document_through_the_api_is_bounded(server):
    base, _port, _db = server
    status, body = _send(base, "POST", "/api/documents", {"text": "Ab 1 " * 100_000})
    assert status == 201 and body["claims"] == 0  # one 'sentence' of 500,000 characters
    status, found = _get(f"{base}/api/check?statement=Ab%201%20Ab%201%20Ab%201")
    assert status == 200 and len(json.dumps(found)) < 100_000
