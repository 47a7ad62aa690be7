"""JSON Lines: one record per claim, then one per article (its tags); both directions."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from annotator.errors import InvalidFileError, Problem
from annotator.exchange.placement import (
    FileContents,
    ImportOptions,
    Piece,
    Span,
    Tagged,
    records_of,
)
from annotator.exchange.records import (
    CLAIM_FIELDS,
    FRAGMENT_FIELDS,
    article_record,
    article_tags_of,
    claim_record,
)
from annotator.model import ArticleTags
from annotator.schema import Schema


def export_text(items: Sequence[Tagged], schema: Schema) -> str:
    return "".join(export_chunks(items, schema))


def export_chunks(items: Iterable[Tagged], schema: Schema) -> Iterator[str]:
    """The export a tag file at a time: memory stays that of one article, however many."""
    for item in items:
        yield export_item(item, schema)


HEADER = ""


def export_item(item: Tagged, schema: Schema) -> str:
    """One tag file's records: its claims, then the article's."""
    return claim_lines(item) + article_line(item)


def claim_lines(item: Tagged) -> str:
    return "".join(
        json.dumps({"record": "claim", **claim_record(item, claim)}, ensure_ascii=False) + "\n"
        for claim in item.claims()
    )


def article_line(item: Tagged) -> str:
    return json.dumps(article_record(item), ensure_ascii=False) + "\n"


def read(path: Path, data: str, schema: Schema, options: ImportOptions) -> FileContents:
    spans: dict[str, list[Span]] = {}
    article_tags: dict[str, ArticleTags] = {}
    reviewer_tags: dict[tuple[str, str], ArticleTags] = {}
    problems = []
    for number, line in enumerate(records_of(data), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("a record must be a JSON object")
            article = str(record["article"])
            reviewer = str(record.get("reviewer") or "")
            if record.get("record", "claim") == "article":
                article_tags[article] = reviewer_tags[(article, reviewer)] = article_tags_of(record)
                continue
            fields = {k: str(record.get(k) or "") for k in CLAIM_FIELDS}
            parts = {name: _pieces(record.get(name)) for name in FRAGMENT_FIELDS}
            if not parts["fragments"]:  # written before fragments: one span
                start, end = _offset(record["article_start"]), _offset(record["article_end"])
                parts["fragments"] = (Piece(start, end, str(record["quote"])),)
            spans.setdefault(article, []).append(
                Span(
                    parts["fragments"],
                    fields,
                    path,
                    number,
                    source=parts["source_fragments"],
                    cue=parts["cue_fragments"],
                    reviewer=reviewer,
                )
            )
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
            problems.append(
                Problem(
                    path, f"not a claim or article record ({error}); fix or remove the line", number
                )
            )
    if problems:
        raise InvalidFileError(problems)
    return FileContents(spans, article_tags, reviewer_article_tags=reviewer_tags)


def _pieces(raw: Any) -> tuple[Piece, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ValueError("fragments must be a list of {start, end, quote}")
    return tuple(
        Piece(_offset(item["start"]), _offset(item["end"]), str(item["quote"])) for item in raw
    )


def _offset(value: Any) -> int:
    """An offset must be a whole number: not a float, not Infinity, not true."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"offset {value!r} is not a whole number")
    return value
