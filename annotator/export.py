"""Exporting tags for other tools: JSON Lines, CSV, brat standoff, W3C Web Annotation, Label Studio.

Article-relative offsets count code points in the article's text as the tool sees it: its
paragraphs joined by one blank line (``Article.text``). Slicing that text with any exported
start and end gives exactly the quote.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from annotator.article import Article
from annotator.atomic import atomic_write
from annotator.model import Claim, TagFile
from annotator.schema import Schema

STREAM_FORMATS = ("jsonl", "csv", "w3c")
FOLDER_FORMATS = ("brat", "labelstudio")
FORMATS = STREAM_FORMATS + FOLDER_FORMATS
CLAIM_COLUMNS = (
    "article", "reviewer", "id", "paragraph", "start", "end", "article_start", "article_end",
    "quote", "type", "source", "role", "stance", "target", "note", "created", "modified",
)  # fmt: skip


@dataclass(frozen=True)
class Tagged:
    """One reviewer's tags of one article, with the article they refer to."""

    article: Article
    tags: TagFile

    def claims(self) -> list[Claim]:
        """Claims with a place in the text (orphans have none), in text order."""
        return [c for c in self.tags.normalized().claims if not c.orphaned]

    def article_span(self, claim: Claim) -> tuple[int, int]:
        base = self.article.paragraph_starts[claim.paragraph - 1]
        return base + claim.start, base + claim.end


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


def to_jsonl(items: Iterable[Tagged]) -> str:
    lines: list[str] = []
    for item in items:
        for claim in item.claims():
            record = {"record": "claim", **claim_record(item, claim)}
            lines.append(json.dumps(record, ensure_ascii=False))
        lines.append(json.dumps(article_record(item), ensure_ascii=False))
    return "".join(line + "\n" for line in lines)


def to_csv(items: Iterable[Tagged]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CLAIM_COLUMNS, lineterminator="\r\n")  # RFC 4180
    writer.writeheader()
    for item in items:
        for claim in item.claims():
            writer.writerow(claim_record(item, claim))
    return out.getvalue()


