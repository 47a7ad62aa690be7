"""The flat claim and article records that JSON Lines and CSV share."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from annotator.exchange.placement import Tagged
from annotator.model import ArticleTags, Claim, Fragment

CLAIM_COLUMNS = (
    "article", "reviewer", "id", "paragraph", "start", "end", "article_start", "article_end",
    "quote", "type", "source", "role", "stance", "target", "note", "created", "modified",
)  # fmt: skip
FRAGMENT_FIELDS = ("fragments", "source_fragments", "cue_fragments")
# CSV joins each list of fragments in two columns: "start-end" pairs and quotes, each joined
# by FRAGMENT_JOINER (article-relative offsets, as everywhere).
FRAGMENT_JOINER = " | "
# Provenance of an adjudicated claim: the reviewers who made that version, who decided, and
# whether the adjudicator edited it after accepting (empty for a reviewer's own claims).
# "suggested": the claim was accepted from a suggestion.
PROVENANCE_COLUMNS = ("from", "decided_by", "edited", "suggested")
CSV_COLUMNS = (
    *CLAIM_COLUMNS, "fragments", "fragment_quotes", "source_fragments", "source_quote",
    "cue_fragments", "cue_quote", *PROVENANCE_COLUMNS,
)  # fmt: skip
# The fields of a claim record that an import takes over as they are.
CLAIM_FIELDS = ("id", "type", "source", "role", "stance", "target", "note", "created", "modified")


def fragment_records(item: Tagged, fragments: Iterable[Fragment]) -> list[dict[str, Any]]:
    records = []
    for fragment in fragments:
        start, end = item.offsets(fragment)
        records.append({"start": start, "end": end, "quote": fragment.quote})
    return records


def claim_record(item: Tagged, claim: Claim) -> dict[str, Any]:
    """The claim's fields; ``start``/``end`` are those of its first fragment in its paragraph,
    ``article_start``/``article_end`` the first fragment's start and the last one's end."""
    start, end = item.article_span(claim)
    first = claim.fragments[0]
    return {
        "article": item.article.id,
        "reviewer": item.tags.reviewer,
        "id": claim.id,
        "paragraph": first.paragraph,
        "start": first.start,
        "end": first.end,
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
        "fragments": fragment_records(item, claim.fragments),
        "source_fragments": fragment_records(item, claim.source_fragments),
        "cue_fragments": fragment_records(item, claim.cue_fragments),
        **provenance(item, claim),
    }


def provenance(item: Tagged, claim: Claim) -> dict[str, Any]:
    decision = next((d for d in item.tags.decisions if d.claim == claim.id), None)
    return {
        "from": list(claim.origin),
        "decided_by": claim.decided_by,
        "edited": None if decision is None else decision.edited,
        "suggested": claim.suggested,
    }


def csv_record(item: Tagged, claim: Claim) -> dict[str, Any]:
    record = claim_record(item, claim)
    for name, quote_column in (
        ("fragments", "fragment_quotes"),
        ("source_fragments", "source_quote"),
        ("cue_fragments", "cue_quote"),
    ):
        pieces = record.pop(name)
        record[name] = FRAGMENT_JOINER.join(f"{p['start']}-{p['end']}" for p in pieces)
        record[quote_column] = FRAGMENT_JOINER.join(p["quote"] for p in pieces)
    record["from"] = FRAGMENT_JOINER.join(record["from"])
    record["edited"] = "" if record["edited"] is None else str(record["edited"]).lower()
    record["suggested"] = str(record["suggested"]).lower()
    return record


def article_tags_record(tags: ArticleTags) -> dict[str, Any]:
    return {
        "outlet": tags.outlet,
        "outlet_type": tags.outlet_type,
        "stance": dict(tags.stances),
        "bias_indicators": list(tags.bias_indicators),
        "note": tags.note,
    }


def article_tags_of(record: dict[str, Any]) -> ArticleTags:
    """Article tags from a record written by ``article_tags_record`` (jsonl, Label Studio)."""
    return ArticleTags(
        outlet=str(record.get("outlet", "")),
        outlet_type=str(record.get("outlet_type", "")),
        stances=tuple(
            sorted((str(k), str(v)) for k, v in dict(record.get("stance") or {}).items())
        ),
        bias_indicators=tuple(str(i) for i in record.get("bias_indicators") or []),
        note=str(record.get("note", "")),
    )


def article_record(item: Tagged) -> dict[str, Any]:
    return {
        "record": "article",
        "article": item.article.id,
        "reviewer": item.tags.reviewer,
        **article_tags_record(item.tags.article_tags),
    }
