"""CSV (RFC 4180): one row per claim, for spreadsheets; export only."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from annotator.exchange.placement import Tagged
from annotator.exchange.records import CLAIM_COLUMNS, claim_record
from annotator.schema import Schema


def export_text(items: Sequence[Tagged], schema: Schema) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CLAIM_COLUMNS, lineterminator="\r\n")  # RFC 4180
    writer.writeheader()
    for item in items:
        for claim in item.claims():
            writer.writerow(claim_record(item, claim))
    return out.getvalue()
