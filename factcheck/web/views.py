"""What the pages show, built as plain data: text segments between offsets, never markup.

Templates render each segment escaped and wrap it in the element its kind names, so no tag
is ever inserted into raw text.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from ..checking.ratings import rating_value
from ..checking.similarity import content_words, stem
from ..text.normalize import normalize
from ..text.sentences import split_sentences
from . import urls

_WORD = re.compile(r"\w[\w'\u2019-]*")


def segments(text: str, start: int, end: int, marks: list[tuple[int, int, str]]) -> list[dict]:
    """text[start:end] cut into {"text", "kind", "id"} pieces at the marks' offsets.

    Marks are (start, end, kind) or (start, end, kind, id) in the same coordinates as the
    text; overlapping marks keep the first.
    """
    out, pos = [], start
    for mark in sorted(marks, key=lambda m: (m[0], -m[1])):
        m_start, m_end, kind = max(mark[0], start), min(mark[1], end), mark[2]
        if m_start < pos or m_start >= m_end:
            continue
        if m_start > pos:
            out.append({"text": text[pos:m_start], "kind": None, "id": None})
        out.append({"text": text[m_start:m_end], "kind": kind,
                    "id": mark[3] if len(mark) > 3 else None})
        pos = m_end
    if pos < end:
        out.append({"text": text[pos:end], "kind": None, "id": None})
    return out


def matched_words(statement: str, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Spans of the words of text[start:end] that the statement also has."""
    wanted = {stem(w) for w in content_words(normalize(statement))}
    marks = []
    for m in _WORD.finditer(text, start, end):
        words = content_words(normalize(m.group()))
        if words and all(stem(w) in wanted for w in words):
            marks.append((m.start(), m.end(), "match"))
    return marks


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (between line breaks) around a span."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return left, len(text) if right == -1 else right


def context(text: str, start: int, end: int) -> tuple[str, str]:
    """The sentence before and the sentence after a span."""
    spans = split_sentences(text)
    before = [s for s in spans if s[1] <= start]
    after = [s for s in spans if s[0] >= end]
    return (text[before[-1][0]:before[-1][1]] if before else "",
            text[after[0][0]:after[0][1]] if after else "")


def text_fragment(url: str | None, quote_text: str) -> str | None:
    """A deep link to the quote on the source page (#:~:text=start,end)."""
    if not urls.is_web_url(url):
        return None
    words = quote_text.split()
    enc = lambda s: quote(s, safe="")  # noqa: E731 - a one-line encoder
    if len(words) > 8:
        directive = f"{enc(' '.join(words[:4]))},{enc(' '.join(words[-4:]))}"
    else:
        directive = enc(quote_text)
    return f"{url.split('#')[0]}#:~:text={directive}"


def _source(doc: dict) -> str:
    """The article's own URL where it is a web address, else its page here."""
    url = doc.get("source_url")
    return url if urls.is_web_url(url) else urls.document_url(doc["id"], external=True)


def web_annotation(claim: dict, document: dict) -> dict:
    """The claim's span as W3C Web Annotation JSON-LD."""
    source = _source(document)
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": urls.claim_url(claim["id"], external=True),
        "type": "Annotation",
        "motivation": "highlighting",
        "body": {"type": "TextualBody", "value": "check-worthy claim",
                 "purpose": "classifying"},
        "target": {
            "source": source,
            "selector": [
                {"type": "TextQuoteSelector", "exact": claim["quote"],
                 "prefix": claim["prefix"], "suffix": claim["suffix"]},
                {"type": "TextPositionSelector", "start": claim["start"], "end": claim["end"]},
            ],
        },
    }


def claim_review(result: dict, today: str) -> dict:
    """schema.org ClaimReview JSON-LD for a check result."""
    names = {"supported": ("Supported", 3), "contradicted": ("Contradicted", 1),
             "unverified": ("Unverified", 2)}
    name, value = names[result["verdict"]]
    rating = _fact_check_rating(result)
    appearances = []
    for item in result["evidence"]:
        doc = item["document"]
        appearances.append({
            "@type": "CreativeWork", "name": doc["title"],
            "url": _source(doc),
            **({"datePublished": doc["published"]} if doc.get("published") else {}),
            **({"publisher": {"@type": "Organization", "name": doc["publisher"]}}
               if doc.get("publisher") else {}),
        })
    return {
        "@context": "https://schema.org", "@type": "ClaimReview",
        "url": urls.check_url(result["statement"], external=True),
        "claimReviewed": result["statement"], "datePublished": today,
        "author": {"@type": "Organization", "name": "factcheck",
                   "url": urls.build("pages.index", external=True)},
        "reviewRating": rating or {"@type": "Rating", "ratingValue": value, "bestRating": 3,
                                   "worstRating": 1, "alternateName": result["verdict"]},
        "itemReviewed": {"@type": "Claim", "appearance": appearances},
    }


