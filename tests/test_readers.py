"""Each request thread keeps its read-only connection between requests: every request still
sees the store as it is when it starts, and a replica's file replaced or rewritten in
place is read anew."""

from __future__ import annotations

import os
import shutil
import sqlite3

from factcheck import store as dbmod
from factcheck.web import create_app
from factcheck.web import db as web_db

from .conftest import CLAIMS


def _app(path, **config):
    return create_app({"TESTING": True, "DATABASE": str(path), "CORPUS": str(CLAIMS),
                       "SEMANTIC": False, **config})


def _documents(client) -> int:
    return client.get("/healthz").get_json()["database"]["documents"]


def test_a_thread_keeps_its_reader_and_sees_each_write(tmp_path):
    path = tmp_path / "writer.db"
    client = _app(path).test_client()
    before = _documents(client)
    kept = web_db._READERS.held[2]
    conn = dbmod.connect(path)  # another writer, as `factcheck ingest` beside the server
    dbmod.delete_document(conn, 1)
    conn.close()
    assert _documents(client) == before - 1  # the snapshot ended with the request before
    assert web_db._READERS.held[2] is kept


def test_a_replica_copied_over_in_place_is_read_anew(tmp_path):
    writer = tmp_path / "writer.db"
    _documents(_app(writer).test_client())
    served = tmp_path / "served.db"
    sqlite3.connect(writer).execute(f"VACUUM INTO '{served}'").connection.close()
    replica = _app(served, READ_ONLY=True).test_client()
    before = _documents(replica)
    conn = dbmod.connect(writer)
    dbmod.delete_document(conn, 1)
    conn.execute("VACUUM")  # a smaller file, as a newer copy often is
    conn.close()
    next_copy = tmp_path / "next.db"
    sqlite3.connect(writer).execute(f"VACUUM INTO '{next_copy}'").connection.close()
    shutil.copyfile(next_copy, served)  # same inode: only its size and time tell
    assert _documents(replica) == before - 1


def test_a_store_put_in_place_of_the_served_one_is_read_anew(tmp_path):
    path = tmp_path / "served.db"
    client = _app(path).test_client()
    before = _documents(client)
    smaller = tmp_path / "rebuilt.db"
    sqlite3.connect(path).execute(f"VACUUM INTO '{smaller}'").connection.close()
    conn = dbmod.connect(smaller)
    dbmod.delete_document(conn, 1)
    conn.close()
    os.replace(smaller, path)  # the kept connection still holds the old file open
    assert _documents(client) == before - 1
