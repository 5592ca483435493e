"""The README says what exists: every command and option, every setting with its default."""

from __future__ import annotations

import re

import click
import pytest

from factcheck import settings
from factcheck.cli import cli

from .conftest import ROOT

README = (ROOT / "README.md").read_text()
# Variables that configure the tests and benchmarks, not the service.
TEST_ONLY = {"FACTCHECK_ARTIFACTS", "FACTCHECK_FUZZ_EXAMPLES", "FACTCHECK_BENCH_DATA"}


def section(title: str) -> str:
    start = README.index(f"## {title}\n")
    end = README.find("\n## ", start + 4)
    return README[start:end if end != -1 else None]


def table_rows(text: str) -> list[list[str]]:
    rows = [[c.strip() for c in line.strip().strip("|").split("|")]
            for line in text.splitlines() if line.startswith("| ")]
    return [r for r in rows[1:] if not set(r[0]) <= {"-", " "}]


def fmt(value) -> str:
    if value is None:
        return "unset"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def test_every_setting_is_documented_with_its_type_and_default():
    rows = {r[0].strip("`"): r for r in table_rows(section("Configuration"))}
    assert set(rows) == {s.name for s in settings.SETTINGS}
    for setting in settings.SETTINGS:
        row = rows[setting.name]
        assert row[1] == f"`{setting.env}`", row
        assert row[2] == setting.type.__name__, row
        assert row[3] == fmt(setting.default), row


def test_every_environment_variable_named_is_a_setting():
    named = set(re.findall(r"FACTCHECK_[A-Z][A-Z0-9_]*[A-Z0-9]", README))
    assert named - TEST_ONLY <= {s.env for s in settings.SETTINGS}


COMMANDS = [r[0] for r in table_rows(section("Command line"))]


@pytest.mark.parametrize("cell", COMMANDS)
def test_every_command_and_option_exists(cell):
    words = cell.strip("`").split()
    assert words[0] == "factcheck"
    command = cli.get_command(click.Context(cli), words[1])
    assert command is not None, words[1]
    options = {o for p in command.params for o in getattr(p, "opts", [])}
    for word in re.findall(r"--[a-z][a-z-]*", cell):
        assert word in options, (words[1], word)
    for default in re.findall(r"\[(--[a-z-]+) ([0-9][\w.]*)\]", cell):
        param = next(p for p in command.params if default[0] in p.opts)
        assert str(param.default) == default[1], (words[1], default)


def test_every_command_is_documented():
    documented = {c.strip("`").split()[1] for c in COMMANDS}
    ours = {name for name in cli.list_commands(click.Context(cli))
            if name not in ("run", "shell", "routes")}  # Flask's own, named in the README
    assert ours <= documented


QUANTITY_ROWS = [r for r in table_rows(README[README.index("Facts found in a claim:"):])
                 if r[0].strip("`") in ("number", "percent", "money", "duration")][:4]


@pytest.mark.parametrize("row", QUANTITY_ROWS, ids=lambda r: r[0].strip("`"))
def test_every_figure_the_facts_table_shows_is_read_as_its_kind(row):
    from factcheck.extract.facts import extract_facts

    kind = row[0].strip("`")
    examples = re.findall(r"`([^`]+)`", row[1])
    assert examples
    for example in examples:
        assert kind in [f.kind for f in extract_facts(example)], example
