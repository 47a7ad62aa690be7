"""Label Studio: JSON tasks (text plus one annotation per reviewer) and a labeling config."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from annotator.errors import AnnotatorError
from annotator.exchange.placement import FileContents, ImportOptions, Piece, Span, Tagged
from annotator.exchange.records import article_tags_of, article_tags_record, provenance
from annotator.model import Claim, Fragment
from annotator.schema import Schema
from annotator.storage.atomic import atomic_write


def labelstudio_tasks(items: Iterable[Tagged]) -> list[dict[str, Any]]:
    """Per claim a region per content fragment (labelled with the claim type; the first one
    carries the per-region choices and text areas), a Source or Cue region per fragment of those
    spans, and relations from the first content region to every other region of the claim."""
    tasks: dict[str, dict[str, Any]] = {}
    for item in items:
        data = {"text": item.article.text, "article": item.article.id}
        task = tasks.setdefault(
            item.article.id, {"id": len(tasks) + 1, "data": data, "annotations": []}
        )
        results: list[dict[str, Any]] = []
        for claim in item.claims():
            regions: list[tuple[str, str, Fragment]] = [
                (claim.id if n == 0 else f"{claim.id}-{n}", claim.type, f)
                for n, f in enumerate(claim.fragments)
            ]
            for label, fragments in ((SOURCE, claim.source_fragments), (CUE, claim.cue_fragments)):
                regions += [
                    (f"{claim.id}-{label.lower()}{n}", label, f) for n, f in enumerate(fragments)
                ]
            for region_id, label, fragment in regions:
                start, end = item.offsets(fragment)
                span = {"start": start, "end": end, "text": item.article.text[start:end]}
                parts: list[tuple[str, str, dict[str, Any]]] = [
                    ("label", "labels", {**span, "labels": [label]})
                ]
                if region_id == claim.id:
                    parts += _claim_fields(claim, span)
                meta = _provenance_meta(item, claim) if region_id == claim.id else {}
                results.extend(
                    {
                        "id": region_id,
                        "from_name": name,
                        "to_name": "text",
                        "type": kind,
                        "value": value,
                        **(meta if name == "label" else {}),
                    }
                    for name, kind, value in parts
                )
            results.extend(
                {
                    "type": "relation",
                    "from_id": claim.id,
                    "to_id": region_id,
                    "direction": "right",
                    "labels": [_relation(label)],
                }
                for region_id, label, _ in regions[1:]
            )
        # Label Studio takes completed_by as one of its user ids, so the reviewer's name goes in
        # the task's meta (user data it keeps), in the order of the annotations.
        task["annotations"].append({"result": results})
        meta = task.setdefault("meta", {"reviewers": [], "article_tags": [], "times": []})
        meta["reviewers"].append(item.tags.reviewer)
        # What Label Studio has no control for, kept where it keeps user data: the article
        # tags and each claim's times, per annotation, so a round trip loses nothing.
        meta["article_tags"].append(article_tags_record(item.tags.article_tags))
        meta["times"].append(
            {c.id: {"created": c.created, "modified": c.modified} for c in item.claims()}
        )
    return list(tasks.values())


SOURCE, CUE = "Source", "Cue"
RELATIONS = {SOURCE: "source", CUE: "cue"}
CONTINUES = "continues"  # relation label: a further content fragment of the same claim


def _relation(label: str) -> str:
    return RELATIONS.get(label, CONTINUES)


def _provenance_meta(item: Tagged, claim: Claim) -> dict[str, Any]:
    """An adjudicated claim's provenance as region meta (Label Studio shows its text)."""
    if not claim.decided_by:
        return {}
    facts = provenance(item, claim)
    text = f"from {', '.join(facts['from']) or '—'}; decided by {facts['decided_by']}"
    if facts["edited"]:
        text += "; edited"
    return {"meta": {"text": [text], **{f"annotator_{k}": v for k, v in facts.items()}}}


