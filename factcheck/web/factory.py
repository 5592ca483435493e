"""The application factory: settings from the registry, the store, blueprints, headers."""

from __future__ import annotations

import os
from pathlib import Path

from filelock import FileLock
from flask import Flask, current_app

from .. import resource_dir, settings, store
from . import db

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
       " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def create_app(test_config: dict | None = None) -> Flask:
    """Defaults, then instance/config.py, then FACTCHECK_* variables (or `test_config`)."""
    app = Flask(__name__, instance_relative_config=True,
                template_folder=str(resource_dir("templates")))
    app.config.from_mapping(settings.defaults())
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.update(settings.coerce(app.config))
        app.config.update(settings.from_environ())
    else:
        app.config.from_mapping(test_config)
        app.config.update(settings.coerce(app.config))
    app.config["DATABASE"] = app.config["DATABASE"] or os.path.join(app.instance_path,
                                                                    "factcheck.db")
    app.config["CORPUS"] = app.config["CORPUS"] or str(resource_dir("claims"))
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    _open_store(app)
    db.init_app(app)
    app.before_request(_ensure_corpus_once)
    app.after_request(security_headers)

    from . import api, errors, pages, urls
    app.jinja_env.tests["web_url"] = urls.is_web_url  # only http(s) sources become links
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    errors.register(app)
    return app


def _open_store(app: Flask) -> None:
    """A replica's file must be readable as it is; a writer's is migrated on start."""
    if app.config["READ_ONLY"]:
        app.config["BOOTSTRAP"] = False
        store.check_readable(app.config["DATABASE"])
        conn = store.connect(app.config["DATABASE"], readonly=True, immutable=True)
    else:
        conn = store.connect(app.config["DATABASE"])
    try:
        if not app.config["READ_ONLY"]:
            store.migrate(conn)
        _warn_if_stale(app, conn)
    finally:
        conn.close()


def _warn_if_stale(app: Flask, conn) -> None:
    """Say at start when documents were read by another extractor version: their stored
    facts may not be read as a statement's are now, until `factcheck reindex`."""
    from ..pipeline.ingest import EXTRACTOR_VERSION

    stale = store.count_stale(conn, EXTRACTOR_VERSION)
    if stale:
        app.logger.warning("Documents extracted by another version of factcheck: %d;"
                           " run `factcheck reindex` to re-extract them", stale)


def security_headers(response):
    """No inline script, no framing, no sniffing, no full referrers to other sites."""
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response


def ensure_corpus(app: Flask) -> None:
    """On first start with an empty store, build it from the shipped corpus and say so."""
    if not app.config.get("BOOTSTRAP") or app.extensions.get("factcheck_bootstrapped"):
        return
    from ..pipeline.embed import from_config
    from ..pipeline.ingest import ingest_paths

    # Several workers may start at once; a portable lock file lets one build the store.
    with FileLock(str(Path(app.config["DATABASE"]).with_suffix(".bootstrap.lock"))):
        conn = store.connect(app.config["DATABASE"])
        try:
            if store.count_documents(conn) == 0:
                summary = ingest_paths(conn, [app.config["CORPUS"]], semantic=from_config(
                    app.config, app.config["DATABASE"]))
                app.logger.warning("Empty database %s built from %s: %s",
                                   app.config["DATABASE"], app.config["CORPUS"], summary.line())
        finally:
            conn.close()
    app.extensions["factcheck_bootstrapped"] = True


def _ensure_corpus_once() -> None:
    ensure_corpus(current_app._get_current_object())
