"""brat standoff: a ``.txt`` and an ``.ann`` per article and reviewer, and ``annotation.conf``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.errors import InvalidFileError, Problem
from annotator.exchange.placement import (
    MAX_FRAGMENTS,
    FileContents,
    ImportOptions,
    Piece,
    Span,
    Tagged,
    records_of,
)
from annotator.exchange.records import provenance
from annotator.model import Fragment
from annotator.schema import Schema
from annotator.storage.atomic import atomic_write

# The span types of an attribution, as PolNeAR names them.
CONTENT, SOURCE, CUE = "Content", "Source", "Cue"


def brat_name(item: Tagged) -> str:
    return f"{item.article.id}--{item.tags.reviewer}"


def to_brat_ann(item: Tagged) -> str:
    """Standoff as PolNeAR writes attributions: per claim a Content span (its fragments joined
    by ';'), Source and Cue spans when marked, and an event tying them, its type the claim type
    and its trigger the cue (else the content's start); attributes for stance and target, and an
    AnnotatorNotes line holding source name, role and note as JSON (and, for an adjudicated
    claim, its provenance: from, decided_by, edited)."""
    lines: list[str] = []
    counters = {"T": 0, "E": 0, "A": 0, "#": 0}

    def next_id(kind: str) -> str:
        counters[kind] += 1
        return f"{kind}{counters[kind]}"

    def textbound(label: str, fragments: Sequence[Fragment]) -> str:
        entity = next_id("T")
        # brat compares a span's text exactly and its text field cannot hold a line break, so a
        # fragment over one is written in pieces around it (its own convention: "69 78;79 100").
        offsets = [piece for f in fragments for piece in _around_breaks(item, f)]
        joined = ";".join(f"{a} {b}" for a, b in offsets)
        words = " ".join(item.article.text[a:b] for a, b in offsets).replace("\n", " ")
        lines.append(f"{entity}\t{label} {joined}\t{words}")
        return entity

    for claim in item.claims():
        arguments = [f"{CONTENT}:{textbound(CONTENT, claim.fragments)}"]
        if claim.source_fragments:
            arguments.append(f"{SOURCE}:{textbound(SOURCE, claim.source_fragments)}")
        if claim.cue_fragments:
            arguments.append(f"{CUE}:{textbound(CUE, claim.cue_fragments)}")
        trigger = textbound(claim.type, claim.cue_fragments or claim.fragments[:1])
        event = next_id("E")
        lines.append(f"{event}\t{claim.type}:{trigger} {' '.join(arguments)}")
        for name, value in (("Stance", claim.stance), ("Target", claim.target)):
            if value:
                lines.append(f"{next_id('A')}\t{name} {event} {value}")
        details: dict[str, object] = {
            k: v
            for k, v in (("source", claim.source), ("role", claim.role), ("note", claim.note))
            if v
        }
        if claim.decided_by:  # an adjudicated claim: where it came from
            details.update(provenance(item, claim))
        if details:
            note = json.dumps(details, ensure_ascii=False)
            lines.append(f"{next_id('#')}\tAnnotatorNotes {event}\t{note}")
    return "".join(line + "\n" for line in lines)


def _around_breaks(item: Tagged, fragment: Fragment) -> list[tuple[int, int]]:
    start, end = item.offsets(fragment)
    pieces, at = [], start
    text = item.article.text
    while (cut := text.find("\n", at, end)) != -1:
        if cut > at:
            pieces.append((at, cut))
        at = cut + 1
    if end > at:
        pieces.append((at, end))
    return pieces


def brat_conf(schema: Schema) -> str:
    stances = "|".join(s.key for s in schema.stances)
    targets = "|".join(t.key for t in schema.targets)
    arguments = f"{CONTENT}:{CONTENT}, {SOURCE}?:{SOURCE}, {CUE}?:{CUE}"
    lines = ["[entities]", CONTENT, SOURCE, CUE, "", "[relations]", "", "[events]"]
    lines += [f"{c.key}\t{arguments}" for c in schema.claim_types]
    lines += ["", "[attributes]", f"Stance\tArg:<EVENT>, Value:{stances}"]
    if targets:
        lines.append(f"Target\tArg:<EVENT>, Value:{targets}")
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


@dataclass
class _Standoff:
    entities: dict[str, tuple[str, list[tuple[int, int]], str, int]] = field(default_factory=dict)
    events: dict[str, tuple[str, str, list[tuple[str, str]], int]] = field(default_factory=dict)
    attributes: dict[str, dict[str, str]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # relation: content id -> source id


def _parse(path: Path, data: str) -> _Standoff:
    parsed = _Standoff()
    problems: list[Problem] = []
    for number, line in enumerate(records_of(data), start=1):
        if not line.strip():
            continue
        parts = line.split("\t")
        kind = line[0]
        try:
            if kind == "T":
                label, _, offsets = parts[1].partition(" ")
                if offsets.count(";") >= MAX_FRAGMENTS:  # refused before millions are built
                    raise ValueError(
                        f"{offsets.count(';') + 1:,} fragments in one span "
                        f"(at most {MAX_FRAGMENTS:,})"
                    )
                pairs = [(int(a), int(b)) for a, b in (f.split() for f in offsets.split(";"))]
                parsed.entities[parts[0]] = (
                    label,
                    pairs,
                    parts[2] if len(parts) > 2 else "",
                    number,
                )
            elif kind in "AM":
                name, target, *value = parts[1].split()
                parsed.attributes.setdefault(target, {})[name.lower()] = (
                    value[0] if value else "true"
                )
            elif kind == "#":
                _, target = parts[1].split()
                parsed.notes[target] = parts[2] if len(parts) > 2 else ""
            elif kind == "E":
                head, *rest = parts[1].split()
                event_type, _, trigger = head.partition(":")
                roles = [(role, arg) for role, _, arg in (a.partition(":") for a in rest)]
                parsed.events[parts[0]] = (event_type, trigger, roles, number)
            elif kind == "R":
                args = dict(arg.split(":", 1) for arg in parts[1].split()[1:] if ":" in arg)
                content, source = args.get("Arg2"), args.get("Arg1")
                if content and source:
                    parsed.sources[content] = source
            elif kind not in "N*":
                raise ValueError(f"unknown line type {kind!r}")
        except (ValueError, IndexError) as error:
            problems.append(
                Problem(path, f"not a brat standoff line ({error}); fix or remove it", number)
            )
    if problems:
        raise InvalidFileError(problems)
    return parsed


def _role(role: str, base: str) -> bool:
    """Content, Content2, … all name the base role."""
    return role == base or (role.startswith(base) and role[len(base) :].isdigit())


def read(path: Path, data: str, schema: Schema, options: ImportOptions) -> FileContents:
    """Claims of a brat .ann file: each event whose arguments include Content spans is one claim
    (its Source and Cue arguments its source and cue spans); a span typed with a claim type, or
    a Content span no event uses, is a claim of its own."""
    parsed = _parse(path, data)
    article_id = path.stem.split("--")[0]  # as written by export: ARTICLE--REVIEWER.ann
    result = FileContents(spans={article_id: []})
    entities = parsed.entities
    claim_types = schema.keys["claim_types"]

    def pieces(ids: Sequence[str]) -> tuple[Piece, ...]:
        found: list[Piece] = []
        for entity_id in ids:
            if entity_id in entities:
                _, fragments, text, _ = entities[entity_id]
                found += _brat_pieces(fragments, text)
        return tuple(found)

    used: set[str] = set()
    for event_id, (event_type, trigger, roles, number) in parsed.events.items():
        content = [arg for role, arg in roles if _role(role, options.content_type)]
        if not content:
            continue
        used.update(arg for _, arg in roles)
        used.add(trigger)
        claim_type = event_type if event_type in claim_types else options.default_type
        fields = _fields(claim_type, parsed, event_id, *content)
        span = Span(
            pieces(content),
            fields,
            path,
            number,
            source=pieces([arg for role, arg in roles if _role(role, options.source_type)]),
            cue=pieces([arg for role, arg in roles if _role(role, CUE)]),
        )
        result.spans[article_id].append(span)
    for entity_id, (label, fragments, text, number) in entities.items():
        if entity_id in used:
            continue
        if label in claim_types:
            claim_type = label
        elif label == options.content_type:
            claim_type = options.default_type
        else:
            continue  # Source, Cue and other span types are not claims
        fields = _fields(claim_type, parsed, entity_id)
        source_id = parsed.sources.get(entity_id, "")
        if source_id in entities and not fields.get("source"):
            fields["source"] = entities[source_id][2]
        span = Span(tuple(_brat_pieces(fragments, text)), fields, path, number)
        result.spans[article_id].append(span)
    return result


def _fields(claim_type: str, parsed: _Standoff, *ids: str) -> dict[str, str]:
    """Stance, target (attributes) and source, role, note (AnnotatorNotes) of the first of
    ``ids`` that has them: the event, else its content."""
    attributed = next((parsed.attributes[i] for i in ids if i in parsed.attributes), {})
    fields = {
        "type": claim_type,
        "stance": attributed.get("stance", ""),
        "target": attributed.get("target", ""),
    }
    fields.update(_brat_note(next((parsed.notes[i] for i in ids if i in parsed.notes), "")))
    return fields


def _brat_pieces(fragments: Sequence[tuple[int, int]], text: str) -> list[Piece]:
    # brat writes a discontinuous span's text as its fragments joined by one space.
    found, position = [], 0
    for start, end in fragments:
        found.append(Piece(start, end, text[position : position + end - start]))
        position += end - start + 1
    return found


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
