"""Finding claims again after an article's text changed.

A claim stores its paragraph and offsets, the exact quote and a little context before and after
it (the W3C TextQuoteSelector idea). When the text changes, each claim is looked up by its quote:
exact occurrences first (the one whose context matches best, then the nearest to where it was),
then the nearest approximate match. A claim that cannot be found is kept, marked orphaned.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from enum import StrEnum

from annotator.article import PARAGRAPH_SEPARATOR, Article
from annotator.model import (
    CONTEXT_LENGTH,
    Claim,
    Fragment,
    ParagraphReview,
    TagFile,
    in_text_order,
    joined_quote,
)

MAX_EXACT_CANDIDATES = 2000
FUZZY_NEIGHBOURS = 3  # paragraphs either side of the old position searched approximately
FUZZY_MIN_RATIO = 0.75
CONTEXT_PROBE = 12  # code points of context used to find where a changed quote went


class Outcome(StrEnum):
    KEPT = "kept"  # same place, nothing to do
    MOVED = "moved"  # same quote, new paragraph or offsets
    CHANGED = "changed"  # found approximately: the quote now reads differently
    ORPHANED = "orphaned"  # not found; kept and flagged


@dataclass(frozen=True, slots=True)
class AnchorReport:
    claim_id: str
    outcome: Outcome
    old_quote: str
    new_quote: str


@dataclass(frozen=True, slots=True)
class Location:
    paragraph: int
    start: int
    end: int


def context_around(text: str, start: int, end: int) -> tuple[str, str]:
    return text[max(0, start - CONTEXT_LENGTH) : start], text[end : end + CONTEXT_LENGTH]


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _locate_offset(article: Article, offset: int) -> tuple[int, int]:
    """(paragraph number, offset inside it) of an article-text offset."""
    index = bisect.bisect_right(article.paragraph_starts, offset) - 1
    return index + 1, offset - article.paragraph_starts[index]


def find_exact(claim: Fragment, article: Article) -> Location | None:
    """The best exact occurrence of the fragment's quote: best context, then nearest."""
    if not claim.quote or PARAGRAPH_SEPARATOR in claim.quote:
        return None
    text, best, best_key = article.text, None, None
    position = text.find(claim.quote)
    found = 0
    while position != -1 and found < MAX_EXACT_CANDIDATES:
        number, start = _locate_offset(article, position)
        paragraph_text = article.paragraphs[number - 1].text
        end = start + len(claim.quote)
        if end <= len(paragraph_text):
            before, after = context_around(paragraph_text, start, end)
            score = _common_suffix(claim.prefix, before) + _common_prefix(claim.suffix, after)
            key = (-score, abs(number - claim.paragraph), abs(start - claim.start))
            if best_key is None or key < best_key:
                best, best_key = Location(number, start, end), key
        found += 1
        position = text.find(claim.quote, position + 1)
    return best


def _fuzzy_in(quote: str, paragraph_text: str) -> tuple[float, int, int]:
    """Best approximate occurrence of ``quote`` in ``paragraph_text``: (ratio, start, end)."""
    matcher = SequenceMatcher(None, quote, paragraph_text, autojunk=False)
    longest = matcher.find_longest_match(0, len(quote), 0, len(paragraph_text))
    if longest.size == 0:
        return 0.0, 0, 0
    slack = len(quote) // 4 + 4
    lo = max(0, longest.b - longest.a - slack)
    hi = min(len(paragraph_text), longest.b + (len(quote) - longest.a) + slack)
    window = paragraph_text[lo:hi]
    blocks = [
        b
        for b in SequenceMatcher(None, quote, window, autojunk=False).get_matching_blocks()
        if b.size
    ]
    first, last = blocks[0], blocks[-1]
    start = max(0, lo + first.b - first.a)
    end = min(len(paragraph_text), lo + last.b + last.size + (len(quote) - last.a - last.size))
    candidate = paragraph_text[start:end].strip()
    start += paragraph_text[start:end].find(candidate) if candidate else 0
    end = start + len(candidate)
    ratio = SequenceMatcher(None, quote, candidate, autojunk=False).ratio()
    return ratio, start, end


