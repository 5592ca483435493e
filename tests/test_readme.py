"""The README's two set-up commands stay true: CI runs the test one verbatim."""

from __future__ import annotations

import re

from .conftest import ROOT


def readme_commands():
    return re.findall(r"^    (python3 -m venv .*)$", (ROOT / "README.md").read_text(), re.M)


def test_ci_runs_the_readme_test_command():
    commands = readme_commands()
    assert len(commands) == 2
    test_command = next(c for c in commands if "pytest" in c)
    assert test_command in (ROOT / ".ci" / "run").read_text().splitlines()


def test_readme_serve_command_uses_the_console_script():
    serve = next(c for c in readme_commands() if "serve" in c)
    assert serve.endswith("factcheck serve")
