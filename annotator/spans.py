"""Words, sentences and wrapped lines of a paragraph, as code-point spans ``(start, end)``."""

from __future__ import annotations

import bisect
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
    return max(0, bisect.bisect_right(words, offset, key=lambda word: word[0]) - 1)


def sentence_spans(text: str) -> list[Span]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return [_strip_space(text, s, e) for s, e in spans if text[s:e].strip()]


def sentence_at(
    text: str, offset: int, trim: bool = True, sentences: list[Span] | None = None
) -> Span:
    """The sentence at ``offset``; ``sentences`` are ``sentence_spans(text)`` when the caller
    keeps them (a long paragraph is then not split again for each press)."""
    settle = trim_quotes if trim else _strip_space
    spans = sentence_spans(text) if sentences is None else sentences
    index = bisect.bisect_right(spans, offset, key=lambda span: span[1])
    if index < len(spans):
        return settle(text, *spans[index])
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
    in the text starts a new line; a word wider than the line is folded. Linear in the text's
    length (a paragraph of a megabyte of one-cell characters wraps in milliseconds).
    """
    width = max(1, width)
    starts: list[int] = []
    offset = 0
    for raw_line in text.split("\n"):
        starts.append(offset)
        if _one_cell_each(raw_line):
            _wrap_narrow(raw_line, offset, width, starts)
        else:
            _wrap_cells(text, raw_line, offset, width, starts)
        offset += len(raw_line) + 1
    ends = [*starts[1:], len(text)]
    return list(zip(starts, ends, strict=True))


def _one_cell_each(line: str) -> bool:
    """Is every character of ``line`` one terminal cell wide, and the space its only white
    space? (Latin, Cyrillic, Greek, typographic quotes: most news text.)"""
    return all(char == " " or (cell_len(char) == 1 and not char.isspace()) for char in set(line))


def _wrap_narrow(line: str, base: int, width: int, starts: list[int]) -> None:
    """The line starts inside a line of one-cell characters with spaces as the only white space,
    found a window at a time instead of a word at a time."""
    content_end = len(line.rstrip(" "))
    start = 0
    while content_end - start > width:
        window = line[start : start + width + 1]
        space = window.rfind(" ")
        if space > 0 and window[:space].strip(" "):
            # The last word that ends within the width ends the line; the next word starts one.
            following = start + space
            while following < content_end and line[following] == " ":
                following += 1
            start = following
        elif start == 0 and line[0] == " ":
            # Leading white space and a word that does not fit after it: the word starts a line.
            start = len(line) - len(line.lstrip(" "))
        else:
            start += width  # a word wider than the line is folded
        if start >= content_end:
            return
        starts.append(base + start)


def _wrap_cells(text: str, raw_line: str, offset: int, width: int, starts: list[int]) -> None:
    """The line starts inside one line of any text, counting terminal cells word by word."""
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
            if cut == token:  # one character wider than the line: it takes a line of its own
                filled, cut = cell_len(text[token]), token + 1
            token = cut
            starts.append(token)
            cells -= filled
        used += cells + len(match.group()) - len(match.group().rstrip())


_TOKEN = re.compile(r"\S+\s*")
