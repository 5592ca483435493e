"""The request's database connections, opened on first use and closed at teardown."""

from __future__ import annotations

from flask import Flask, current_app, g

from .. import store


def get_db():
    """The request's read-only connection."""
    if "db" not in g:
        g.db = store.connect(current_app.config["DATABASE"], readonly=True,
                             immutable=current_app.config["READ_ONLY"])
        store.snapshot(g.db)  # one request, one consistent view of the store
    return g.db


WRITE_WAIT_MS = 10_000  # a write request waits this long for another writer, then 503


def get_write_db():
    """A read-write connection for the write API; never in read-only mode."""
    if current_app.config["READ_ONLY"]:
        raise RuntimeError("this instance serves a read-only database")
    if "write_db" not in g:
        g.write_db = store.connect(current_app.config["DATABASE"], wait_ms=WRITE_WAIT_MS)
    return g.write_db


def close_db(_exc=None) -> None:
    for name in ("db", "write_db"):
        conn = g.pop(name, None)
        if conn is not None:
            conn.close()


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
