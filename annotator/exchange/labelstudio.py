"""Label Studio: JSON tasks (text plus one annotation per reviewer) and a labeling config."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from annotator.errors import AnnotatorError
from annotator.exchange.placement import FileContents, ImportOptions, Span, Tagged
from annotator.schema import Schema
from annotator.storage.atomic import atomic_write


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
        try:
            task_data = task["data"]
            article = str(task_data.get("article") or "")
            text = str(task_data["text"])
            annotations = task.get("annotations") or []
            names = [str(name) for name in (task.get("meta") or {}).get("reviewers") or []]
            reviewer = options.reviewer
            chosen_at = names.index(reviewer) if reviewer in names[: len(annotations)] else 0
            chosen = annotations[chosen_at] if annotations else {"result": []}
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
        result.spans[article] = spans
        result.texts[article] = text
    return result
