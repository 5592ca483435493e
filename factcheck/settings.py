"""One registry of every setting: name, type, default, range, environment variable, help.

The web app, the command line and the checker all read settings through this module, so
a value is parsed and checked in one place: a bad one stops start-up with a message
naming the setting, instead of failing later on every request.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

PREFIX = "FACTCHECK_"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class SettingError(ValueError):
    """A setting with a value of the wrong type or out of range; the message names it."""


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    help: str
    low: float | None = None
    high: float | None = None

    @property
    def env(self) -> str:
        return PREFIX + self.name

    def parse(self, raw: Any) -> Any:
        """The value as this setting's type, from a string (environment) or a Python value."""
        if raw is None:
            return None
        try:
            value = _convert(self.type, raw)
        except (TypeError, ValueError):
            raise SettingError(f"{self.env}={raw!r}: {self.name} must be"
                               f" {_NAMES[self.type]}") from None
        if self.low is not None and value < self.low or \
                self.high is not None and value > self.high:
            raise SettingError(f"{self.env}={raw!r}: {self.name} must be between"
                               f" {self.low:g} and {self.high:g}")
        return value


def _convert(kind: type, raw: Any) -> Any:
    if kind is bool:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in _TRUE | _FALSE:
            return text in _TRUE
        raise ValueError(raw)
    if kind is int and (isinstance(raw, bool) or isinstance(raw, float)):
        raise TypeError(raw)
    if kind is float:
        value = float(raw)
        if not math.isfinite(value):
            raise ValueError(raw)
        return value
    if kind is str and not isinstance(raw, str):
        raise TypeError(raw)
    return kind(raw.strip()) if isinstance(raw, str) and kind is int else kind(raw)


_NAMES = {bool: "true or false", int: "a whole number", float: "a number", str: "text"}

SETTINGS: tuple[Setting, ...] = (
    Setting("DATABASE", str, None, "SQLite file of the store (default: instance/factcheck.db)"),
    Setting("CORPUS", str, None, "folder built into an empty store on first start"
            " (default: the shipped claims/ folder)"),
    Setting("BOOTSTRAP", bool, True, "build an empty store from CORPUS on first start"),
    Setting("READ_ONLY", bool, False, "serve an immutable copy: no writes, no migrations"),
    Setting("API_TOKEN", str, None, "bearer token of the write API; unset turns writes off"),
    Setting("PUBLIC_URL", str, None, "the site's public base URL (https://facts.example.org)"
            " for absolute links in JSON-LD; unset: taken from the request's Host header"),
    Setting("MAX_CONTENT_LENGTH", int, 65536, "bytes of a request body", 1024, 2**31),
    Setting("MAX_DOCUMENT_CHARS", int, 500_000, "characters of a document sent to the API",
            1, 10_000_000),
    Setting("THRESHOLD_SUPPORT", float, 70.0, "score a passage needs to support", 0, 100),
    Setting("THRESHOLD_CONTRADICT", float, 75.0, "score a passage needs to contradict", 0, 100),
    Setting("THRESHOLD_CONTRADICT_LEXICAL", float, 85.0, "score a passage needs to contradict"
            " when its score is the lexical estimate (no model, or a clause of a much longer"
            " passage): word coverage is a looser closeness", 0, 100),
    Setting("THRESHOLD_RELATED", float, 0.0, "score a passage needs to be shown", 0, 100),
    Setting("THRESHOLD_CLOSE", float, 65.0, "closeness (cosine x 100, or word coverage"
            " without a model) a passage needs to support or contradict", 0, 100),
    Setting("BM25_WEIGHT", float, 0.2, "share of BM25 beside cosine in the fused order", 0, 1),
    Setting("CANDIDATES", int, 100, "BM25 candidates fetched per statement", 1, 1000),
    Setting("DENSE_CANDIDATES", int, 100, "nearest-vector candidates per statement", 1, 1000),
    Setting("RESCORED", int, 30, "fused candidates rescored and given a score", 1, 1000),
    Setting("SEMANTIC", bool, True, "use sentence embeddings (lexical only when false)"),
    Setting("EMBEDDING_MODEL", str, None, "model folder or Hugging Face repo id"
            " (unset: sentence-transformers/all-MiniLM-L6-v2)"),
    Setting("EMBEDDING_QUANTIZED", bool, False, "use the int8 model file where there is one"),
    Setting("EMBEDDING_THREADS", int, 0, "ONNX threads for a check (0: all cores)", 0, 256),
)
BY_NAME = {s.name: s for s in SETTINGS}


def defaults() -> dict[str, Any]:
    return {s.name: s.default for s in SETTINGS}


def from_environ(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Every FACTCHECK_* variable the registry knows, parsed; an unknown one is ignored."""
    environ = os.environ if environ is None else environ
    return {s.name: s.parse(environ[s.env]) for s in SETTINGS if s.env in environ}


def coerce(config: Mapping[str, Any]) -> dict[str, Any]:
    """The known settings of a config (e.g. instance/config.py) parsed to their types."""
    return {s.name: s.parse(config[s.name]) for s in SETTINGS if s.name in config}