def find_nearest(claim: Fragment, article: Article) -> Location | None:
    """An approximate match near the fragment's old paragraph or near its remembered context."""
    if not claim.quote.strip():
        return None
    count = len(article.paragraphs)
    numbers = set(
        range(
            max(1, claim.paragraph - FUZZY_NEIGHBOURS),
            min(count, claim.paragraph + FUZZY_NEIGHBOURS) + 1,
        )
    )
    for probe in (claim.prefix[-CONTEXT_PROBE:], claim.suffix[:CONTEXT_PROBE]):
        if len(probe.strip()) >= 6:
            position = article.text.find(probe)
            if position != -1:
                numbers.add(_locate_offset(article, position)[0])
    best: tuple[float, int, int, int] | None = None
    for number in sorted(numbers, key=lambda n: abs(n - claim.paragraph)):
        ratio, start, end = _fuzzy_in(claim.quote, article.paragraphs[number - 1].text)
        if ratio >= FUZZY_MIN_RATIO and end > start and (best is None or ratio > best[0]):
            best = (ratio, number, start, end)
    return None if best is None else Location(best[1], best[2], best[3])


_SEVERITY = (Outcome.KEPT, Outcome.MOVED, Outcome.CHANGED, Outcome.ORPHANED)


def reanchor_fragment(fragment: Fragment, article: Article) -> tuple[Fragment, Outcome]:
    location = find_exact(fragment, article)
    outcome = Outcome.MOVED
    if location is None:
        location = find_nearest(fragment, article)
        outcome = Outcome.CHANGED
    if location is None:
        return replace(fragment, orphaned=True), Outcome.ORPHANED
    paragraph_text = article.paragraphs[location.paragraph - 1].text
    quote = paragraph_text[location.start : location.end]
    prefix, suffix = context_around(paragraph_text, location.start, location.end)
    moved = Fragment(location.paragraph, location.start, location.end, quote, prefix, suffix)
    if moved == fragment:
        outcome = Outcome.KEPT
    elif quote == fragment.quote:
        outcome = Outcome.MOVED
    return moved, outcome


def reanchor_claim(claim: Claim, article: Article) -> tuple[Claim, AnchorReport]:
    """Find every fragment of the claim (content, source, cue) again; the report gives the
    worst outcome of its content, or of its other spans when the content stayed put."""
    parts: dict[str, tuple[Fragment, ...]] = {}
    outcomes: dict[str, Outcome] = {}
    for field in ("fragments", "source_fragments", "cue_fragments"):
        found = [reanchor_fragment(f, article) for f in getattr(claim, field)]
        # Two pieces may land on the same words (a repeated quote): keep them once, in order.
        parts[field] = in_text_order(f for f, _ in found)
        outcomes[field] = max((o for _, o in found), key=_SEVERITY.index, default=Outcome.KEPT)
    outcome = outcomes["fragments"]
    if outcome is Outcome.KEPT:
        outcome = max(outcomes.values(), key=_SEVERITY.index)
        if outcome is Outcome.ORPHANED:
            outcome = Outcome.CHANGED  # the content is in place; only its source or cue went
    moved = replace(claim, **parts)  # type: ignore[arg-type]
    return moved, AnchorReport(
        claim.id, outcome, claim.quote, joined_quote(f for f in moved.fragments)
    )


def reanchor(tags: TagFile, article: Article) -> tuple[TagFile, list[AnchorReport], list[int]]:
    """Re-anchor every claim and review to a changed article text.

    Returns the updated tags, a report per claim, and the old paragraph numbers whose review
    status was cleared because that paragraph's text no longer exists.
    """
    claims, reports = [], []
    for claim in tags.claims:
        updated, report = reanchor_claim(claim, article)
        claims.append(updated)
        reports.append(report)
    by_hash: dict[str, list[int]] = {}
    for paragraph in article.paragraphs:
        by_hash.setdefault(paragraph.hash, []).append(paragraph.number)
    reviews, cleared, taken = [], [], set()
    for review in tags.reviews:
        candidates = [n for n in by_hash.get(review.hash, []) if n not in taken]
        if not candidates:
            cleared.append(review.paragraph)
            continue
        number = min(candidates, key=lambda n: abs(n - review.paragraph))
        taken.add(number)
        reviews.append(ParagraphReview(number, review.hash, review.status))
    updated_tags = replace(
        tags, claims=tuple(claims), reviews=tuple(reviews), text_hash=article.text_hash
    )
    return updated_tags.normalized(), reports, cleared
