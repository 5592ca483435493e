"""Pages through the Flask test client: content, escaping, errors, JSON-LD, headers."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from factcheck.pipeline.ingest import ingest_paths

from .conftest import MODEL

XSS = "<script>alert(1)</script>"


class LdJson(HTMLParser):
    """Collects the application/ld+json blocks and any other script tags of a page."""

    def __init__(self):
        super().__init__()
        self.blocks, self.scripts, self._in = [], [], False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            kind = dict(attrs).get("type")
            self.scripts.append(kind)
            self._in = kind == "application/ld+json"

    def handle_endtag(self, tag):
        self._in = False

    def handle_data(self, data):
        if self._in:
            self.blocks.append(json.loads(data))


def parse(response) -> LdJson:
    parser = LdJson()
    parser.feed(response.get_data(as_text=True))
    return parser


@pytest.fixture
def site(client):
    client.get("/healthz")
    return client


def test_home_has_form_figures_and_examples(site):
    html = site.get("/").get_data(as_text=True)
    assert '<label for="statement">' in html and 'name="statement"' in html
    assert re.search(r"<dt>Source articles</dt><dd>2</dd>", html)
    assert "(contradicted)" in html  # each example says what it will show
    assert "/check?statement=Around+300" in html or "/check?statement=Around%20300" in html


def test_contradicted_check_page(site):
    response = site.get("/check", query_string={
        "statement": "Around 300,000 Americans die every year from fentanyl"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "badge-contradicted" in html and "Contradicted" in html
    assert "<td>300,000</td><td>100,000</td>" in html
    assert 'href="/claims/' in html
    assert '<mark class="match">fentanyl</mark>' in html
    review = parse(response).blocks[0]
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "Around 300,000 Americans die every year from fentanyl"
    assert review["reviewRating"]["alternateName"] == "contradicted"
    assert review["itemReviewed"]["@type"] == "Claim" and review["itemReviewed"]["appearance"]
    assert review["author"]["name"] == "factcheck" and review["datePublished"]


def test_a_clause_of_a_long_sentence_is_supported_and_says_how_it_was_scored(site):
    """The Woodside statement is one clause of a 44-word seed sentence: its cosine is low,
    so the score is read from the words the two share, and the page says so."""
    html = site.get("/check", query_string={
        "statement": "Biden and Xi met in Woodside, California on November 15"}).get_data(
        as_text=True)
    assert "badge-supported" in html
    semantic = (MODEL / "model.onnx").is_file()
    assert ("read from the words they share: the passage says much more" in html) is semantic


def test_unverified_says_so_plainly(site):
    html = site.get("/check?statement=Inflation+reached+9+percent+last+year").get_data(
        as_text=True)
    assert "badge-unverified" in html
    assert "Unverified: no source states this or says otherwise" in html
    assert "That is not evidence that it is false." in html


def test_claim_page_provenance(site):
    response = site.get("/claims/12")
    html = response.get_data(as_text=True)
    assert '<mark class="claim">It is estimated that 100,000 people' in html
    assert '<mark class="fact">100,000</mark>' in html
    assert "/api/claims/12" in html and "/documents/1#claim-12" in html
    annotation = parse(response).blocks[0]
    selectors = {s["type"]: s for s in annotation["target"]["selector"]}
    quote = selectors["TextQuoteSelector"]["exact"]
    position = selectors["TextPositionSelector"]
    doc = site.get("/api/documents/1").get_json()
    assert doc["text"][position["start"]:position["end"]] == quote


def test_claim_page_deep_link_when_url_known(client, store, tmp_path):
    article = tmp_path / "rates.txt"
    article.write_text("Rates rise\n\nThe central bank raised its main rate to 5.25 percent on"
                       " July 26, 2023, its governor said.\n", encoding="utf-8")
    (tmp_path / "rates.json").write_text(json.dumps({"url": "https://example.org/rates"}))
    ingest_paths(store, [str(article)])
    html = client.get("/claims/1").get_data(as_text=True)
    assert "https://example.org/rates#:~:text=" in html


def test_document_page_marks_claims_and_dims_furniture(site):
    html = site.get("/documents/2").get_data(as_text=True)
    assert 'id="claim-' in html
    assert '<span class="not-claim">' in html
    furniture = re.search(r'<span class="not-claim">[^<]*Rate this post', html)
    assert furniture, "page furniture should be shown as not a claim"
    assert re.search(r"[0-9a-f]{64}", html)


def test_lists_paginate_and_search(site):
    assert "2 documents" in site.get("/documents").get_data(as_text=True)
    found = site.get("/documents?q=readout").get_data(as_text=True)
    assert "1 document matching" in found and "Readout of the U.S.-PRC" in found
    assert "0 documents matching" in site.get("/documents?q=100%25").get_data(as_text=True)
    html = site.get("/claims?q=fentanyl").get_data(as_text=True)
    assert "matching “fentanyl”" in html
    listed = re.findall(r'<li><a href="/claims/\d+">([^<]*)</a>', html)
    assert listed and all("fentanyl" in quote.lower() for quote in listed), listed
    assert site.get("/claims?page=1").status_code == 200
    assert site.get("/claims?page=zero").status_code == 422


def test_statement_is_escaped(site):
    response = site.get("/check", query_string={"statement": f"Fentanyl {XSS} kills"})
    html = response.get_data(as_text=True)
    assert XSS not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert parse(response).scripts == ["application/ld+json"]  # the only script: data
    assert parse(response).blocks[0]["claimReviewed"] == f"Fentanyl {XSS} kills"


def test_document_text_is_escaped(client, store, tmp_path):
    article = tmp_path / "evil.txt"
    article.write_text(f"Evil page\n\nThe mayor said {XSS} 12 times on Monday in the hall.\n",
                       encoding="utf-8")
    ingest_paths(store, [str(article)])
    for url in ("/documents/1", "/claims/1", "/claims?q=mayor",
                "/check?statement=The+mayor+said+12+times"):
        html = client.get(url).get_data(as_text=True)
        assert XSS not in html, url
        assert "&lt;script&gt;" in html, url


@pytest.mark.parametrize("url,status,text", [
    ("/check?statement=", 400, "Type a statement to check."),
    ("/check", 400, "Type a statement to check."),
    ("/check?statement=" + "a" * 2001, 400, "at most 2,000 characters"),
    ("/claims/424242", 404, "There is no claim 424242."),
    ("/documents/424242", 404, "There is no document 424242."),
    ("/nowhere", 404, "There is no page at this address."),
])
def test_error_pages_say_what_went_wrong_and_offer_the_form(site, url, status, text):
    response = site.get(url)
    html = response.get_data(as_text=True)
    assert response.status_code == status and text in html
    assert 'name="statement"' in html
    assert "Bad Request" not in html and "Not Found" not in html  # words, not codes


def test_security_headers_forbid_inline_script(site):
    for url in ("/", "/check?statement=x+y+z", "/api/claims/1", "/nowhere"):
        headers = site.get(url).headers
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"]


def test_every_home_example_gives_the_verdict_it_promises(checker):
    from factcheck.web.pages import EXAMPLES

    for statement, verdict in EXAMPLES:
        assert checker(statement)["verdict"] == verdict, (checker.mode, statement)


def test_claim_page_is_headed_by_the_claim_and_keeps_the_annotation_small(site):
    html = site.get("/claims/12").get_data(as_text=True)
    heading = html.split('<h1 class="claim-heading">')[1].split("</h1>")[0]
    assert "It is estimated that" in heading and "Claim 12" not in heading
    assert "⏎" not in html
    assert html.index("<details class=\"annotation\">") < html.index('"TextQuoteSelector"', 2000)


def test_an_imported_claim_shows_its_record(site, tmp_path):
    from factcheck.cli import cli

    records = tmp_path / "checked.jsonl"
    records.write_text('{"id": "pf-1", "text": "The dam holds 4 million cubic metres.",'
                       ' "rating": "Mostly False", "title": "Dam claim"}\n')
    runner = site.application.test_cli_runner()
    assert runner.invoke(cli, ["import-claims", str(records)]).exit_code == 0
    claim_id = site.get("/api/claims?q=dam").get_json()["claims"][0]["id"]
    html = site.get(f"/claims/{claim_id}").get_data(as_text=True)
    assert "<dt>rating</dt><dd>Mostly False</dd>" in html


def test_document_page_reads_as_paragraphs(site):
    html = site.get("/documents/1").get_data(as_text=True)
    text = html.split('<div class="document-text">')[1].split("</div>")[0]
    assert text.count("<p>") >= 5
    heading = html.split("<h1>")[1].split("</h1>")[0]
    assert not heading.endswith("…")  # a cut inferred title is shown whole


def test_claim_search_needs_every_word_ranks_and_expands_acronyms(site):
    both = site.get("/api/claims?q=fentanyl+overdoses").get_json()
    assert both["total"] == 1 and "overdoses" in both["claims"][0]["quote"]
    either = site.get("/api/claims?q=fentanyl").get_json()
    assert either["total"] > both["total"]
    expanded = site.get("/api/claims?q=INCB+incidents").get_json()
    assert expanded["total"] >= 1 and "International Narcotics Control Board" in \
        expanded["claims"][0]["quote"]
    page = site.get("/claims?q=fentanyl+overdoses").get_data(as_text=True)
    assert "1 claim matching" in page
    for figure in ("100,000", "100000", "one hundred thousand"):  # written as the page has it
        assert site.get("/api/claims", query_string={"q": figure}).get_json()["total"] == 1


def test_a_respelled_word_is_shown_as_read(site):
    html = site.get("/check?statement=One+hundred+thousnd+Americans+die+from+fentanyl+each"
                    "+year").get_data(as_text=True)
    assert "Supported" in html
    assert "Read as: <q>thousnd</q> as <q>thousand</q>" in html
    plain = site.get("/check?statement=One+hundred+thousand+Americans+die+from+fentanyl"
                     "+each+year").get_data(as_text=True)
    assert "Read as:" not in plain
