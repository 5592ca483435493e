"""Import an existing fact-check database: each record becomes a checkable claim."""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from .. import store
from ..checking import lexical
from ..extract.claims import MAX_SENTENCE, Claim
from ..extract.facts import extract_facts
from ..extract.metadata import parse_date, reference_date
from ..extract.readers import BadFile, check_file, json_object
from ..text.normalize import normalize
from ..text.sentences import trimmed
from . import corroborate
from .embed import Semantic, embed_pending
from .ingest import EXTRACTOR_VERSION, Summary, now

# Column names other exports use for the same fields (pandas writes the index as "").
ALIASES = {
    "id": ("id", "vclaim_id", "claim_id", "external_id", ""),
    "text": ("text", "claim", "vclaim", "claim_text"),
    "title": ("title", "headline"),
    "url": ("url", "link", "source_url"),
    "rating": ("rating", "verdict", "label", "truth_rating"),
    "published": ("published", "date", "claim_date"),
}




def read_records(path: Path) -> Iterator[dict | BadFile]:
    """Records of a JSON Lines, CSV or TSV file (by suffix), fields under our names; a bad
    record is yielded as its BadFile (its reason) and the rest go on."""
    csv.field_size_limit(sys.maxsize)
    check_file(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            if path.suffix.lower() in (".csv", ".tsv"):
                delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
                for number, row in enumerate(csv.DictReader(handle, delimiter=delimiter), 2):
                    yield _checked(lambda row=row: row, number)
            else:
                for number, line in enumerate(handle, 1):
                    if line.strip():
                        yield _checked(lambda line=line, n=number: _json_line(line, n), number)
    except UnicodeDecodeError:
        raise BadFile("not valid UTF-8") from None


def _checked(row, number: int) -> dict | BadFile:
    """One record under our names, or the BadFile that says why it is skipped."""
    try:
        return _fields(row(), number)
    except BadFile as exc:
        return exc


def _json_line(line: str, number: int) -> dict:
    try:
        return json_object(line)
    except BadFile as exc:
        raise BadFile(f"line {number}: {exc}") from None


def _fields(row: dict, number: int) -> dict:
    out = {}
    for name, aliases in ALIASES.items():
        for alias in aliases:
            if row.get(alias) not in (None, ""):
                out[name] = str(row[alias])
                break
    if "id" not in out or not out.get("text", "").strip():
        raise BadFile(f"record {number}: needs an 'id' and a non-empty 'text'")
    if len(out["text"]) > MAX_SENTENCE:
        raise BadFile(f"record {number}: 'text' is {len(out['text']):,} characters; a claim"
                      f" can be at most {MAX_SENTENCE:,}")
    out["record"] = row
    return out


def build(record: dict, path: Path) -> tuple[dict, list[Claim]]:
    """The document (the record itself) and its one claim, spanning the claim text."""
    text = record["text"]
    published = parse_date(record["published"]) if record.get("published") else None
    start, end = trimmed(text, 0, len(text))
    quote = text[start:end]
    facts = [f.as_dict(start) for f in extract_facts(quote, reference_date(published))]
    claim = Claim(start, end, quote, 1.0, ["previously fact-checked claim"], facts,
                  normalize(quote), start, end)
    provenance = json.dumps(record["record"], ensure_ascii=False, sort_keys=True)
    given = hashlib.sha256(provenance.encode("utf-8")).hexdigest()
    doc = {
        "source_key": f"import:{record['id']}", "path": str(path), "kind": "import",
        "title": record.get("title"), "url": record.get("url"), "publisher": None,
        "source": None, "place": None, "published": published, "text": text,
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        # An imported record is its provenance: a changed title or rating is a change too.
        "given": provenance, "given_sha256": given,
        "ingested_at": now(), "extractor_version": EXTRACTOR_VERSION,
        "inferred": json.dumps({"provenance": "imported record", "record": provenance}),
    }
    return doc, [claim]


def save_record(db: sqlite_utils.Database, record: dict, path: Path, *,
                force: bool = False) -> store.SaveResult | None:
    """Store one record as a document with one claim; None when it is already stored."""
    doc, claims = build(record, path)
    if not force and store.unchanged(store.find_document(db, doc["source_key"]), doc):
        return None
    context = normalize(record["title"]) if record.get("title") else None
    return store.save_document(db, doc, claims, context=context,
                               extra={"external_id": record["id"],
                                      "rating": record.get("rating")})


def stored_record(given: str) -> dict:
    """The fields of a record from the provenance stored with its document."""
    return _fields(json.loads(given), 0)


def import_claims(db: sqlite_utils.Database, path: Path, *, link: bool = True,
                  semantic: Semantic | None = None) -> Summary:
    """Import records idempotently by id; a changed record replaces its claim."""
    summary = Summary()
    for record in read_records(path):
        if isinstance(record, BadFile):
            summary.failed += 1
            summary.failures.append((str(path), str(record)))
            continue
        result = save_record(db, record, path)
        if result is None:
            summary.unchanged += 1
        else:
            summary.count(result)
    encoder = semantic.load() if semantic else None
    if encoder is not None:  # a previously checked claim is found by meaning too
        summary.embedded = embed_pending(db, encoder)
    if link:
        summary.links = corroborate.link_pending(db)
    if summary.added or summary.updated:
        store.refresh_term_stats(db)
        lexical.prepare(db)
    return summary