def to_w3c(items: Iterable[Tagged], schema: Schema) -> str:
    annotations = []
    for item in items:
        for claim in item.claims():
            start, end = item.article_span(claim)
            text = item.article.text
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
            annotations.append(
                {
                    "id": f"urn:annotator:{item.article.id}:{item.tags.reviewer}:{claim.id}",
                    "type": "Annotation",
                    "creator": item.tags.reviewer,
                    "created": claim.created,
                    "modified": claim.modified,
                    "body": body,
                    "target": {
                        "source": f"seeds/{item.article.id}.txt",
                        "selector": [
                            {
                                "type": "TextQuoteSelector",
                                "exact": text[start:end],
                                "prefix": text[max(0, start - 32) : start],
                                "suffix": text[end : end + 32],
                            },
                            {"type": "TextPositionSelector", "start": start, "end": end},
                        ],
                    },
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


# --- brat ------------------------------------------------------------------------------------


def brat_name(item: Tagged) -> str:
    return f"{item.article.id}--{item.tags.reviewer}"


def to_brat_ann(item: Tagged) -> str:
    """Standoff: a T line per claim (its type as the entity type), attributes for stance and
    target, and an AnnotatorNotes line holding source, role and note as JSON."""
    lines, attribute = [], 0
    for number, claim in enumerate(item.claims(), start=1):
        start, end = item.article_span(claim)
        quote = item.article.text[start:end].replace("\n", " ")
        lines.append(f"T{number}\t{claim.type} {start} {end}\t{quote}")
        for name, value in (("Stance", claim.stance), ("Target", claim.target)):
            if value:
                attribute += 1
                lines.append(f"A{attribute}\t{name} T{number} {value}")
        details = {
            k: v
            for k, v in (("source", claim.source), ("role", claim.role), ("note", claim.note))
            if v
        }
        if details:
            lines.append(
                f"#{number}\tAnnotatorNotes T{number}\t{json.dumps(details, ensure_ascii=False)}"
            )
    return "".join(line + "\n" for line in lines)


def brat_conf(schema: Schema) -> str:
    stances = "|".join(s.key for s in schema.stances)
    targets = "|".join(t.key for t in schema.targets)
    lines = ["[entities]", *(c.key for c in schema.claim_types), "", "[relations]", "", "[events]"]
    lines += ["", "[attributes]", f"Stance\tArg:<ENTITY>, Value:{stances}"]
    if targets:
        lines.append(f"Target\tArg:<ENTITY>, Value:{targets}")
    return "\n".join(lines) + "\n"


def write_brat(items: Iterable[Tagged], schema: Schema, folder: Path) -> list[Path]:
    written = []
    for item in items:
        for suffix, data in ((".txt", item.article.text), (".ann", to_brat_ann(item))):
            path = folder / f"{brat_name(item)}{suffix}"
            atomic_write(path, data.encode("utf-8"))
            written.append(path)
    conf = folder / "annotation.conf"
    atomic_write(conf, brat_conf(schema).encode("utf-8"))
    return [*written, conf]


# --- Label Studio ----------------------------------------------------------------------------


def labelstudio_tasks(items: Iterable[Tagged]) -> list[dict[str, Any]]:
    tasks: dict[str, dict[str, Any]] = {}
    for item in items:
        data = {"text": item.article.text, "article": item.article.id}
        task = tasks.setdefault(
            item.article.id, {"id": len(tasks) + 1, "data": data, "annotations": []}
        )
        results: list[dict[str, Any]] = []
        for claim in item.claims():
            start, end = item.article_span(claim)
            span = {"start": start, "end": end, "text": item.article.text[start:end]}
            parts: list[tuple[str, str, dict[str, Any]]] = [
                ("label", "labels", {**span, "labels": [claim.type]})
            ]
            for name, choice in (("stance", claim.stance), ("target", claim.target)):
                if choice:
                    parts.append((name, "choices", {**span, "choices": [choice]}))
            for name, text in (
                ("source", claim.source),
                ("role", claim.role),
                ("note", claim.note),
            ):
                if text:
                    parts.append((name, "textarea", {**span, "text": [text]}))
            results.extend(
                {"id": claim.id, "from_name": name, "to_name": "text", "type": kind, "value": value}
                for name, kind, value in parts
            )
        # Label Studio takes completed_by as one of its user ids, so the reviewer's name goes in
        # the task's meta (user data it keeps), in the order of the annotations.
        task["annotations"].append({"result": results})
        task.setdefault("meta", {"reviewers": []})["reviewers"].append(item.tags.reviewer)
    return list(tasks.values())


def labelstudio_config(schema: Schema) -> str:
    def choices(name: str, keys: Iterable[str]) -> str:
        inner = "".join(f"\n    <Choice value={quoteattr(k)}/>" for k in keys)
        attributes = f'name="{name}" toName="text" perRegion="true" choice="single"'
        return f"  <Choices {attributes}>{inner}\n  </Choices>"

    labels = "".join(f"\n    <Label value={quoteattr(c.key)}/>" for c in schema.claim_types)
    parts = [
        "<View>",
        f'  <Labels name="label" toName="text">{labels}\n  </Labels>',
        '  <Text name="text" value="$text"/>',
        choices("stance", (s.key for s in schema.stances)),
        choices("target", (t.key for t in schema.targets)),
        *(
            f'  <TextArea name="{n}" toName="text" perRegion="true" maxSubmissions="1"/>'
            for n in ("source", "role", "note")
        ),
        "</View>",
    ]
    return "\n".join(parts) + "\n"


def write_labelstudio(items: Iterable[Tagged], schema: Schema, folder: Path) -> list[Path]:
    tasks = folder / "tasks.json"
    config = folder / "labeling_config.xml"
    atomic_write(
        tasks, (json.dumps(labelstudio_tasks(items), ensure_ascii=False, indent=2) + "\n").encode()
    )
    atomic_write(config, labelstudio_config(schema).encode())
    return [tasks, config]
