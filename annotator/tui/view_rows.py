"""Drawing the article view: the rows on screen, each paragraph's lines styled (kind, claims,
suggestions, selection, cursor). The view provides the state declared here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text

from annotator.article import Article
from annotator.model import TagFile
from annotator.spans import Span
from annotator.tui.paragraph_lines import (
    ClaimParts,
    Styles,
    SuggestedParts,
    paragraph_lines,
    paragraph_styles,
)
from annotator.tui.view_mouse import MouseSelection, Row
from annotator.tui.viewport import Top


class RowDrawing(MouseSelection):
    if TYPE_CHECKING:
        article: Article | None
        tags: TagFile | None
        top: Top
        focus_index: int
        styles_by_type: dict[str, Style]
        _claims: ClaimParts
        _suggested: SuggestedParts

        def _lines_of(self, index: int) -> list[Span]: ...

        def local_selection(self, index: int) -> Span | None: ...

    def render(self) -> RenderableType:
        self._rows = []
        if self.article is None:
            return Text("Loading the article…", style="dim")
        lines: list[Text] = []
        height = max(1, self.size.height)
        index, skip = self.top.paragraph, self.top.row
        while index < len(self.article.paragraphs) and len(lines) < height:
            for row, text in self._render_paragraph(index, skip, height - len(lines)):
                self._rows.append(row)
                lines.append(text)
            skip = 0
            if len(lines) < height:
                self._rows.append(Row(-1, 0, 0, False))
                lines.append(Text())
            index += 1
        return Group(*lines)

    def _styles_in(self, index: int, low: int, high: int) -> Styles:
        """The styles over paragraph ``index`` between ``low`` and ``high``, in order."""
        assert self.article is not None
        cursor: Span | None = None
        if index == self.focus_index and self.selection is None and self.words:
            cursor = self.words[min(self.cursor, len(self.words) - 1)]
        return paragraph_styles(
            self.article.paragraphs[index].kind,
            [
                (self.styles_by_type.get(claim.type), part, fragment)
                for claim, part, fragment in self._claims.get(index, ())
                if fragment.start < high and fragment.end > low
            ],
            low,
            high,
            suggested=self._suggested.get(index, ()),
            selection=self.local_selection(index),
            cursor=cursor,
        )

    def _render_paragraph(self, index: int, skip: int, limit: int) -> list[tuple[Row, Text]]:
        assert self.article is not None
        lines = self._lines_of(index)
        shown = lines[skip : skip + limit]
        if not shown:
            return []
        paragraph = self.article.paragraphs[index]
        return paragraph_lines(
            index,
            paragraph,
            lines,
            shown,
            skip,
            styles=self._styles_in(index, shown[0][0], shown[-1][1]),
            focused=index == self.focus_index,
            status=self.tags.status_of(paragraph.number) if self.tags else None,
            number_width=self._gutter - 3,
            suggested=index in self._suggested,
        )
