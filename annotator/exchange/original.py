"""Offsets counted in an article's original file, mapped onto the text as the tool sees it.

brat and Label Studio users annotate the file as it is: with a byte-order mark, CRLF line ends,
indented lines, several blank lines. The tool's text differs from it only in white space (see
``annotator.article``), so every character of the original that survives normalisation can be
paired with its place in the normalised text by one walk over both. Any other difference (a
changed word) means the annotations were made on another text: that is refused, with where the
two first differ.
"""

from __future__ import annotations

from dataclasses import replace

from annotator.exchange.placement import XML_ILLEGAL, Piece, Span, xml_safe

# What normalisation removes: white space at line ends and starts, CR, blank lines, the BOM.
_DROPPED = frozenset(" \t\r\n\x0b\x0c\ufeff\u00a0\u2028\u2029\x85\u3000\u1680") | frozenset(
    chr(c) for c in range(0x2000, 0x200B)
)


def _stands_for(written: str, char: str) -> bool:
    """Is ``written`` what an XMI export wrote for the article's ``char``?"""
    return written != char and XML_ILLEGAL.match(char) is not None and xml_safe(char) == written


def offset_map(original: str, text: str) -> list[int] | None:
    """For each offset of ``original`` (and its end), the offset in ``text``; ``None`` when
    the two differ in more than white space."""
    mapping = [0] * (len(original) + 1)
    j = 0
    for i, char in enumerate(original):
        if j < len(text) and (char == text[j] or _stands_for(char, text[j])):
            mapping[i] = j
            j += 1
            continue
        mapping[i] = j
        if char in _DROPPED or char.isspace():
            continue
        while j < len(text) and text[j] in "\n " and text[j] != char:
            j += 1  # white space the normalised text has where the original has none
        if j < len(text) and char == text[j]:
            mapping[i] = j
            j += 1
            continue
        return None
    if text[j:].strip():
        return None
    mapping[len(original)] = j
    return mapping


def first_difference(original: str, text: str) -> str:
    """Where the two texts first differ, ignoring white space, for an error message."""
    a = [(i, c) for i, c in enumerate(original) if not c.isspace() and c != "\ufeff"]
    b = [c for c in text if not c.isspace()]
    for (at, char), other in zip(a, b, strict=False):
        if char != other:
            line = original.count("\n", 0, at) + 1
            return (
                f"line {line} of the file reads {original[at : at + 30]!r} where the article has "
                f"{other!r}"
            )
    return "one of them is longer" if len(a) != len(b) else "they differ in white space only"


def mapped(spans: list[Span], mapping: list[int]) -> list[Span]:
    """The spans with every piece's offsets moved onto the normalised text."""

    def move(pieces: tuple[Piece, ...]) -> tuple[Piece, ...]:
        limit = len(mapping) - 1
        return tuple(
            replace(p, start=mapping[min(p.start, limit)], end=mapping[min(p.end, limit)])
            if 0 <= p.start < p.end <= limit
            else p  # out of range: the usual "outside the article" message follows
            for p in pieces
        )

    return [
        replace(span, pieces=move(span.pieces), source=move(span.source), cue=move(span.cue))
        for span in spans
    ]
