"""Metadata inferred from an article's own text where no sidecar gives it."""

from __future__ import annotations

import re
from datetime import date

from .claims import DATELINE, is_furniture
from .facts import find_dates

_DATE_HEADER = re.compile(r"^[ \t]*(?:date|published|posted|updated)[ \t]*:?[ \t]*(.+?)[ \t]*$",
                          re.IGNORECASE | re.MULTILINE)
_RELEASE = re.compile(r"FOR IMMEDIATE RELEASE[ \t,:-]*(.+)$", re.IGNORECASE | re.MULTILINE)
_PUBLISHER = [
    re.compile(r"support (The [A-Z][\w]+(?: [A-Z][\w]+){0,3}) on Patreon"),
    re.compile(r"(?:\u00a9|\(c\)|Copyright)\s*(?:\d{4}\s+)?([A-Z][\w&.]*(?: [A-Z][\w&.]*){0,4})"),
    re.compile(r"^(?:Source|Publisher):\s*(.+?)\s*$", re.MULTILINE),
]
HEAD_LINES = 6


_WIRE_DATE = re.compile(r"(\d{1,2})-([A-Za-z]{3})-(\d{4})")


def parse_date(value: str) -> str | None:
    """An ISO date (YYYY-MM-DD) from a written date ('26-FEB-1987' too), or None."""
    stamp = re.match(r"(\d{4}-\d{2}-\d{2})(?:[T ]|$)", value.strip())  # ISO 8601 time stamps
    if stamp:
        value = stamp.group(1)
    wire = _WIRE_DATE.match(value.strip())
    if wire:
        value = f"{wire.group(2).capitalize()} {wire.group(1)}, {wire.group(3)}"
    for fact in find_dates(value, None):
        if fact.kind == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", fact.value or ""):
            return fact.value
    return None


def _lines(text: str, limit: int):
    """(start, end, line) of the first non-empty lines."""
    pos, seen = 0, 0
    for line in text.split("\n"):
        if line.strip():
            yield pos, pos + len(line), line
            seen += 1
            if seen >= limit:
                return
        pos += len(line) + 1


def _title(text: str) -> tuple[str, tuple[int, int]] | None:
    """A title-like first line: short, no closing period, not a date or dateline."""
    for start, _end, line in _lines(text, 1):
        stripped = line.strip()
        if (len(stripped) <= 200 and not stripped.endswith((".", ":", ";", ","))
                and not _DATE_HEADER.match(line) and not DATELINE.match(stripped)
                and not is_furniture(stripped) and len(stripped.split()) >= 2):
            offset = start + line.index(stripped)
            return stripped, (offset, offset + len(stripped))
    return None


def _repeated_title(text: str, given: str) -> tuple[int, int] | None:
    """The first line's span when it repeats the given title: a JSONL record or sidecar
    whose text opens with its headline ("Title ending in a period.") has no claim there."""
    for start, _end, line in _lines(text, 1):
        stripped = line.strip()
        if _title_key(stripped) == _title_key(given):
            offset = start + line.index(stripped)
            return offset, offset + len(stripped)
    return None


def _title_key(title: str) -> str:
    return " ".join(title.split()).rstrip(".").casefold()


def _published(text: str) -> tuple[str, str, tuple[int, int]] | None:
    head_end = sum(len(line) + 1 for line in text.split("\n")[:12])
    for pattern, how in ((_DATE_HEADER, "date header line"), (_RELEASE, "press-release line")):
        for m in pattern.finditer(text, 0, head_end):
            iso = parse_date(m.group(1))
            if iso:
                return iso, how, (m.start(), m.end())
    return None


def _dateline(text: str) -> dict:
    for _start, _end, line in _lines(text, HEAD_LINES):
        m = DATELINE.match(line.strip())
        if m and len(m.group("place")) >= 3:
            return {k: m.group(k) for k in ("place", "source") if m.group(k)}
    return {}


def infer(text: str, given_title: str | None = None
          ) -> tuple[dict, dict, list[tuple[int, int]]]:
    """(metadata, how each field was inferred, spans that are metadata rather than claims).

    `given_title`: the title the source gave, which the text's first line may repeat."""
    meta: dict = {}
    how: dict = {}
    skip: list[tuple[int, int]] = []
    title = _title(text)
    if title:
        meta["title"], how["title"] = title[0], "first line"
    repeated = (_repeated_title(text, given_title)
                if isinstance(given_title, str) and given_title.strip() else None)
    for span in dict.fromkeys(s for s in (title and title[1], repeated) if s):
        if text[span[1]:].strip():  # a line with nothing under it heads nothing: a claim
            skip.append(span)
    published = _published(text)
    if published:
        meta["published"], how["published"], span = published
        skip.append(span)
    for key, value in _dateline(text).items():
        meta[key], how[key] = value, "dateline"
    for pattern in _PUBLISHER:
        m = pattern.search(text)
        if m:
            meta["publisher"], how["publisher"] = m.group(1).strip(), "named in the text"
            break
    return meta, how, skip


def reference_date(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None
