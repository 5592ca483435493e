"""Ingest: article files -> documents with metadata -> claims and facts -> the store."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from .. import store
from ..checking import lexical
from ..extract.claims import Claim, extract_claims
from ..extract.metadata import infer, parse_date, reference_date
from ..extract.readers import BadFile, Found, RawArticle, discover, read_file
from ..store.lexical import db_file
from . import corroborate
from .embed import Semantic, embed_all, embed_claims


def extractor_version(folders: tuple[Path, ...] | None = None) -> str:
    """A hash of the extraction code (text/ and extract/): any change re-extracts."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for folder in folders or (root / "text", root / "extract"):
        for source in sorted(Path(folder).glob("*.py")):
            digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return f"factcheck-extract/{digest.hexdigest()[:12]}"


EXTRACTOR_VERSION = extractor_version()
BULK_FILES = 50  # above this, corroboration runs once over the batch, not per document
BATCH_DOCUMENTS = 200  # a bulk load commits whole documents this many at a time
_INITIAL_WORDS = re.compile(r"[A-Z][\w'\u2019-]*")
_MINOR = {"of", "the", "for", "and", "on", "de", "du", "von", "van", "der", "del", "&"}


@dataclass
class Summary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    claims: int = 0
    links: int = 0
    embedded: int = 0  # claims embedded after the extraction (the rest were in workers)
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)

    def count(self, result: store.SaveResult) -> None:
        setattr(self, result.status, getattr(self, result.status) + 1)
        self.claims += result.claims
        self.links += result.links

    def line(self) -> str:
        return (f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.failed} failed; {counted(self.claims, 'claim')} stored,"
                f" {counted(self.links, 'corroboration link')}, in {self.seconds:.1f} s")


