"""The screen lines of one paragraph: gutter (focus bar, number, status glyph) and styled text.

Only the lines asked for are built and styled, so a frame costs the same in a paragraph of a
megabyte as in one of a line.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text

from annotator.article import Article, Paragraph, ParagraphKind
from annotator.display import safe_text
from annotator.model import Claim, Fragment, TagFile
from annotator.spans import Span
from annotator.styles import part_style
from annotator.tui.view_mouse import Row

if TYPE_CHECKING:
    from annotator.suggest.suggester import Suggestion

STATUS_GLYPHS = {"done": "✓", "skipped": "–"}

Styles = list[tuple[Style | str, int, int]]
ClaimParts = dict[int, list[tuple[Claim, str, Fragment]]]
SuggestedParts = dict[int, list[tuple[str, int, int]]]  # paragraph index: (part, start, end)
# Suggestions are dim and double-underlined (source and cue also italic), and their paragraph
# has ◦ in the margin: apart from claims (bold, single underline) with colour off too.
SUGGESTED_STYLES = {
    "content": Style(dim=True, underline2=True),
    "source": Style(dim=True, italic=True, underline2=True),
    "cue": Style(dim=True, italic=True, underline2=True),
}
SUGGESTED_GLYPH = "◦"  # in the margin of a paragraph with open suggestions (and no mark)


def claims_by_paragraph(tags: TagFile) -> ClaimParts:
    """Each placed fragment of each claim (content, source, cue), by paragraph index."""
    claims: ClaimParts = {}
    for claim in tags.claims:
        if not claim.orphaned:
            for part, fragment in claim.all_fragments():
                if not fragment.orphaned:
                    claims.setdefault(fragment.paragraph - 1, []).append((claim, part, fragment))
    return claims


def suggested_by_paragraph(article: Article, suggestions: Iterable[Suggestion]) -> SuggestedParts:
    """Each span of each suggestion, in its paragraph's offsets, by paragraph index."""
    starts = article.paragraph_starts
    found: SuggestedParts = {}
    for suggestion in suggestions:
        for part, spans in (
            ("content", suggestion.content),
            ("source", suggestion.source_spans),
            ("cue", suggestion.cue_spans),
        ):
            for start, end in spans:
                index = bisect.bisect_right(starts, start) - 1
                base = starts[index]
                found.setdefault(index, []).append((part, start - base, end - base))
    return found


def paragraph_styles(
    kind: ParagraphKind,
    claim_parts: list[tuple[Style | None, str, Fragment]],
    low: int,
    high: int,
    *,
    suggested: Iterable[tuple[str, int, int]] = (),
    selection: Span | None,
    cursor: Span | None,
) -> Styles:
    """The styles over a paragraph between its offsets ``low`` and ``high``, in the order they
    apply: the paragraph's kind, claims (content, source, cue; ``None``: a type the schema has no
    style for), the selection, the word cursor."""
    styles: Styles = []
    if kind.is_boilerplate:
        styles.append(("dim", low, high))
    elif kind is ParagraphKind.TITLE:
        styles.append(("bold", low, high))
    for part, start, end in suggested:
        if start < high and end > low:
            styles.append((SUGGESTED_STYLES[part], start, end))
    for style, part, fragment in claim_parts:
        style = style or Style(bold=True, underline=True)
        styles.append((part_style(style, part), fragment.start, fragment.end))
    if selection is not None:
        styles.append(("reverse", *selection))
    if cursor is not None:
        styles.append((Style(reverse=True, dim=False), *cursor))
    return styles


def paragraph_lines(
    index: int,
    paragraph: Paragraph,
    lines: list[Span],
    shown: list[Span],
    skip: int,
    *,
    styles: Styles,
    focused: bool,
    status: str | None,
    number_width: int,
    suggested: bool = False,
) -> list[tuple[Row, Text]]:
    """The lines ``shown`` (``lines[skip:skip + len(shown)]``) of paragraph ``index``, each with
    the ``Row`` the mouse maps back to offsets; ``styles`` are paragraph offsets, in order."""
    glyph = STATUS_GLYPHS.get(status or "", SUGGESTED_GLYPH if suggested else " ")
    number = f"{paragraph.number:>{number_width}}"
    gutter_style = "bold reverse" if focused else ("dim" if paragraph.kind.is_boilerplate else "")
    rows: list[tuple[Row, Text]] = []
    for line_number, (start, end) in enumerate(shown, start=skip):
        first = line_number == 0
        line = Text(no_wrap=True, overflow="crop")
        line.append("▌" if focused else " ", style="bold" if focused else "")
        line.append(number if first else " " * len(number), style=gutter_style if first else "")
        line.append(glyph if first else " ", style="green" if status == "done" else "dim")
        line.append(" ")
        piece = paragraph.text[start:end].rstrip()
        segment = Text(safe_text(piece))
        for style, low, high in styles:
            low, high = max(low, start) - start, min(high, start + len(piece)) - start
            if low < high:
                segment.stylize(style, low, high)
        line.append_text(segment)
        if line_number == len(lines) - 1 and paragraph.kind is not ParagraphKind.CONTENT:
            line.append(f"  [{paragraph.kind}]", style="dim italic")
        rows.append((Row(index, start, end, first), line))
    return rows
