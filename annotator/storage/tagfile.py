"""Tag files as YAML documents: the fixed layout written (``validation`` reads them back).

The layout is for people and for git: block style, a fixed key order, claims in text order,
and byte-identical output for the same content, so changing one tag changes a few lines.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from annotator.model import (
    FORMAT_VERSION,
    Claim,
    Fragment,
    TagFile,
)
from annotator.storage.yamlemit import emit
from annotator.storage.yamlio import DocPath, dump_yaml

TOP_KEYS: tuple[str, ...] = (
    "format", "article", "reviewer", "text_hash", "paragraphs", "claims", "article_tags",
)  # fmt: skip
TOP_KEYS += ("comments", "decisions", "rejected_suggestions")  # optional, last
COMMENT_KEYS = ("on_reviewer", "on_claim", "text", "created")
REJECTION_KEYS = ("quote", "source", "rejected")
DECISION_KEYS = ("settles", "outcome", "version", "claim", "edited", "decided_by", "decided")
CLAIM_KEYS = (
    "id", "type", "fragments", "source_fragments", "cue_fragments", "source", "role",
    "stance", "target", "note", "created", "modified", "from", "decided_by", "suggested",
)  # fmt: skip
FRAGMENT_KEYS = ("paragraph", "start", "end", "quote", "prefix", "suffix", "orphaned")
FRAGMENT_LISTS = ("fragments", "source_fragments", "cue_fragments")
# Format 1 (one span per claim, its fields on the claim itself) is still read.
V1_CLAIM_KEYS = (
    "id", "paragraph", "start", "end", "quote", "prefix", "suffix", "type", "source", "role",
    "stance", "target", "note", "created", "modified", "from", "decided_by", "orphaned",
)  # fmt: skip
CLAIM_TEXT_KEYS = (
    "source",
    "role",
    "stance",
    "target",
    "note",
    "created",
    "modified",
)
REVIEW_KEYS = ("paragraph", "hash", "status")
ARTICLE_TAG_KEYS = ("outlet", "outlet_type", "stance", "bias_indicators", "note")
CLAIM_ID = re.compile(r"[A-Za-z0-9_-]{1,40}")

Problems = list[tuple[DocPath, str]]


def to_document(tags: TagFile) -> dict[str, Any]:
    tags = tags.normalized()
    document = {
        "format": FORMAT_VERSION,
        "article": tags.article,
        "reviewer": tags.reviewer,
        "text_hash": tags.text_hash,
        "paragraphs": [
            {"paragraph": r.paragraph, "hash": r.hash, "status": r.status} for r in tags.reviews
        ],
        "claims": [_claim_document(c) for c in tags.claims],
        "article_tags": {
            "outlet": tags.article_tags.outlet,
            "outlet_type": tags.article_tags.outlet_type,
            "stance": dict(tags.article_tags.stances),
            "bias_indicators": list(tags.article_tags.bias_indicators),
            "note": tags.article_tags.note,
        },
    }
    if tags.comments:  # written only when there are some: files without comments stay as they were
        document["comments"] = [
            {
                "on_reviewer": c.on_reviewer,
                "on_claim": c.on_claim,
                "text": c.text,
                "created": c.created,
            }
            for c in tags.comments
        ]
    if tags.decisions:  # adjudicated.yaml
        document["decisions"] = [
            {
                "settles": [{"reviewer": r, "claim": c} for r, c in d.settles],
                "outcome": d.outcome,
                "version": d.version,
                "claim": d.claim,
                "edited": d.edited,
                "decided_by": d.decided_by,
                "decided": d.decided,
            }
            for d in tags.decisions
        ]
    if tags.rejected_suggestions:
        document["rejected_suggestions"] = [
            {"quote": r.quote, "source": r.source, "rejected": r.rejected}
            for r in sorted(tags.rejected_suggestions, key=lambda r: (r.quote, r.source))
        ]
    return document


def _claim_document(claim: Claim) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": claim.id,
        "type": claim.type,
        "fragments": [_fragment_document(f) for f in claim.fragments],
    }
    # Source and cue spans are written only when marked: most claims have none.
    if claim.source_fragments:
        document["source_fragments"] = [_fragment_document(f) for f in claim.source_fragments]
    if claim.cue_fragments:
        document["cue_fragments"] = [_fragment_document(f) for f in claim.cue_fragments]
    document.update(
        source=claim.source,
        role=claim.role,
        stance=claim.stance,
        target=claim.target,
        note=claim.note,
        created=claim.created,
        modified=claim.modified,
    )
    if claim.origin:
        document["from"] = list(claim.origin)
    if claim.decided_by:
        document["decided_by"] = claim.decided_by
    if claim.suggested:
        document["suggested"] = True
    return document


def _fragment_document(fragment: Fragment) -> dict[str, Any]:
    document: dict[str, Any] = {
        "paragraph": fragment.paragraph,
        "start": fragment.start,
        "end": fragment.end,
        "quote": fragment.quote,
        "prefix": fragment.prefix,
        "suffix": fragment.suffix,
    }
    if fragment.orphaned:
        document["orphaned"] = True
    return document


def serialize(tags: TagFile) -> bytes:
    """The file's bytes. Claims are immutable, so each one's YAML is remembered: re-saving a file
    of thousands of claims after one change formats only that claim."""
    document = to_document(tags)
    claims = document.pop("claims")
    head = dump_yaml(document)
    split = head.index(b"\narticle_tags:") + 1  # the last top-level key, at a line start
    head, tail = head[:split], head[split:]
    body = b"".join(_claim_yaml(claim) for claim in tags.normalized().claims)
    return head + (b"claims:\n" + body if claims else b"claims: []\n") + tail


@lru_cache(maxsize=65536)
def _claim_yaml(claim: Claim) -> bytes:
    lines = emit({"claims": [_claim_document(claim)]}).encode("utf-8")
    return lines[len(b"claims:\n") :]
