"""The flat claim and article records that JSON Lines and CSV share."""

from __future__ import annotations

from typing import Any

from annotator.exchange.placement import Tagged
from annotator.model import Claim

CLAIM_COLUMNS = (
    "article", "reviewer", "id", "paragraph", "start", "end", "article_start", "article_end",
    "quote", "type", "source", "role", "stance", "target", "note", "created", "modified",
)  # fmt: skip
# The fields of a claim record that an import takes over as they are.
CLAIM_FIELDS = ("id", "type", "source", "role", "stance", "target", "note", "created", "modified")


def claim_record(item: Tagged, claim: Claim) -> dict[str, Any]:
    start, end = item.article_span(claim)
    return {
        "article": item.article.id,
        "reviewer": item.tags.reviewer,
        "id": claim.id,
        "paragraph": claim.paragraph,
        "start": claim.start,
        "end": claim.end,
        "article_start": start,
        "article_end": end,
        "quote": claim.quote,
        "type": claim.type,
        "source": claim.source,
        "role": claim.role,
        "stance": claim.stance,
        "target": claim.target,
        "note": claim.note,
        "created": claim.created,
        "modified": claim.modified,
    }


def article_record(item: Tagged) -> dict[str, Any]:
    tags = item.tags.article_tags
    return {
        "record": "article",
        "article": item.article.id,
        "reviewer": item.tags.reviewer,
        "outlet": tags.outlet,
        "outlet_type": tags.outlet_type,
        "stance": dict(tags.stances),
        "bias_indicators": list(tags.bias_indicators),
        "note": tags.note,
    }
