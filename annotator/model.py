"""The domain: claims, paragraph reviews, article-level tags, and one reviewer's tag file."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cached_property

FORMAT_VERSION = 2  # 2: claims are fragments with source and cue spans; 1 is still read
CONTEXT_LENGTH = 32  # code points of context kept before and after a quote
STATUSES = ("done", "skipped")


def utc_now() -> str:
    """The current time as stored in tag files (tests replace this to freeze the clock)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class Fragment:
    """One piece of a span inside one paragraph; offsets are code points, half-open [start, end).

    The quote and a little context before and after it let the piece be found again when the
    article text changes (the W3C TextQuoteSelector idea).
    """

    paragraph: int
    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""
    orphaned: bool = False  # the quote was not found again after the article text changed

    def position(self) -> tuple[int, int, int]:
        return (self.paragraph, self.start, self.end)


Fragments = tuple[Fragment, ...]


def in_text_order(fragments: Iterable[Fragment]) -> Fragments:
    """Fragments sorted by position, exact repeats dropped."""
    fragments = tuple(fragments)
    unique = {f.position(): f for f in fragments if not f.orphaned}
    lost = tuple(f for f in fragments if f.orphaned)
    return tuple(unique[k] for k in sorted(unique)) + lost


@dataclass(frozen=True, slots=True)
class Claim:
    """A tagged attribution: its content (one or more fragments, in text order, possibly in
    several paragraphs), optionally the words naming its source and its reporting cue, and the
    reviewer's tags."""

    id: str
    fragments: Fragments
    type: str
    source_fragments: Fragments = ()
    cue_fragments: Fragments = ()
    source: str = ""
    role: str = ""
    stance: str = ""
    target: str = ""
    note: str = ""
    created: str = ""
    modified: str = ""
    # Adjudicated claims only: the reviewers whose version this is, and who decided.
    origin: tuple[str, ...] = ()
    decided_by: str = ""
    suggested: bool = False  # accepted from a suggestion (kept to measure their precision)
    # Computed once: sorting a file of thousands of claims at every change must stay cheap.
    _sort_key: tuple[object, ...] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        # Text order; claims on the same span by content, so formats that carry no ids (brat)
        # list them in the same order after a round trip.
        key = (
            int(any(f.orphaned for f in self.fragments)),
            tuple(f.position() for f in self.fragments), self.type, self.source, self.role,
            self.stance, self.target, self.note,
            tuple(f.position() for f in self.source_fragments),
            tuple(f.position() for f in self.cue_fragments), self.id,
        )  # fmt: skip
        object.__setattr__(self, "_sort_key", key)

    @property
    def first(self) -> Fragment:
        return self.fragments[0]

    @property
    def paragraph(self) -> int:
        """The paragraph the claim starts in."""
        return self.fragments[0].paragraph

    @property
    def paragraphs(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(f.paragraph for f in self.fragments))

    @property
    def quote(self) -> str:
        """The content's words; fragments joined by " … "."""
        return joined_quote(self.fragments)

    @property
    def orphaned(self) -> bool:
        """Some of the content was not found again after the article text changed."""
        return any(f.orphaned for f in self.fragments)

    @property
    def source_quote(self) -> str:
        return joined_quote(self.source_fragments)

    @property
    def cue_quote(self) -> str:
        return joined_quote(self.cue_fragments)

    def all_fragments(self) -> tuple[tuple[str, Fragment], ...]:
        """Every fragment with its part: "content", "source" or "cue"."""
        return (
            *(("content", f) for f in self.fragments),
            *(("source", f) for f in self.source_fragments),
            *(("cue", f) for f in self.cue_fragments),
        )

    def source_label(self) -> str:
        """Who said it: the source name, else the words of the source span."""
        return self.source or self.source_quote

    def sort_key(self) -> tuple[object, ...]:
        return self._sort_key

    def changed(self, **changes: object) -> Claim:
        """A copy with ``changes`` applied and ``modified`` set to now."""
        return replace(self, **changes, modified=utc_now())  # type: ignore[arg-type]


def joined_quote(fragments: Iterable[Fragment]) -> str:
    return " … ".join(f.quote for f in fragments)


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


OUTCOMES = ("accepted", "rejected")


@dataclass(frozen=True, slots=True)
class Decision:
    """An adjudicator's decision on one unit (kept in ``adjudicated.yaml``): which reviewers'
    claims it settles, whether a version was accepted (which, and whether it was then edited)
    or the claim rejected, who decided and when."""

    settles: tuple[tuple[str, str], ...]  # (reviewer, claim id) of every claim of the unit
    outcome: str  # one of OUTCOMES
    version: str = ""  # the reviewer whose version was taken
    claim: str = ""  # the adjudicated claim's id, when accepted
    edited: bool = False
    decided_by: str = ""
    decided: str = ""


@dataclass(frozen=True, slots=True)
class RejectedSuggestion:
    """A suggestion the reviewer turned down, by its content's words: it is not offered again,
    wherever the text around it moves."""

    quote: str
    source: str = ""
    rejected: str = ""


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
    decisions: tuple[Decision, ...] = ()  # adjudicated.yaml only
    rejected_suggestions: tuple[RejectedSuggestion, ...] = ()

    def normalized(self) -> TagFile:
        """Claims in text order and reviews by paragraph: the order they are written in."""
        return replace(
            self,
            claims=tuple(sorted(self.claims, key=Claim.sort_key)),
            reviews=tuple(sorted(self.reviews, key=lambda r: r.paragraph)),
        )

    @property
    def is_reviewers(self) -> bool:
        """Does this file tag anything (claims, reviews, article tags)? A file of comments
        only, such as an adjudicator's, does not make its author one of the reviewers."""
        return bool(self.claims or self.reviews or not self.article_tags.is_empty)

    def status_of(self, paragraph: int) -> str | None:
        return self._status_by_paragraph.get(paragraph)

    def claims_in(self, paragraph: int) -> tuple[Claim, ...]:
        """Claims with some content, source or cue in the paragraph, in file order."""
        return self._claims_by_paragraph.get(paragraph, ())

    # Indexes built once per (immutable) tag file: asking per paragraph stays linear overall.
    @cached_property
    def _status_by_paragraph(self) -> dict[int, str]:
        found: dict[int, str] = {}
        for review in self.reviews:
            found.setdefault(review.paragraph, review.status)
        return found

    @cached_property
    def _claims_by_paragraph(self) -> dict[int, tuple[Claim, ...]]:
        found: dict[int, list[Claim]] = {}
        for claim in self.claims:
            if claim.orphaned:
                continue
            touched = {f.paragraph for _, f in claim.all_fragments() if not f.orphaned}
            for paragraph in sorted(touched):
                found.setdefault(paragraph, []).append(claim)
        return {paragraph: tuple(claims) for paragraph, claims in found.items()}

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


def positions(fragments: Iterable[Fragment]) -> tuple[tuple[int, int, int], ...]:
    """Where the fragments are: the key two spans are compared by ("exactly the same")."""
    return tuple(f.position() for f in fragments)


def span_length(fragments: Iterable[Fragment]) -> int:
    return sum(f.end - f.start for f in fragments)


def shared_length(first: Iterable[Fragment], second: Iterable[Fragment]) -> int:
    """Characters the two spans have in common (fragments of one span never overlap)."""
    by_paragraph: dict[int, list[Fragment]] = {}
    for fragment in second:
        by_paragraph.setdefault(fragment.paragraph, []).append(fragment)
    return sum(
        max(0, min(a.end, b.end) - max(a.start, b.start))
        for a in first
        for b in by_paragraph.get(a.paragraph, ())
    )