def counted(count: int, noun: str) -> str:
    """'1 claim', '2 claims', '1,000 claims'."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def acronyms_of(claims) -> list[tuple[str, str]]:
    """Initialisms of multi-word names: 'International Narcotics Control Board' -> INCB."""
    found = set()
    for claim in claims:
        for fact in claim.facts:
            if fact["kind"] != "entity":
                continue
            words = [w for w in fact["text"].split() if w.lower() not in _MINOR]
            for i in range(len(words)):
                for j in range(i + 3, min(len(words), i + 7) + 1):
                    part = words[i:j]
                    if all(_INITIAL_WORDS.fullmatch(w) for w in part):
                        expansion = _expansion(fact["text"], part)
                        found.add(("".join(w[0] for w in part).upper(), expansion))
    return sorted(found)


def _expansion(name: str, part: list[str]) -> str:
    """The stretch of the name from its first to its last chosen word, as written."""
    start = name.index(part[0])
    end = name.index(part[-1], start) + len(part[-1])
    return name[start:end]


def fingerprint(article: RawArticle) -> dict:
    """What decides whether a stored document is current: text, given metadata, extractor."""
    given = json.dumps(article.meta, sort_keys=True, ensure_ascii=False)
    return {"sha256": hashlib.sha256(article.text.encode("utf-8")).hexdigest(),
            "given": given, "given_sha256": hashlib.sha256(given.encode("utf-8")).hexdigest(),
            "extractor_version": EXTRACTOR_VERSION}


Built = tuple[dict, list[Claim], list[tuple[str, str]]]


def build_document(article: RawArticle) -> Built:
    """Document row, claims and acronyms for one article; text kept exactly as read."""
    inferred, how, skip = infer(article.text, article.meta.get("title"))
    meta = {**inferred, **{k: v for k, v in article.meta.items() if v}}
    for key in article.meta:
        how[key] = "sidecar" if article.kind == "text" else article.kind
    if meta.get("published"):
        # A year or a month alone ("\u00a9 2024") is not a publication date.
        meta["published"] = parse_date(meta["published"])
        if meta["published"] is None:
            how["published"] = "ignored: not a full date"
    if not meta.get("publisher") and meta.get("source"):
        meta["publisher"], how["publisher"] = meta["source"], "wire source in dateline"
    claims = extract_claims(article.text, reference_date(meta.get("published")), tuple(skip))
    if not meta.get("title"):
        meta["title"], how["title"] = _fallback_title(claims, article.text), store.FALLBACK_TITLE
    doc = {
        "source_key": article.source_key, "path": article.path, "kind": article.kind,
        "title": meta.get("title"), "url": meta.get("url"), "publisher": meta.get("publisher"),
        "source": meta.get("source"), "place": meta.get("place"),
        "published": meta.get("published"), "text": article.text, **fingerprint(article),
        "ingested_at": now(), "inferred": json.dumps(how, sort_keys=True),
    }
    return doc, claims, acronyms_of(claims)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _fallback_title(claims, text: str) -> str:
    """The opening words of the first claim (or of the text) when no title is given."""
    words = (claims[0].text if claims else text).split()
    title = " ".join(words[:12])
    return title + ("\u2026" if len(words) > 12 else "")


INLINE_LINKS = 300  # a document with more new claims is linked by the next bulk run


def ingest_article(db: sqlite_utils.Database, article: RawArticle, *, link: bool = True,
                   semantic: Semantic | None = None) -> store.SaveResult:
    """Store one article (or leave it, if unchanged) and link its new claims to others.

    Analysis (extraction, embedding) and the search for corroborating claims happen
    outside the write transaction, which holds the lock only to write: a 500,000-character
    article held it for 35 s while its 4,648 claims were linked one by one.
    """
    existing = store.find_document(db, article.source_key)
    if store.unchanged(existing, fingerprint(article)):
        return store.SaveResult("unchanged", existing["id"], 0, [])
    doc, claims, acronyms = build_document(article)
    encoder = semantic.load() if semantic else None
    if encoder is not None:
        store.vectors.adopt_model(db, encoder.key)
        embed_claims(encoder, claims)
    result = store.save_document(db, doc, claims, acronyms=acronyms,
                                 context=store.heading(doc))
    if link and len(result.new_claim_ids) <= INLINE_LINKS:
        by_id = dict(zip(result.claim_ids, (c.norm for c in claims), strict=True))
        links = corroborate.find_links(db, result.document_id,
                                       [(i, by_id[i]) for i in result.new_claim_ids])
        result.links = store.add_links(db, result.document_id, links)
    return result


# Stored documents' fingerprints by source key, set before workers fork so that each can
# skip the extraction of an unchanged article without a database connection of its own.
_KNOWN: dict[str, tuple[str, str]] = {}
# The model each worker embeds with (loaded by the worker itself, after the fork).
_SEMANTIC: list = [None, 0]  # [Semantic | None, threads]


@dataclass
class Prepared:
    """One file read and extracted: its changed articles built (None: unchanged)."""

    path: Path
    built: list[Built | None] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # bad lines of a JSONL file
    error: str | None = None  # the whole file is unusable


def prepare(found: Found) -> Prepared:
    """Read a file and extract its changed articles."""
    if found.problem:
        return Prepared(found.path, error=found.problem)
    try:
        read = read_file(found.path, found.shown)
    except BadFile as exc:
        return Prepared(found.path, error=str(exc))
    out = Prepared(found.path, skipped=read.skipped)
    for article in read.articles:
        mark = fingerprint(article)
        current = _KNOWN.get(article.source_key) == (mark["sha256"], mark["given_sha256"])
        out.built.append(None if current else build_document(article))
    semantic, threads = _SEMANTIC
    encoder = semantic.load(threads) if semantic else None
    if encoder is not None:  # one batch a file, in the worker that extracted it
        embed_claims(encoder, [c for built in out.built if built for c in built[1]])
    return out


def _prepared(files: list[Found], workers: int) -> Iterator[Prepared]:
    """Extraction in worker processes for big runs: it is most of the CPU an ingest costs."""
    if workers < 2 or len(files) <= BULK_FILES:
        _SEMANTIC[1] = 0
        yield from map(prepare, files)
        return
    _SEMANTIC[1] = 1  # one ONNX thread a worker: the workers share the cores
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(prepare, files, chunksize=16)


def ingest_paths(db: sqlite_utils.Database, paths: Iterable[str], *, link: bool = True,
                 progress: Callable[[Iterator, int], Iterable] | None = None,
                 on_failure: Callable[[str, str], None] | None = None,
                 workers: int | None = None, semantic: Semantic | None = None) -> Summary:
    """Ingest files and folders; a bad file is reported and skipped, the rest go on.

    Workers extract (and embed, given a model); this process writes, each document in its
    own transaction, then embeds whatever claim still lacks a vector.
    """
    summary, began = Summary(), time.perf_counter()
    key = semantic.key() if semantic else None
    if key:
        store.vectors.adopt_model(db, key)
    _SEMANTIC[0] = semantic if key else None
    files = discover(list(paths))
    bulk = link and (len(files) > BULK_FILES or any(f.path.suffix == ".jsonl" for f in files))
    _KNOWN.clear()
    _KNOWN.update(store.known_documents(db, EXTRACTOR_VERSION))
    items = _prepared(files, workers if workers is not None else os.cpu_count() or 1)
    batch = store.Batches(db, BATCH_DOCUMENTS if bulk else 1)
    linker = corroborate.find_links if link and not bulk else None
    for prepared in (progress(items, len(files)) if progress else items):
        problems = [prepared.error] if prepared.error else prepared.skipped
        for reason in problems:
            summary.failed += 1
            summary.failures.append((str(prepared.path), reason))
            if on_failure:
                on_failure(str(prepared.path), reason)
        for built in prepared.built:
            if built is None:
                summary.unchanged += 1
                continue
            with batch:
                doc, claims, acronyms = built
                result = store.save_document(db, doc, claims, acronyms=acronyms,
                                             context=store.heading(doc), linker=linker)
            summary.count(result)
    batch.close()
    if key:
        summary.embedded = embed_all(db, semantic, workers=workers)
    changed = bool(summary.added or summary.updated)
    postings = _postings_beside(db) if changed and bulk else None
    if link:
        summary.links += corroborate.link_pending(db)
    if changed:
        store.refresh_term_stats(db)
        if postings is None or not _joined(postings):
            lexical.prepare(db)
    summary.seconds = time.perf_counter() - began
    return summary


def _postings_beside(db: sqlite_utils.Database) -> multiprocessing.Process | None:
    """Build the BM25 postings in a forked process while this one links: both only read
    the claims, and at the end of a bulk load the extraction workers have left a core."""
    path = db_file(db)
    if not path:
        return None
    process = multiprocessing.get_context("fork").Process(target=_build_postings,
                                                          args=(path,), daemon=True)
    process.start()
    return process


def _build_postings(path: str) -> None:
    lexical.prepare(store.connect(path, readonly=True))


def _joined(process: multiprocessing.Process) -> bool:
    """Whether the postings process finished well (if not, this process builds them)."""
    process.join()
    return process.exitcode == 0
