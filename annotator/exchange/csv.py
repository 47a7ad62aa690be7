"""CSV (RFC 4180): one row per claim, for spreadsheets; export only.

Besides the jsonl fields, ``fragments``, ``source_fragments`` and ``cue_fragments`` hold each
span's article-relative ``start-end`` pairs and ``fragment_quotes``, ``source_quote`` and
``cue_quote`` their words, several fragments joined by `` | ``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

from annotator.exchange.placement import Tagged
from annotator.exchange.records import CSV_COLUMNS, csv_record
from annotator.schema import Schema


def export_text(items: Sequence[Tagged], schema: Schema) -> str:
    return "".join(export_chunks(items, schema))


def export_chunks(items: Iterable[Tagged], schema: Schema) -> Iterator[str]:
    """The export a tag file at a time: memory stays that of one article, however many."""
    yield HEADER
    for item in items:
        yield export_item(item, schema)


# A byte-order mark first: LibreOffice and Excel read CSV as UTF-8 only when it is there (else
# as the system's code page, garbling every accent); pandas and csv (utf-8-sig) skip it.
HEADER = "\ufeff" + ",".join(CSV_COLUMNS) + "\r\n"


def export_item(item: Tagged, schema: Schema) -> str:
    """One tag file's rows."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")  # RFC 4180
    for claim in item.claims():
        writer.writerow(csv_record(item, claim))
    return out.getvalue()
