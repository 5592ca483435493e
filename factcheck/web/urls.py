"""The one URL builder: every link the API and the pages give comes from `url_for`."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, url_for


def build(endpoint: str, external: bool = False, **values) -> str:
    """A URL for an endpoint; absolute ones on PUBLIC_URL when it is set, so a forged Host
    header never reaches a published link."""
    public = current_app.config.get("PUBLIC_URL")
    if external and public:
        return public.rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=external, **values)


def claim_url(claim_id: int, external: bool = False) -> str:
    return build("pages.claim_page", external, claim_id=claim_id)


def document_url(document_id: int, external: bool = False) -> str:
    return build("pages.document_page", external, document_id=document_id)


def check_url(statement: str, external: bool = False) -> str:
    return build("pages.check_page", external, statement=statement)


def is_web_url(url) -> bool:
    """Whether a source URL may become a link: http(s) only, never javascript:, data: or
    vbscript:."""
    if not isinstance(url, str):
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def linked_document(doc: dict) -> dict:
    """A document summary with its page's URL (`source_url` is the article's own)."""
    return {**doc, "url": document_url(doc["id"])}


def linked_evidence(item: dict) -> dict:
    """A passage with the URLs of its claim, its document and its corroborating claims."""
    return {**item, "claim_url": claim_url(item["claim_id"]),
            "document": linked_document(item["document"]),
            "corroboration": [{**c, "claim_url": claim_url(c["claim_id"]),
                               "document": linked_document(c["document"])}
                              for c in item["corroboration"]]}


def linked_result(result: dict) -> dict:
    """A check result as the API and the pages give it: every passage linked."""
    return {**result, "evidence": [linked_evidence(e) for e in result["evidence"]],
            "conflicting": [linked_evidence(e) for e in result.get("conflicting", [])]}


def linked_review(result: dict) -> dict:
    """A draft review with every passage of every sentence linked."""
    return {**result, "sentences": [linked_result(s) for s in result["sentences"]]}
