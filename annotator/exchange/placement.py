"""Where exchanged spans sit: article offsets mapped to paragraphs and back.

Article-relative offsets count code points in the article's text as the tool sees it: its
paragraphs joined by one blank line (``Article.text``). Slicing that text with any exported
start and end gives exactly the quote. On import, a claim's content, source and cue are each one
or more pieces of the article text; a piece that crosses a paragraph break becomes one fragment
per paragraph of the same claim. Every piece is checked against the article text and every skip
is reported with its reason.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path

from annotator.article import Article
from annotator.editing import claim_of, make_fragment
from annotator.errors import Problem
from annotator.model import ArticleTags, Claim, Fragment, TagFile, new_claim_id
from annotator.schema import Schema


@dataclass(frozen=True)
class Tagged:
    """One reviewer's tags of one article, with the article they refer to."""

    article: Article
    tags: TagFile

    def claims(self) -> list[Claim]:
        """Claims with a place in the text (orphans have none), in text order."""
        return [c for c in self.tags.normalized().claims if not c.orphaned]

    def offsets(self, fragment: Fragment) -> tuple[int, int]:
        """A fragment's article-relative start and end."""
        base = self.article.paragraph_starts[fragment.paragraph - 1]
        return base + fragment.start, base + fragment.end

    def article_span(self, claim: Claim) -> tuple[int, int]:
        """Where the claim's content starts and ends in the article text."""
        return self.offsets(claim.fragments[0])[0], self.offsets(claim.fragments[-1])[1]


@dataclass(frozen=True)
class Piece:
    """Article-relative offsets of a piece of a span, and what the file says it reads."""

    start: int
    end: int
    text: str | None = None  # None: the file does not say; nothing to check


@dataclass(frozen=True)
class Span:
    """A claim to import: its content, source and cue pieces, with where it came from."""

    pieces: tuple[Piece, ...]
    fields: dict[str, str]  # type, source, role, stance, target, note, id, created, modified
    path: Path
    line: int | None
    source: tuple[Piece, ...] = ()
    cue: tuple[Piece, ...] = ()
    reviewer: str = ""  # whose claim the file says it is ("" when it does not say)


@dataclass
class Imported:
    """What an import makes of one article: claims, article tags, and a report."""

    claims: list[Claim] = field(default_factory=list)
    article_tags: ArticleTags | None = None
    skipped: list[Problem] = field(default_factory=list)
    joined: int = 0  # spans written in pieces at a line break (brat's way) and joined again


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
    # Article tags by (article, reviewer), for files that name the reviewer (jsonl).
    reviewer_article_tags: dict[tuple[str, str], ArticleTags] = field(default_factory=dict)

    def reviewers(self) -> set[str]:
        """The reviewers the file's records name."""
        named = {span.reviewer for spans in self.spans.values() for span in spans}
        return (named | {who for _, who in self.reviewer_article_tags}) - {""}


# A claim's fragments are its pieces in separate paragraphs or around an interruption: a quote
# running over a hundred paragraphs has a hundred. Far more is a broken or hostile file.
MAX_FRAGMENTS = 1_000


