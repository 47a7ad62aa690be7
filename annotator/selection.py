"""Selections over a whole article: ranges of ``Article.text`` grown and shrunk at either end.

A selection is a half-open range of article-text offsets (code points), so it may run over
paragraph breaks; ``editing.article_fragments`` turns it into one fragment per paragraph. These
functions are pure: the terminal UI keeps the range and calls them for every key.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from annotator.article import Article
from annotator.spans import Span, trim_quotes

_WORD = re.compile(r"\S+")
# Opening and closing quotation marks, paired for quotation selection.
_QUOTE_PAIRS = {"“": "”", '"': '"', "«": "»", "„": "“", "‘": "’"}


@dataclass(frozen=True, slots=True)
class Words:
    """The word spans of an article's text, for moving selection ends word by word."""

    text: str
    spans: tuple[Span, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, article: Article) -> Words:
        text = article.text
        spans = tuple(m.span() for m in _WORD.finditer(text))
        return cls(text, spans, tuple(s for s, _ in spans), tuple(e for _, e in spans))

    def word_at(self, offset: int) -> int:
        """The index of the word at or just before ``offset``."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)


def _settle(text: str, start: int, end: int, trim: bool) -> Span:
    trimmed = trim_quotes(text, start, end) if trim else (start, end)
    return trimmed if trimmed[0] < trimmed[1] else (start, end)  # never an empty selection


def move_end(words: Words, selection: Span, delta: int, trim: bool = True) -> Span:
    """The end moved ``delta`` words later (grow) or earlier (shrink), never before the start's
    word; past a paragraph's last word it runs on into the next paragraph."""
    start, end = selection
    if not words.spans:
        return selection
    index = bisect.bisect_left(words.ends, end)  # the word the end is in (or just after)
    index = min(index, len(words.spans) - 1)
    if delta > 0 and any(_in_word(c) for c in words.text[end : words.ends[index]]):
        delta -= 1  # an end inside a word grows first to that word's end
    first = words.word_at(start)
    target = max(first, min(len(words.spans) - 1, index + delta))
    return _settle(words.text, start, max(words.ends[target], start + 1), trim)


def move_start(words: Words, selection: Span, delta: int, trim: bool = True) -> Span:
    """The start moved ``delta`` words later (shrink) or earlier (grow), never past the end's
    word; before a paragraph's first word it runs back into the previous paragraph."""
    start, end = selection
    if not words.spans:
        return selection
    index = words.word_at(start)
    if delta < 0 and any(_in_word(c) for c in words.text[words.starts[index] : start]):
        delta += 1  # a start inside a word grows first to that word's start
    last = max(0, bisect.bisect_left(words.ends, end))
    last = min(last, len(words.spans) - 1)
    target = min(last, max(0, index + delta))
    return _settle(words.text, min(words.starts[target], end - 1), end, trim)


# Where a clause ends: punctuation (with closing quotes) before white space, a dash between
# spaces, or a paragraph break.
_CLAUSE_END = re.compile(r"[,;:.!?…]+[\"”’»)\]]*(?=\s|$)|\s[—–](?=\s)|(?=\n\n)|$")


_WINDOW = 4000  # code points looked at before a selection: clauses are far shorter


def move_end_by_clause(text: str, selection: Span, delta: int = 1, trim: bool = True) -> Span:
    """The end moved on to the end of the next clause (past a comma, a full stop, a dash…),
    on into the next paragraph at a paragraph's end; or back to the end of the previous one."""
    start, end = selection
    if delta < 0:
        ends = [
            m.end()
            for m in _CLAUSE_END.finditer(text, max(start, end - _WINDOW), end)
            if m.end() < end and m.group()
        ]
        for candidate in reversed(ends):
            settled = _settle(text, start, candidate, trim)
            if start < settled[1] < end:
                return settled
        return selection
    for match in _CLAUSE_END.finditer(text, end):
        if match.start() > end or (match.start() == end and match.end() > end and not trim):
            return _settle(text, start, match.end() if match.group() else match.start(), trim)
    return selection


