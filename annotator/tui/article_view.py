"""The article, paragraph by paragraph, with a focused paragraph, a word cursor and a selection.

Only the paragraphs on screen are laid out and drawn, so an article of 10,000 paragraphs opens as
fast as a short one: no widget per paragraph, and wrapped lines are cached per paragraph and width.
"""

from __future__ import annotations

import bisect

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive

from annotator.article import Article, Paragraph, ParagraphKind
from annotator.display import safe_text
from annotator.model import Claim, Fragment, TagFile
from annotator.schema import Schema
from annotator.selection import (
    Words,
    move_end,
    move_end_by_char,
    move_end_by_clause,
    move_start,
    move_start_by_char,
    move_start_by_clause,
    quotation_at,
    search,
    whole_words,
)
from annotator.spans import (
    Span,
    sentence_at,
    sentence_spans,
    trim_quotes,
    word_index_at,
    word_spans,
    wrap,
)
from annotator.styles import claim_styles, part_style
from annotator.tui.view_mouse import MouseSelection, Row

STATUS_GLYPHS = {"done": "✓", "skipped": "–"}


class ArticleView(MouseSelection, can_focus=True):
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
        # The selection: a range of the article's text (it may run over paragraph breaks).
        self.selection: Span | None = None
        self.trim = True  # word selections leave out quote marks and punctuation at their ends
        self._anchor: int | None = None  # article offset where a mouse selection started
        self._article_words: Words | None = None
        self._claims: dict[int, list[tuple[Claim, str, Fragment]]] = {}
        self._wrap_cache: dict[tuple[int, int], list[Span]] = {}
        self._words_cache: dict[int, list[Span]] = {}
        self._rows: list[Row] = []
        self._dragging = False

    # --- state set from above ------------------------------------------------------------------

    def set_article(self, article: Article) -> None:
        self.article = article
        self._article_words = None
        self._wrap_cache.clear()
        self._words_cache.clear()
        self.focus_index = min(self.focus_index, max(0, len(article.paragraphs) - 1))
        self.refresh()

    def set_tags(self, tags: TagFile) -> None:
        self.tags = tags
        claims: dict[int, list[tuple[Claim, str, Fragment]]] = {}
        for claim in tags.claims:
            if not claim.orphaned:
                for part, fragment in claim.all_fragments():
                    if not fragment.orphaned:
                        claims.setdefault(fragment.paragraph - 1, []).append(
                            (claim, part, fragment)
                        )
        self._claims = claims
        self.refresh()

    @property
    def article_words(self) -> Words:
        assert self.article is not None
        if self._article_words is None:
            self._article_words = Words.of(self.article)
        return self._article_words

    @property
    def base(self) -> int:
        """The article offset where the focused paragraph starts."""
        return self.article.paragraph_starts[self.focus_index] if self.article else 0

    @property
    def selected_text(self) -> str | None:
        if self.selection is None or self.article is None:
            return None
        return self.article.text[self.selection[0] : self.selection[1]]

    def local_selection(self, index: int) -> Span | None:
        """The part of the selection inside paragraph ``index``, in its offsets."""
        if self.selection is None or self.article is None:
            return None
        base = self.article.paragraph_starts[index]
        length = len(self.article.paragraphs[index].text)
        start, end = max(self.selection[0] - base, 0), min(self.selection[1] - base, length)
        return (start, end) if start < end else None

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
        if select is not None:  # offsets in that paragraph
            self.selection = (self.base + select[0], self.base + select[1])
            self.cursor = word_index_at(self.words, select[0])
        self._scroll_to_focus()
        self._changed()

    def select_range(self, selection: Span) -> None:
        """Select an article range, focusing the paragraph where it starts."""
        if self.article is None:
            return
        starts = self.article.paragraph_starts
        index = max(0, bisect.bisect_right(starts, selection[0]) - 1)
        self.go_to(index)
        self.selection = selection
        self.cursor = word_index_at(self.words, selection[0] - self.base)
        self._changed()

    def move_cursor(self, delta: int) -> None:
        words = self.words
        if not words:
            return
        self.cursor = max(0, min(len(words) - 1, self.cursor + delta))
        self.selection = None
        self._changed()

    def word_under_cursor(self) -> Span | None:
        words = self.words
        if not words:
            return None
        start, end = words[min(self.cursor, len(words) - 1)]
        local = (
            trim_quotes(self.paragraph.text, start, end)
            if self.paragraph and self.trim
            else (start, end)
        )
        return self.base + local[0], self.base + local[1]

    def adjust(self, end: str, delta: int, by: str = "word") -> None:
        """Move the selection's ``end`` ("start" or "end") by ``delta`` words or characters, or
        to the next clause. Without a selection, the first press selects the word under the
        cursor (and a clause move goes on from there)."""
        if self.article is None:
            return
        text = self.article.text
        if self.selection is None:
            self.selection = self.word_under_cursor()
            if self.selection is None or by != "clause":
                self._changed()
                return
        if by == "clause":
            move_clause = move_start_by_clause if end == "start" else move_end_by_clause
            self.selection = move_clause(text, self.selection, delta, self.trim)
        elif by == "char":
            move = move_start_by_char if end == "start" else move_end_by_char
            self.selection = move(text, self.selection, delta)
        else:
            move_word = move_start if end == "start" else move_end
            self.selection = move_word(self.article_words, self.selection, delta, self.trim)
        self._changed()

    def select_sentence(self) -> None:
        """Select the sentence under the cursor; when it is selected already, the next one."""
        if self.paragraph is None or not self.words:
            return
        text = self.paragraph.text
        local = sentence_at(text, self.words[self.cursor][0], self.trim)
        if self.selection == (self.base + local[0], self.base + local[1]):
            following = [s for s in sentence_spans(text) if s[0] >= local[1]]
            if following:
                local = sentence_at(text, following[0][0], self.trim)
                self.cursor = word_index_at(self.words, local[0])
        self.selection = (self.base + local[0], self.base + local[1])
        self._changed()

    def select_paragraph(self) -> None:
        if self.paragraph is None or not self.paragraph.text:
            return
        self.selection = (self.base, self.base + len(self.paragraph.text))
        self._changed()

    def select_quotation(self) -> bool:
        """Select the quotation around the cursor or the next one; False when there is none."""
        if self.article is None or self.paragraph is None:
            return False
        offset = self.base + (self.words[self.cursor][0] if self.words else 0)
        found = quotation_at(self.article.text, offset)
        if found is None:
            return False
        self.select_range(found)
        return True

    def search(self, query: str) -> bool:
        """Select the next match of ``query`` after the cursor (or the selection), in any
        paragraph, widened to whole words; False when there is none."""
        if self.article is None:
            return False
        if self.selection is not None:
            after = self.selection[0] + 1
        else:
            after = self.base + (self.words[self.cursor][0] + 1 if self.words else 0)
        found = search(self.article.text, query, after)
        if found is None:
            return False
        self.select_range(whole_words(self.article_words, found) if self.trim else found)
        return True

    def clear_selection(self) -> bool:
        had = self.selection is not None
        self.selection = None
        self._anchor = None
        self._changed()
        return had

    def toggle_trim(self) -> bool:
        """Switch quote trimming of word and sentence selections; the new setting."""
        self.trim = not self.trim
        self._changed()
        return self.trim

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
        for claim, part, fragment in self._claims.get(index, ()):
            style = self.styles_by_type.get(claim.type, Style(bold=True, underline=True))
            body.stylize(part_style(style, part), fragment.start, fragment.end)
        local = self.local_selection(index)
        if local is not None:
            body.stylize("reverse", *local)
        if focused and self.selection is None:
            words = self.words
            if words:
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
