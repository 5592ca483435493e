"""Pages and the health endpoint; reads go through `queries`, never raw SQL here."""

from __future__ import annotations

import json
import os
from datetime import date

from flask import (
    Blueprint,
    abort,
    current_app,
    jsonify,
    render_template,
    request,
    send_from_directory,
)

from .. import __version__, store
from ..checking.check import MAX_STATEMENT, Settings, check
from ..checking.review import MAX_DRAFT, review
from ..extract.markup import FORMATS, Format, readable
from ..pipeline.ingest import EXTRACTOR_VERSION
from ..store import queries
from . import urls, views
from .api import MAX_PAGE
from .db import get_db, get_dense, semantic_status
from .params import clean_text, query_int

bp = Blueprint("pages", __name__)
PAGE_SIZE = 25
# Each example with the verdict it gives on the shipped corpus (tests/test_pages.py holds
# the page to it, with and without the model).
EXAMPLES = [
    ("Around 300,000 Americans die every year from fentanyl", "contradicted"),
    ("China filed 145 incidents with the INCB", "supported"),
    ("The working group meeting will be held on January 30-31", "supported"),
    ("Inflation reached 9 percent last year", "unverified"),
]


@bp.get("/healthz")
def healthz():
    """Liveness plus database figures, so replicas can be compared."""
    figures = store.stats(get_db())
    # Facts of another extractor version are compared with a statement's read by this one.
    figures["stale_documents"] = store.count_stale(get_db(), EXTRACTOR_VERSION)
    read_only = current_app.config["READ_ONLY"]
    if read_only:  # an immutable copy: its file hash names it exactly, computed once a file
        figures["sha256"] = _file_hash(current_app.config["DATABASE"])
    return jsonify({"status": "ok", "version": __version__, "read_only": read_only,
                    "database": figures, "semantic": semantic_status()})