def _claim_fields(claim: Claim, span: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    parts: list[tuple[str, str, dict[str, Any]]] = []
    for name, choice in (("stance", claim.stance), ("target", claim.target)):
        if choice:
            parts.append((name, "choices", {**span, "choices": [choice]}))
    for name, text in (("source", claim.source), ("role", claim.role), ("note", claim.note)):
        if text:
            parts.append((name, "textarea", {**span, "text": [text]}))
    return parts


def labelstudio_config(schema: Schema) -> str:
    def choices(name: str, keys: Iterable[str]) -> str:
        inner = "".join(f"\n    <Choice value={quoteattr(k)}/>" for k in keys)
        attributes = f'name="{name}" toName="text" perRegion="true" choice="single"'
        return f"  <Choices {attributes}>{inner}\n  </Choices>"

    keys = [*(c.key for c in schema.claim_types), SOURCE, CUE]
    labels = "".join(f"\n    <Label value={quoteattr(k)}/>" for k in keys)
    relations = "".join(
        f"\n    <Relation value={quoteattr(k)}/>" for k in (*RELATIONS.values(), CONTINUES)
    )
    parts = [
        "<View>",
        f'  <Labels name="label" toName="text">{labels}\n  </Labels>',
        f"  <Relations>{relations}\n  </Relations>",
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


def export_folder(items: Sequence[Tagged], schema: Schema, folder: Path) -> list[Path]:
    tasks = folder / "tasks.json"
    config = folder / "labeling_config.xml"
    atomic_write(
        tasks, (json.dumps(labelstudio_tasks(items), ensure_ascii=False, indent=2) + "\n").encode()
    )
    atomic_write(config, labelstudio_config(schema).encode())
    return [tasks, config]


def read(path: Path, data: str, schema: Schema, options: ImportOptions) -> FileContents:
    """article id -> (task text, spans) from a Label Studio tasks export."""
    try:
        tasks = json.loads(data)
    except RecursionError:
        raise AnnotatorError(
            "JSON nested too deeply; this is not a Label Studio export", path
        ) from None
    except ValueError as error:
        raise AnnotatorError(
            f"not JSON ({error}); export the tasks as JSON from Label Studio", path
        ) from None
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise AnnotatorError("a Label Studio export is a list of tasks", path)
    result = FileContents()
    for index, task in enumerate(tasks):
        if isinstance(task, dict) and "data" not in task:
            task = _from_json_min(task, index, path)
        try:
            task_data = task["data"]
            article = str(task_data.get("article") or "")
            text = str(task_data["text"])
            annotations = task.get("annotations") or []
            names = [str(name) for name in (task.get("meta") or {}).get("reviewers") or []]
            reviewer = options.reviewer
            chosen_at = names.index(reviewer) if reviewer in names[: len(annotations)] else 0
            chosen = annotations[chosen_at] if annotations else {"result": []}
            regions: dict[str, dict[str, Any]] = {}
            links: list[tuple[str, str]] = []
            for item in chosen.get("result") or []:
                if item.get("type") == "relation":
                    links.append((str(item["from_id"]), str(item["to_id"])))
                    continue
                value = item["value"]
                span = {"start": int(value["start"]), "end": int(value["end"]), "text": None}
                entry = regions.setdefault(str(item["id"]), span)
                name = item.get("from_name")
                if item.get("type") == "labels":
                    entry["type"] = value["labels"][0]
                    entry["text"] = value.get("text")
                elif item.get("type") == "choices" and name in ("stance", "target"):
                    entry[name] = value["choices"][0]
                elif item.get("type") == "textarea" and name in ("source", "role", "note"):
                    entry[name] = value["text"][0]
        except (
            KeyError,
            TypeError,
            IndexError,
            AttributeError,
            ValueError,
            OverflowError,
        ) as error:
            raise AnnotatorError(
                f"task {index + 1} is not a Label Studio task with text annotations ({error!r})",
                path,
            ) from None
        spans = _claims(regions, links, path)
        meta = task.get("meta") or {}
        times = _nth(meta.get("times"), chosen_at)
        if isinstance(times, dict):
            for found in spans:
                when = times.get(found.fields.get("id"))
                if isinstance(when, dict):
                    found.fields.update(
                        {k: str(when[k]) for k in ("created", "modified") if when.get(k)}
                    )
        tags = _nth(meta.get("article_tags"), chosen_at)
        if isinstance(tags, dict) and not article_tags_of(tags).is_empty:
            result.article_tags[article] = article_tags_of(tags)
        result.spans[article] = spans
        result.texts[article] = text
    return result


def _nth(values: Any, index: int) -> Any:
    return values[index] if isinstance(values, list) and 0 <= index < len(values) else None


def _piece(region: dict[str, Any]) -> Piece:
    text = region.get("text")
    return Piece(region["start"], region["end"], text if isinstance(text, str) else None)


def _claims(
    regions: dict[str, dict[str, Any]], links: list[tuple[str, str]], path: Path
) -> list[Span]:
    """A claim per region labelled with a claim type that no relation continues; the regions
    related from it are its further content fragments, its Source and its Cue."""
    linked: dict[str, list[str]] = {}
    continued = set()
    for start, end in links:
        if start in regions and end in regions:
            linked.setdefault(start, []).append(end)
            continued.add(end)
    spans = []
    for claim_id, region in regions.items():
        if "type" not in region or region["type"] in (SOURCE, CUE) or claim_id in continued:
            continue
        parts: dict[str, list[Piece]] = {"content": [_piece(region)], SOURCE: [], CUE: []}
        for other in linked.get(claim_id, []):
            label = regions[other].get("type")
            parts[label if label in (SOURCE, CUE) else "content"].append(_piece(regions[other]))
        fields = {
            k: str(region.get(k, ""))
            for k in ("type", "source", "role", "stance", "target", "note")
        }
        spans.append(
            Span(
                tuple(parts["content"]),
                fields | {"id": claim_id},
                path,
                None,
                source=tuple(parts[SOURCE]),
                cue=tuple(parts[CUE]),
            )
        )
    return spans


def _from_json_min(row: dict[str, Any], index: int, path: Path) -> dict[str, Any]:
    """A task of Label Studio's JSON-MIN export (data fields at the top, each control's values
    under its name) as a full task: regions of the ``label`` control become claims."""
    if "text" not in row:
        raise AnnotatorError(
            f"task {index + 1} has no 'text' field: export the tasks as JSON, or as JSON-MIN "
            "with the text column",
            path,
        )
    labels = row.get("label") or []
    if not isinstance(labels, list):
        raise AnnotatorError(f"task {index + 1}: 'label' must be a list of regions", path)
    results = [
        {"id": f"r{n}", "from_name": "label", "to_name": "text", "type": "labels", "value": value}
        for n, value in enumerate(labels)
    ]
    data = {"text": row["text"], "article": row.get("article", "")}
    return {"data": data, "annotations": [{"result": results}]}
