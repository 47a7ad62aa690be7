"""Changes to a tag file as pure functions: each returns a new ``TagFile``.

The terminal UI, importers and tests all change tags through these, so every change keeps the
invariants: offsets inside the paragraph, quote and context taken from the text, times set.
"""

from __future__ import annotations

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
    ParagraphReview,
    TagFile,
    new_claim_id,
)


def make_claim(
    tags: TagFile,
    article: Article,
    paragraph: int,
    start: int,
    end: int,
    claim_type: str,
    **fields: Any,
) -> Claim:
    """A new claim over ``[start, end)`` of a paragraph, quote and context taken from the text."""
    if not 1 <= paragraph <= len(article.paragraphs):
        raise AnnotatorError(f"paragraph {paragraph} is not in article {article.id}")
    text = article.paragraphs[paragraph - 1].text
    if not 0 <= start < end <= len(text):
        raise AnnotatorError(
            f"span {start}-{end} is not inside paragraph {paragraph} ({len(text)} characters)"
        )
    if not text[start:end].strip():
        raise AnnotatorError("a claim must quote some text, not only white space")
    prefix, suffix = context_around(text, start, end)
    now = model.utc_now()  # looked up at call time so tests can freeze the clock
    return Claim(
        id=new_claim_id(c.id for c in tags.claims),
        paragraph=paragraph,
        start=start,
        end=end,
        quote=text[start:end],
        type=claim_type,
        prefix=prefix,
        suffix=suffix,
        created=now,
        modified=now,
        **fields,
    )


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
