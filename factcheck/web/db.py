"""The request's database connections, opened on first use and closed at teardown."""

from __future__ import annotations

from flask import Flask, current_app, g

from .. import store


def get_db():
    """The request's read-only connection."""
    if "db" not in g:
        g.db = store.connect(current_app.config["DATABASE"], readonly=True,
                             immutable=current_app.config["READ_ONLY"])
    return g.db


def get_write_db():
    """A read-write connection for the write API; never in read-only mode."""
    if current_app.config["READ_ONLY"]:
        raise RuntimeError("this instance serves a read-only database")
    if "write_db" not in g:
        g.write_db = store.connect(current_app.config["DATABASE"])
    return g.write_db


def close_db(_exc=None) -> None:
    for name in ("db", "write_db"):
        conn = g.pop(name, None)
        if conn is not None:
            conn.close()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_db)