def move_start_by_clause(text: str, selection: Span, delta: int = 1, trim: bool = True) -> Span:
    """The start moved on past the next clause end (leaving out "However, as X noted,"), or
    back to the start of the previous clause."""
    start, end = selection
    if delta < 0:
        lo = max(0, start - _WINDOW)
        starts = [lo if lo == 0 else None]
        starts += [m.end() for m in _CLAUSE_END.finditer(text, lo, start) if m.end() < start]
        for candidate in reversed([c for c in starts if c is not None]):
            after = _skip_space(text, candidate, start)
            if after < start and text[after:start].strip(" \n\"“”'‘’«»"):
                return _settle(text, after, end, trim)
        return selection
    for match in _CLAUSE_END.finditer(text, start):
        after = _skip_space(text, match.end(), end)
        if start < after < end:
            return _settle(text, after, end, trim)
        if after >= end:
            break
    return selection


def _skip_space(text: str, position: int, limit: int) -> int:
    while position < limit and text[position].isspace():
        position += 1
    return position


def move_end_by_char(text: str, selection: Span, delta: int) -> Span:
    start, end = selection
    return start, max(start + 1, min(len(text), end + delta))


def move_start_by_char(text: str, selection: Span, delta: int) -> Span:
    start, end = selection
    return max(0, min(end - 1, start + delta)), end


def search(text: str, query: str, after: int, folded: str | None = None) -> Span | None:
    """The next match of ``query`` (case-insensitive) after offset ``after``, wrapping around;
    ``folded`` is ``text.casefold()`` when the caller keeps it."""
    needle = query.casefold()
    if not needle:
        return None
    haystack = text.casefold() if folded is None else folded
    found = haystack.find(needle, after)
    if found == -1:
        found = haystack.find(needle)
    if found == -1 or len(haystack) != len(text):  # casefold changed lengths: match exactly
        found = text.find(query, after)
        if found == -1:
            found = text.find(query)
    return None if found == -1 else (found, found + len(query))


def _in_word(char: str) -> bool:
    return char.isalnum() or char in "'’-_"


def whole_words(words: Words, span: Span) -> Span:
    """A match widened to the whole words it touches: over letters and digits (and apostrophes
    and hyphens inside words), not over the punctuation or quotation marks around them."""
    text = words.text
    start, end = span
    while start > 0 and _in_word(text[start - 1]) and _in_word(text[start]):
        start -= 1
    while end < len(text) and _in_word(text[end]) and _in_word(text[end - 1]):
        end += 1
    return start, end


def quotation_at(text: str, offset: int) -> Span | None:
    """The quotation around ``offset``, or else the next one after it: the text between an
    opening quotation mark and its closing mark, which may be paragraphs later (a long quote
    reopens each paragraph but closes once), the marks left out."""
    best: tuple[int, int] | None = None  # the innermost quotation around the offset
    after: tuple[int, int] | None = None  # the first one starting after it
    for opening_mark, closing_mark in _QUOTE_PAIRS.items():
        for opening, closing in _quotations(text, opening_mark, closing_mark):
            if opening < offset <= closing:
                if best is None or opening > best[0]:
                    best = (opening, closing)
            elif opening >= offset and (after is None or opening < after[0]):
                after = (opening, closing)
    chosen = best or after
    if chosen is None:
        return None
    start, end = trim_quotes(text, chosen[0] + 1, chosen[1])
    return (start, end) if start < end else None


def _quotations(text: str, opening_mark: str, closing_mark: str) -> list[tuple[int, int]]:
    """(opening, closing) positions of the quotations marked with this pair."""
    found = []
    position = text.find(opening_mark)
    while position != -1:
        closing = text.find(closing_mark, position + 1)
        if closing == -1:
            break
        found.append((position, closing))
        position = text.find(opening_mark, closing + 1)
    return found
