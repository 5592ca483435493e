"""The package's shape holds: Flask only in web/ and cli.py, SQL only in store/ and
retrieval, URLs only from url_for, nothing Unix-only on import."""

from __future__ import annotations

import ast
import re
import subprocess
import sys

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "factcheck"
SQL = re.compile(r"^\s*(?:SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|BEGIN|COMMIT"
                 r"|ROLLBACK|VACUUM|WITH)\b")
SQL_HOMES = ("store/", "checking/retrieval.py")


def modules():
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def rel(path):
    return path.relative_to(PACKAGE).as_posix()


@pytest.mark.parametrize("module", [
    "factcheck", "factcheck.text.normalize", "factcheck.extract.claims", "factcheck.store",
    "factcheck.pipeline.ingest", "factcheck.pipeline.reindex", "factcheck.checking.check",
    "factcheck.settings",
])
def test_core_imports_without_flask(module):
    code = f"import sys, {module}; print(sorted(m for m in sys.modules if m.split('.')[0]" \
           " in ('flask', 'werkzeug')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"


def test_flask_is_imported_only_by_web_and_cli():
    for path in modules():
        tree = ast.parse(path.read_text())
        names = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        names |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        uses_flask = any(n.split(".")[0] in ("flask", "werkzeug") for n in names)
        assert not uses_flask or rel(path).startswith("web/") or rel(path) == "cli.py", path


def test_nothing_unix_only_is_imported():
    """fcntl would make the package fail to import on Windows; filelock is the portable lock."""
    for path in modules():
        tree = ast.parse(path.read_text())
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert "fcntl" not in names, path


def test_sql_lives_in_the_store_and_retrieval_only():
    offenders = []
    for path in modules():
        if rel(path).startswith(SQL_HOMES):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and SQL.match(node.value):
                offenders.append(f"{rel(path)}:{node.lineno}")
            if isinstance(node, ast.Attribute) and node.attr in ("execute", "executemany",
                                                                  "query"):
                offenders.append(f"{rel(path)}:{node.lineno} .{node.attr}")
    assert offenders == []


def test_core_builds_no_urls():
    for path in modules():
        if rel(path).startswith("web/"):
            continue
        text = path.read_text()
        assert not re.search(r"[\"']/(?:claims|documents|check)[/\"'?]", text), path


def test_facts_and_evidence_kinds_are_typed():
    from typing import get_args

    from factcheck.checking.check import Relation
    from factcheck.checking.verdict import Verdict
    from factcheck.extract.facts import FactKind

    assert "money" in get_args(FactKind) and "attribution" in get_args(FactKind)
    assert set(get_args(Verdict)) == {"supported", "contradicted", "unverified"}
    assert set(get_args(Relation)) >= {"supports", "contradicts", "related"}


# Pure functions where position is the natural reading: a figure and its hedge twice,
# a span of a text (text, start, end, ...).
POSITIONAL_OK = {"numbers_agree", "segments", "matched_words", "clause_spans", "int_param",
                 "query_int"}


def test_public_functions_take_keyword_arguments_beyond_three():
    offenders = []
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_") \
                    or node.name in POSITIONAL_OK:
                continue
            positional = [a.arg for a in node.args.posonlyargs + node.args.args
                          if a.arg not in ("self", "cls")]
            if len(positional) > 3 and rel(path) != "cli.py":  # click passes keywords
                offenders.append(f"{rel(path)}:{node.lineno} {node.name}")
    assert offenders == []