def _file_hash(path: str) -> str:
    """The sha256 of the file now at `path`: a file put in its place (os.replace) has
    another inode, so it is hashed anew instead of answering with the old file's hash."""
    info = os.stat(path)
    key = (path, info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
    cache = current_app.extensions.setdefault("factcheck_file_sha256", {})
    if key not in cache:
        cache.clear()
        cache[key] = store.file_sha256(path)
    return cache[key]


@bp.get("/static/style.css")
def stylesheet():
    return send_from_directory(current_app.template_folder, "style.css", max_age=3600)


@bp.get("/favicon.ico")
@bp.get("/static/favicon.svg")
def favicon():
    return send_from_directory(current_app.template_folder, "favicon.svg", max_age=86400,
                               mimetype="image/svg+xml")


@bp.get("/")
def index():
    return render_template("index.html", stats=store.stats(get_db()), examples=EXAMPLES)


def _page_arg() -> int:
    return query_int("page", 1, 1, MAX_PAGE)


def _pages(total: int, page: int) -> int:
    """How many pages a list has; asking past the last one is a 404 that says so."""
    pages = max(1, -(-total // PAGE_SIZE))
    if page > pages:
        abort(404, description=f"Page {page:,} is past the last page: this list has"
                               f" {pages:,} page{'s' if pages > 1 else ''}.")
    return pages


RELATION = {"supported": "supports", "contradicted": "contradicts"}


@bp.get("/check")
def check_page():
    statement = request.args.get("statement")
    if statement is None or not statement.strip():
        abort(400, description="Type a statement to check.")
    if len(statement) > MAX_STATEMENT:
        abort(400, description=f"A statement can be at most {MAX_STATEMENT:,} characters;"
                               f" this one has {len(statement):,}.")
    db = get_db()
    result = urls.linked_result(check(db, statement, 5,
                                      settings=Settings.from_config(current_app.config),
                                      dense=get_dense()))
    texts = {}
    for item in result["evidence"] + result["conflicting"]:
        doc_id = item["document"]["id"]
        texts.setdefault(doc_id, queries.document(db, doc_id)["text"])
    shown = [views.evidence_view(item, texts[item["document"]["id"]], statement)
             for item in result["evidence"]]
    conflicting = [views.evidence_view(item, texts[item["document"]["id"]], statement)
                   for item in result["conflicting"]]
    json_ld = views.claim_review(result, date.today().isoformat())
    return render_template(
        "check.html", result=result, json_ld=json_ld, statement=statement,
        heading=views.verdict_heading(result), conflicting=conflicting,
        decisive=[e for e in shown if e["relation"] == RELATION.get(result["verdict"])],
        related=[e for e in shown if e["relation"] == "related"])


UPLOADS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html",
           ".htm": "html"}
MAX_REVIEW_FORM = 4 * MAX_DRAFT + 65536  # bytes: UTF-8 is at most 4 bytes a character


def _draft() -> tuple[str, Format]:
    """The draft from the upload (when one is given) or the text area, and its format."""
    request.max_content_length = MAX_REVIEW_FORM
    request.max_form_memory_size = MAX_REVIEW_FORM  # the text area is a form field
    upload = request.files.get("file")
    if upload is not None and upload.filename:
        suffix = "." + upload.filename.rsplit(".", 1)[-1].lower() if "." in upload.filename \
            else ""
        if suffix not in UPLOADS:
            abort(400, description="Upload a .txt, .md or .html file, or paste the draft.")
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            abort(400, description="The file is not UTF-8 text. Save it as UTF-8 and upload"
                                   " it again, or paste the draft.")
        fmt = UPLOADS[suffix]
    else:
        text = request.form.get("text", "")
        fmt = request.form.get("format", "text")
        if fmt not in FORMATS:
            abort(400, description="Choose plain text, Markdown or HTML.")
    if not text.strip():
        abort(400, description="Paste a draft or upload a file to review.")
    if len(text) > MAX_DRAFT:
        abort(413, description=f"A draft can be at most {MAX_DRAFT:,} characters; this one"
                               f" has {len(text):,}. Review it in parts.")
    return clean_text(text), fmt


@bp.route("/review", methods=["GET", "POST"])
def review_page():
    """The draft-review form; posted, the draft with every checked sentence marked."""
    if request.method == "GET":
        return render_template("review.html", result=None)
    text, fmt = _draft()
    read = readable(text, fmt)  # read once: for the review and for showing the draft
    result = urls.linked_review(review(get_db(), text, fmt=fmt, limit=3, read=read,
                                       settings=Settings.from_config(current_app.config),
                                       dense=get_dense()))
    numbered = [dict(s, n=n) for n, s in enumerate(result["sentences"], 1)]
    marks = [(*read.readable_span(s["start"], s["end"]), s["verdict"] or "skipped", s["n"])
             for s in numbered]
    attention = sorted((s for s in numbered if s["verdict"] in ("contradicted", "unverified")),
                       key=lambda s: (s["verdict"] != "contradicted", s["n"]))
    return render_template("review.html", result=result, sentences=numbered,
                           attention=attention, fmt=fmt,
                           paragraphs=views.paragraphs(read.text, marks))


def _imported_record(document: dict) -> dict | None:
    """An imported fact-check's own record (its text is the claim: no paragraph around it)."""
    inferred = document.get("inferred") or {}
    if document.get("kind") != "import" or not isinstance(inferred, dict):
        return None
    try:
        record = json.loads(inferred.get("record") or "null")
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


def _or_404(found, what: str):
    """The row, or a readable 404 page naming what was asked for."""
    if found is None:
        abort(404, description=f"There is no {what}.")
    return found


@bp.get("/claims/<int:claim_id>")
def claim_page(claim_id: int):
    db = get_db()
    claim = _or_404(queries.claim(db, claim_id), f"claim {claim_id}")
    document = queries.document(db, claim["document_id"])
    others = []
    for link in claim["corroboration"][:10]:
        text = queries.document(db, link["document_id"])["text"]
        p_start, p_end = views.paragraph_bounds(text, link["start"], link["end"])
        others.append({**link, "segments": views.segments(
            text, p_start, p_end, [(link["start"], link["end"], "claim")])})
    summary = {**document, "source_url": document["url"]}
    record = _imported_record(document)
    return render_template(
        "claim.html", claim=claim, document=document, others=others, record=record,
        parts=views.claim_view(claim, document["text"]),
        deep_link=views.text_fragment(document["url"], claim["quote"]),
        annotation=views.web_annotation(claim, summary))


@bp.get("/documents/<int:document_id>")
def document_page(document_id: int):
    db = get_db()
    document = _or_404(queries.document(db, document_id), f"document {document_id}")
    claims = queries.claims_of_document(db, document_id)
    return render_template("document.html", document=document, claims=claims,
                           heading=views.document_heading(document, claims),
                           paragraphs=views.document_paragraphs(document["text"], claims))


@bp.get("/documents")
def documents_page():
    page = _page_arg()
    q = request.args.get("q", "")[:MAX_STATEMENT]
    total, rows = queries.documents(get_db(), limit=PAGE_SIZE,
                                   offset=(page - 1) * PAGE_SIZE, q=q)
    return render_template("documents.html", rows=rows, total=total, page=page, q=q,
                           pages=_pages(total, page))


@bp.get("/claims")
def claims_page():
    page = _page_arg()
    q = request.args.get("q", "")[:MAX_STATEMENT]
    total, rows = queries.search_claims(get_db(), q, limit=PAGE_SIZE,
                                       offset=(page - 1) * PAGE_SIZE)
    return render_template("claims.html", rows=rows, total=total, page=page, q=q,
                           pages=_pages(total, page))
