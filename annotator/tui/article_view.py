"""The article, paragraph by paragraph, with a focused paragraph, a word cursor and a selection.

Only the paragraphs on screen are laid out and drawn, so an article of 10,000 paragraphs opens as
fast as a short one: no widget per paragraph, and wrapped lines are cached per paragraph and width.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from annotator.article import Article, Paragraph, ParagraphKind
from annotator.display import safe_text
from annotator.model import Claim, TagFile
from annotator.schema import Schema
from annotator.spans import Span, sentence_at, trim_quotes, word_index_at, word_spans, wrap
from annotator.styles import claim_styles

STATUS_GLYPHS = {"done": "✓", "skipped": "–"}


@dataclass(frozen=True, slots=True)
class Row:
    """One screen row: which paragraph and which part of its text it shows."""

    paragraph: int  # 0-based index
    start: int
    end: int
    first: bool


class ArticleView(Widget, can_focus=True):
    """Attributes down (article, tags), messages up (``Moved`` when focus or selection change)."""

    class Moved(Message):
        """The focused paragraph, the cursor or the selection changed."""

    focus_index: reactive[int] = reactive(0, always_update=True, layout=False)

    def __init__(self, schema: Schema, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.schema = schema
        self.styles_by_type = claim_styles(schema)
        self.article: Article | None = None
        self.tags: TagFile | None = None
        self.top = 0
        self.cursor = 0  # word index in the focused paragraph
        self.selection: Span | None = None
        self._anchor: int | None = None  # word index or offset where a selection started
        self._claims: dict[int, list[Claim]] = {}
        self._wrap_cache: dict[tuple[int, int], list[Span]] = {}
        self._words_cache: dict[int, list[Span]] = {}
        self._rows: list[Row] = []
        self._dragging = False

    # --- state set from above ------------------------------------------------------------------

    def set_article(self, article: Article) -> None:
        self.article = article
        self._wrap_cache.clear()
        self._words_cache.clear()
        self.focus_index = min(self.focus_index, max(0, len(article.paragraphs) - 1))
        self.refresh()

    def set_tags(self, tags: TagFile) -> None:
        self.tags = tags
        claims: dict[int, list[Claim]] = {}
        for claim in tags.claims:
            if not claim.orphaned:
                claims.setdefault(claim.paragraph - 1, []).append(claim)
        self._claims = claims
        self.refresh()

    @property
    def paragraph(self) -> Paragraph | None:
        if self.article is None or not self.article.paragraphs:
            return None
        return self.article.paragraphs[self.focus_index]

    @property
    def words(self) -> list[Span]:
        cached = self._words_cache.get(self.focus_index)
        if cached is None and self.paragraph is not None:
            cached = self._words_cache[self.focus_index] = word_spans(self.paragraph.text)
        return cached or []

    # --- moving -------------------------------------------------------------------------------

    def go_to(self, index: int, *, select: Span | None = None) -> None:
        if self.article is None or not self.article.paragraphs:
            return
        index = max(0, min(index, len(self.article.paragraphs) - 1))
        if index != self.focus_index:
            self.cursor = 0
            self.selection = None
            self._anchor = None
        self.focus_index = index
        if select is not None:
            self.selection = select
            self.cursor = word_index_at(self.words, select[0])
        self._scroll_to_focus()
        self._changed()

    def move_cursor(self, delta: int, extend: bool = False) -> None:
        words = self.words
        if not words:
            return
        if extend:
            if self.selection is None or self._anchor is None:
                self._anchor = self.cursor
                if delta > 0:  # the first shift+→ selects the word under the cursor
                    self._set_word_selection(self._anchor, self.cursor)
                    self._changed()
                    return
            self.cursor = max(0, min(len(words) - 1, self.cursor + delta))
            self._set_word_selection(self._anchor, self.cursor)
        else:
            self.cursor = max(0, min(len(words) - 1, self.cursor + delta))
            self.selection = None
            self._anchor = None
        self._changed()

    def _set_word_selection(self, first: int, last: int) -> None:
        words, text = self.words, self.paragraph.text if self.paragraph else ""
        low, high = sorted((first, last))
        self.selection = trim_quotes(text, words[low][0], words[high][1])

    def select_sentence(self) -> None:
        if self.paragraph is None or not self.words:
            return
        self.selection = sentence_at(self.paragraph.text, self.words[self.cursor][0])
        self._anchor = None
        self._changed()

    def select_paragraph(self) -> None:
        if self.paragraph is None or not self.paragraph.text:
            return
        self.selection = (0, len(self.paragraph.text))
        self._anchor = None
        self._changed()

    def clear_selection(self) -> bool:
        had = self.selection is not None
        self.selection = None
        self._anchor = None
        self._changed()
        return had

    def scroll_paragraphs(self, delta: int) -> None:
        if self.article is None:
            return
        self.top = max(0, min(self.top + delta, len(self.article.paragraphs) - 1))
        self.refresh()

    def _changed(self) -> None:
        self.refresh()
        self.post_message(self.Moved())

    # --- layout -------------------------------------------------------------------------------

    @property
    def _gutter(self) -> int:
        count = len(self.article.paragraphs) if self.article else 1
        return len(str(count)) + 3  # bar, number, status glyph, space

    @property
    def _text_width(self) -> int:
        return max(10, self.size.width - self._gutter)

    def _lines_of(self, index: int) -> list[Span]:
        assert self.article is not None
        key = (index, self._text_width)
        lines = self._wrap_cache.get(key)
        if lines is None:
            lines = self._wrap_cache[key] = wrap(
                self.article.paragraphs[index].text, self._text_width
            )
        return lines

    def _scroll_to_focus(self) -> None:
        height = max(1, self.size.height)
        if self.focus_index < self.top:
            self.top = self.focus_index
            return
        self.top = max(self.top, self.focus_index - height)
        while self.top < self.focus_index:
            used = sum(len(self._lines_of(i)) + 1 for i in range(self.top, self.focus_index + 1))
            if used - 1 <= height:
                break
            self.top += 1

    def on_resize(self, event: events.Resize) -> None:
        self._scroll_to_focus()

    # --- drawing ------------------------------------------------------------------------------

    def render(self) -> RenderableType:
        self._rows = []
        if self.article is None:
            return Text("Loading the article…", style="dim")
        lines: list[Text] = []
        height = max(1, self.size.height)
        index = self.top
        while index < len(self.article.paragraphs) and len(lines) < height:
            for row, text in self._render_paragraph(index):
                if len(lines) >= height:
                    break
                self._rows.append(row)
                lines.append(text)
            if len(lines) < height:
                self._rows.append(Row(-1, 0, 0, False))
                lines.append(Text())
            index += 1
        return Group(*lines)

    def _render_paragraph(self, index: int) -> list[tuple[Row, Text]]:
        assert self.article is not None
        paragraph = self.article.paragraphs[index]
        focused = index == self.focus_index
        body = Text(safe_text(paragraph.text))
        if paragraph.kind.is_boilerplate:
            body.stylize("dim")
        elif paragraph.kind is ParagraphKind.TITLE:
            body.stylize("bold")
        for claim in self._claims.get(index, ()):
            body.stylize(
                self.styles_by_type.get(claim.type, Style(underline=True)), claim.start, claim.end
            )
        if focused:
            words = self.words
            if self.selection is not None:
                body.stylize("reverse", *self.selection)
            elif words:
                body.stylize(
                    Style(reverse=True, dim=False), *words[min(self.cursor, len(words) - 1)]
                )
        status = self.tags.status_of(paragraph.number) if self.tags else None
        glyph = STATUS_GLYPHS.get(status or "", " ")
        number = f"{paragraph.number:>{self._gutter - 3}}"
        gutter_style = (
            "bold reverse" if focused else ("dim" if paragraph.kind.is_boilerplate else "")
        )
        rows: list[tuple[Row, Text]] = []
        spans = self._lines_of(index)
        for line_number, (start, end) in enumerate(spans):
            first = line_number == 0
            line = Text(no_wrap=True, overflow="crop")
            bar = "▌" if focused else " "
            line.append(bar, style="bold" if focused else "")
            line.append(number if first else " " * len(number), style=gutter_style if first else "")
            line.append(glyph if first else " ", style="green" if status == "done" else "dim")
            line.append(" ")
            segment = body[start:end]
            segment.rstrip()
            if segment.plain.endswith("\n"):
                segment = segment[:-1]
            line.append_text(segment)
            if line_number == len(spans) - 1 and paragraph.kind is not ParagraphKind.CONTENT:
                line.append(f"  [{paragraph.kind}]", style="dim italic")
            rows.append((Row(index, start, end, first), line))
        return rows

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
        from rich.cells import cell_len

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
            self._anchor = self.cursor
            self._dragging = True
            self.capture_mouse()
        self._changed()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if not self._dragging or self._anchor is None:
            return
        hit = self._offset_at(event.x, event.y)
        if hit is None or hit[0] != self.focus_index or hit[1] is None:
            return
        self.cursor = word_index_at(self.words, hit[1])
        self._set_word_selection(self._anchor, self.cursor)
        self._changed()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self.scroll_paragraphs(1)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self.scroll_paragraphs(-1)
