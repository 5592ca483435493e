"""factcheck: store the factual claims of source articles and check statements against them.

The package root imports nothing heavy: the web app lives in `factcheck.web`, the command
line in `factcheck.cli`; everything else runs without Flask.
"""

from __future__ import annotations

from pathlib import Path

__version__ = "0.2.0"
_HERE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """A shipped folder (templates, claims): inside an installed wheel, or in the checkout."""
    installed = _HERE / f"_{name}"
    return installed if installed.is_dir() else _HERE.parent / name
