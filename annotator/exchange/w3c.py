"""W3C Web Annotation (JSON-LD): one annotation per claim, a target per fragment.

Each target is a SpecificResource on the article with a TextQuoteSelector and a
TextPositionSelector (article-relative code points); ``annotator:part`` says whether it is part
of the claim's content, its source or its cue.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from annotator.exchange.placement import Tagged
from annotator.exchange.records import provenance
from annotator.model import Claim, Fragment
from annotator.schema import Schema


def export_text(items: Sequence[Tagged], schema: Schema) -> str:
    annotations = []
    for item in items:
        for claim in item.claims():
            annotations.append(
                {
                    "id": f"urn:annotator:{item.article.id}:{item.tags.reviewer}:{claim.id}",
                    "type": "Annotation",
                    "creator": item.tags.reviewer,
                    "created": claim.created,
                    "modified": claim.modified,
                    "body": _body(claim),
                    "target": [_target(item, part, f) for part, f in claim.all_fragments()],
                    **_provenance(item, claim),
                }
            )
    collection = {
        "@context": ["http://www.w3.org/ns/anno.jsonld", {"annotator": "urn:annotator:"}],
        "type": "AnnotationCollection",
        "label": "annotator claims",
        "total": len(annotations),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": annotations},
    }
    return json.dumps(collection, ensure_ascii=False, indent=2) + "\n"


def _body(claim: Claim) -> list[dict[str, Any]]:
    body: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "classifying", "value": claim.type},
    ]
    if claim.stance:
        body.append(
            {"type": "TextualBody", "purpose": "tagging", "value": f"stance:{claim.stance}"}
        )
    if claim.target:
        body.append(
            {"type": "TextualBody", "purpose": "tagging", "value": f"target:{claim.target}"}
        )
    if claim.source or claim.role:
        source = {"type": "TextualBody", "purpose": "identifying", "value": claim.source}
        body.append(source | {"annotator:role": claim.role})
    if claim.note:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": claim.note})
    return body


def _target(item: Tagged, part: str, fragment: Fragment) -> dict[str, Any]:
    start, end = item.offsets(fragment)
    text = item.article.text
    return {
        "type": "SpecificResource",
        "source": f"seeds/{item.article.id}.txt",
        "annotator:part": part,
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": text[start:end],
                "prefix": text[max(0, start - 32) : start],
                "suffix": text[end : end + 32],
            },
            {"type": "TextPositionSelector", "start": start, "end": end},
        ],
    }


def _provenance(item: Tagged, claim: Claim) -> dict[str, object]:
    """An adjudicated claim says where it came from: ``annotator:from`` (the reviewers who made
    that version), ``annotator:decided_by`` and ``annotator:edited``."""
    if not claim.decided_by:
        return {}
    return {f"annotator:{key}": value for key, value in provenance(item, claim).items()}
