"""Readers: turn article files into raw articles (text plus whatever metadata they carry)."""

from __future__ import annotations

import json
import stat
from dataclasses import dataclass, field
from pathlib import Path

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
BULK_SUFFIXES = {".jsonl"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | BULK_SUFFIXES
META_FIELDS = ("title", "url", "publisher", "published")
MANIFEST = "manifest.jsonl"  # per-folder metadata: one {"file", "title", ...} record a line
MAX_FILE_BYTES = 256 * 1024 * 1024  # refused before reading: a bulk file of 256 MiB at most
MAX_ARTICLE_CHARS = 1_000_000  # one article (a file or a JSONL record) at most
MAX_META_BYTES = 16 * 1024 * 1024  # a sidecar NAME.json or a folder's manifest.jsonl


class BadFile(Exception):
    """A file that cannot be ingested; the message says why."""


@dataclass
class RawArticle:
    source_key: str  # unique and stable: the resolved path (never shown to readers)
    path: str  # what pages show: the path relative to the folder that was ingested
    kind: str
    text: str
    meta: dict = field(default_factory=dict)


@dataclass
class FileRead:
    """A file's articles, and the lines of it that were skipped with their reasons."""

    articles: list[RawArticle]
    skipped: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Found:
    """A file to ingest and the path it is shown by (relative to the folder given)."""

    path: Path
    shown: str
    problem: str | None = None  # why it is not read at all


def discover(paths: list[str]) -> list[Found]:
    """Files to ingest: given files as they are, folders walked for supported suffixes.

    A symbolic link inside a folder that leads out of it is not followed (it would publish
    whatever it points at); it is listed with that reason.
    """
    found: list[Found] = []
    for name in paths:
        path = Path(name)
        if not path.is_dir():
            found.append(Found(path, path.name))
            continue
        root, folders = path.resolve(), {}
        for p in sorted(path.rglob("*"), key=lambda p: p.parts):  # as Paths sort, faster
            if p.name == MANIFEST or p.suffix.lower() not in SUPPORTED or not p.is_file():
                continue
            inside = _inside(p, root, folders)
            found.append(Found(p, "/".join(p.parts[len(path.parts):]), None if inside else
                               "a symbolic link leading out of the folder: not followed"))
    return found


def _inside(path: Path, root: Path, folders: dict[Path, bool]) -> bool:
    """Whether a file resolves inside root. Its folder is resolved once for all its files
    and the file itself only if it is a link: a walk of 21,268 files spent 2 s resolving."""
    if path.is_symlink():
        return path.resolve().is_relative_to(root)
    if path.parent not in folders:
        folders[path.parent] = path.parent.resolve().is_relative_to(root)
    return folders[path.parent]


def check_file(path: Path, limit: int = MAX_FILE_BYTES) -> int:
    """The size of a regular file small enough to read; BadFile names anything else.

    Checked before opening: a FIFO or a device (/dev/zero) is never read, and a 1 GB file
    is refused without reading a byte of it.
    """
    try:
        info = path.stat()
    except OSError as exc:
        raise BadFile(f"cannot read: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise BadFile("not a regular file (a FIFO, device or socket is never read)")
    if info.st_size > limit:
        raise BadFile(f"{info.st_size:,} bytes: larger than the {limit:,} bytes it may be")
    return info.st_size


_MANIFESTS: dict[Path, tuple[tuple[int, int], dict[str, dict]]] = {}


def manifest(folder: Path) -> dict[str, dict]:
    """Metadata by file name from a folder's manifest.jsonl (re-read when it changes)."""
    path = folder / MANIFEST
    try:
        info = path.stat()
        stamp = (info.st_mtime_ns, info.st_size)
    except OSError:
        return {}
    cached = _MANIFESTS.get(folder)
    if cached and cached[0] == stamp:
        return cached[1]
    _MANIFESTS[folder] = (stamp, _read_manifest(path))
    return _MANIFESTS[folder][1]


def _read_manifest(path: Path) -> dict[str, dict]:
    """Unreadable lines of a manifest are ignored: it only adds metadata."""
    out = {}
    try:
        check_file(path, MAX_META_BYTES)
    except BadFile:
        return out  # a FIFO, a device or a giant: no metadata rather than a hang
    with open(path, encoding="utf-8", errors="replace") as lines:
        for line in lines:
            try:
                record = json_object(line)
            except BadFile:
                continue
            if record.get("file"):
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
                check_file(candidate, MAX_META_BYTES)
                data = json_object(candidate.read_text(encoding="utf-8"))
            except (BadFile, UnicodeDecodeError) as exc:
                raise BadFile(f"sidecar {candidate.name}: {exc}") from None
            return {k: str(data[k]) for k in META_FIELDS if data.get(k)}
    return dict(manifest(path.parent.resolve()).get(path.name, {}))


def _html_article(html: str, path: Path) -> tuple[str, dict]:
    import trafilatura  # imported on demand: text ingests need none of lxml

    text = trafilatura.extract(html, include_comments=False, include_tables=False)
    if not text or not text.strip():
        raise BadFile("no main text found in HTML")
    # Not the extensive search: it turns a footer's '\u00a9 2024' into 2024-01-01.
    meta = trafilatura.extract_metadata(html, extensive=False)
    found = {}
    if meta is not None:
        for key, attr in (("title", "title"), ("url", "url"), ("publisher", "sitename"),
                          ("published", "date")):
            if getattr(meta, attr, None):
                found[key] = str(getattr(meta, attr))
    return text, found


def read_file(path: Path, shown: str | None = None) -> FileRead:
    """One file's articles; raises BadFile with a reason for anything unusable."""
    check_file(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise BadFile(f"unsupported file type {suffix or '(none)'}")
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # it may have grown since the check
    except OSError as exc:
        raise BadFile(f"cannot read: {exc.strerror}") from None
    if len(data) > MAX_FILE_BYTES:
        raise BadFile(f"larger than the {MAX_FILE_BYTES // 2**20} MiB a file may be")
    text = _decode(data, path)
    key, shown = str(path.resolve()), shown or path.name
    if suffix in BULK_SUFFIXES:
        return _jsonl_articles(text, shown, key)
    meta = sidecar(path)
    if suffix in TEXT_SUFFIXES and len(text) > MAX_ARTICLE_CHARS:
        raise BadFile(f"{len(text):,} characters: an article can be at most"
                      f" {MAX_ARTICLE_CHARS:,}")
    if suffix in HTML_SUFFIXES:
        text, found = _html_article(text, path)
        return FileRead([RawArticle(key, shown, "html", text, {**found, **meta})])
    return FileRead([RawArticle(key, shown, "text", text, meta)])


def json_object(line: str) -> dict:
    """One JSON object from a line; BadFile names what is wrong (nesting too deep too)."""
    try:
        record = json.loads(line)
    except RecursionError:
        raise BadFile("nested too deeply") from None
    except ValueError as exc:
        raise BadFile(f"not valid JSON ({exc.msg})") from None
    if not isinstance(record, dict):
        raise BadFile("not a JSON object")
    return record


def _jsonl_articles(text: str, shown: str, key: str) -> FileRead:
    """Every good line an article; a bad line is skipped and named, the rest go on."""
    read = FileRead([])
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json_object(line)
            if not str(record.get("text") or "").strip():
                raise BadFile("needs a non-empty 'text'")
            if len(str(record["text"])) > MAX_ARTICLE_CHARS:
                raise BadFile(f"'text' is {len(str(record['text'])):,} characters; an article"
                              f" can be at most {MAX_ARTICLE_CHARS:,}")
        except BadFile as exc:
            read.skipped.append(f"line {number}: {exc}")
            continue
        ident = record.get("id") or record.get("url") or f"line-{number}"
        meta = {k: str(record[k]) for k in META_FIELDS if record.get(k)}
        read.articles.append(RawArticle(f"{key}#{ident}", f"{shown}#{ident}", "jsonl",
                                        str(record["text"]), meta))
    if not read.articles and read.skipped:
        raise BadFile("; ".join(read.skipped[:3]))
    return read
