"""Pages and the health endpoint; reads go through `queries`, never raw SQL here."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template

from . import __version__, get_db
from . import db as dbmod

bp = Blueprint("web", __name__)


@bp.get("/healthz")
def healthz():
    """Liveness plus database figures, so replicas can be compared."""
    return jsonify({"status": "ok", "version": __version__, "database": dbmod.stats(get_db())})


@bp.get("/")
def index():
    return render_template("index.html", stats=dbmod.stats(get_db()))
