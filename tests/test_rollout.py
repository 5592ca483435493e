"""Replicas: /healthz describes the file actually served, and the README's roll-out (a new
file, a new process, switch, stop the old one) gives no error under load."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import urllib.error
import urllib.request
from urllib.parse import quote

from factcheck import store as dbmod
from factcheck.web import create_app

from .conftest import CLAIMS, free_port, start_server


def _copy(source, target) -> None:
    """A consistent single-file copy, as the README's roll-out makes one."""
    conn = sqlite3.connect(source)
    conn.execute(f"VACUUM INTO '{target}'")
    conn.close()


def _built(tmp_path):
    db = tmp_path / "writer.db"
    app = create_app({"TESTING": True, "DATABASE": str(db), "CORPUS": str(CLAIMS),
                      "SEMANTIC": False})
    app.test_client().get("/healthz")
    return db


def test_healthz_describes_the_file_now_served(tmp_path):
    writer = _built(tmp_path)
    served = tmp_path / "served.db"
    _copy(writer, served)
    replica = create_app({"TESTING": True, "DATABASE": str(served), "READ_ONLY": True,
                          "SEMANTIC": False}).test_client()
    before = replica.get("/healthz").get_json()["database"]
    conn = dbmod.connect(writer)
    dbmod.delete_document(conn, 1)
    conn.close()
    _copy(writer, tmp_path / "next.db")
    os.replace(tmp_path / "next.db", served)
    after = replica.get("/healthz").get_json()["database"]
    assert after["documents"] == before["documents"] - 1
    assert after["sha256"] == hashlib.sha256(served.read_bytes()).hexdigest()
    assert after["sha256"] != before["sha256"]


def test_rolling_out_a_new_file_under_load_gives_no_error(tmp_path):
    writer = _built(tmp_path)
    first, second = tmp_path / "factcheck-1.db", tmp_path / "factcheck-2.db"
    _copy(writer, first)
    old_port, new_port = free_port(), free_port()
    old = start_server(first, old_port, args=("--read-only", "--workers", "2"),
                       env={"FACTCHECK_SEMANTIC": "false"})
    current = {"port": old_port}
    in_flight = {old_port: 0, new_port: 0}
    lock = threading.Condition()  # notified whenever a request ends
    errors: list[str] = []
    answered = {old_port: 0, new_port: 0}
    stop = threading.Event()

    def client() -> None:
        for i in range(100_000):
            if stop.is_set():
                return
            with lock:
                port = current["port"]
                in_flight[port] += 1
            path = "/healthz" if i % 5 == 0 else (
                "/api/check?statement=" + quote("China filed 145 incidents with the INCB"))
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}",
                                            timeout=60) as response:
                    json.loads(response.read())
                    answered[port] += 1
            except (urllib.error.URLError, OSError, ValueError) as exc:
                errors.append(f"{port} {path}: {exc!r}")
            finally:
                with lock:
                    in_flight[port] -= 1
                    lock.notify_all()

    threads = [threading.Thread(target=client) for _ in range(6)]
    for thread in threads:
        thread.start()
    new = None
    try:
        conn = dbmod.connect(writer)  # the writer moves on; a new file is built from it
        dbmod.delete_document(conn, 2)
        conn.close()
        _copy(writer, second)  # a new file name: the served file is never overwritten
        new = start_server(second, new_port, args=("--read-only", "--workers", "2"),
                           env={"FACTCHECK_SEMANTIC": "false"})
        with lock:
            current["port"] = new_port  # the load balancer switches
        with lock:  # drain: the old process stops once nothing is in flight to it
            assert lock.wait_for(lambda: in_flight[old_port] == 0, timeout=120)
        old.terminate()
        old.wait(timeout=60)
        with lock:  # the new file serves the load
            lock.wait_for(lambda: answered[new_port] >= 60 or errors, timeout=300)
        with urllib.request.urlopen(f"http://127.0.0.1:{new_port}/healthz", timeout=30) as r:
            served = json.loads(r.read())["database"]
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=120)
        for proc in (old, new):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=60)
    assert not errors, errors[:5]
    assert answered[old_port] > 0 and answered[new_port] >= 60
    assert served["documents"] == 1
    assert served["sha256"] == hashlib.sha256(second.read_bytes()).hexdigest()
