"""The JSON API contract, including every error, against a real SQLite file."""

from __future__ import annotations

import json

import pytest

from factcheck.cli import cli

from .conftest import CLAIMS

EVIDENCE_KEYS = {"claim_id", "claim_url", "relation", "score", "quote", "start", "end",
                 "document", "differences", "corroboration"}
DOCUMENT_KEYS = {"id", "title", "publisher", "published", "url", "source_url"}


@pytest.fixture
def api(client):
    client.get("/healthz")  # first request builds the store from claims/
    return client


def error_of(response, status):
    assert response.status_code == status
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status and body["error"]["message"]
    return body["error"]


def test_post_check_contract(api):
    body = api.post("/api/check", json={"statement": "Around 300,000 Americans die every year"
                                        " from fentanyl", "limit": 3}).get_json()
    assert {"statement", "verdict", "score", "evidence"} <= set(body)
    assert body["verdict"] == "contradicted" and 0 <= body["score"] <= 100
    assert 1 <= len(body["evidence"]) <= 3
    for item in body["evidence"]:
        assert EVIDENCE_KEYS <= set(item)
        assert DOCUMENT_KEYS <= set(item["document"])
        assert item["claim_url"] == f"/claims/{item['claim_id']}"
        assert item["document"]["url"] == f"/documents/{item['document']['id']}"
        assert item["relation"] in ("supports", "contradicts", "related")
        doc = api.get(item["document"]["url"].replace("/documents", "/api/documents")).get_json()
        assert doc["text"][item["start"]:item["end"]] == item["quote"]
    assert body["evidence"][0]["differences"][0]["kind"] == "number"


def test_get_check_matches_post(api):
    statement = "China filed 145 incidents with the INCB"
    got = api.get("/api/check", query_string={"statement": statement, "limit": 2}).get_json()
    posted = api.post("/api/check", json={"statement": statement, "limit": 2}).get_json()
    assert got == posted and got["verdict"] == "supported"


def test_claim_and_document_endpoints(api):
    claim = api.get("/api/claims/1").get_json()
    assert {"text", "span", "facts", "checkworthiness", "external_id", "document",
            "corroboration"} <= set(claim)
    span = claim["span"]
    doc = api.get(f"/api/documents/{claim['document']['id']}").get_json()
    assert doc["text"][span["start"]:span["end"]] == span["quote"] == claim["text"]
    assert doc["text"][:span["start"]].endswith(span["prefix"])
    assert doc["text"][span["end"]:].startswith(span["suffix"])
    assert len(doc["sha256"]) == 64 and doc["claims"]
    for fact in claim["facts"]:
        assert doc["text"][fact["start"]:fact["end"]] == fact["text"]


def test_claim_search_and_pagination(api):
    page = api.get("/api/claims", query_string={"q": "fentanyl"}).get_json()
    assert page["total"] >= 3 and all("fentanyl" in c["quote"].lower() for c in page["claims"])
    every = api.get("/api/claims").get_json()
    assert every["total"] >= 15 and every["page"] == 1
    second = api.get("/api/claims", query_string={"page": 2}).get_json()
    assert {c["id"] for c in second["claims"]}.isdisjoint({c["id"] for c in every["claims"]})
    one_doc = api.get("/api/claims", query_string={"document": 2}).get_json()
    assert {c["document_id"] for c in one_doc["claims"]} == {2}


@pytest.mark.parametrize("call,status,code", [
    (lambda c: c.get("/api/check"), 400, "missing_statement"),
    (lambda c: c.post("/api/check", json={}), 400, "missing_statement"),
    (lambda c: c.post("/api/check", json={"statement": "   "}), 400, "empty_statement"),
    (lambda c: c.post("/api/check", json={"statement": "x" * 2001}), 400, "statement_too_long"),
    (lambda c: c.post("/api/check", data="{oops", content_type="application/json"), 400,
     "malformed_json"),
    (lambda c: c.post("/api/check", data="statement=x"), 415, "unsupported_media_type"),
    (lambda c: c.post("/api/check", json={"statement": 42}), 422, "invalid_type"),
    (lambda c: c.post("/api/check", json=["statement"]), 422, "invalid_type"),
    (lambda c: c.post("/api/check", json={"statement": "x", "limit": "many"}), 422,
     "invalid_type"),
    (lambda c: c.post("/api/check", json={"statement": "x", "limit": 0}), 422, "out_of_range"),
    (lambda c: c.get("/api/check?statement=x&limit=999"), 422, "out_of_range"),
    (lambda c: c.get("/api/claims?page=-1"), 422, "out_of_range"),
    (lambda c: c.get("/api/claims/99999"), 404, "not_found"),
    (lambda c: c.get("/api/documents/99999"), 404, "not_found"),
    (lambda c: c.get("/api/no/such/route"), 404, "not_found"),
    (lambda c: c.delete("/api/check"), 405, "method_not_allowed"),
    (lambda c: c.post("/api/check", data=json.dumps({"statement": "x" * 100_000}),
                      content_type="application/json"), 413, "payload_too_large"),
])
def test_errors_share_one_shape(api, call, status, code):
    assert error_of(call(api), status)["code"] == code


