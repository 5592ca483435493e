"""The request's database connections: a read-only one kept by each request thread
between requests, and a write one opened on first use and closed at teardown."""

from __future__ import annotations

import os
import sqlite3
import threading

from flask import Flask, current_app, g

from .. import store

# Opening and closing a connection a request cost ~1.5 ms of a 6 ms lexical check over the
# news corpus, most of it SQLite's page cache starting cold; a thread's own connection
# keeps it warm. Each request still reads from one snapshot, ended at teardown.
_READERS = threading.local()


def get_db():
    """The request's read-only connection, on one snapshot of the store."""
    if "db" not in g:
        g.db = _reader(current_app.config["DATABASE"], current_app.config["READ_ONLY"])
        store.snapshot(g.db)  # one request, one consistent view of the store
    return g.db


def _file_state(path: str, immutable: bool) -> tuple | None:
    """What names the file now at `path`: a file put in its place has another inode, and
    an immutable replica copied over in place another size or time (SQLite would not see
    it: immutable means never changed)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino) + ((info.st_size, info.st_mtime_ns) if immutable else ())


def _reader(path: str, immutable: bool):
    """This thread's read-only connection, opened anew for another file, a replaced one or
    a forked process (a connection must not cross a fork: it is left, never closed)."""
    key, state = (os.getpid(), path, immutable), _file_state(path, immutable)
    held = getattr(_READERS, "held", None)
    if held is not None and (held[0] != key or held[1] != state or state is None):
        if held[0][0] == key[0]:
            held[2].close()
        held = _READERS.held = None
    if held is None:
        conn = store.connect(path, readonly=True, immutable=immutable)
        held = _READERS.held = (key, state, conn)
    return held[2]


def _release(conn) -> None:
    """End the request's snapshot; a connection that cannot is closed, not kept."""
    try:
        conn.conn.rollback()
    except sqlite3.Error:
        if getattr(_READERS, "held", None) and _READERS.held[2] is conn:
            _READERS.held = None
        conn.close()


WRITE_WAIT_MS = 10_000  # a write request waits this long for another writer, then 503


def get_write_db():
    """A read-write connection for the write API; never in read-only mode."""
    if current_app.config["READ_ONLY"]:
        raise RuntimeError("this instance serves a read-only database")
    if "write_db" not in g:
        g.write_db = store.connect(current_app.config["DATABASE"], wait_ms=WRITE_WAIT_MS)
    return g.write_db


def close_db(_exc=None) -> None:
    reader, writer = g.pop("db", None), g.pop("write_db", None)
    if reader is not None:
        _release(reader)
    if writer is not None:
        writer.close()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_db)


def get_semantic():
    """The app's semantic settings (None when SEMANTIC is off)."""
    from ..pipeline.embed import from_config

    return from_config(current_app.config, current_app.config["DATABASE"])


def get_dense():
    """The semantic stage for checks, loaded once per worker process; None when no model
    can be had (the check is then lexical only, and /healthz says why)."""
    from ..checking.dense import Dense

    semantic = get_semantic()
    if semantic is None:
        return None
    encoder, _reason = semantic.loaded()
    return Dense(encoder, current_app.config["DATABASE"]) if encoder is not None else None


def semantic_status() -> dict:
    """Whether checks use sentence embeddings, with which model, or why not."""
    semantic = get_semantic()
    if semantic is None:
        return {"enabled": False, "model": None, "reason": "turned off (SEMANTIC=false)"}
    encoder, reason = semantic.loaded()
    if encoder is None:
        return {"enabled": False, "model": None, "reason": reason}
    done, total = store.vectors.counts(get_db())
    stored = store.vectors.model_key(get_db())
    if stored != encoder.key:
        reason = "the stored vectors are of another model: run `factcheck embed`"
    elif done < total:
        reason = f"{total - done} claims have no vector yet: run `factcheck embed`"
    return {"enabled": stored == encoder.key, "model": encoder.key, "vectors": done,
            "claims": total, "reason": reason or None}
