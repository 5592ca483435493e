"""Sentence embeddings on the CPU: an ONNX sentence-transformer run by onnxruntime.

A text's vector is the mean of the model's last hidden state over the attention mask,
L2-normalised, so cosine similarity is a dot product. No torch at run time.

Model resolution, in order: FACTCHECK_EMBEDDING_MODEL (a local folder holding
`model.onnx`/`model_quantized.onnx` and `tokenizer.json`, or a Hugging Face repo id), then
DEFAULT_REPO, fetched with `huggingface_hub` into the instance folder on first use where a
network exists. Where no model can be had, `load()` returns None with the reason, and the
service runs lexical-only and says so.
"""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from .store.schema import file_sha256

DEFAULT_REPO = "sentence-transformers/all-MiniLM-L6-v2"
MAX_TOKENS = 256  # the model's max_seq_length
# Texts a model call: on 2 cores, news claims embed 13% faster in 16s than in 64s (sorted
# by length either way; padding and attention grow with the longest of a batch).
BATCH = 16
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ModelFiles:
    name: str  # what is stored with the vectors: the folder or repo id, and the file
    onnx: Path
    tokenizer: Path

    @property
    def key(self) -> str:
        """Model name and file hash: vectors from another model must be recomputed."""
        return f"{self.name}@{file_digest(self.onnx)[:16]}"


class Encoder:
    """One ONNX session and its tokenizer; `encode` gives unit vectors, float32."""

    def __init__(self, files: ModelFiles, threads: int = 0):
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads  # 0: as many as the machine has
        options.inter_op_num_threads = 1
        # Idle ONNX threads would spin for the next call, taking the core that BM25 runs on
        # beside the embedding: a check took 23 ms with spinning and 18 ms without.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = onnxruntime.InferenceSession(
            str(files.onnx), options, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.tokenizer = Tokenizer.from_file(str(files.tokenizer))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self.key = files.key
        self.dim = int(self.session.get_outputs()[0].shape[-1])
        # The model's whole-word tokens: a general English word list (22k words here).
        self.words = frozenset(w for w in self.tokenizer.get_vocab() if w.isalpha())

    def encode(self, texts: list[str], batch: int = BATCH) -> np.ndarray:
        """Unit vectors for texts, batched by length so that padding costs little."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), batch):
            chosen = order[start:start + batch]
            out[chosen] = self._batch([texts[i] or " " for i in chosen])
        return out

    def _batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = self.session.run(None, feed)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


@lru_cache(maxsize=8)
def file_digest(path: Path) -> str:
    """The model file's sha256, read once per process (90 MB)."""
    return file_sha256(path)


def local_files(folder: Path, quantized: bool) -> ModelFiles | None:
    """The ONNX file and tokenizer in a local folder (the quantized file where asked)."""
    names = ("model_quantized.onnx", "model.onnx") if quantized else ("model.onnx",)
    for name in names:
        for onnx in (folder / name, folder / "onnx" / name):
            if onnx.is_file() and (folder / "tokenizer.json").is_file():
                return ModelFiles(f"{folder.name}/{name}", onnx, folder / "tokenizer.json")
    return None


def _reachable(timeout: float = 3.0) -> bool:
    """Whether the hub answers at all: without a network, huggingface_hub retries for tens
    of seconds, and a server must not start that slowly only to run lexical-only."""
    host = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co")).hostname
    try:
        socket.create_connection((host or "huggingface.co", 443), timeout=timeout).close()
        return True
    except OSError:
        return False


def fetch(repo: str, cache: Path) -> Path:
    """Download a repo's ONNX files once into `cache` (needs huggingface_hub and a network)."""
    from huggingface_hub import hf_hub_download

    if not _reachable():
        raise ConnectionError("the model hub cannot be reached (no network?)")
    target = cache / repo.replace("/", "--")
    for name in ("onnx/model.onnx", "tokenizer.json"):
        hf_hub_download(repo, name, local_dir=target)
    return target


def resolve(spec: str | None, cache: Path, quantized: bool) -> tuple[ModelFiles | None, str]:
    """The model files to use, or None and why not."""
    spec = spec or DEFAULT_REPO
    folder = Path(spec).expanduser()
    if folder.is_dir():
        found = local_files(folder, quantized)
        return (found, "") if found else (None, f"{folder} holds no model.onnx and"
                                                " tokenizer.json")
    cached = cache / spec.replace("/", "--")
    found = local_files(cached, quantized) if cached.is_dir() else None
    if found:
        return found, ""
    if os.environ.get("HF_HUB_OFFLINE") == "1":
        return None, f"{spec} is not in {cache} and HF_HUB_OFFLINE=1"
    try:
        found = local_files(fetch(spec, cache), quantized)
    except Exception as exc:  # no huggingface_hub, no network, no such repo
        return None, f"could not fetch {spec}: {type(exc).__name__}: {exc}"[:300]
    return (found, "") if found else (None, f"{spec} has no ONNX model")


# Per model spec and cache folder: the files (or why none) and the session they share.
_RESOLVED: dict[tuple, tuple[ModelFiles | None, str, tuple | None]] = {}
# By model file, not by the store asking: every store of a process shares one session
# (the test suite opens a store a test; one session each had it hold 12 GB at the end).
_LOADED: dict[tuple, tuple[Encoder | None, str]] = {}


def load(spec: str | None, cache: Path, *, quantized: bool = False,
         threads: int = 0) -> tuple[Encoder | None, str]:
    """The encoder for a model spec (loaded once per process), or None and the reason."""
    where = (spec, str(cache), quantized, threads, os.getpid())
    if where not in _RESOLVED:
        files, reason = resolve(spec, cache, quantized)
        if files is None:
            log.warning("semantic matching is off, lexical only: %s", reason)
        session = files and (str(files.onnx.resolve()), str(files.tokenizer.resolve()),
                             threads, os.getpid())
        _RESOLVED[where] = files, reason, session
    files, reason, session = _RESOLVED[where]
    if files is None:
        return None, reason
    if session not in _LOADED:
        try:
            _LOADED[session] = (Encoder(files, threads), "")
        except Exception as exc:  # a broken or foreign ONNX file
            reason = f"cannot load {files.onnx}: {exc}"[:300]
            log.warning("semantic matching is off, lexical only: %s", reason)
            _LOADED[session] = (None, reason)
    return _LOADED[session]
