"""Settings, links, methods, body sizes and public URLs: the smaller holes, each closed."""

from __future__ import annotations

import html
import http.client
import json
import os
import subprocess
import sys

import pytest

from factcheck import settings
from factcheck.web import create_app

from .conftest import CLAIMS, free_port, start_server

TOKEN = "limits-token-0123456789"


@pytest.mark.parametrize("env, expected", [
    ({"FACTCHECK_API_TOKEN": "true"}, {"API_TOKEN": "true"}),  # a token, not a boolean
    ({"FACTCHECK_API_TOKEN": "0"}, {"API_TOKEN": "0"}),
    ({"FACTCHECK_READ_ONLY": "False"}, {"READ_ONLY": False}),
    ({"FACTCHECK_READ_ONLY": "no"}, {"READ_ONLY": False}),
    ({"FACTCHECK_THRESHOLD_SUPPORT": " 80 "}, {"THRESHOLD_SUPPORT": 80.0}),
])
def test_environment_settings_are_read_by_their_declared_type(env, expected):
    assert settings.from_environ(env) == expected


@pytest.mark.parametrize("name, value", [
    ("THRESHOLD_SUPPORT", "abc"), ("CANDIDATES", "0"), ("READ_ONLY", "maybe"),
    ("BM25_WEIGHT", "nan"), ("MAX_CONTENT_LENGTH", "12.5"),
])
def test_a_bad_setting_stops_start_up_naming_it(tmp_path, name, value):
    env = {**os.environ, "FACTCHECK_DATABASE": str(tmp_path / "f.db"),
           f"FACTCHECK_{name}": value}
    for args in (["serve", "--port", str(free_port())], ["check", "x"]):
        done = subprocess.run([sys.executable, "-m", "factcheck.cli", *args], env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode != 0 and f"FACTCHECK_{name}" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr


@pytest.fixture
def app(db_path):
    app = create_app({"TESTING": True, "DATABASE": str(db_path), "CORPUS": str(CLAIMS),
                      "API_TOKEN": TOKEN, "SEMANTIC": False,
                      "PUBLIC_URL": "https://facts.example.org"})
    app.test_client().get("/healthz")
    return app


@pytest.mark.parametrize("url", ["javascript:alert(document.cookie)", "data:text/html,<b>x",
                                 "vbscript:msgbox(1)", " JavaScript:alert(1)"])
def test_only_web_urls_become_links(app, url):
    client = app.test_client()
    saved = client.post("/api/documents", headers={"Authorization": f"Bearer {TOKEN}"},
                        json={"text": "The bridge carried 40,000 cars a day, it said.",
                              "url": url}).get_json()
    claim = client.get(f"/api/documents/{saved['id']}").get_json()["claims"][0]
    for path in (f"/documents/{saved['id']}", f"/claims/{claim['id']}"):
        page = client.get(path).get_data(as_text=True).lower()
        if path.startswith("/documents/"):
            assert url.strip().lower() in html.unescape(page)  # shown, as text
        for scheme in ("javascript:", "data:", "vbscript:"):
            assert f'href="{scheme}' not in page and f"href='{scheme}" not in page
            assert f'"{scheme}' not in page.split("</head>")[0]  # nor in the JSON-LD


def test_head_answers_like_get(app):
    client = app.test_client()
    get = client.get("/api/check?statement=China%20filed%20145%20incidents")
    head = client.head("/api/check?statement=China%20filed%20145%20incidents")
    assert get.status_code == head.status_code == 200 and head.data == b""


def test_published_links_use_the_public_url_not_the_host_header(app):
    page = app.test_client().get("/check?statement=China%20filed%20145%20incidents",
                                 headers={"Host": "evil.example"}).get_data(as_text=True)
    ld = json.loads(page.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert ld["url"].startswith("https://facts.example.org/check?")
    assert ld["author"]["url"] == "https://facts.example.org/"
    assert "evil.example" not in json.dumps(ld)


def test_half_a_million_non_ascii_characters_fit_the_body_limit(app):
    text = ("Prëïsé ëüöäïé ñáéíóú çàèìòù 😀 " * 20_000)[:500_000]
    body = json.dumps({"text": text})  # ensure_ascii: every character escaped
    assert len(body) > 2 * 1024 * 1024
    response = app.test_client().post("/api/documents", data=body, headers={
        "Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    assert response.status_code == 201, response.get_json()


def test_an_over_long_chunked_body_is_413(tmp_path):
    port = free_port()
    proc = start_server(tmp_path / "f.db", port, env={"FACTCHECK_SEMANTIC": "false"})
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        chunk = b'{"statement": "' + b"a" * 70_000 + b'"}'
        conn.putrequest("POST", "/api/check")
        conn.putheader("Content-Type", "application/json")
        conn.putheader("Transfer-Encoding", "chunked")
        conn.endheaders()
        conn.send(b"%x\r\n%s\r\n0\r\n\r\n" % (len(chunk), chunk))
        response = conn.getresponse()
        assert response.status == 413
        assert json.loads(response.read())["error"]["code"] == "payload_too_large"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_check_from_stdin_reports_an_over_long_line_and_goes_on(tmp_path):
    env = {**os.environ, "FACTCHECK_DATABASE": str(tmp_path / "f.db"),
           "FACTCHECK_SEMANTIC": "false"}
    subprocess.run([sys.executable, "-m", "factcheck.cli", "ingest", str(CLAIMS)], env=env,
                   check=True, capture_output=True)
    lines = "China filed 145 incidents with the INCB\n" + "x " * 2000 + "\nVote count: 1\n"
    done = subprocess.run([sys.executable, "-m", "factcheck.cli", "check", "--json", "-"],
                          env=env, input=lines, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "line 2: a statement can be at most 2,000 characters" in done.stderr
    assert [json.loads(x)["statement"] for x in done.stdout.splitlines()] == [
        "China filed 145 incidents with the INCB", "Vote count: 1"]
