"""The suggester's entry point: an article's text in, suggested attributions out, each with
article offsets for its content, source and cue, a claim type, source name, role and score."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from annotator.article import Article
from annotator.editing import article_fragments
from annotator.model import TagFile, shared_length
from annotator.suggest.assemble import Found, assemble
from annotator.suggest.claim_types import points_back, typed
from annotator.suggest.rules import (
    content_after_source,
    outermost,
    rule_labels,
    source_beside,
    source_comma,
    structural,
    trimmed,
    whole_cue,
    without,
)
from annotator.suggest.tagger import Tagger, shipped_tagger
from annotator.suggest.tokens import Paragraph, tokenize

Span = tuple[int, int]
Spans = tuple[Span, ...]
# A paragraph longer than this is not prose a reporter wrote (a table, a log, a pasted dump): the
# suggester leaves it alone rather than spend seconds on it.
LONGEST_PARAGRAPH = 20_000
# "It is noted that", "It was also stated": the cue names no one, the claim continues the last.
_IMPERSONAL_STARTS = ("it is", "it was", "it has been", "it had been", "it should be", "it's")


@dataclass(frozen=True, slots=True)
class Suggestion:
    content: Spans  # article offsets (code points, half-open) into the text suggested on
    source_spans: Spans
    cue_spans: Spans
    type: str
    source: str
    role: str
    score: float

    def quote(self, text: str) -> str:
        """The content's words, fragments joined by " … " (as a claim's quote)."""
        return " … ".join(text[s:e] for s, e in self.content)


def _overlaps(first: Sequence[Span], second: Sequence[Span]) -> bool:
    return any(a < d and c < b for a, b in first for c, d in second)


def _words(text: str, spans: Iterable[Span]) -> str:
    return " ".join(text[s:e] for s, e in spans)


def suggest_text(
    text: str,
    skip: Sequence[Span] = (),
    tagger: Tagger | None = None,
) -> list[Suggestion]:
    """Suggestions for a text whose paragraphs are separated by blank lines; ``skip``: article
    ranges (boilerplate paragraphs) where none are made."""
    tagger = tagger or shipped_tagger()
    paragraphs = tokenize(text)
    labels, scores = [], []
    ranges = sorted(skip)
    range_starts = [start for start, _ in ranges]

    def skipped(position: int) -> bool:
        index = bisect.bisect_right(range_starts, position) - 1
        return index >= 0 and position < ranges[index][1]

    for paragraph in paragraphs:
        too_long = paragraph.end - paragraph.start > LONGEST_PARAGRAPH
        if too_long or skipped(paragraph.start):
            labels.append(["O"] * len(paragraph.tokens))
            scores.append([1.0] * len(paragraph.tokens))
        else:
            row, sure = tagger.labels_and_confidence(paragraph.tokens)
            labels.append(rule_labels(text, paragraph, row))
            scores.append(sure)
    found = assemble(paragraphs, labels)
    paragraph_starts = [p.start for p in paragraphs]
    for item in found:
        item.content = trimmed(text, item.content)
        item.cue = whole_cue(text, item.cue)
        if item.cue:
            home = paragraphs[max(0, bisect.bisect_right(paragraph_starts, item.cue[0][0]) - 1)]
            item.source = source_beside(text, home, item)
        # "It is noted": "It" is part of the cue, not a source.
        item.source = [s for s in item.source if not _overlaps([s], item.cue)]
        item.content = trimmed(text, without(content_after_source(text, item), item.cue))
        item.source = source_comma(text, item.source)
    # A signed quotation or transcript line is one attribution whatever the tagger saw in it.
    signed = structural(text, paragraphs)
    found = [
        f for f in found if f.content and not any(_overlaps(f.content, s.content) for s in signed)
    ]
    found += signed
    found.sort(key=lambda f: f.content[0])
    found = outermost(found)
    return _typed(text, found, _Confidence(paragraphs, scores))


class _Confidence:
    """Each token's confidence in its label, found by offset."""

    def __init__(self, paragraphs: Sequence[Paragraph], scores: Sequence[list[float]]) -> None:
        self.starts = [t.start for p in paragraphs for t in p.tokens]
        self.values = [v for row in scores for v in row]

    def mean(self, found: Found) -> float:
        """The mean over the tokens of the cue and content."""
        picked: list[float] = []
        for start, end in (*found.cue, *found.content):
            low = bisect.bisect_left(self.starts, start)
            high = bisect.bisect_left(self.starts, end)
            picked += self.values[low:high]
        return round(sum(picked) / len(picked), 3) if picked else 0.0


