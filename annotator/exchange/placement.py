"""Where exchanged spans sit: article offsets mapped to paragraphs and back.

Article-relative offsets count code points in the article's text as the tool sees it: its
paragraphs joined by one blank line (``Article.text``). Slicing that text with any exported
start and end gives exactly the quote. On import, a span that crosses a paragraph break becomes one
claim per paragraph, a discontinuous brat span one claim per fragment; every span is checked against
the article text and every skip is reported with its reason.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotator.article import Article
from annotator.editing import make_claim
from annotator.errors import Problem
from annotator.model import ArticleTags, Claim, TagFile, new_claim_id
from annotator.schema import Schema


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
class ImportOptions:
    """What a reader needs besides the file: who imports, and how brat span types map to claims."""

    reviewer: str = ""
    default_type: str = "unattributed"
    content_type: str = "Content"
    source_type: str = "Source"


@dataclass
class FileContents:
    """What a file to import holds, by the article id it names ("" when it names none)."""

    spans: dict[str, list[Span]] = field(default_factory=dict)
    article_tags: dict[str, ArticleTags] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # the text the file says it annotates


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
