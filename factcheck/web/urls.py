"""The one URL builder: every link the API and the pages give comes from `url_for`."""

from __future__ import annotations

from flask import url_for


def claim_url(claim_id: int, external: bool = False) -> str:
    return url_for("pages.claim_page", claim_id=claim_id, _external=external)


def document_url(document_id: int, external: bool = False) -> str:
    return url_for("pages.document_page", document_id=document_id, _external=external)


def check_url(statement: str, external: bool = False) -> str:
    return url_for("pages.check_page", statement=statement, _external=external)


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
