"""brat standoff: a ``.txt`` and an ``.ann`` per article and reviewer, and ``annotation.conf``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from annotator.errors import InvalidFileError, Problem
from annotator.exchange.placement import FileContents, ImportOptions, Span, Tagged
from annotator.schema import Schema
from annotator.storage.atomic import atomic_write


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


def export_folder(items: Sequence[Tagged], schema: Schema, folder: Path) -> list[Path]:
    written = []
    for item in items:
        for suffix, data in ((".txt", item.article.text), (".ann", to_brat_ann(item))):
            path = folder / f"{brat_name(item)}{suffix}"
            atomic_write(path, data.encode("utf-8"))
            written.append(path)
    conf = folder / "annotation.conf"
    atomic_write(conf, brat_conf(schema).encode("utf-8"))
    return [*written, conf]


def read(path: Path, data: str, schema: Schema, options: ImportOptions) -> FileContents:
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
    article_id = path.stem.split("--")[0]  # as written by export: ARTICLE--REVIEWER.ann
    result = FileContents(spans={article_id: []})
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
            result.spans[article_id].append(Span(start, end, expected, dict(fields), path, number))
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
