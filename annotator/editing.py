"""Changes to a tag file as pure functions: each returns a new ``TagFile``.

The terminal UI, importers and tests all change tags through these, so every change keeps the
invariants: offsets inside the paragraph, quote and context taken from the text, times set.
"""

from __future__ import annotations

import bisect
from dataclasses import replace
from typing import Any

from annotator import model
from annotator.anchoring import context_around
from annotator.article import Article
from annotator.errors import AnnotatorError
from annotator.model import (
    STATUSES,
    ArticleTags,
    Claim,
    Comment,
    Fragment,
    Fragments,
    ParagraphReview,
    RejectedSuggestion,
    TagFile,
    in_text_order,
    joined_quote,
    new_claim_id,
)


def make_fragment(article: Article, paragraph: int, start: int, end: int) -> Fragment:
    """A span ``[start, end)`` of a paragraph, quote and context taken from the text."""
    if not 1 <= paragraph <= len(article.paragraphs):
        raise AnnotatorError(f"paragraph {paragraph} is not in article {article.id}")
    text = article.paragraphs[paragraph - 1].text
    if not 0 <= start < end <= len(text):
        raise AnnotatorError(
            f"span {start}-{end} is not inside paragraph {paragraph} ({len(text)} characters)"
        )
    if not text[start:end].strip():
        raise AnnotatorError("a span must quote some text, not only white space")
    prefix, suffix = context_around(text, start, end)
    return Fragment(paragraph, start, end, text[start:end], prefix, suffix)


def article_fragments(article: Article, start: int, end: int) -> Fragments:
    """The fragments of an article-text range ``[start, end)``: one per paragraph it touches,
    white space at each piece's ends left out."""
    if not 0 <= start < end <= len(article.text):
        raise AnnotatorError(f"span {start}-{end} is not inside article {article.id}")
    pieces = []
    starts = article.paragraph_starts
    # From the paragraph the range starts in, not from the first: an article of 100,000
    # paragraphs costs the same as one of ten.
    for index in range(max(0, bisect.bisect_right(starts, start) - 1), len(starts)):
        paragraph_start, number = starts[index], index + 1
        if paragraph_start >= end:
            break
        text = article.paragraphs[index].text
        lo, hi = max(start - paragraph_start, 0), min(end - paragraph_start, len(text))
        if lo >= hi:
            continue
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if lo < hi:
            pieces.append(make_fragment(article, number, lo, hi))
    if not pieces:
        raise AnnotatorError("a span must quote some text, not only white space")
    return tuple(pieces)


def make_claim(
    tags: TagFile,
    article: Article,
    paragraph: int,
    start: int,
    end: int,
    claim_type: str,
    **fields: Any,
) -> Claim:
    """A new claim over ``[start, end)`` of a paragraph."""
    return claim_of(tags, (make_fragment(article, paragraph, start, end),), claim_type, **fields)


def claim_of(tags: TagFile, fragments: Fragments, claim_type: str, **fields: Any) -> Claim:
    """A new claim whose content is ``fragments`` (made by ``make_fragment``)."""
    if not fragments:
        raise AnnotatorError("a claim needs some content")
    now = model.utc_now()  # looked up at call time so tests can freeze the clock
    return Claim(
        id=new_claim_id(c.id for c in tags.claims),
        fragments=in_text_order(fragments),
        type=claim_type,
        created=now,
        modified=now,
        **fields,
    )


PARTS = {"content": "fragments", "source": "source_fragments", "cue": "cue_fragments"}


