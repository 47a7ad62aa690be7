"""Importing tags from brat standoff, JSON Lines (as exported) and Label Studio tasks.

Article-level offsets are mapped onto paragraphs (see ``annotator.export``); a span that crosses
a paragraph break becomes one claim per paragraph, a discontinuous brat span one claim per
fragment. Every span is checked against the article text; every skip is reported with its reason.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from annotator.article import Article
from annotator.editing import make_claim
from annotator.errors import AnnotatorError, InvalidFileError, Problem
from annotator.model import ArticleTags, Claim, TagFile, new_claim_id
from annotator.schema import Schema

IMPORT_FORMATS = ("brat", "jsonl", "labelstudio")
CLAIM_FIELDS = ("id", "type", "source", "role", "stance", "target", "note", "created", "modified")


@dataclass(frozen=True)
class Span:
    """An article-level span to import, with where it came from (for reports)."""

    start: int
    end: int
    text: str | None  # what the source file says the span reads, to check
    fields: dict[str, str]  # type, source, role, stance, target, note, id, created, modified
    path: Path
    line: int | None


@dataclass
class Imported:
    """What an import makes of one article: claims, article tags, and a report."""

    claims: list[Claim] = field(default_factory=list)
    article_tags: ArticleTags | None = None
    skipped: list[Problem] = field(default_factory=list)
    split: int = 0


@dataclass(frozen=True)
class BratOptions:
    default_type: str = "unattributed"
    content_type: str = "Content"
    source_type: str = "Source"


def _same_text(expected: str, actual: str) -> bool:
    return " ".join(expected.split()) == " ".join(actual.split())


def place_spans(article: Article, spans: Iterable[Span], schema: Schema) -> Imported:
    """Check each span against the text and turn it into claims, one per paragraph it covers."""
    result = Imported()
    taken: set[str] = set()
    blank = TagFile(article.id, "", article.text_hash)
    text = article.text
    for span in spans:
        where = Problem(span.path, "", span.line)
        label = f"span {span.start}-{span.end}"
        if not 0 <= span.start < span.end <= len(text):
            message = f"{label} is outside the article ({len(text)} characters)"
            result.skipped.append(replace(where, message=message))
            continue
        actual = text[span.start : span.end]
        if span.text is not None and not _same_text(span.text, actual):
            message = f"{label} reads {actual[:40]!r} in the article, not {span.text[:40]!r}"
            result.skipped.append(replace(where, message=message))
            continue
        claim_type = span.fields.get("type", "")
        if claim_type not in schema.keys["claim_types"]:
            message = f"type {claim_type!r} is not a claim type of the schema"
            result.skipped.append(replace(where, message=message))
            continue
        pieces = _pieces(article, span.start, span.end)
        if not pieces:
            result.skipped.append(replace(where, message=f"{label} holds only white space"))
            continue
        if len(pieces) > 1:
            result.split += 1
            message = f"{label} crosses a paragraph break: split into {len(pieces)} claims"
            result.skipped.append(replace(where, message=message))
        details = {
            k: span.fields.get(k, "") for k in ("source", "role", "stance", "target", "note")
        }
        for number, start, end in pieces:
            claim = make_claim(blank, article, number, start, end, claim_type, **details)
            claim_id = span.fields.get("id") or ""
            if not claim_id or claim_id in taken or len(pieces) > 1:
                claim_id = new_claim_id(taken)
            taken.add(claim_id)
            created = span.fields.get("created") or claim.created
            modified = span.fields.get("modified") or claim.modified
            result.claims.append(replace(claim, id=claim_id, created=created, modified=modified))
    return result


def _pieces(article: Article, start: int, end: int) -> list[tuple[int, int, int]]:
    """(paragraph number, start, end) of the parts of an article span inside paragraphs."""
    pieces = []
    index = bisect.bisect_right(article.paragraph_starts, start) - 1
    while index < len(article.paragraphs):
        base = article.paragraph_starts[index]
        if base >= end:
            break
        text = article.paragraphs[index].text
        local_start, local_end = max(start, base) - base, min(end, base + len(text)) - base
        # Offsets are kept exactly; a piece that is only white space is not a claim.
        if text[local_start:local_end].strip():
            pieces.append((index + 1, local_start, local_end))
        index += 1
    return pieces


# --- brat ------------------------------------------------------------------------------------


def read_brat(path: Path, data: str, options: BratOptions, schema: Schema) -> list[Span]:
    """Spans of a brat .ann file: schema claim types, and Content spans with their Source."""
    entities: dict[str, tuple[str, list[tuple[int, int]], str, int]] = {}
    attributes: dict[str, dict[str, str]] = {}
    notes: dict[str, str] = {}
    sources: dict[str, str] = {}  # content entity id -> source entity id
    problems: list[Problem] = []
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split("\t")
        kind = line[0]
        try:
            if kind == "T":
                label, _, offsets = parts[1].partition(" ")
                pairs = [(int(a), int(b)) for a, b in (f.split() for f in offsets.split(";"))]
                entities[parts[0]] = (label, pairs, parts[2] if len(parts) > 2 else "", number)
            elif kind in "AM":
                name, target, *value = parts[1].split()
                attributes.setdefault(target, {})[name.lower()] = value[0] if value else "true"
            elif kind == "#":
                _, target = parts[1].split()
                notes[target] = parts[2] if len(parts) > 2 else ""
            elif kind in "ER":
                roles = dict(arg.split(":", 1) for arg in parts[1].split()[1:] if ":" in arg)
                if kind == "E":
                    roles.update(
                        dict(arg.split(":", 1) for arg in parts[1].split()[:1] if ":" in arg)
                    )
                content = roles.get(options.content_type) or roles.get("Arg2")
                source = roles.get(options.source_type) or roles.get("Arg1")
                if content and source:
                    sources[content] = source
            elif kind not in "N*":
                raise ValueError(f"unknown line type {kind!r}")
        except (ValueError, IndexError) as error:
            problems.append(
                Problem(path, f"not a brat standoff line ({error}); fix or remove it", number)
            )
    if problems:
        raise InvalidFileError(problems)
    result = []
    for entity_id, (label, fragments, text, number) in entities.items():
        if label in schema.keys["claim_types"]:
            claim_type = label
        elif label == options.content_type:
            claim_type = options.default_type
        else:
            continue  # Source, Cue and other span types are not claims
        attributed = attributes.get(entity_id, {})
        fields = {
            "type": claim_type,
            "stance": attributed.get("stance", ""),
            "target": attributed.get("target", ""),
        }
        fields.update(_brat_note(notes.get(entity_id, "")))
        source_id = sources.get(entity_id)
        if source_id in entities and not fields.get("source"):
            fields["source"] = entities[source_id][2]
        # brat writes a discontinuous span's text as its fragments joined by one space.
        position = 0
        for start, end in fragments:
            expected = text[position : position + end - start]
            position += end - start + 1
            result.append(Span(start, end, expected, dict(fields), path, number))
    return result


def _brat_note(note: str) -> dict[str, str]:
    if not note:
        return {}
    try:
        data = json.loads(note)
    except ValueError:
        return {"note": note}
    if isinstance(data, dict):
        return {k: str(v) for k, v in data.items() if k in ("source", "role", "note")}
    return {"note": note}


# --- JSON Lines ------------------------------------------------------------------------------


def read_jsonl(path: Path, data: str) -> tuple[dict[str, list[Span]], dict[str, ArticleTags]]:
    spans: dict[str, list[Span]] = {}
    article_tags: dict[str, ArticleTags] = {}
    problems = []
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("a record must be a JSON object")
            article = str(record["article"])
            if record.get("record", "claim") == "article":
                article_tags[article] = ArticleTags(
                    outlet=str(record.get("outlet", "")),
                    outlet_type=str(record.get("outlet_type", "")),
                    stances=tuple(
                        sorted(
                            (str(k), str(v)) for k, v in dict(record.get("stance") or {}).items()
                        )
                    ),
                    bias_indicators=tuple(str(i) for i in record.get("bias_indicators") or []),
                    note=str(record.get("note", "")),
                )
                continue
            fields = {k: str(record.get(k) or "") for k in CLAIM_FIELDS}
            start, end = int(record["article_start"]), int(record["article_end"])
            spans.setdefault(article, []).append(
                Span(start, end, str(record["quote"]), fields, path, number)
            )
        except (ValueError, KeyError, TypeError) as error:
            problems.append(
                Problem(
                    path, f"not a claim or article record ({error}); fix or remove the line", number
                )
            )
    if problems:
        raise InvalidFileError(problems)
    return spans, article_tags


# --- Label Studio ----------------------------------------------------------------------------


def read_labelstudio(path: Path, data: str, reviewer: str) -> dict[str, tuple[str, list[Span]]]:
    """article id -> (task text, spans) from a Label Studio tasks export."""
    try:
        tasks = json.loads(data)
    except ValueError as error:
        raise AnnotatorError(
            f"not JSON ({error}); export the tasks as JSON from Label Studio", path
        ) from None
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise AnnotatorError("a Label Studio export is a list of tasks", path)
    result: dict[str, tuple[str, list[Span]]] = {}
    for index, task in enumerate(tasks):
        try:
            task_data = task["data"]
            article = str(task_data.get("article") or "")
            text = str(task_data["text"])
            annotations = task.get("annotations") or []
            names = [str(name) for name in (task.get("meta") or {}).get("reviewers") or []]
            index = names.index(reviewer) if reviewer in names[: len(annotations)] else 0
            chosen = annotations[index] if annotations else {"result": []}
            by_id: dict[str, dict[str, Any]] = {}
            for item in chosen.get("result") or []:
                value = item["value"]
                span = {"start": int(value["start"]), "end": int(value["end"]), "text": None}
                entry = by_id.setdefault(str(item["id"]), span)
                name = item.get("from_name")
                if item.get("type") == "labels":
                    entry["type"] = value["labels"][0]
                    entry["text"] = value.get("text")
                elif item.get("type") == "choices" and name in ("stance", "target"):
                    entry[name] = value["choices"][0]
                elif item.get("type") == "textarea" and name in ("source", "role", "note"):
                    entry[name] = value["text"][0]
        except (KeyError, TypeError, IndexError, AttributeError, ValueError) as error:
            raise AnnotatorError(
                f"task {index + 1} is not a Label Studio task with text annotations ({error!r})",
                path,
            ) from None
        spans = [
            Span(
                e["start"],
                e["end"],
                e["text"] if isinstance(e.get("text"), str) else None,
                {
                    k: str(e.get(k, ""))
                    for k in ("type", "source", "role", "stance", "target", "note")
                }
                | {"id": claim_id},
                path,
                None,
            )
            for claim_id, e in by_id.items()
            if "type" in e
        ]
        result[article] = (text, spans)
    return result
