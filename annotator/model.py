"""The domain: claims, paragraph reviews, article-level tags, and one reviewer's tag file."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

FORMAT_VERSION = 1
CONTEXT_LENGTH = 32  # code points of context kept before and after a quote
STATUSES = ("done", "skipped")


def utc_now() -> str:
    """The current time as stored in tag files (tests replace this to freeze the clock)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class Claim:
    """A tagged span inside one paragraph; offsets are code points, half-open [start, end)."""

    id: str
    paragraph: int
    start: int
    end: int
    quote: str
    type: str
    prefix: str = ""
    suffix: str = ""
    source: str = ""
    role: str = ""
    stance: str = ""
    target: str = ""
    note: str = ""
    created: str = ""
    modified: str = ""
    orphaned: bool = False  # the quote was not found again after the article text changed
    # Adjudicated claims only: the reviewers whose version this is, and who decided.
    origin: tuple[str, ...] = ()
    decided_by: str = ""

    def sort_key(self) -> tuple[int | str, ...]:
        # Text order; claims on the same span by content, so formats that carry no ids (brat)
        # list them in the same order after a round trip.
        return (
            int(self.orphaned), self.paragraph, self.start, self.end, self.type, self.source,
            self.role, self.stance, self.target, self.note, self.id,
        )  # fmt: skip

    def changed(self, **changes: object) -> Claim:
        """A copy with ``changes`` applied and ``modified`` set to now."""
        return replace(self, **changes, modified=utc_now())  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class ParagraphReview:
    """A reviewer's verdict on a paragraph; the hash lets it follow the paragraph if text moves."""

    paragraph: int
    hash: str
    status: str  # one of STATUSES


@dataclass(frozen=True, slots=True)
class ArticleTags:
    outlet: str = ""
    outlet_type: str = ""
    stances: tuple[tuple[str, str], ...] = ()  # (target, stance), sorted by target
    bias_indicators: tuple[str, ...] = ()
    note: str = ""

    @property
    def is_empty(self) -> bool:
        return self == ArticleTags()


@dataclass(frozen=True, slots=True)
class Comment:
    """A reviewer's comment on a colleague's claim, kept in the commenter's own file."""

    on_reviewer: str
    on_claim: str
    text: str
    created: str = ""


@dataclass(frozen=True)
class TagFile:
    """One reviewer's tags of one article: ``annotations/<article>/<reviewer>.yaml``."""

    article: str
    reviewer: str
    text_hash: str
    claims: tuple[Claim, ...] = ()
    reviews: tuple[ParagraphReview, ...] = ()
    article_tags: ArticleTags = ArticleTags()
    comments: tuple[Comment, ...] = ()

    def normalized(self) -> TagFile:
        """Claims in text order and reviews by paragraph: the order they are written in."""
        return replace(
            self,
            claims=tuple(sorted(self.claims, key=Claim.sort_key)),
            reviews=tuple(sorted(self.reviews, key=lambda r: r.paragraph)),
        )

    def status_of(self, paragraph: int) -> str | None:
        return next((r.status for r in self.reviews if r.paragraph == paragraph), None)

    def claims_in(self, paragraph: int) -> tuple[Claim, ...]:
        return tuple(c for c in self.claims if c.paragraph == paragraph and not c.orphaned)

    @property
    def orphans(self) -> tuple[Claim, ...]:
        return tuple(c for c in self.claims if c.orphaned)


def new_claim_id(taken: Iterable[str]) -> str:
    """A short random id, unique within the file; random so two sessions never collide in git."""
    used = set(taken)
    while True:
        candidate = "c" + secrets.token_hex(4)
        if candidate not in used:
            return candidate