def toggle_span(tags: TagFile, claim_id: str, part: str, fragments: Fragments) -> TagFile:
    """Attach ``fragments`` to a claim's source or cue span, or remove them when the span
    already holds exactly these; attaching a source span fills an empty source name."""
    claim = _claim(tags, claim_id)
    field = PARTS[part]
    current: Fragments = getattr(claim, field)
    positions = {f.position() for f in fragments}
    if positions and positions <= {f.position() for f in current}:
        kept = tuple(f for f in current if f.position() not in positions)
        if part == "content" and not kept:
            raise AnnotatorError("a claim needs some content; delete the claim instead")
        changes: dict[str, object] = {field: kept}
        if part == "source" and claim.source == joined_quote(fragments):
            changes["source"] = ""  # the name came from these words
    else:
        changes = {field: in_text_order((*current, *fragments))}
        if part == "source" and not claim.source:
            changes["source"] = " ".join(joined_quote(fragments).split())
    return update_claim(tags, claim_id, **changes)


def replace_fragment(
    tags: TagFile, claim_id: str, part: str, old: Fragment, new: Fragments
) -> TagFile:
    """Change one fragment of a claim's content, source or cue in place."""
    claim = _claim(tags, claim_id)
    field = PARTS[part]
    current: Fragments = getattr(claim, field)
    if old not in current:
        raise AnnotatorError(f"claim {claim_id} has no such {part} span")
    kept = tuple(f for f in current if f != old)
    return update_claim(tags, claim_id, **{field: in_text_order((*kept, *new))})


def _claim(tags: TagFile, claim_id: str) -> Claim:
    for claim in tags.claims:
        if claim.id == claim_id:
            return claim
    raise AnnotatorError(f"no claim {claim_id}")


def add_claim(tags: TagFile, claim: Claim) -> TagFile:
    if any(c.id == claim.id for c in tags.claims):
        raise AnnotatorError(f"claim id {claim.id} is already used")
    return replace(tags, claims=(*tags.claims, claim)).normalized()


def update_claim(tags: TagFile, claim_id: str, **changes: object) -> TagFile:
    claims = tuple(c.changed(**changes) if c.id == claim_id else c for c in tags.claims)
    if claims == tags.claims and not any(c.id == claim_id for c in tags.claims):
        raise AnnotatorError(f"no claim {claim_id}")
    return replace(tags, claims=claims).normalized()


def delete_claim(tags: TagFile, claim_id: str) -> TagFile:
    return replace(tags, claims=tuple(c for c in tags.claims if c.id != claim_id))


def set_status(tags: TagFile, article: Article, paragraph: int, status: str | None) -> TagFile:
    """Mark a paragraph done or skipped, or clear its status with ``None``."""
    if status is not None and status not in STATUSES:
        raise AnnotatorError(f"status {status!r} must be one of {', '.join(STATUSES)}")
    reviews = tuple(r for r in tags.reviews if r.paragraph != paragraph)
    if status is not None:
        digest = article.paragraphs[paragraph - 1].hash
        reviews = (*reviews, ParagraphReview(paragraph, digest, status))
    return replace(tags, reviews=reviews).normalized()


def set_article_tags(tags: TagFile, article_tags: ArticleTags) -> TagFile:
    stances = tuple(sorted(article_tags.stances))
    return replace(tags, article_tags=replace(article_tags, stances=stances))


def add_comment(tags: TagFile, on_reviewer: str, on_claim: str, text: str) -> TagFile:
    """A comment on a colleague's claim, kept in this reviewer's own file."""
    if on_reviewer == tags.reviewer:
        raise AnnotatorError(
            "comments are for colleagues' claims; edit your own claim's note instead"
        )
    comment = Comment(on_reviewer, on_claim, text.strip(), model.utc_now())
    return replace(tags, comments=(*tags.comments, comment))


def reject_suggestion(tags: TagFile, quote: str, source: str = "") -> TagFile:
    """Keep a suggestion the reviewer turned down (by its content's words) so it is not
    offered again."""
    if any(r.quote == quote for r in tags.rejected_suggestions):
        return tags
    rejected = RejectedSuggestion(quote, source, model.utc_now())
    return replace(tags, rejected_suggestions=(*tags.rejected_suggestions, rejected))
