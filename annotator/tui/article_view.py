"""The article, paragraph by paragraph, with a focused paragraph, a word cursor and a selection.

No widget per paragraph: wrapped lines are cached per paragraph and width, and each frame lays
out and styles only the rows on screen (``viewport``, ``paragraph_lines``), so an article of
10,000 paragraphs, or one paragraph of a megabyte, opens as fast as a short one.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import events
from textual.message import Message
from textual.reactive import reactive

from annotator.article import Article, Paragraph
from annotator.model import TagFile
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
from annotator.styles import claim_styles
from annotator.tui.paragraph_lines import (
    ClaimParts,
    SuggestedParts,
    claims_by_paragraph,
    suggested_by_paragraph,
)
from annotator.tui.view_mouse import Row
from annotator.tui.view_rows import RowDrawing
from annotator.tui.viewport import Top, follow, scroll

if TYPE_CHECKING:
    from annotator.suggest.suggester import Suggestion


class ArticleView(RowDrawing, can_focus=True):
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
        self.top = Top(0)  # the first row on screen
        self.cursor = 0  # word index in the focused paragraph
        # The selection: a range of the article's text (it may run over paragraph breaks).
        self.selection: Span | None = None
        self.trim = True  # word selections leave out quote marks and punctuation at their ends
        self._end_moved = False  # the selection's end moved last: keep that end on screen
        self._anchor: int | None = None  # article offset where a mouse selection started
        self._article_words: Words | None = None
        self._claims: ClaimParts = {}
        self._suggested: SuggestedParts = {}
        self._wrap_cache: dict[tuple[int, int], list[Span]] = {}
        self._words_cache: dict[int, list[Span]] = {}
        self._sentences_cache: dict[int, list[Span]] = {}
        self._folded: str | None = None  # the article's text casefolded, for search
        self._rows: list[Row] = []
        self._dragging = False

    # --- state set from above ------------------------------------------------------------------

    def set_article(self, article: Article) -> None:
        self.article = article
        self._article_words = None
        self._wrap_cache.clear()
        self._words_cache.clear()
        self._sentences_cache.clear()
        self._folded = None
        self.focus_index = min(self.focus_index, max(0, len(article.paragraphs) - 1))
        self.refresh()

    def set_tags(self, tags: TagFile) -> None:
        self.tags = tags
        self._claims = claims_by_paragraph(tags)
        self.refresh()

    def set_suggestions(self, suggestions: Iterable[Suggestion]) -> None:
        """Suggestions to draw (dim), their spans in article offsets."""
        if self.article is None:
            return
        self._suggested = suggested_by_paragraph(self.article, suggestions)
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

    def sentence_under_cursor(self) -> Span | None:
        """The sentence under the word cursor, in the focused paragraph's offsets."""
        if self.paragraph is None or not self.words:
            return None
        return sentence_at(
            self.paragraph.text, self.words[self.cursor][0], self.trim, self._sentences()
        )

    def _sentences(self) -> list[Span]:
        cached = self._sentences_cache.get(self.focus_index)
        if cached is None:
            text = self.paragraph.text if self.paragraph else ""
            cached = self._sentences_cache[self.focus_index] = sentence_spans(text)
        return cached

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
        self._end_moved = False
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
        self._end_moved = False
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
        if not words or self.paragraph is None:
            return None
        start, end = words[min(self.cursor, len(words) - 1)]
        if self.trim:
            start, end = trim_quotes(self.paragraph.text, start, end)
        return self.base + start, self.base + end

    def adjust(self, end: str, delta: int, by: str = "word") -> None:
        """Move the selection's ``end`` ("start" or "end") by ``delta`` words or characters, or
        to the next clause. Without a selection, the first press selects the word under the
        cursor (and a clause move goes on from there)."""
        if self.article is None:
            return
        text = self.article.text
        self._end_moved = end == "end"
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
        sentences = self._sentences()
        local = sentence_at(text, self.words[self.cursor][0], self.trim, sentences)
        if self.selection == (self.base + local[0], self.base + local[1]):
            index = bisect.bisect_left(sentences, local[1], key=lambda span: span[0])
            if index < len(sentences):
                local = sentence_at(text, sentences[index][0], self.trim, sentences)
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
        if self._folded is None:
            self._folded = self.article.text.casefold()
        found = search(self.article.text, query, after, self._folded)
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

    def scroll_rows(self, delta: int) -> None:
        """Scroll the view by ``delta`` rows, leaving the cursor where it is (the mouse wheel)."""
        if self.article is None:
            return
        self.top = scroll(self.top, delta, len(self.article.paragraphs), self._row_count)
        self.refresh()

    def _changed(self) -> None:
        self._follow()
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
        if key not in self._wrap_cache:
            self._wrap_cache[key] = wrap(self.article.paragraphs[index].text, key[1])
        return self._wrap_cache[key]

    def _row_count(self, index: int) -> int:
        return len(self._lines_of(index))

    def point(self) -> int:
        """The article offset the view keeps on screen: the selection's end while it is being
        moved, else its start, else the word cursor."""
        if self.selection is not None:
            return self.selection[1] - 1 if self._end_moved else self.selection[0]
        words = self.words
        return self.base + (words[min(self.cursor, len(words) - 1)][0] if words else 0)

    def _follow(self) -> None:
        """Scroll, as little as possible, so the point (and its paragraph, when it fits) shows."""
        if self.article is None or not self.article.paragraphs:
            return
        offset = self.point()
        starts = self.article.paragraph_starts
        index = max(0, min(bisect.bisect_right(starts, offset) - 1, len(starts) - 1))
        lines = self._lines_of(index)
        row = max(0, bisect.bisect_right(lines, offset - starts[index], key=lambda s: s[0]) - 1)
        self.top = follow(self.top, index, row, self.size.height, self._row_count)

    def on_resize(self, event: events.Resize) -> None:
        self._follow()
