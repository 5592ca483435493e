"""Index files beside a store: where they go, how they are written whole, how they are named.

The vector index (`dense`) and the BM25 postings (`lexical`) are both arrays saved beside
the database and memory-mapped, so several server workers share one copy through the page
cache instead of each holding its own.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import numpy as np


def folder(db_path: str, suffix: str) -> Path:
    """`<db><suffix>/` where it can write; a replica in a read-only folder uses /tmp."""
    beside = Path(db_path + suffix)
    parent = beside.parent
    # The mode bits too: root may write anywhere, but a folder made read-only means it.
    if beside.is_dir() or (os.access(parent, os.W_OK) and parent.stat().st_mode & 0o222):
        try:
            beside.mkdir(exist_ok=True)
            if os.access(beside, os.W_OK):
                return beside
        except OSError:
            pass
    name = f"factcheck{suffix.replace('.', '-')}-{digest(db_path)}"
    fallback = Path(tempfile.gettempdir()) / name
    fallback.mkdir(exist_ok=True)
    return fallback


def digest(text: str) -> str:
    """A stable short name (str hashes differ between processes)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def generation_of(path: Path) -> int:
    """The generation an index file was built for (its name starts with it)."""
    head = path.name.split("-", 1)[0]
    return int(head) if head.isdigit() else -1


def save(path: Path, array: np.ndarray) -> None:
    """Write whole or not at all: a reader never maps half a file."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as handle:
        np.save(handle, array)
    os.replace(tmp, path)


def save_text(path: Path, text: str) -> None:
    """A text file written whole, as `save` writes arrays."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
