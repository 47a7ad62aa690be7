"""Tokens of an article: words, numbers and single punctuation marks with their offsets, grouped
in paragraphs (blank-line separated) and sentences, with whether each token is inside a quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotator.spans import sentence_spans

# A word keeps inner apostrophes and hyphens ("O’Malley", "well-known"); "’s" is its own token
# as news attributions split "He’s been ratcheting" at the apostrophe.
_TOKEN = re.compile(r"''|``|[’']s\b|\w+(?:[’'\-.](?!s\b)\w+)*|[^\w\s]", re.UNICODE)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
OPENING_QUOTES = "“«„"
CLOSING_QUOTES = "”»"
STRAIGHT_QUOTE = '"'


@dataclass(frozen=True, slots=True)
class Token:
    start: int  # article offsets, code points, half-open
    end: int
    text: str
    sentence: int  # index of its sentence in its paragraph
    quoted: bool  # inside a quotation (the quote marks themselves are not)


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    tokens: tuple[Token, ...]
    opens_quoted: bool  # a quotation from an earlier paragraph is still open at its start


def paragraph_ranges(text: str) -> list[tuple[int, int]]:
    """Article ranges of the non-blank paragraphs."""
    ranges, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        ranges.append((start, match.start()))
        start = match.end()
    ranges.append((start, len(text)))
    return [(s, e) for s, e in ranges if text[s:e].strip()]


def _mark_kind(mark: str) -> str | None:
    if mark in OPENING_QUOTES:
        return "open"
    if mark in CLOSING_QUOTES:
        return "close"
    return "straight" if mark in (STRAIGHT_QUOTE, "''", "``") else None


def _first_mark(tokens: list[tuple[int, int, str]]) -> tuple[str | None, bool]:
    """The kind of a paragraph's first double quote mark, and whether the paragraph starts
    with it."""
    for index, (_, _, mark) in enumerate(tokens):
        kind = _mark_kind(mark)
        if kind is not None:
            return kind, index == 0
    return None, False


def _continues(marks: list[tuple[str | None, bool]], index: int) -> bool:
    """Does a quotation left open before paragraph ``index`` go on in it? Yes when the paragraph
    closes a quotation it did not open, or when it has no quote marks and one of the next three
    paragraphs closes one that way (translated copy does not re-open each paragraph)."""
    for kind, at_start in marks[index : index + 4]:
        if kind is None:
            continue
        return kind in ("close", "straight") and not at_start
    return False


def tokenize(text: str) -> list[Paragraph]:
    """The article's paragraphs with their tokens. A quotation left open at a paragraph's end
    goes on in the next paragraph when that one opens with a quote mark (the English convention
    for quotes over several paragraphs) or closes the quotation (``_continues``)."""
    ranges = paragraph_ranges(text)
    raw = [
        [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]
        for start, end in ranges
    ]
    marks = [_first_mark(tokens) for tokens in raw]
    paragraphs: list[Paragraph] = []
    carried = False
    for index, ((p_start, p_end), found) in enumerate(zip(ranges, raw, strict=True)):
        sentences = sentence_spans(text[p_start:p_end]) or [(0, p_end - p_start)]
        reopened = carried and marks[index][1]
        quoted = carried and not reopened and _continues(marks, index)
        opens_quoted = reopened or quoted
        tokens: list[Token] = []
        sentence = 0
        for start, end, mark in found:
            while sentence + 1 < len(sentences) and start - p_start >= sentences[sentence][1]:
                sentence += 1
            kind = _mark_kind(mark)
            if kind == "open" or (kind == "straight" and not quoted):
                quoted, is_quoted = True, False
            elif kind is not None:
                quoted, is_quoted = False, False
            else:
                is_quoted = quoted
            tokens.append(Token(start, end, mark, sentence, is_quoted))
        carried = quoted
        paragraphs.append(Paragraph(p_start, p_end, tuple(tokens), opens_quoted))
    return paragraphs
