"""Which rows of the article the view shows: a first paragraph and a row inside it.

Pure arithmetic over "how many rows does paragraph i take" (each paragraph is followed by one
blank row), so a paragraph of 10,000 rows scrolls row by row and keeping the cursor on screen
costs time in the screen's height, never in the article's length.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

RowsOf = Callable[[int], int]


@dataclass(frozen=True, slots=True, order=True)
class Top:
    """The first row on screen: row ``row`` of paragraph ``paragraph`` (0-based)."""

    paragraph: int
    row: int = 0


def follow(top: Top, focus: int, point_row: int, height: int, rows_of: RowsOf) -> Top:
    """The top that puts paragraph ``focus`` on screen, whole when it fits, else at least its
    row ``point_row``; ``top`` itself when that is on screen already (no jumping)."""
    height = max(1, height)
    total = rows_of(focus)
    first, last = (0, total - 1) if total <= height else (point_row, point_row)
    if Top(focus, first) < top:
        return Top(focus, first)
    paragraph, row = top.paragraph, top.row
    if paragraph < focus - height:  # every paragraph takes two rows at least
        paragraph, row = focus - height, 0
    while paragraph < focus:
        used = rows_of(paragraph) + 1 - row
        used += sum(rows_of(i) + 1 for i in range(paragraph + 1, focus)) + last + 1
        if used <= height:
            return Top(paragraph, row)
        paragraph, row = paragraph + 1, 0
    return Top(focus, max(row, last - height + 1))


def scroll(top: Top, delta: int, count: int, rows_of: RowsOf) -> Top:
    """``top`` moved by ``delta`` rows (blank rows between paragraphs included), within the
    article's ``count`` paragraphs."""
    if count <= 0:
        return Top(0)
    paragraph, row = min(top.paragraph, count - 1), top.row + delta
    while row < 0 and paragraph > 0:
        paragraph -= 1
        row += rows_of(paragraph) + 1
    while paragraph < count - 1 and row >= rows_of(paragraph) + 1:
        row -= rows_of(paragraph) + 1
        paragraph += 1
    if row >= rows_of(paragraph):  # the blank row after a paragraph is not a place to start
        row = max(0, rows_of(paragraph) - 1) if paragraph == count - 1 else 0
        paragraph = paragraph if paragraph == count - 1 else paragraph + 1
    return Top(paragraph, max(0, row))
