"""Every benchmark's --quick mode runs, so the benchmarks cannot rot. No speed is asserted."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .conftest import ROOT

BENCH = ROOT / "bench"
DATA = ROOT.parent / "shared" / "bench"

pytestmark = pytest.mark.skipif(
    not DATA.exists() and not os.environ.get("CI"), reason="../shared/bench is not here")


@pytest.mark.parametrize("script,result", [
    ("checkthat.py", "checkthat-quick.json"),
    ("scifact.py", "scifact-quick.json"),
    ("confusion.py", "confusion-quick.json"),
    ("calibrate.py", "calibrate-quick.json"),
    ("verdicts.py", "verdicts-quick.json"),
    ("variants.py", "variants-quick.json"),
    ("negations.py", "negations-quick.json"),
    ("ingest_speed.py", "ingest-quick.json"),
    ("latency.py", "latency-quick.json"),
    ("lists.py", "lists-quick.json"),
    ("http_load.py", "http-quick.json"),
    ("review.py", "review-quick.json"),
    ("soak.py", "soak-quick.json"),
    ("forms.py", "forms-quick.json"),
    ("paraphrases.py", "paraphrases-quick.json"),
])
def test_quick_benchmark_runs_and_writes_json(script, result):
    done = subprocess.run([sys.executable, str(BENCH / script), "--quick"],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "wrote" in done.stdout
    payload = json.loads((BENCH / "results" / result).read_text())
    assert payload["machine"]["cpus"] >= 1


def test_plots_render(tmp_path):
    done = subprocess.run([sys.executable, str(BENCH / "plots.py"), "--quick"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
