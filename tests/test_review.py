"""Draft review: the core, the API, the CLI, and that a draft is never kept."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import urllib.parse
import urllib.request

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.checking.review import MAX_DRAFT, review, sentences
from factcheck.extract.markup import readable

from .conftest import CLAIMS, free_port, model_env, start_server

SEED = next(CLAIMS.glob("000_*.txt")).read_text(encoding="utf-8")
CHANGED = SEED.replace("January 30-31", "February 3-4")
MARKER = "Zyxquorblat"  # a word no source has: wherever it turns up, the draft leaked


def test_a_changed_figure_is_contradicted_and_the_rest_supported(checker):
    result = review(checker.db, CHANGED, dense=checker.dense)
    checked = [s for s in result["sentences"] if s["verdict"]]
    wrong = [s for s in checked if "February 3-4" in s["quote"]]
    assert len(wrong) == 1 and wrong[0]["verdict"] == "contradicted"
    best = next(e for e in wrong[0]["evidence"] if e["claim_id"] == wrong[0]["decisive"])
    assert {"kind": "date", "statement": "February 3-4",
            "evidence": "January 30-31"} in best["differences"]
    assert all(s["verdict"] == "supported" for s in checked if s is not wrong[0])
    assert result["summary"] == {"supported": len(checked) - 1, "contradicted": 1,
                                 "unverified": 0, "skipped": len(result["sentences"])
                                 - len(checked)}
    for s in result["sentences"]:
        assert CHANGED[s["start"]:s["end"]] == s["quote"]


def test_furniture_and_fragments_are_skipped_with_their_reason():
    draft = ("Share this article\n\nThe port handled 7,000 ships in 2023, officials said.\n\n"
             "Subscribe to our newsletter\n\nRead more\n\nYes.")
    checked, skipped = sentences(draft)
    assert [c["quote"] for c in checked] == [
        "The port handled 7,000 ships in 2023, officials said."]
    reasons = {s["quote"]: s["skipped"] for s in skipped}
    assert reasons["Share this article"] == "page furniture or metadata"
    assert reasons["Subscribe to our newsletter"] == "page furniture or metadata"
    assert reasons["Yes."] == "too short to state a fact"


def test_an_html_draft_points_into_the_html_submitted():
    html = ("<html><head><title>T</title><style>p{}</style></head><body>"
            "<h1>Port news</h1><p>The port of Lagos handled 7,000&nbsp;container ships"
            " in <b>2023</b>, officials said.</p><script>var x = 'The port sank.';</script>"
            "<p>It plans to hire 300 workers &amp; engineers next year, the mayor said.</p>")
    checked, _skipped = sentences(html, "html")
    quotes = [c["quote"] for c in checked]
    assert quotes == ["The port of Lagos handled 7,000&nbsp;container ships in <b>2023</b>,"
                      " officials said.",
                      "It plans to hire 300 workers &amp; engineers next year, the mayor said."]
    assert [c["text"] for c in checked][1] == ("It plans to hire 300 workers & engineers next"
                                               " year, the mayor said.")
    read = readable(html, "html")
    for c in checked:
        start, end = read.readable_span(c["start"], c["end"])
        assert read.text[start:end] == c["text"]


_DRAFT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)
_SENTENCE = st.sampled_from([
    "The port handled 7,000 ships in 2023, officials said. ", "Ünïcödé 😀 test costs £50. ",
    "\u00a0\n\n", "Mr. Smith said 40% of 1.5bn people voted on May 3.\r\n",
    "<p>Prices rose 5% in <i>2022</i>, the bank said.</p>", "&amp; &#8212; &bogus; <",
])


@settings(max_examples=200, deadline=None, database=None)
@given(parts=st.lists(st.one_of(_DRAFT, _SENTENCE), max_size=8),
       fmt=st.sampled_from(["text", "markdown", "html"]))
def test_spans_index_the_submitted_draft_exactly(parts, fmt):
    draft = "".join(parts)
    checked, skipped = sentences(draft, fmt)
    spans = sorted((s["start"], s["end"]) for s in checked + skipped)
    for s in checked + skipped:
        assert 0 <= s["start"] < s["end"] <= len(draft)
        assert draft[s["start"]:s["end"]] == s["quote"]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))  # no overlap


def test_the_api_reviews_and_keeps_nothing(client, db_path):
    draft = CHANGED + f"\n\n{MARKER} Holdings raised 400 million dollars in 2021, it said.\n"
    response = client.post("/api/review", json={"text": draft, "limit": 2})
    assert response.status_code == 200
    body = response.get_json()
    assert body["summary"]["contradicted"] == 1
    for s in body["sentences"]:
        assert draft[s["start"]:s["end"]] == s["quote"]
        assert len(s["evidence"]) <= 2
        assert all(e["claim_url"].startswith("/claims/") for e in s["evidence"])
    assert body["sentences"][0]["verdict"] is None and body["sentences"][0]["skipped"]
    client.get("/")  # any later request: nothing of the draft may have been written
    assert not _stored_anywhere(db_path, MARKER)


def _stored_anywhere(db_path, needle: str) -> bool:
    """Whether any text cell of any table, or any byte of the files, holds `needle`."""
    conn = sqlite3.connect(db_path)
    try:
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'"):
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                if any(isinstance(v, str) and needle in v for v in row):
                    return True
    finally:
        conn.close()
    files = [db_path, db_path.with_name(db_path.name + "-wal")]
    return any(f.exists() and needle.encode() in f.read_bytes() for f in files)


@pytest.mark.parametrize(("body", "status", "code"), [
    ({}, 400, "missing_text"),
    ({"text": "   "}, 400, "empty_text"),
    ({"text": 5}, 422, "invalid_type"),
    ({"text": "x" * (MAX_DRAFT + 1)}, 413, "draft_too_long"),
    ({"text": "A claim of 5 people.", "format": "docx"}, 422, "invalid_format"),
    ({"text": "A claim of 5 people.", "limit": 0}, 422, "out_of_range"),
])
def test_a_bad_review_request_gets_the_error_shape(client, body, status, code):
    response = client.post("/api/review", json=body)
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code


def test_the_review_page_rejects_a_bad_upload_readably(client):
    from io import BytesIO

    response = client.post("/review", data={"file": (BytesIO(b"x"), "draft.docx")},
                           content_type="multipart/form-data")
    assert response.status_code == 400 and b"Upload a .txt, .md or .html file" in response.data
    response = client.post("/review", data={"file": (BytesIO(b"\xff\xfe bad"), "d.txt")},
                           content_type="multipart/form-data")
    assert response.status_code == 400 and b"not UTF-8" in response.data
    response = client.post("/review", data={"text": " "})
    assert response.status_code == 400 and b"Paste a draft" in response.data


def test_the_page_marks_every_checked_sentence_by_verdict_and_word(client):
    from io import BytesIO

    response = client.post("/review", data={"file": (BytesIO(CHANGED.encode()), "draft.md")},
                           content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.count('class="s-tag s-tag-contradicted"') == 1
    assert page.count('class="s-tag s-tag-supported"') >= 10
    attention = page.split('id="attention-heading"')[1].split("</ol>")[0]
    assert "February 3-4" in attention
    assert "<td>February 3-4</td><td>January 30-31</td>" in page


def _cli(*args, stdin: bytes | None = None, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "factcheck.cli", *args], input=stdin,
                          capture_output=True, env=env, timeout=300)


def test_the_cli_exit_status_gates_a_pipeline(tmp_path):
    import os

    env = {**os.environ, "FACTCHECK_DATABASE": str(tmp_path / "f.db"), **model_env()}
    assert _cli("ingest", str(CLAIMS), env=env).returncode == 0
    good, bad = tmp_path / "good.txt", tmp_path / "bad.md"
    good.write_text(SEED, encoding="utf-8")
    bad.write_text(CHANGED, encoding="utf-8")
    ok = _cli("review", str(good), env=env)
    assert ok.returncode == 0, ok.stderr
    assert b"0 contradicted" in ok.stdout and b"SUPPORTED" in ok.stdout
    found = _cli("review", str(bad), "--json", "--limit", "1", env=env)
    assert found.returncode == 1
    assert json.loads(found.stdout)["summary"]["contradicted"] == 1
    piped = _cli("review", "-", stdin=CHANGED.encode(), env=env)
    assert piped.returncode == 1 and b"CONTRADICTED" in piped.stdout
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 costs 5 euros.".encode("latin-1"))
    for args in (["review", str(tmp_path / "missing.txt")],
                 ["review", str(tmp_path / "latin1.txt")], ["review", "/dev/null"],
                 ["review", str(good), "--limit", "0"]):
        result = _cli(*args, env=env)
        assert result.returncode == 2 and b"Traceback" not in result.stderr, args
    assert b"not valid UTF-8" in _cli("review", str(tmp_path / "latin1.txt"),
                                      env=env).stderr


def test_a_draft_reaches_no_log_line_of_the_real_server(tmp_path):
    port = free_port()
    proc = start_server(tmp_path / "factcheck.db", port)
    try:
        draft = CHANGED + f"\n\n{MARKER} Holdings raised 400 million dollars in 2021.\n"
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/review", method="POST",
            data=json.dumps({"text": draft}).encode(), headers={
                "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as response:
            assert json.load(response)["summary"]["contradicted"] == 1
        form = urllib.request.Request(
            f"http://127.0.0.1:{port}/review", method="POST",
            data=urllib.parse.urlencode({"text": draft}).encode())
        with urllib.request.urlopen(form, timeout=120) as response:
            assert MARKER in response.read().decode()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    log = (tmp_path / "factcheck.server.log").read_text()
    assert "POST /api/review" in log and "POST /review" in log  # the log is being written
    assert MARKER not in log and "February 3-4" not in log
    assert not _stored_anywhere(tmp_path / "factcheck.db", MARKER)
