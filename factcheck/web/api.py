"""JSON API under /api: check, claims, documents. One error shape everywhere."""

from __future__ import annotations

import hashlib
import hmac
from functools import wraps

from flask import Blueprint, current_app, jsonify, request

from .. import store
from ..checking.check import MAX_LIMIT, MAX_STATEMENT, Settings, check
from ..checking.review import MAX_DRAFT, MAX_REVIEW_LIMIT, review
from ..extract.markup import FORMATS, Format
from ..extract.readers import META_FIELDS, RawArticle
from ..pipeline.ingest import ingest_article
from ..store import queries
from . import urls
from .db import get_db, get_dense, get_semantic, get_write_db
from .errors import ApiError
from .params import clean_text, int_param, json_body, query_int, required_text

bp = Blueprint("api", __name__, url_prefix="/api")
PAGE_SIZE = 20
MAX_PAGE = 10_000
# JSON may escape every character as a surrogate pair (12 bytes): the body limit keeps the
# promise of MAX_DOCUMENT_CHARS characters for any text, not only for ASCII.
ESCAPED_BYTES = 12
BODY_SLACK = 64 * 1024  # the metadata fields around the text
MAX_FIELD = 2000


def _statement(value) -> str:
    return required_text(value, "statement", MAX_STATEMENT)


def _check_params() -> tuple[str, int]:
    if request.method in ("GET", "HEAD"):
        return (_statement(request.args.get("statement")),
                query_int("limit", 5, 1, MAX_LIMIT))
    body = json_body()
    return _statement(body.get("statement")), int_param(body.get("limit"), "limit", 5, 1,
                                                       MAX_LIMIT)


@bp.route("/check", methods=["GET", "POST"])
def check_statement():
    statement, limit = _check_params()
    result = check(get_db(), statement, limit,
                   settings=Settings.from_config(current_app.config), dense=get_dense())
    return jsonify(urls.linked_result(result))


MAX_REVIEW_BODY = ESCAPED_BYTES * MAX_DRAFT + 4096  # bytes


def review_params(body: dict) -> tuple[str, Format, int]:
    """A draft review's text, format and limit, or the error that says what is wrong."""
    text = body.get("text")
    if isinstance(text, str) and len(text) > MAX_DRAFT:
        raise ApiError(413, "draft_too_long",
                       f"'text' is {len(text):,} characters; a draft can be at most"
                       f" {MAX_DRAFT:,}")
    text = required_text(text, "text", MAX_DRAFT)
    fmt = body.get("format", "text")
    if fmt not in FORMATS:
        raise ApiError(422, "invalid_format", f"'format' must be one of {', '.join(FORMATS)}")
    return text, fmt, int_param(body.get("limit"), "limit", 3, 1, MAX_REVIEW_LIMIT)


@bp.post("/review")
def review_draft():
    """Every check-worthy sentence of a draft, checked; the draft is neither stored nor
    logged."""
    request.max_content_length = MAX_REVIEW_BODY
    text, fmt, limit = review_params(json_body())
    result = review(get_db(), text, fmt=fmt, limit=limit,
                    settings=Settings.from_config(current_app.config), dense=get_dense())
    return jsonify(urls.linked_review(result))


@bp.get("/claims/<int:claim_id>")
def claim(claim_id: int):
    row = queries.claim(get_db(), claim_id)
    if row is None:
        raise ApiError(404, "not_found", f"no claim {claim_id}")
    return jsonify(claim_payload(row))


def claim_payload(row: dict) -> dict:
    """The public shape of one claim: text, span, facts, document, corroboration."""
    doc = queries.document_summaries(get_db(), [row["document_id"]])[row["document_id"]]
    return {
        "id": row["id"], "text": row["quote"], "claim_url": urls.claim_url(row["id"]),
        "span": {"start": row["start"], "end": row["end"], "quote": row["quote"],
                 "prefix": row["prefix"], "suffix": row["suffix"]},
        "facts": row["facts"], "checkworthiness": row["checkworthiness"],
        "reasons": row["reasons"], "external_id": row["external_id"], "rating": row["rating"],
        "document": urls.linked_document(doc),
        "corroboration": [{**c, "claim_url": urls.claim_url(c["claim_id"])}
                          for c in row["corroboration"]],
    }


