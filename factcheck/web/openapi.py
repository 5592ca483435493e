"""The OpenAPI 3.1 description of /api: every route, parameter, body, response and error."""

from __future__ import annotations

from .. import __version__
from ..checking.check import MAX_LIMIT, MAX_STATEMENT
from ..checking.review import MAX_DRAFT, MAX_REVIEW_LIMIT
from ..extract.markup import FORMATS

S = {"type": "string"}
NS = {"type": ["string", "null"]}
INT = {"type": "integer"}
NUM = {"type": "number"}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def obj(props: dict, required: list[str] | None = None, extra: bool = True) -> dict:
    out = {"type": "object", "properties": props, "required": required or list(props)}
    if not extra:
        out["additionalProperties"] = False
    return out


def errors(*statuses: int) -> dict:
    names = {400: "Bad request", 401: "No bearer token", 403: "Forbidden", 404: "Not found",
             405: "Method not allowed", 413: "Body too large", 415: "Body is not JSON",
             422: "Wrong type or out of range",
             503: "Another write holds the database: retry after Retry-After seconds"}
    return {str(s): {"description": names[s], "content": {
        "application/json": {"schema": ref("Error")}}} for s in statuses}


def ok(schema: dict, description: str = "OK", status: int = 200) -> dict:
    return {str(status): {"description": description,
                          "content": {"application/json": {"schema": schema}}}}


LIMIT_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT}
# At least one character that is not whitespace as Python's str.isspace() sees it, spelt
# out because regex engines disagree on what \s covers (U+0085, U+001C-U+001F).
NOT_BLANK = (r"[^\t\n\u000b\u000c\r\u001c-\u001f \u0085\u00a0\u1680\u2000-\u200a"
             r"\u2028\u2029\u202f\u205f\u3000]")
FACT = obj({"kind": S, "start": INT, "end": INT, "text": S, "value": NS, "unit": NS,
            "extra": {"type": ["object", "null"]}})
DOC_SUMMARY = obj({"id": INT, "title": NS, "publisher": NS, "published": NS, "url": S,
                   "source_url": NS})
DIFFERENCE = obj({"kind": {"enum": ["number", "date", "duration", "entity", "negation",
                                    "direction", "rating"]},
                  "statement": S, "evidence": S})
CORROBORATION = obj({"claim_id": INT, "claim_url": S, "score": NUM, "start": INT, "end": INT,
                     "quote": S}, ["claim_id", "score", "start", "end", "quote"])
EVIDENCE = obj({
    "claim_id": INT, "claim_url": S, "relation": {"enum": ["supports", "contradicts", "related"]},
    "score": {"type": "number", "minimum": 0, "maximum": 100}, "quote": S, "start": INT,
    "end": INT, "document": ref("DocumentSummary"),
    "differences": {"type": "array", "items": ref("Difference")},
    "corroboration": {"type": "array", "items": ref("Corroboration")},
    "match": obj({"start": INT, "end": INT, "quote": S}),
    "external_id": NS, "rating": NS,
    "rating_scale": {"enum": ["true", "mostly-true", "mixture", "mostly-false", "false",
                              "unproven", "satire", "outdated", "other", None]},
    "signals": obj({"cosine": {"type": ["number", "null"]}, "bm25": {"type": ["number", "null"]},
                    "coverage": NUM, "fused": NUM,
                    "estimate": {"enum": ["semantic", "lexical"]}}),
}, ["claim_id", "claim_url", "relation", "score", "quote", "start", "end", "document",
    "differences", "corroboration"])
# Words no source has, read as the close spelling a passage found uses ('thousnd').
RESPELLED = {"type": "array", "items": obj({"word": S, "as": S}, extra=False)}
# A fact of the statement that passages worded alike each give otherwise: none decides.
UNDECIDED = {"type": "array", "items": obj({"kind": {"enum": ["number", "date", "duration"]},
                                            "statement": S,
                                            "values": {"type": "array", "items": S}},
                                           extra=False)}
