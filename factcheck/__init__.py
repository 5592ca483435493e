"""factcheck: store the factual claims of source articles and check statements against them."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from flask import Flask, current_app, g

from . import db as dbmod

__version__ = "0.1.0"
_HERE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """A shipped folder (templates, claims): inside an installed wheel, or in the checkout."""
    installed = _HERE / f"_{name}"
    return installed if installed.is_dir() else _HERE.parent / name


def create_app(test_config: dict | None = None) -> Flask:
    """Application factory: defaults, then instance config.py, then FACTCHECK_* variables."""
    app = Flask(__name__, instance_relative_config=True,
                template_folder=str(resource_dir("templates")))
    app.config.from_mapping(
        DATABASE=os.path.join(app.instance_path, "factcheck.db"),
        CORPUS=str(resource_dir("claims")),
        BOOTSTRAP=True,
        MAX_CONTENT_LENGTH=64 * 1024,
        READ_ONLY=False,
        API_TOKEN=None,
        MAX_DOCUMENT_CHARS=500_000,
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("FACTCHECK")
    else:
        app.config.from_mapping(test_config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if app.config["READ_ONLY"]:
        app.config["BOOTSTRAP"] = False
        dbmod.check_readable(app.config["DATABASE"])
    else:
        conn = dbmod.connect(app.config["DATABASE"])
        dbmod.migrate(conn)
        conn.close()
    app.teardown_appcontext(close_db)
    app.before_request(_ensure_corpus_once)
    app.after_request(security_headers)

    from . import api, errors, web
    app.register_blueprint(web.bp)
    app.register_blueprint(api.bp)
    errors.register(app)
    return app


CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
       " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def security_headers(response):
    """No inline script, no framing, no sniffing, no full referrers to other sites."""
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response


def get_db():
    """The request's read-only connection, opened on first use and closed at teardown."""
    if "db" not in g:
        g.db = dbmod.connect(current_app.config["DATABASE"], readonly=True,
                             immutable=current_app.config["READ_ONLY"])
    return g.db


def get_write_db():
    """A read-write connection for the write API; never in read-only mode."""
    if current_app.config["READ_ONLY"]:
        raise RuntimeError("this instance serves a read-only database")
    if "write_db" not in g:
        g.write_db = dbmod.connect(current_app.config["DATABASE"])
    return g.write_db


def close_db(_exc=None) -> None:
    for name in ("db", "write_db"):
        conn = g.pop(name, None)
        if conn is not None:
            conn.close()


def ensure_corpus(app: Flask) -> None:
    """On first start with an empty store, build it from the shipped corpus and say so."""
    if not app.config.get("BOOTSTRAP") or app.extensions.get("factcheck_bootstrapped"):
        return
    from .ingest import ingest_paths

    lock_path = Path(app.config["DATABASE"]).with_suffix(".bootstrap.lock")
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # several workers may start at once
        conn = dbmod.connect(app.config["DATABASE"])
        try:
            if conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0:
                summary = ingest_paths(conn, [app.config["CORPUS"]])
                app.logger.warning("Empty database %s built from %s: %s",
                                   app.config["DATABASE"], app.config["CORPUS"], summary.line())
        finally:
            conn.close()
    app.extensions["factcheck_bootstrapped"] = True


def _ensure_corpus_once() -> None:
    ensure_corpus(current_app._get_current_object())
