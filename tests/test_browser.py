"""A person's path through the real server in headless Chromium (Debian's), with screenshots.

Open the home page, type a statement, read the verdict, follow the first passage to its
claim page, check that the highlighted span is the quote, and go on to the document.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import CLAIMS, ROOT, free_port, start_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("FACTCHECK_ARTIFACTS", ROOT / "test-artifacts"))
WIDTHS = (1280, 390)

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI needs Debian's chromium for the browser tests")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
AXE_VERSION = "4.10.3"
AXE_HOME = ROOT / ".cache" / "axe"  # ignored by git; npm fills it once
AXE = AXE_HOME / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe() -> Path:
    """axe-core from the npm registry, installed once into .cache/axe, loaded from file."""
    if not AXE.is_file():
        npm = shutil.which("npm")
        if npm is None:
            if os.environ.get("CI"):
                raise RuntimeError("CI needs npm for axe-core (apt-get install npm)")
            pytest.skip("npm is not installed: no axe-core accessibility check")
        subprocess.run([npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix",
                        str(AXE_HOME), f"axe-core@{AXE_VERSION}"], check=True,
                       capture_output=True, timeout=300)
    return AXE


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`factcheck serve` on a loopback port over a fresh database built from claims/."""
    port = free_port()
    proc = start_server(tmp_path_factory.mktemp("server") / "factcheck.db", port,
                        args=("--workers", "2"))
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield chromium
        chromium.close()


def shoot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{page.viewport_size['width']}.png"),
                    full_page=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_check_and_trace_to_the_source(server, browser, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    failures = []
    page.on("console", lambda m: failures.append(m.text) if m.type == "error" else None)
    page.on("requestfailed", lambda r: failures.append(r.url))
    page.goto(server + "/")
    shoot(page, "home")
    page.get_by_label("Statement to check").fill(
        "Around 300,000 Americans die every year from fentanyl")
    page.get_by_role("button", name="Check").click()
    page.wait_for_url("**/check?statement=*")
    assert page.locator(".badge-contradicted").inner_text().strip().endswith("Contradicted")
    assert page.locator("h1").inner_text().endswith("Contradicted by 1 source")
    first = page.locator("article.evidence").first
    assert "100,000" in first.locator("table.differences").inner_text()
    # The differing figure is marked in the passage itself, not only in the table.
    assert first.locator("mark.differs").inner_text().endswith("100,000")
    assert first.locator("h3").inner_text().endswith(
        "Deputy Assistant to the President and Deputy Homeland Security Advisor Jen Daskal…")
    quote = first.locator(".quote").evaluate(  # its text, without the screen-reader words
        "e => { const c = e.cloneNode(true);"
        " c.querySelectorAll('.visually-hidden').forEach(x => x.remove());"
        " return c.textContent; }")
    shoot(page, "check-contradicted")

    first.get_by_role("link", name="Source and exact span").click()
    page.wait_for_url("**/claims/*")
    highlighted = page.locator(".in-context mark.claim").inner_text()
    assert highlighted == quote == page.locator("#quote").inner_text()
    start = int(page.locator("#span-start").inner_text())
    end = int(page.locator("#span-end").inner_text())
    shoot(page, "claim")

    page.get_by_role("link", name="The whole document").click()
    page.wait_for_url("**/documents/*")
    claim_id = page.url.rsplit("#claim-", 1)[1]
    assert page.locator(f"#claim-{claim_id}").inner_text() == quote
    text = page.locator(".document-text").inner_text()
    assert quote in text
    shoot(page, "document")
    document_id = page.url.split("/documents/")[1].split("#")[0]
    api = page.request.get(f"{server}/api/documents/{document_id}")
    assert api.json()["text"][start:end] == quote
    assert not failures, failures
    page.close()


def test_no_inline_script_runs(server, browser):
    page = browser.new_page()
    page.goto(server + "/check?statement=" + "%3Cscript%3Ewindow.pwned%3D1%3C%2Fscript%3E")
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert "<script>window.pwned=1</script>" in page.locator(".statement").inner_text()
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_review_a_draft_with_one_changed_figure(server, browser, width):
    from .conftest import CLAIMS

    seed = next(CLAIMS.glob("000_*.txt")).read_text(encoding="utf-8")
    draft = seed.replace("January 30-31", "February 3-4")
    page = browser.new_page(viewport={"width": width, "height": 900})
    failures = []
    page.on("console", lambda m: failures.append(m.text) if m.type == "error" else None)
    page.goto(server + "/")
    page.get_by_role("link", name="Review a draft").click()
    page.wait_for_url("**/review")
    shoot(page, "review-form")
    page.get_by_label("Draft").fill(draft)
    page.get_by_role("button", name="Review the draft").click()
    page.locator("#summary-heading").wait_for(state="attached")
    assert "/review" in page.url and "February" not in page.url  # the draft is in no URL
    contradicted = page.locator("mark.s-contradicted")
    assert contradicted.count() == 1 and "February 3-4" in contradicted.inner_text()
    assert page.locator("mark.s-supported").count() >= 10
    assert page.locator("mark.s-unverified").count() == 0
    # Read without colour: each mark is followed by its verdict in words.
    assert page.locator("a.s-tag-contradicted").inner_text().lower().startswith(
        "✗ contradicted")
    page.locator("ol.attention a").first.click()
    target = page.locator("article.reviewed:target")
    assert "January 30-31" in target.locator("table.differences").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shoot(page, "review-result")
    target.get_by_role("link", name="Back to the draft").click()
    assert page.evaluate("location.hash").startswith("#d-")
    assert not failures, failures
    page.close()


PAGES = {  # screenshot name: path
    "home": "/",
    "check-contradicted": "/check?statement=Around+300%2C000+Americans+die+every+year+from"
                          "+fentanyl",
    "check-unverified": "/check?statement=Inflation+reached+9+percent+last+year",
    "claim": "/claims/12", "document": "/documents/1", "documents": "/documents",
    "claims": "/claims?q=fentanyl", "review": "/review", "error": "/nowhere",
}


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_passes_axe_and_fits_the_screen(server, browser, axe, width):
    """No serious or critical axe-core violation, and no sideways scrolling, on any page."""
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  bypass_csp=True)  # axe is injected as a script
    page = context.new_page()
    found = {}
    for name, path in [*PAGES.items(), ("review-result", None)]:
        if path is None:
            page.goto(server + "/review")
            page.get_by_label("Draft").fill(
                next(CLAIMS.glob("000_*.txt")).read_text().replace("January 30-31", "May 2-3"))
            page.get_by_role("button", name="Review the draft").click()
            page.locator("#summary-heading").wait_for(state="attached")
        else:
            page.goto(server + path)
        page.add_script_tag(path=str(axe))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        bad = [f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
        if bad:
            found[name] = bad
        overflow = page.evaluate("document.documentElement.scrollWidth")
        if overflow > width:
            found.setdefault(name, []).append(f"{overflow} px wide at {width}")
        shoot(page, "axe-" + name)
    page.set_content("<!doctype html><html lang='en'><title>t</title><img src='x.png'>")
    page.add_script_tag(path=str(axe))
    planted = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    context.close()
    assert "image-alt" in {v["id"] for v in planted["violations"]}  # the check can fail
    assert not found, found
