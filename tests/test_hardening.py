"""Hostile input, the token-guarded write API, and read-only replicas."""

from __future__ import annotations

import hashlib
import os
import stat
from urllib.parse import quote

import pytest

from factcheck import store as dbmod
from factcheck.web import create_app

from .conftest import CLAIMS

TOKEN = "s3cret-token-for-tests"
HOSTILE = [
    "China filed 145 incidents\x00 with the INCB",  # NUL byte
    "China filed \ud800 145 incidents",  # lone surrogate
    "\u202eChina filed 145 incidents with the INCB\u202c",  # right-to-left override
    "Chi\u200bna fi\u200dled 145 inci\ufeffdents",  # zero-width characters
    "China 🇨🇳 filed 145 incidents 💊 with the INCB 🔥",  # emoji
    "١٤٥ حادثة قدمتها الصين",  # Arabic script and digits
    "' OR 1=1; DROP TABLE claims; --",
    'fentanyl" OR "a" AND NEAR(x y) * ^ : -',  # FTS5 syntax
]


@pytest.fixture
def writer(db_path):
    app = create_app({"TESTING": True, "DATABASE": str(db_path), "CORPUS": str(CLAIMS),
                      "API_TOKEN": TOKEN})
    client = app.test_client()
    client.get("/healthz")
    return client


def auth(token=TOKEN):
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("statement", HOSTILE)
def test_hostile_statements_are_answered(client, statement):
    client.get("/healthz")
    # A lone surrogate cannot be UTF-8: in a URL it arrives as the bytes it would encode to.
    raw = quote(statement.encode("utf-8", "surrogatepass"))
    for response in (client.post("/api/check", json={"statement": statement}),
                     client.get(f"/api/check?statement={raw}"),
                     client.get(f"/check?statement={raw}"),
                     client.get(f"/claims?q={raw}"),
                     client.get(f"/api/claims?q={raw}")):
        assert response.status_code in (200, 400, 422), response.data[:200]
    body = client.post("/api/check", json={"statement": statement}).get_json()
    assert body["verdict"] in ("supported", "contradicted", "unverified")


def test_invalid_utf8_in_query_strings(client):
    client.get("/healthz")
    for url in ("/api/check?statement=%ff%fe%fd", "/check?statement=%c3%28+fentanyl",
                "/api/claims?q=%80%81", "/claims?q=%ed%a0%80"):
        assert client.get(url).status_code < 500, url


def test_ten_thousand_words_is_refused_cleanly(client):
    statement = " ".join(["fentanyl"] * 10_000)
    response = client.post("/api/check", json={"statement": statement})
    assert response.status_code in (400, 413)
    assert response.get_json()["error"]["code"] in ("statement_too_long", "payload_too_large")
    page = client.get("/check", query_string={"statement": statement})
    assert page.status_code in (400, 413, 414)


def test_bodies_are_capped(client):
    response = client.post("/api/check", data="x" * 200_000, content_type="application/json")
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "payload_too_large"


def test_write_api_needs_the_token(writer):
    doc = {"title": "Port strike", "text": "Dock workers in Rotterdam ended a 12-day strike"
           " on Monday, the union said."}
    assert writer.post("/api/documents", json=doc).status_code == 401
    assert "Bearer" in writer.post("/api/documents", json=doc).headers["WWW-Authenticate"]
    wrong = writer.post("/api/documents", json=doc, headers=auth("nope"))
    assert wrong.status_code == 403 and wrong.get_json()["error"]["code"] == "forbidden"
    assert writer.get("/api/documents/3").status_code == 404  # nothing was written
    added = writer.post("/api/documents", json=doc, headers=auth())
    assert added.status_code == 201
    saved = added.get_json()
    assert saved["status"] == "added" and saved["claims"] == 1
    again = writer.post("/api/documents", json=doc, headers=auth())
    assert again.status_code == 200 and again.get_json()["status"] == "unchanged"
    result = writer.post("/api/check", json={"statement": "Rotterdam dock workers ended a"
                                             " 12-day strike"}).get_json()
    assert result["verdict"] == "supported"
    assert writer.delete(f"/api/documents/{saved['id']}").status_code == 401
    assert writer.delete(f"/api/documents/{saved['id']}", headers=auth()).status_code == 204
    assert writer.get(f"/api/documents/{saved['id']}").status_code == 404
    assert writer.delete(f"/api/documents/{saved['id']}", headers=auth()).status_code == 404