def test_html_errors_are_pages(api):
    response = api.get("/no/such/page")
    assert response.status_code == 404 and b"<html" in response.data
    assert b"Check a statement" in response.data


def test_import_claims_is_idempotent_and_checkable(runner, tmp_path):
    records = tmp_path / "checked.jsonl"
    records.write_text("\n".join(json.dumps(r) for r in [
        {"id": "pf-1", "text": "The Eiffel Tower was built in 1889.", "title": "Eiffel Tower age",
         "rating": "true", "url": "https://example.org/pf-1", "published": "2020-05-01"},
        {"id": "pf-2", "text": "Drinking bleach cures the flu.", "rating": "false"},
    ]), encoding="utf-8")
    first = runner.invoke(cli, ["import-claims", str(records)])
    assert first.exit_code == 0 and "2 added" in first.output
    again = runner.invoke(cli, ["import-claims", str(records)])
    assert "0 added, 0 updated, 2 unchanged" in again.output
    out = runner.invoke(cli, ["check", "The Eiffel Tower was built in 1889", "--json"])
    result = json.loads(out.output)
    assert result["verdict"] == "supported"
    assert result["evidence"][0]["external_id"] == "pf-1"
    wrong = json.loads(runner.invoke(cli, ["check", "The Eiffel Tower was built in 1925",
                                           "--json"]).output)
    assert wrong["verdict"] == "contradicted"


def test_import_csv_and_changed_record(runner, tmp_path, app):
    table = tmp_path / "checked.tsv"
    table.write_text("\tvclaim\ttitle\n7\tThe moon landing happened in 1969.\tMoon landing\n",
                     encoding="utf-8")
    assert "1 added" in runner.invoke(cli, ["import-claims", str(table)]).output
    table.write_text("\tvclaim\ttitle\n7\tThe moon landing happened in July 1969.\tMoon\n",
                     encoding="utf-8")
    assert "1 updated" in runner.invoke(cli, ["import-claims", str(table)]).output
    with app.app_context():
        from factcheck.web.db import get_db

        rows = list(get_db().query("SELECT external_id, text FROM claims"
                                   " WHERE external_id IS NOT NULL"))
    assert rows == [{"external_id": "7", "text": "The moon landing happened in July 1969."}]


def test_import_rejects_records_without_text(runner, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    result = runner.invoke(cli, ["import-claims", str(bad)])
    assert result.exit_code != 0 and "needs an 'id' and a non-empty 'text'" in result.output


def test_cli_check_reads_stdin_and_prints_readably(runner):
    runner.invoke(cli, ["ingest", str(CLAIMS)])
    out = runner.invoke(cli, ["check", "-"], input="China filed 145 incidents with the INCB\n"
                                                   "Vote count: 1\n")
    assert out.exit_code == 0
    assert "SUPPORTED" in out.output and "UNVERIFIED" in out.output
    assert "no source passage states this or says otherwise" in out.output
    assert "the match is how closely a passage states the statement" in out.output
    first, second = out.output.split("UNVERIFIED")
    assert first.endswith("\n\n")  # a blank line between statements
    contra = runner.invoke(cli, ["check", "Around 300,000 Americans die every year from"
                                          " fentanyl"])
    assert "the statement says '300,000'; the source says '100,000'" in contra.output


def test_cli_says_what_it_left_out_and_its_version(runner, tmp_path):
    from factcheck import __version__

    assert "1 claim stored" in runner.invoke(cli, ["import-claims", str(_one_record(
        tmp_path))]).output
    runner.invoke(cli, ["ingest", str(CLAIMS)])
    listed = runner.invoke(cli, ["documents", "--limit", "1"])
    assert len(listed.stdout.splitlines()) == 1 and "showing 1 of 3 documents" in listed.stderr
    assert runner.invoke(cli, ["--version"]).output.strip() == f"factcheck, version {__version__}"


def _one_record(tmp_path):
    records = tmp_path / "one.jsonl"
    records.write_text('{"id": "1", "text": "The dam holds 4 million cubic metres."}\n')
    return records