def _fact_check_rating(result: dict) -> dict | None:
    """The imported fact-check's own rating where the verdict rests on one: ClaimReview then
    publishes "False" (1 of 5), not our word for it."""
    decisive = next((e for e in result["evidence"] if e["relation"] != "related"), None)
    if decisive is None or not decisive.get("rating"):
        return None
    value = rating_value(decisive["rating"])
    return {"@type": "Rating", "alternateName": decisive["rating"],
            **({"ratingValue": value, "bestRating": 5, "worstRating": 1} if value else {})}


def fact_marks(item: dict, doc_text: str) -> list[tuple[int, int, str]]:
    """Where the passage's differing and agreeing facts are written, to mark them there."""
    marks = []
    for kind, found in (("differs", item.get("differences") or []),
                        ("agrees", item.get("agreements") or [])):
        for diff in found:
            written = diff.get("evidence") or ""
            at = doc_text.find(written, item["start"], item["end"]) if written else -1
            if at >= 0:
                marks.append((at, at + len(written), kind))
    return marks


def evidence_view(item: dict, doc_text: str, statement: str) -> dict:
    """One passage for the verdict page: the sentences around it, its differing and
    agreeing facts marked, and the statement's words."""
    before, after = context(doc_text, item["start"], item["end"])
    facts = fact_marks(item, doc_text)
    words = [m for m in matched_words(statement, doc_text, item["start"], item["end"])
             if not any(a < m[1] and m[0] < b for a, b, _ in facts)]
    quote = item["quote"]
    return {**item, "before": before, "after": after,
            "quoted": quote[:1] not in QUOTE_MARKS,  # no doubled “" before a quotation
            "segments": segments(doc_text, item["start"], item["end"], facts + words)}


QUOTE_MARKS = "\"'\u201c\u2018\u00ab\u201e"


def verdict_heading(result: dict) -> str:
    """The verdict in words: 'Contradicted by 2 sources', 'Supported by 1 source'."""
    verdict = result["verdict"]
    if verdict == "unverified":
        return "Unverified: no source states this or says otherwise"
    relation = "supports" if verdict == "supported" else "contradicts"
    sources = {e["document"]["id"] for e in result["evidence"] + result["conflicting"]
               if e["relation"] == relation}
    count = len(sources) or 1
    return f"{verdict.capitalize()} by {count} source{'s' if count != 1 else ''}"


def claim_view(claim: dict, doc_text: str) -> dict:
    """The provenance page's parts: the span inside its paragraph, facts marked."""
    p_start, p_end = paragraph_bounds(doc_text, claim["start"], claim["end"])
    facts = [(f["start"], f["end"], "fact") for f in claim["facts"]
             if f["kind"] != "attribution"]
    return {
        "paragraph": segments(doc_text, p_start, p_end, [(claim["start"], claim["end"], "claim")]),
        "quote_segments": segments(doc_text, claim["start"], claim["end"], facts),
    }


def document_paragraphs(text: str, claims: list[dict]) -> list[list[dict]]:
    """The whole article in paragraphs: claims marked with their ids, the rest plain."""
    return paragraphs(text, [(c["start"], c["end"], "claim", c["id"]) for c in claims])


def document_heading(document: dict, claims: list[dict]) -> str:
    """A title inferred from the first claim is cut ("…"): show that claim whole."""
    title = document.get("title") or ""
    if title.endswith("\u2026") and claims and claims[0]["quote"].startswith(title[:-1]):
        return claims[0]["quote"]
    return title or "Untitled document"


def paragraphs(text: str, marks: list[tuple[int, int, str, int]]) -> list[list[dict]]:
    """A text as paragraphs of segments (blank lines part them), the marks kept: a page
    shows paragraphs while every offset stays the stored text's."""
    out = []
    for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):  # blank lines part paragraphs
        inside = [mk for mk in marks if m.start() <= mk[0] and mk[1] <= m.end()]
        out.append(segments(text, m.start(), m.end(), inside))
    return out
