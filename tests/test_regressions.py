"""Defects found on review, each pinned by a test that failed before its fix."""

from __future__ import annotations

import json
import subprocess

import pytest

from factcheck import store
from factcheck.extract.claims import extract_claims
from factcheck.extract.readers import _html_article
from factcheck.pipeline import ingest
from factcheck.pipeline.ingest import build_document, extractor_version, ingest_paths
from factcheck.pipeline.reindex import reindex
from factcheck.web import create_app

from .conftest import CLAIMS, ROOT

TOKEN = "s3cret-token"


def auth():
    return {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def writer(db_path):
    app = create_app({"TESTING": True, "DATABASE": str(db_path), "CORPUS": str(CLAIMS),
                      "API_TOKEN": TOKEN})
    return app.test_client()


# 1. Flask 3.1 is what request.max_content_length needs: the pin says so.
def test_pyproject_pins_what_the_code_needs():
    text = (ROOT / "pyproject.toml").read_text()
    assert '"flask>=3.1"' in text.replace(" ", "").replace("#", " #") or "flask>=3.1" in text
    assert "sqlite-utils>=4.2.1" in text  # sqlite_utils.migrations


# 2. The extractor version follows the extraction code; a new version re-extracts.
def test_extractor_version_changes_with_the_extraction_code(tmp_path):
    folder = tmp_path / "extract"
    folder.mkdir()
    (folder / "a.py").write_text("X = 1\n")
    first = extractor_version((folder,))
    (folder / "a.py").write_text("X = 2\n")
    assert extractor_version((folder,)) != first
    assert ingest.EXTRACTOR_VERSION == extractor_version()


def test_a_new_extractor_version_re_extracts_on_ingest_and_reindex(seeded, monkeypatch):
    assert ingest_paths(seeded, [str(CLAIMS)]).unchanged == 2
    monkeypatch.setattr(ingest, "EXTRACTOR_VERSION", "factcheck-extract/test")
    again = ingest_paths(seeded, [str(CLAIMS)])
    assert again.updated == 2 and again.unchanged == 0
    versions = {r[0] for r in seeded.execute("SELECT extractor_version FROM documents")}
    assert versions == {"factcheck-extract/test"}
    monkeypatch.setattr(ingest, "EXTRACTOR_VERSION", "factcheck-extract/next")
    import factcheck.pipeline.reindex as module

    monkeypatch.setattr(module, "EXTRACTOR_VERSION", "factcheck-extract/next")
    ids = [r[0] for r in seeded.execute("SELECT id FROM claims ORDER BY id")]
    assert reindex(seeded).updated == 2
    assert [r[0] for r in seeded.execute("SELECT id FROM claims ORDER BY id")] == ids
    assert reindex(seeded).updated == 0  # nothing stale any more


def test_documents_of_another_extractor_are_reported_until_reindexed(seeded, db_path, caplog):
    # A statement's facts are read by the running extractor, a stored passage's by the one
    # that ingested it: an upgrade that changes extraction must say so until `reindex`.
    seeded.execute("UPDATE documents SET extractor_version = 'factcheck-extract/old'"
                   " WHERE id = (SELECT min(id) FROM documents)")
    seeded.conn.commit()
    app = create_app({"TESTING": True, "DATABASE": str(db_path), "CORPUS": str(CLAIMS)})
    assert "Documents extracted by another version of factcheck: 1;" in caplog.text
    client = app.test_client()
    assert client.get("/healthz").get_json()["database"]["stale_documents"] == 1
    assert reindex(seeded).updated == 1
    assert client.get("/healthz").get_json()["database"]["stale_documents"] == 0


# 3. Metadata alone changing is a change.
def test_editing_only_a_sidecar_updates_the_metadata(corpus, store):
    ingest_paths(store, [str(corpus)])
    article = corpus / "000_8b522224fd885a9a.txt"
    (corpus / "000_8b522224fd885a9a.json").write_text(json.dumps({"title": "Corrected title"}))
    summary = ingest_paths(store, [str(corpus)])
    assert summary.updated == 1, summary.line()
    title = store.execute("SELECT title FROM documents WHERE path = ?", [article.name])
    assert title.fetchone()[0] == "Corrected title"


def test_editing_only_a_manifest_updates_the_metadata(corpus, store):
    manifest = corpus / "manifest.jsonl"
    manifest.write_text(json.dumps({"file": "001_bb3994ddda9d2b97.txt", "title": "One"}) + "\n")
    ingest_paths(store, [str(corpus)])
    manifest.write_text(json.dumps({"file": "001_bb3994ddda9d2b97.txt", "title": "Two"}) + "\n")
    assert ingest_paths(store, [str(corpus)]).updated == 1
    titles = {r[0] for r in store.execute("SELECT title FROM documents")}
    assert "Two" in titles and "One" not in titles


def test_resending_a_document_with_a_corrected_title_updates_it(writer):
    body = {"text": "The port handled 5,000 ships in 2023, the authority said on Monday.",
            "url": "https://example.org/port", "title": "Port figures"}
    first = writer.post("/api/documents", json=body, headers=auth())
    assert first.status_code == 201
    second = writer.post("/api/documents", json={**body, "title": "Port figures for 2023"},
                         headers=auth())
    assert second.get_json()["status"] == "updated"
    doc = writer.get(f"/api/documents/{first.get_json()['id']}").get_json()
    assert doc["title"] == "Port figures for 2023"


# 4. Generated files are not tracked.
def test_no_generated_file_is_tracked():
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.splitlines()
    generated = [f for f in files if f.endswith((".db", ".db-wal", ".db-shm"))
                 or ".egg-info/" in f or "__pycache__" in f]
    assert generated == []


# 5. A body the JSON parser cannot take is a 400 in the error shape.
def test_deeply_nested_json_is_a_400(client):
    response = client.post("/api/check", data="[" * 5000 + "]" * 5000,
                           content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "malformed_json"


# 6. One integer parser for the API and the pages.
@pytest.mark.parametrize("url", ["/claims?page=\u00b2", "/documents?page=\u2460",
                                 "/api/claims?page=\u00b2", "/api/claims?page=\u0663",
                                 "/api/check?statement=x&limit=\u00b3"])
def test_unicode_digits_are_not_integers(client, url):
    assert client.get(url).status_code == 422


def test_a_page_past_the_last_says_so(client):
    response = client.get("/claims?page=500")
    assert response.status_code == 404
    assert "past the last page" in response.get_data(as_text=True)


def test_limit_as_a_string_is_a_422(client):
    response = client.post("/api/check", json={"statement": "fentanyl deaths", "limit": "3"})
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "invalid_type"


# 7. One bad JSONL line is skipped and named; the rest ingests.
def test_a_malformed_jsonl_line_skips_only_itself(tmp_path, store):
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps({"id": "a", "text": "The council spent 5 million dollars on roads."}),
             "{not json",
             json.dumps({"id": "c", "text": "The mayor opened 3 new schools in 2023."})]
    path.write_text("\n".join(lines) + "\n")
    failures = []
    summary = ingest_paths(store, [str(path)], on_failure=lambda p, r: failures.append(r))
    assert summary.added == 2 and summary.failed == 1
    assert failures and failures[0].startswith("line 2:")


# 8. Furniture, semicolons in brackets, and names in -al.
def test_subscribers_are_not_furniture():
    claims = extract_claims("It lost 464,000 subscribers in the quarter, the company said.")
    assert len(claims) == 1


def test_a_semicolon_inside_brackets_splits_nothing():
    text = ("Profit rose to 2.5 million dollars (about \u00a3486,000; up 3 percent) in the"
            " three months to June, the company said.")
    assert [c.text for c in extract_claims(text)] == [text]


@pytest.mark.parametrize("name", ["Portugal", "Nepal"])
def test_a_country_in_al_opening_a_sentence_is_a_name(name):
    claims = extract_claims(f"{name} sent 300 soldiers to the border, officials said.")
    assert name in [f["text"] for f in claims[0].facts if f["kind"] == "entity"]


# 9. A year alone is not a publication date.
def test_a_copyright_year_is_not_a_publication_date():
    html = ("<html><head><title>Council budget</title></head><body><article><h1>Council"
            " budget</h1><p>The council approved a budget of 5 million dollars for new roads"
            " on Tuesday after a long debate about the city.</p></article>"
            "<footer>\u00a9 2024 Example News</footer></body></html>")
    assert "published" not in _html_article(html, None)[1]
    doc, _, _ = build_document(ingest.RawArticle("k", "a.txt", "text", "Some text here.",
                                                 {"published": "2024"}))
    assert doc["published"] is None


# 10. The write API keeps term statistics fresh.
def test_the_write_api_refreshes_term_stats(writer, db_path):
    writer.get("/healthz")
    body = {"text": "The zanzibarite cooperative exported 400 tonnes of cloves in 2023."}
    assert writer.post("/api/documents", json=body, headers=auth()).status_code == 201
    conn = store.connect(db_path)
    assert conn.execute("SELECT doc FROM term_stats WHERE term = 'zanzibarit'").fetchone()
    doc_id = conn.execute("SELECT id FROM documents WHERE kind = 'api'").fetchone()[0]
    assert writer.delete(f"/api/documents/{doc_id}", headers=auth()).status_code == 204
    assert not conn.execute("SELECT doc FROM term_stats WHERE term = 'zanzibarit'").fetchone()


# 11. No absolute server path is shown.
def test_no_absolute_path_reaches_a_page_or_the_api(client, corpus, db_path):
    client.get("/healthz")
    conn = store.connect(db_path)
    ingest_paths(conn, [str(corpus)])
    for doc_id in [r[0] for r in conn.execute("SELECT id FROM documents")]:
        api = client.get(f"/api/documents/{doc_id}").get_data(as_text=True)
        page = client.get(f"/documents/{doc_id}").get_data(as_text=True)
        for body in (api, page):
            assert str(corpus) not in body and str(CLAIMS) not in body
        assert "source_key" not in json.loads(api)