def test_write_api_is_off_without_a_token(client):
    client.get("/healthz")
    response = client.post("/api/documents", json={"text": "x y z"}, headers=auth())
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "writes_disabled"
    assert client.delete("/api/documents/1", headers=auth()).status_code == 403
    assert client.get("/api/documents/1").status_code == 200  # reads stay public


@pytest.mark.parametrize("body,status,code", [
    ({}, 400, "missing_text"),
    ({"text": "  "}, 400, "empty_text"),
    ({"text": 5}, 422, "invalid_type"),
    ({"text": "ok text here", "title": ["x"]}, 422, "invalid_type"),
    ({"text": "a" * 600_000}, 400, "text_too_long"),
])
def test_write_api_validates(writer, body, status, code):
    response = writer.post("/api/documents", json=body, headers=auth())
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code


def test_bad_write_leaves_store_unchanged(writer, db_path):
    import sqlite3

    before = sqlite3.connect(db_path).execute("SELECT count(*) FROM claims").fetchone()
    writer.post("/api/documents", json={"text": 5}, headers=auth())
    writer.post("/api/documents", data="{broken", content_type="application/json",
                headers=auth())
    after = sqlite3.connect(db_path).execute("SELECT count(*) FROM claims").fetchone()
    assert before == after


def test_read_only_replica_serves_an_immutable_copy(tmp_path, db_path):
    builder = create_app({"TESTING": True, "DATABASE": str(db_path), "CORPUS": str(CLAIMS)})
    builder.test_client().get("/healthz")
    replica_dir = tmp_path / "replica"
    replica_dir.mkdir()
    copy = replica_dir / "factcheck.db"
    import sqlite3

    source = sqlite3.connect(db_path)
    source.execute(f"VACUUM INTO '{copy}'")  # a consistent single-file copy, as rolled out
    source.close()
    wal = sqlite3.connect(copy)  # in WAL mode a plain read-only open would add a -shm file
    assert wal.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    wal.close()
    copy.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    replica_dir.chmod(stat.S_IRUSR | stat.S_IXUSR)  # nothing can be created beside it
    try:
        app = create_app({"TESTING": True, "DATABASE": str(copy), "READ_ONLY": True,
                          "API_TOKEN": TOKEN})
        client = app.test_client()
        health = client.get("/healthz").get_json()
        assert health["read_only"] is True
        assert health["database"]["claims"] >= 15
        assert health["database"]["sha256"] == hashlib.sha256(copy.read_bytes()).hexdigest()
        assert client.post("/api/check", json={"statement": "China filed 145 incidents"
                                               " with the INCB"}).get_json()["verdict"] \
            == "supported"
        refused = client.post("/api/documents", json={"text": "x y z"}, headers=auth())
        assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "read_only"
        assert sorted(os.listdir(replica_dir)) == ["factcheck.db"]
    finally:
        replica_dir.chmod(stat.S_IRWXU)


def test_read_only_refuses_a_missing_file(tmp_path):
    with pytest.raises(RuntimeError, match="no database file"):
        create_app({"TESTING": True, "DATABASE": str(tmp_path / "none.db"), "READ_ONLY": True})


def _replica(source_path, target):
    import sqlite3

    source = sqlite3.connect(source_path)
    source.execute(f"VACUUM INTO '{target}'")
    source.close()
    app = create_app({"TESTING": True, "DATABASE": str(target), "READ_ONLY": True})
    return app.test_client().get("/healthz").get_json()["database"]


def test_healthz_versions_agree_between_copies(tmp_path, db_path, client):
    client.get("/healthz")
    writer = client.get("/healthz").get_json()["database"]
    one, two = _replica(db_path, tmp_path / "one.db"), _replica(db_path, tmp_path / "two.db")
    for key in ("data_version", "claims", "documents", "schema_version"):
        assert one[key] == two[key] == writer[key], key
    assert one["sha256"] == two["sha256"]  # VACUUM INTO writes the same bytes
    conn = dbmod.connect(db_path)
    dbmod.delete_document(conn, 1)
    changed = _replica(db_path, tmp_path / "three.db")
    assert changed["data_version"] != one["data_version"]