def _sentence_around(text: str, spans: Spans) -> str:
    """The text from the sentence start before the first span to the sentence end after it."""
    if not spans:
        return ""
    lo, hi = spans[0][0], spans[-1][1]
    start = max(text.rfind(". ", 0, lo), text.rfind("\n", 0, lo)) + 1
    ends = [i for i in (text.find(". ", hi), text.find("\n", hi)) if i >= 0]
    return text[start : min(ends) if ends else len(text)]


def _typed(text: str, found: list[Found], confidence: _Confidence) -> list[Suggestion]:
    """Types, names and roles (``claim_types``); a source that points back (a pronoun, "the
    minister", an impersonal cue, a surname named before) takes the earlier attribution's."""
    suggestions: list[Suggestion] = []
    last_named: Suggestion | None = None
    by_surname: dict[str, Suggestion] = {}
    for item in found:
        source = _words(text, item.source)
        cue = _words(text, item.cue)
        sentence = _sentence_around(text, (*item.cue, *item.source))
        result = typed(source, sentence)
        kind, name, role = result.type, result.source, result.role
        earlier: Suggestion | None = None
        if (not source and cue.casefold().startswith(_IMPERSONAL_STARTS)) or (
            source and points_back(source)
        ):
            earlier = last_named
        elif source and len(source.split()) <= 2:
            earlier = by_surname.get(source.split()[-1].casefold())
        if earlier is not None:
            media = kind == "media_report" and earlier.type != "unnamed_source"
            kind = "media_report" if media else earlier.type
            name, role = earlier.source, earlier.role
        suggestion = Suggestion(
            tuple(item.content), tuple(item.source), tuple(item.cue), kind, name, role,
            confidence.mean(item),
        )  # fmt: skip
        if source and earlier is None:
            last_named = suggestion
            words = name.split()
            if len(words) >= 2:
                by_surname.setdefault(words[-1].casefold(), suggestion)
        elif earlier is not None:
            last_named = replace(suggestion, type=earlier.type)
        suggestions.append(suggestion)
    return suggestions


def suggest_article(article: Article, tagger: Tagger | None = None) -> list[Suggestion]:
    """Suggestions over ``article.text`` (boilerplate paragraphs left out)."""
    skip = [
        (start, start + len(p.text))
        for start, p in zip(article.paragraph_starts, article.paragraphs, strict=True)
        if p.kind.is_boilerplate
    ]
    return suggest_text(article.text, skip, tagger)


def open_suggestions(
    suggestions: Sequence[Suggestion], article: Article, tags: TagFile | None
) -> list[Suggestion]:
    """The suggestions still to offer: none the reviewer rejected (by the content's words) and
    none whose content shares words with a claim already tagged (looked up by paragraph, so
    this stays cheap at every change of a large file)."""
    if tags is None:
        return list(suggestions)
    rejected = {r.quote for r in tags.rejected_suggestions}
    kept = []
    for suggestion in suggestions:
        if suggestion.quote(article.text) in rejected:
            continue
        fragments = [f for s, e in suggestion.content for f in article_fragments(article, s, e)]
        near = {c.id: c for f in fragments for c in tags.claims_in(f.paragraph)}
        if any(shared_length(fragments, claim.fragments) for claim in near.values()):
            continue
        kept.append(suggestion)
    return kept


def source_words(suggestion: Suggestion, text: str) -> str:
    return _words(text, suggestion.source_spans)
