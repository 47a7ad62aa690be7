"""Selecting with the mouse in the article view: click focuses a paragraph and puts the cursor on
a word; dragging selects whole words, on into other paragraphs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import events
from textual.widget import Widget

from annotator.article import Article
from annotator.selection import Words, whole_words
from annotator.spans import Span, word_index_at


@dataclass(frozen=True, slots=True)
class Row:
    """One screen row: which paragraph and which part of its text it shows."""

    paragraph: int  # 0-based index
    start: int
    end: int
    first: bool


class MouseSelection(Widget):
    """The article view's mouse handling; the view provides the state declared here."""

    if TYPE_CHECKING:
        article: Article | None
        selection: Span | None
        cursor: int
        _anchor: int | None
        _dragging: bool
        _rows: list[Row]

        @property
        def _gutter(self) -> int: ...

        @property
        def words(self) -> list[Span]: ...

        @property
        def base(self) -> int: ...

        @property
        def article_words(self) -> Words: ...

        def go_to(self, index: int, *, select: Span | None = None) -> None: ...

        def _changed(self) -> None: ...

        def scroll_rows(self, delta: int) -> None: ...
    # --- mouse --------------------------------------------------------------------------------

    def _offset_at(self, x: int, y: int) -> tuple[int, int | None] | None:
        """(paragraph index, offset in its text or None for the gutter) under a screen cell."""
        if not 0 <= y < len(self._rows) or self.article is None:
            return None
        row = self._rows[y]
        if row.paragraph < 0:
            return None
        column = x - self._gutter
        if column < 0:
            return row.paragraph, None
        text = self.article.paragraphs[row.paragraph].text
        offset, cells = row.start, 0
        while offset < row.end and cells + cell_len(text[offset]) <= column:
            cells += cell_len(text[offset])
            offset += 1
        return row.paragraph, min(offset, max(row.start, row.end - 1))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        hit = self._offset_at(event.x, event.y)
        if hit is None:
            return
        index, offset = hit
        self.go_to(index)
        if offset is not None and self.words:
            self.cursor = word_index_at(self.words, offset)
            self.selection = None
            self._anchor = self.base + self.words[self.cursor][0]
            self._dragging = True
            self.capture_mouse()
        self._changed()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if not self._dragging or self._anchor is None or self.article is None:
            return
        hit = self._offset_at(event.x, event.y)
        if hit is None or hit[1] is None:
            return
        # Dragging may run on into other paragraphs: whole words from the anchor to here.
        offset = self.article.paragraph_starts[hit[0]] + hit[1]
        low, high = sorted((self._anchor, offset))
        self.selection = whole_words(self.article_words, (low, high + 1))
        self._changed()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self.scroll_rows(3)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self.scroll_rows(-3)
