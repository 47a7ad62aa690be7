"""doccano's JSONL for sequence labelling: one line per article and reviewer,
``{"text": …, "label": [[start, end, "type"], …]}`` (code points, the text as the tool sees it),
plus ``article`` and ``reviewer`` fields that doccano keeps as metadata.

doccano holds typed spans only: a claim of several fragments is one label per fragment (the
import joins them back only where they touch a line break), and source and cue spans, stance,
target, source name, role, note, claim ids and times are not carried.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from annotator.errors import InvalidFileError, Problem
from annotator.exchange.placement import (
    FileContents,
    ImportOptions,
    Piece,
    Span,
    Tagged,
    records_of,
)
from annotator.schema import Schema

HEADER = ""


def export_text(items: Sequence[Tagged], schema: Schema) -> str:
    return "".join(export_chunks(items, schema))


def export_chunks(items: Iterable[Tagged], schema: Schema) -> Iterator[str]:
    for item in items:
        yield export_item(item, schema)


def export_item(item: Tagged, schema: Schema) -> str:
    labels = sorted(  # in text order, whatever the claims' ids: doccano keeps no ids
        [*item.offsets(fragment), claim.type]
        for claim in item.claims()
        for fragment in claim.fragments
    )
    record = {
        "text": item.article.text,
        "label": labels,
        "article": item.article.id,
        "reviewer": item.tags.reviewer,
    }
    return json.dumps(record, ensure_ascii=False) + "\n"


def read(path: Path, data: str, schema: Schema, options: ImportOptions) -> FileContents:
    result = FileContents()
    problems = []
    for number, line in enumerate(records_of(data), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text = record["text"]
            if not isinstance(text, str):
                raise ValueError("'text' must be the article text")
            article = str(record.get("article") or "")
            spans = result.spans.setdefault(article, [])
            for label in record.get("label") or []:
                start, end, claim_type = label
                if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
                    raise ValueError(f"offsets {start!r}, {end!r} are not whole numbers")
                piece = Piece(
                    start, end, text[start:end] if 0 <= start < end <= len(text) else None
                )
                fields = {"type": str(claim_type)}
                spans.append(Span((piece,), fields, path, number, reviewer=""))
            result.texts[article] = text
        except (ValueError, KeyError, TypeError, RecursionError) as error:
            problems.append(
                Problem(path, f"not a doccano record ({error}); fix or remove the line", number)
            )
    if problems:
        raise InvalidFileError(problems)
    return result
