"""Words, sentences and wrapped lines of a paragraph, as code-point spans ``(start, end)``."""

from __future__ import annotations

import re

from rich.cells import cell_len

_WORD = re.compile(r"\S+")
# A sentence ends at . ! ? or … (possibly repeated), followed by closing quotes or brackets,
# then white space or the end of the paragraph.
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’»)\]]*(?=\s|$)")
_LEADING = "\"“‘«([„‚'"
_TRAILING = ",;:\"”’»)]'"

Span = tuple[int, int]


def word_spans(text: str) -> list[Span]:
    return [match.span() for match in _WORD.finditer(text)]


def word_index_at(words: list[Span], offset: int) -> int:
    """The index of the word at or just before ``offset`` (0 when there are no words)."""
    index = 0
    for number, (start, _end) in enumerate(words):
        if start > offset:
            break
        index = number
    return index


def sentence_spans(text: str) -> list[Span]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return [_strip_space(text, s, e) for s, e in spans if text[s:e].strip()]


def sentence_at(text: str, offset: int, trim: bool = True) -> Span:
    settle = trim_quotes if trim else _strip_space
    for start, end in sentence_spans(text):
        if offset < end:
            return settle(text, start, end)
    return settle(text, *_strip_space(text, 0, len(text)))


def _strip_space(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def trim_quotes(text: str, start: int, end: int) -> Span:
    """Drop white space, opening quotes and brackets at the start, and white space, commas, colons
    and closing quotes at the end: a claim quotes the words, not the punctuation around them."""
    while True:
        before = (start, end)
        start, end = _strip_space(text, start, end)
        while start < end - 1 and text[start] in _LEADING:
            start += 1
        while end > start + 1 and text[end - 1] in _TRAILING:
            end -= 1
        if (start, end) == before:
            return start, end


def wrap(text: str, width: int) -> list[Span]:
    """Greedy word wrap by terminal cells; the spans cover the whole text, in order.

    A line's trailing white space (and line break) belongs to it but is not drawn; a line break
    in the text starts a new line; a word wider than the line is folded.
    """
    width = max(1, width)
    starts: list[int] = []
    offset = 0
    for raw_line in text.split("\n"):
        starts.append(offset)
        used = cell_len(raw_line) - cell_len(raw_line.lstrip())  # leading white space
        for match in _TOKEN.finditer(raw_line):
            token = offset + match.start()
            word_end = token + len(match.group().rstrip())
            cells = cell_len(text[token:word_end])
            if used and used + cells > width:
                starts.append(token)
                used = 0
            while cells > width:
                cut, filled = token, 0
                while cut < word_end and filled + cell_len(text[cut]) <= width:
                    filled += cell_len(text[cut])
                    cut += 1
                token = max(cut, token + 1)
                starts.append(token)
                cells = cell_len(text[token:word_end])
            used += cells + len(match.group()) - len(match.group().rstrip())
        offset += len(raw_line) + 1
    ends = [*starts[1:], len(text)]
    return list(zip(starts, ends, strict=True))


_TOKEN = re.compile(r"\S+\s*")