def records_of(data: str) -> list[str]:
    """The lines of a line-based file (jsonl, brat standoff): split at ``\n`` (and ``\r\n``)
    only. ``str.splitlines`` also breaks at U+2028, U+0085 and form feeds, which a quote copied
    from a PDF holds: the tool could not read back its own export of such a claim."""
    lines = data.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def place_spans(article: Article, spans: Iterable[Span], schema: Schema) -> Imported:
    """Check each span against the text and turn it into a claim."""
    result = Imported()
    taken: set[str] = set()
    blank = TagFile(article.id, "", article.text_hash)
    for span in spans:
        where = Problem(span.path, "", span.line)
        claim_type = span.fields.get("type", "")
        if claim_type not in schema.keys["claim_types"]:
            message = f"type {claim_type!r} is not a claim type of the schema"
            result.skipped.append(replace(where, message=message))
            continue
        # A stance or target the corpus schema does not know would make a file that does not
        # validate: the span is skipped, as for an unknown type, and the summary says why.
        unknown = [
            f"{field} {span.fields.get(field)!r}"
            for field, section in (("stance", "stances"), ("target", "targets"))
            if span.fields.get(field) and span.fields.get(field) not in schema.keys[section]
        ]
        if unknown:
            message = (
                f"{' and '.join(unknown)} not in the schema; add it to annotations/schema.yaml "
                "or fix the file"
            )
            result.skipped.append(replace(where, message=message))
            continue
        largest = max(len(span.pieces), len(span.source), len(span.cue))
        if largest > MAX_FRAGMENTS:
            message = (
                f"{largest:,} fragments in one span (at most {MAX_FRAGMENTS:,}); "
                "not a claim: split it or fix the file"
            )
            result.skipped.append(replace(where, message=message))
            continue
        content, problem = _fragments(article, span.pieces)
        result.joined += line_break_joins(article, span.pieces) if not problem else 0
        if problem or not content:
            message = problem or "the span holds only white space"
            result.skipped.append(replace(where, message=message))
            continue
        parts = {}
        for part, pieces in (("source", span.source), ("cue", span.cue)):
            parts[part], problem = _fragments(article, pieces)
            if problem:
                message = f"{part} span left out: {problem}"
                result.skipped.append(replace(where, message=message))
        details = {
            k: span.fields.get(k, "") for k in ("source", "role", "stance", "target", "note")
        }
        claim = claim_of(
            blank,
            content,
            claim_type,
            source_fragments=parts["source"],
            cue_fragments=parts["cue"],
            **details,
        )
        claim_id = span.fields.get("id") or ""
        if not claim_id or claim_id in taken:
            claim_id = new_claim_id(taken)
        taken.add(claim_id)
        created = span.fields.get("created") or claim.created
        modified = span.fields.get("modified") or claim.modified
        result.claims.append(replace(claim, id=claim_id, created=created, modified=modified))
    return result


# What XML 1.0 cannot hold: an XMI export writes white space among them as a space and the
# rest as U+FFFD, one code point each, so offsets stay; reading one back pairs them again.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return XML_ILLEGAL.sub(lambda m: " " if m.group().isspace() else "\ufffd", text)


def _same_text(expected: str, actual: str) -> bool:
    """The same words; a character XML cannot hold matches what an XMI export wrote for it."""
    if " ".join(expected.split()) == " ".join(actual.split()):
        return True
    return " ".join(xml_safe(expected).split()) == " ".join(xml_safe(actual).split())


def _fragments(article: Article, pieces: Iterable[Piece]) -> tuple[tuple[Fragment, ...], str]:
    """The fragments of the pieces, or a reason they do not fit the article text."""
    text = article.text
    fragments: list[Fragment] = []
    for piece in pieces:
        label = f"span {piece.start}-{piece.end}"
        if not 0 <= piece.start < piece.end <= len(text):
            return (), f"{label} is outside the article ({len(text)} characters)"
        actual = text[piece.start : piece.end]
        if piece.text is not None and not _same_text(piece.text, actual):
            return (), f"{label} reads {actual[:40]!r} in the article, not {piece.text[:40]!r}"
        for number, start, end in _pieces(article, piece.start, piece.end):
            fragments.append(make_fragment(article, number, start, end))
    return _joined(article, fragments), ""


def _joined(article: Article, fragments: list[Fragment]) -> tuple[Fragment, ...]:
    """Overlapping pieces (brat Content and Content2) become one fragment; so do pieces of one
    paragraph that only a line break separates (brat splits a span there, as it must: its text
    field cannot hold the break)."""
    merged: list[Fragment] = []
    for fragment in sorted(fragments, key=Fragment.position):
        last = merged[-1] if merged else None
        gap = (
            article.paragraph(fragment.paragraph).text[last.end : fragment.start]
            if last and last.paragraph == fragment.paragraph and fragment.start >= last.end
            else None
        )
        if (
            last
            and last.paragraph == fragment.paragraph
            and (fragment.start < last.end or (gap is not None and gap and not gap.strip("\n")))
        ):
            end = max(last.end, fragment.end)
            merged[-1] = make_fragment(article, last.paragraph, last.start, end)
        else:
            merged.append(fragment)
    return tuple(merged)


def line_break_joins(article: Article, pieces: Iterable[Piece]) -> int:
    """How many of the pieces ``_joined`` will join across a line break."""
    ordered = sorted(pieces, key=lambda p: p.start)
    return sum(
        1
        for a, b in pairwise(ordered)
        if a.end < b.start
        and not article.text[a.end : b.start].strip("\n")
        and "\n\n" not in article.text[a.end : b.start]
    )


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
        # Offsets are kept exactly; a piece that is only white space is not part of a span.
        if text[local_start:local_end].strip():
            pieces.append((index + 1, local_start, local_end))
        index += 1
    return pieces
