"""Errors: the JSON error shape under /api, a readable page everywhere else."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from ..store import StoreBusy, is_busy


class ApiError(HTTPException):
    """An error with a status, a machine code and a message for people."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.code, self.error_code, self.description = status, code, message


def error_body(status: int, code: str, message: str):
    return jsonify({"error": {"status": status, "code": code, "message": message}}), status

_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed",
          413: "payload_too_large", 415: "unsupported_media_type", 422: "unprocessable"}


# What a reader sees instead of "Bad Request (400)": what went wrong, and what to do.
HEADINGS = {
    400: ("That request could not be used", "Check what you typed and try again."),
    403: ("Not allowed here", "This copy only reads; writes go to the writer's address."),
    404: ("Not found", "The address may be mistyped, or the item was removed. Search, or"
                       " check a statement below."),
    405: ("That action is not offered here", "Use the form below instead."),
    413: ("Too long to take in one go", "Send less at once, or split it into parts."),
    415: ("Not in a form this page reads", "Send JSON to the API, or use the form below."),
    422: ("A value is out of range", "Check the numbers in the address and try again."),
    500: ("Something went wrong on our side", "Nothing you sent was lost or stored. Try"
                                              " again in a moment."),
    503: ("Busy for a moment", "Another update is being saved. Try again in a few seconds."),
}


def _wants_json() -> bool:
    return request.path == "/api" or request.path.startswith("/api/")


def handle_http(exc: HTTPException):
    status = exc.code or 500
    code = getattr(exc, "error_code", None) or _CODES.get(status, "error")
    message = exc.description or exc.name
    if _wants_json():
        response = error_body(status, code, message)
    else:
        heading, advice = HEADINGS.get(status, (exc.name, ""))
        if status == 404 and message == exc.description and "URL was not found" in message:
            message = "There is no page at this address."  # Werkzeug's text names no page
        response = render_template("error.html", status=status, title=heading,
                                   message=message, advice=advice), status
    body, status = response
    headers = {}
    if status == 405 and getattr(exc, "valid_methods", None):
        headers["Allow"] = ", ".join(exc.valid_methods)
    if getattr(exc, "www_authenticate", None):
        headers["WWW-Authenticate"] = exc.www_authenticate
    return body, status, headers


RETRY_AFTER = 2  # seconds: a busy writer usually lets go well within this


def handle_unexpected(exc: Exception):
    from flask import current_app

    if isinstance(exc, StoreBusy) or is_busy(exc):
        # Another writer held the lock for the whole busy timeout: come back, not a 500.
        busy = ApiError(503, "busy", "The database is busy with another write; try again"
                                     f" in {RETRY_AFTER} seconds.")
        body, status, headers = handle_http(busy)
        return body, status, {**headers, "Retry-After": str(RETRY_AFTER)}
    current_app.logger.exception("unhandled error on %s", request.path)
    return handle_http(InternalServerError("The server failed on this request."))


def register(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(Exception, handle_unexpected)