@bp.get("/documents/<int:document_id>")
def document(document_id: int):
    db = get_db()
    doc = queries.document(db, document_id)
    if doc is None:
        raise ApiError(404, "not_found", f"no document {document_id}")
    doc["claims"] = queries.claims_of_document(db, document_id)
    doc["url"], doc["source_url"] = urls.document_url(document_id), doc.pop("url")
    return jsonify(doc)


@bp.get("/claims")
def claims():
    page = query_int("page", 1, 1, MAX_PAGE)
    q = request.args.get("q", "")
    if len(q) > MAX_STATEMENT:
        raise ApiError(400, "query_too_long", f"'q' is limited to {MAX_STATEMENT} characters")
    doc = query_int("document", None, 1, queries.MAX_ID)
    total, rows = queries.search_claims(get_db(), q, document_id=doc, limit=PAGE_SIZE,
                                         offset=(page - 1) * PAGE_SIZE)
    return jsonify({"q": q, "document": doc, "page": page, "per_page": PAGE_SIZE,
                    "total": total, "claims": rows,
                    "next": page + 1 if page * PAGE_SIZE < total else None})


def require_token(view):
    """Writes need `Authorization: Bearer <FACTCHECK_API_TOKEN>`; without a token, no writes."""

    @wraps(view)
    def guarded(*args, **kwargs):
        if current_app.config["READ_ONLY"]:
            raise ApiError(403, "read_only", "this replica serves a read-only database")
        expected = current_app.config.get("API_TOKEN")
        if not expected:
            raise ApiError(403, "writes_disabled",
                           "the write API is off: no FACTCHECK_API_TOKEN is configured")
        header = request.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            error = ApiError(401, "unauthorized", "send 'Authorization: Bearer <token>'")
            error.www_authenticate = 'Bearer realm="factcheck"'
            raise error
        given = header[len("Bearer "):].strip().encode("utf-8", "replace")
        if not hmac.compare_digest(given, str(expected).encode("utf-8")):
            raise ApiError(403, "forbidden", "the token is not valid")
        return view(*args, **kwargs)

    return guarded


def document_body_limit(config) -> int:
    """Bytes a POST /api/documents body may have."""
    return ESCAPED_BYTES * config["MAX_DOCUMENT_CHARS"] + BODY_SLACK


def _document_fields(body: dict) -> tuple[str, dict]:
    text = required_text(body.get("text"), "text", current_app.config["MAX_DOCUMENT_CHARS"])
    meta = {}
    for name in META_FIELDS:
        value = body.get(name)
        if value is None:
            continue
        if not isinstance(value, str) or len(value) > MAX_FIELD:
            raise ApiError(422, "invalid_type",
                           f"'{name}' must be a string of at most {MAX_FIELD} characters")
        meta[name] = clean_text(value)
    return text, meta


@bp.post("/documents")
@require_token
def add_document():
    """Ingest one article through the same code as `factcheck ingest`."""
    request.max_content_length = document_body_limit(current_app.config)
    text, meta = _document_fields(json_body())
    key = meta.get("url") or hashlib.sha256(text.encode("utf-8")).hexdigest()
    article = RawArticle(f"api:{key}", "api", "api", text, meta)
    db = get_write_db()
    existing = store.find_document(db, article.source_key)
    before = store.document_terms(db, existing["id"]) if existing else set()
    result = ingest_article(db, article, semantic=get_semantic())
    if result.status != "unchanged":  # as `factcheck ingest` does after its run
        store.refresh_term_stats(db, before | store.document_terms(db, result.document_id))
    status = 201 if result.status == "added" else 200
    return jsonify({"id": result.document_id, "status": result.status,
                    "claims": result.claims, "url": urls.document_url(result.document_id)}), status


@bp.delete("/documents/<int:document_id>")
@require_token
def delete_document(document_id: int):
    db = get_write_db()
    terms = store.document_terms(db, document_id) if 0 <= document_id <= queries.MAX_ID \
        else set()
    if not store.delete_document(db, document_id):
        raise ApiError(404, "not_found", f"no document {document_id}")
    store.refresh_term_stats(db, terms)
    return "", 204


@bp.get("/openapi.json")
def openapi():
    from .openapi import spec

    return jsonify(spec())
