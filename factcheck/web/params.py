"""Request parameters, parsed once for the API and the pages: integers, text, JSON bodies."""

from __future__ import annotations

import re

from flask import request

from .errors import ApiError

_INTEGER = re.compile(r"[+-]?[0-9]+")  # ASCII digits only: '²' and '①' pass isdigit()


def int_param(value, name: str, default: int | None, low: int, high: int) -> int | None:
    """An integer from a JSON body: a number, never a string (`{"limit": "3"}` is a 422)."""
    if value is None:
        return default
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # JSON Schema counts 46.0 as an integer, so do we
    if isinstance(value, bool) or not isinstance(value, int):
        raise ApiError(422, "invalid_type", f"'{name}' must be a whole number")
    if not low <= value <= high:
        raise ApiError(422, "out_of_range", f"'{name}' must be between {low} and {high:,}")
    return value


def query_int(name: str, default: int | None, low: int, high: int) -> int | None:
    """An integer query-string parameter, for the API and the pages alike."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return default
    if not _INTEGER.fullmatch(raw):
        raise ApiError(422, "invalid_type", f"'{name}' must be a whole number")
    return int_param(int(raw), name, default, low, high)


def clean_text(value: str) -> str:
    """Lone surrogates (valid in JSON, not in UTF-8) become U+FFFD, so storage never fails."""
    if value.isascii():
        return value
    return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def required_text(value, name: str, limit: int) -> str:
    """A required, non-blank string field of at most `limit` characters, cleaned."""
    if value is None:
        raise ApiError(400, f"missing_{name}", f"'{name}' is required")
    if not isinstance(value, str):
        raise ApiError(422, "invalid_type", f"'{name}' must be a string")
    if not value.strip():
        raise ApiError(400, f"empty_{name}", f"'{name}' is empty")
    if len(value) > limit:
        raise ApiError(400, f"{name}_too_long",
                       f"'{name}' is {len(value)} characters; the limit is {limit}")
    return clean_text(value)


def json_body() -> dict:
    """The request's JSON object, or the error that says what is wrong with it."""
    if not request.is_json:
        raise ApiError(415, "unsupported_media_type", "send the body as application/json")
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # deeply nested arrays: the parser gives up, so do we, politely
        body = None
    if body is None:
        raise ApiError(400, "malformed_json", "the body is not valid JSON")
    if not isinstance(body, dict):
        raise ApiError(422, "invalid_type", "the body must be a JSON object")
    return body
