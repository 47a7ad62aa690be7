"""W3C Web Annotation (JSON-LD): one annotation per claim, a target per fragment.

Each target is a SpecificResource on the article with a TextQuoteSelector and a
TextPositionSelector (article-relative code points); ``annotator:part`` says whether it is part
of the claim's content, its source or its cue. The selectors count in the article's text as the
tool sees it, so ``target.source`` is that text, written beside the export (``<name>.texts/``),
as an absolute IRI: the ``file:`` URI of the written text, or ``--base-iri`` + ``<article>.txt``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from annotator.exchange.placement import Tagged
from annotator.exchange.records import provenance
from annotator.model import Claim, Fragment
from annotator.schema import Schema

DEFAULT_BASE = "urn:annotator:article:"  # when no base is known (tests, library use)


def export_text(
    items: Sequence[Tagged], schema: Schema, base: str = DEFAULT_BASE, collection_id: str = ""
) -> str:
    """The collection; ``base`` + ``<article>.txt`` is each target's source IRI."""
    annotations = []
    for item in items:
        for claim in item.claims():
            annotations.append(
                {
                    "id": f"urn:annotator:{item.article.id}:{item.tags.reviewer}:{claim.id}",
                    "type": "Annotation",
                    "creator": {"type": "Person", "name": item.tags.reviewer},
                    "created": claim.created,
                    "modified": claim.modified,
                    "body": _body(claim),
                    "target": [_target(item, part, f, base) for part, f in claim.all_fragments()],
                    **_provenance(item, claim),
                }
            )
    identity = collection_id or f"{base}collection"
    collection: dict[str, Any] = {
        "@context": ["http://www.w3.org/ns/anno.jsonld", {"annotator": "urn:annotator:"}],
        "id": identity,
        "type": "AnnotationCollection",
        "label": "annotator claims",
        "total": len(annotations),
    }
    if annotations:  # an empty collection has no page (a page lists at least one annotation)
        collection["first"] = {
            "id": f"{identity}#page-1",
            "type": "AnnotationPage",
            "partOf": identity,
            "startIndex": 0,
            "items": annotations,
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


def _target(item: Tagged, part: str, fragment: Fragment, base: str) -> dict[str, Any]:
    start, end = item.offsets(fragment)
    text = item.article.text
    return {
        "type": "SpecificResource",
        "source": f"{base}{quote(item.article.id)}.txt",
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
