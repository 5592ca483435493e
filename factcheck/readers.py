"""Readers: turn article files into raw articles (text plus whatever metadata they carry)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
BULK_SUFFIXES = {".jsonl"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | BULK_SUFFIXES
META_FIELDS = ("title", "url", "publisher", "published")
MANIFEST = "manifest.jsonl"  # per-folder metadata: one {"file", "title", ...} record a line


class BadFile(Exception):
    """A file that cannot be ingested; the message says why."""


@dataclass
class RawArticle:
    source_key: str
    path: str
    kind: str
    text: str
    meta: dict = field(default_factory=dict)


def discover(paths: list[str]) -> list[Path]:
    """Files to ingest: given files as they are, folders walked for supported suffixes."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.name != MANIFEST
                            and p.suffix.lower() in SUPPORTED)
        else:
            found.append(path)
    return found


@lru_cache(maxsize=64)
def manifest(folder: Path) -> dict[str, dict]:
    """Metadata by file name from a folder's manifest.jsonl; unreadable lines are ignored."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    out = {}
    with open(path, encoding="utf-8", errors="replace") as lines:
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and record.get("file"):
                record.setdefault("published", record.get("date"))
                out[str(record["file"])] = {k: str(record[k]) for k in META_FIELDS
                                            if record.get(k)}
    return out


def _decode(data: bytes, path: Path) -> str:
    if not data.strip():
        raise BadFile("empty file")
    if b"\x00" in data[:8192]:
        raise BadFile("binary file (NUL bytes)")
    try:
        return data.decode("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError as exc:
        raise BadFile(f"not valid UTF-8 (byte {exc.start})") from None


def sidecar(path: Path) -> dict:
    """Metadata from NAME.json (or NAME.txt.json) beside the article, else the manifest."""
    for candidate in (path.with_suffix(".json"), path.with_name(path.name + ".json")):
        if candidate.is_file():
            try:
                data = json.loads(candidate.read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError) as exc:
                raise BadFile(f"sidecar {candidate.name} is not valid JSON: {exc}") from None
            return {k: str(data[k]) for k in META_FIELDS if data.get(k)}
    return dict(manifest(path.parent.resolve()).get(path.name, {}))


def _html_article(html: str, path: Path) -> tuple[str, dict]:
    import trafilatura  # imported on demand: text ingests need none of lxml

    text = trafilatura.extract(html, include_comments=False, include_tables=False)
    if not text or not text.strip():
        raise BadFile("no main text found in HTML")
    meta = trafilatura.extract_metadata(html)
    found = {}
    if meta is not None:
        for key, attr in (("title", "title"), ("url", "url"), ("publisher", "sitename"),
                          ("published", "date")):
            if getattr(meta, attr, None):
                found[key] = str(getattr(meta, attr))
    return text, found


def read_file(path: Path) -> list[RawArticle]:
    """One file's articles; raises BadFile with a reason for anything unusable."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise BadFile(f"unsupported file type {suffix or '(none)'}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadFile(f"cannot read: {exc.strerror}") from None
    text = _decode(data, path)
    key = str(path.resolve())
    if suffix in BULK_SUFFIXES:
        return list(_jsonl_articles(text, path, key))
    meta = sidecar(path)
    if suffix in HTML_SUFFIXES:
        text, found = _html_article(text, path)
        return [RawArticle(key, str(path), "html", text, {**found, **meta})]
    return [RawArticle(key, str(path), "text", text, meta)]


def _jsonl_articles(text: str, path: Path, key: str):
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise BadFile(f"line {number}: not valid JSON ({exc.msg})") from None
        if not isinstance(record, dict) or not str(record.get("text") or "").strip():
            raise BadFile(f"line {number}: needs an object with a non-empty 'text'")
        ident = record.get("id") or record.get("url") or f"line-{number}"
        meta = {k: str(record[k]) for k in META_FIELDS if record.get(k)}
        yield RawArticle(f"{key}#{ident}", str(path), "jsonl", str(record["text"]), meta)