CHECK_RESULT = obj({"statement": S, "verdict": {"enum": ["supported", "contradicted",
                                                        "unverified"]},
                    "score": NUM, "evidence": {"type": "array", "items": ref("Evidence")},
                    "conflicting": {"type": "array", "items": ref("Evidence")},
                    "decisive": {"type": ["integer", "null"]}, "undecided": UNDECIDED,
                    "respelled": RESPELLED, "semantic": {"type": "boolean"}})
CLAIM_ROW = obj({"id": INT, "document_id": INT, "start": INT, "end": INT, "quote": S,
                 "checkworthiness": NUM, "facts": {"type": "array", "items": ref("Fact")},
                 "external_id": NS, "rating": NS},
                ["id", "document_id", "start", "end", "quote", "facts"])
CLAIM = obj({
    "id": INT, "text": S, "claim_url": S,
    "span": obj({"start": INT, "end": INT, "quote": S, "prefix": S, "suffix": S}),
    "facts": {"type": "array", "items": ref("Fact")}, "checkworthiness": NUM,
    "reasons": {"type": ["array", "null"], "items": S}, "external_id": NS, "rating": NS,
    "document": ref("DocumentSummary"),
    "corroboration": {"type": "array", "items": ref("Corroboration")},
})
DOCUMENT = obj({"id": INT, "title": NS, "publisher": NS, "published": NS, "url": S,
                "source_url": NS, "text": S, "sha256": S, "place": NS, "source": NS,
                "claims": {"type": "array", "items": ref("ClaimRow")}},
               ["id", "title", "url", "text", "sha256", "claims"])
CLAIM_LIST = obj({"q": S, "document": {"type": ["integer", "null"]}, "page": INT,
                  "per_page": INT, "total": INT,
                  "claims": {"type": "array", "items": ref("ClaimRow")},
                  "next": {"type": ["integer", "null"]}})
ERROR = obj({"error": obj({"status": INT, "code": S, "message": S}, extra=False)},
            extra=False)
REVIEW_REQUEST = obj({
    "text": {"type": "string", "minLength": 1, "maxLength": MAX_DRAFT, "pattern": NOT_BLANK},
    "format": {"enum": list(FORMATS), "default": "text"},
    "limit": {**LIMIT_SCHEMA, "maximum": MAX_REVIEW_LIMIT, "default": 3}}, ["text"])
REVIEWED = obj({
    "start": INT, "end": INT, "quote": S, "text": S, "checkworthiness": NUM,
    "reasons": {"type": "array", "items": S},
    "verdict": {"enum": ["supported", "contradicted", "unverified", None]},
    "score": {"type": ["number", "null"]}, "decisive": {"type": ["integer", "null"]},
    "evidence": {"type": "array", "items": ref("Evidence")},
    "conflicting": {"type": "array", "items": ref("Evidence")}, "skipped": S,
    "undecided": UNDECIDED, "respelled": RESPELLED},
    ["start", "end", "quote", "checkworthiness", "verdict", "score", "evidence",
     "conflicting"])
REVIEW_RESULT = obj({
    "summary": obj({k: INT for k in ("supported", "contradicted", "unverified", "skipped")}),
    "sentences": {"type": "array", "items": ref("ReviewedSentence")},
    "semantic": {"type": "boolean"}})
NEW_DOCUMENT = obj({"text": {"type": "string", "minLength": 1, "pattern": NOT_BLANK},
                    "title": S, "url": S,
                    "publisher": S, "published": S}, ["text"])
SAVED = obj({"id": INT, "status": {"enum": ["added", "updated", "unchanged"]}, "claims": INT,
             "url": S})

STATEMENT = {"type": "string", "minLength": 1, "maxLength": MAX_STATEMENT, "pattern": NOT_BLANK}
LIMIT = {**LIMIT_SCHEMA, "default": 5}
ID_PARAM = {"in": "path", "required": True, "schema": {"type": "integer", "minimum": 0}}


def spec() -> dict:
    check_get = {
        "summary": "Check a statement (linkable)", "operationId": "checkGet",
        "parameters": [
            {"name": "statement", "in": "query", "required": True, "schema": STATEMENT},
            {"name": "limit", "in": "query", "schema": LIMIT}],
        "responses": {**ok(ref("CheckResult")), **errors(400, 422)},
    }
    check_post = {
        "summary": "Check a statement", "operationId": "checkPost",
        "requestBody": {"required": True, "content": {"application/json": {"schema": obj(
            {"statement": STATEMENT, "limit": LIMIT}, ["statement"])}}},
        "responses": {**ok(ref("CheckResult")), **errors(400, 413, 415, 422)},
    }
    writes = [{"bearer": []}]
    return {
        "openapi": "3.1.0",
        "info": {"title": "factcheck API", "version": __version__,
                 "description": "Claims with exact source spans, and checks of statements "
                                "against them. Every error has the Error shape."},
        "paths": {
            "/api/check": {"get": check_get, "post": check_post},
            "/api/review": {"post": {
                "summary": "Review a draft: every check-worthy sentence checked (the draft"
                           " is neither stored nor logged)", "operationId": "review",
                "requestBody": {"required": True, "content": {
                    "application/json": {"schema": ref("ReviewRequest")}}},
                "responses": {**ok(ref("ReviewResult")), **errors(400, 413, 415, 422)}}},
            "/api/claims": {"get": {
                "summary": "Search and list claims", "operationId": "listClaims",
                "parameters": [
                    {"name": "q", "in": "query", "schema": {"type": "string",
                                                            "maxLength": MAX_STATEMENT}},
                    {"name": "document", "in": "query", "schema": {
                        "type": "integer", "minimum": 1, "maximum": 2**63 - 1}},
                    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1,
                                                               "maximum": 10_000}}],
                "responses": {**ok(ref("ClaimList")), **errors(400, 422)}}},
            "/api/claims/{claim_id}": {"get": {
                "summary": "One claim with its span, facts and corroboration",
                "operationId": "getClaim", "parameters": [{"name": "claim_id", **ID_PARAM}],
                "responses": {**ok(ref("Claim")), **errors(404)}}},
            "/api/documents": {"post": {
                "summary": "Ingest one article (needs the bearer token)",
                "operationId": "addDocument", "security": writes,
                "requestBody": {"required": True, "content": {
                    "application/json": {"schema": ref("NewDocument")}}},
                "responses": {**ok(ref("Saved"), "Replaced or unchanged"),
                              **ok(ref("Saved"), "Added", 201),
                              **errors(400, 401, 403, 413, 415, 422, 503)}}},
            "/api/documents/{document_id}": {
                "get": {"summary": "A document with its text and claims",
                        "operationId": "getDocument",
                        "parameters": [{"name": "document_id", **ID_PARAM}],
                        "responses": {**ok(ref("Document")), **errors(404)}},
                "delete": {"summary": "Remove a document and its claims (needs the token)",
                           "operationId": "deleteDocument", "security": writes,
                           "parameters": [{"name": "document_id", **ID_PARAM}],
                           "responses": {"204": {"description": "Removed"},
                                         **errors(401, 403, 404, 503)}}},
            "/api/openapi.json": {"get": {
                "summary": "This document", "operationId": "openapi",
                "responses": ok({"type": "object"})}},
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": ERROR, "Fact": FACT, "DocumentSummary": DOC_SUMMARY,
                "Difference": DIFFERENCE, "Corroboration": CORROBORATION,
                "Evidence": EVIDENCE, "CheckResult": CHECK_RESULT, "ClaimRow": CLAIM_ROW,
                "Claim": CLAIM, "Document": DOCUMENT, "ClaimList": CLAIM_LIST,
                "NewDocument": NEW_DOCUMENT, "Saved": SAVED,
                "ReviewRequest": REVIEW_REQUEST, "ReviewedSentence": REVIEWED,
                "ReviewResult": REVIEW_RESULT,
            },
        },
    }
