"""Rich output of the CLI: the article list and an article with its claims highlighted."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from annotator.article import Article, Paragraph, ParagraphKind
from annotator.cli.tables import Column, fitted
from annotator.display import clip, safe_text, span_label
from annotator.model import Claim, TagFile
from annotator.schema import Schema
from annotator.spans import wrap
from annotator.storage.summary import ArticleSummary
from annotator.styles import claim_styles, part_style

LIST_CAPTION = (
    "¶: paragraphs to review (of all); per reviewer: claims, reviewed (done or skipped) / to review"
)


def list_table(console: Console, summaries: Sequence[ArticleSummary]) -> RenderableType:
    """One row per article: id, title, paragraphs, and each reviewer's claims and progress."""
    columns = [
        Column("article", wrap=False),
        Column("title", flexible=True),
        Column("¶", number=True),
        Column("reviewer: claims, progress"),
    ]
    rows: list[list[RenderableType]] = []
    for summary in summaries:
        progress = Text()
        for index, reviewer in enumerate(summary.reviewers):
            if index:
                progress.append("\n")
            progress.append(reviewer.reviewer, style="bold")
            if reviewer.problems:
                progress.append(": invalid, see 'annotator validate'", style="red")
                continue
            progress.append(f": {reviewer.claims}, {reviewer.reviewed}/{summary.reviewable}")
            if reviewer.orphaned:
                progress.append(f", {reviewer.orphaned} orphaned", style="yellow")
        if not summary.reviewers:
            progress.append("not reviewed yet", style="dim")
        paragraphs = str(summary.reviewable)
        if summary.reviewable != summary.paragraphs:
            paragraphs += f" ({summary.paragraphs})"
        title = Text(safe_text(clip(summary.title, 120)))
        rows.append([summary.id, title, paragraphs, progress])
    return fitted(console, columns, rows, "Articles", LIST_CAPTION)


def _claim_line(claim: Claim, schema: Schema, styles: dict[str, Style]) -> Text:
    choice = schema.claim_type(claim.type)
    line = Text("↳ ")
    line.append(f"{choice.label if choice else claim.type}", style=styles.get(claim.type, ""))
    line.append(f" {span_label(claim.fragments, claim.paragraph)} ", style="dim")
    line.append(safe_text(clip(claim.quote, 60)))
    details = [part for part in (claim.source_label(), claim.role) if part]
    if details:
        line.append(" — " + safe_text(", ".join(details)), style="italic")
    if claim.stance:
        target = f" {claim.target}" if claim.target else ""
        line.append(f" [{claim.stance}{target}]")
    if claim.cue_fragments:
        line.append(" cue “" + safe_text(clip(claim.cue_quote, 30)) + "”", style="dim")
    line.append(f"  {claim.id}", style="dim")
    return line


def article_view(article: Article, tags: TagFile, schema: Schema, plain: bool = False) -> Group:
    """The article paragraph by paragraph, claim spans highlighted, claims listed below each.

    In a terminal, paragraphs wrap with a hanging indent under their number; ``plain`` output
    (for pipes and files) keeps each paragraph on one line so it can be searched.
    """
    styles = claim_styles(schema)
    legend = Text("Legend: ")
    for index, choice in enumerate(schema.claim_types):
        if index:
            legend.append("  ")
        legend.append(choice.label, style=styles[choice.key])
    header = Text.assemble(
        (safe_text(article.title or article.id), "bold"),
        "\n",
        (
            f"{article.id} · {len(article.paragraphs)} paragraphs · reviewer {tags.reviewer} · "
            f"{len(tags.claims)} claims",
            "dim",
        ),
    )
    parts: list[RenderableType] = [header, legend, Text()]
    width = len(str(len(article.paragraphs)))
    for paragraph in article.paragraphs:
        number = Text(f"{paragraph.number:>{width}}", style="bold cyan")
        body = _paragraph_body(paragraph, tags, styles)
        claims = [_claim_line(c, schema, styles) for c in _listed_in(tags, paragraph.number)]
        if plain:
            indent = " " * (width + 1)
            parts.append(Text.assemble(number, " ", Text("\n" + indent).join(body.split("\n"))))
            parts.extend(Text.assemble(indent, "  ", claim) for claim in claims)
        else:  # the blank line after it included: a Text per blank line costs a wrap each
            parts.append(_Hanging(number, [body, *(Text.assemble("  ", c) for c in claims)]))
            continue
        parts.append(Text())
    if tags.orphans:
        parts.append(
            Text("Orphaned claims (their quote is no longer in the article):", style="yellow bold")
        )
        parts.extend(Text.assemble("  ", _claim_line(c, schema, styles)) for c in tags.orphans)
    return Group(*parts)


def plain_article_lines(article: Article, tags: TagFile, schema: Schema) -> Iterator[str]:
    """What ``article_view(…, plain=True)`` prints, as lines, without building styled text:
    a pipe gets a 100,000-paragraph article in seconds."""
    yield safe_text(article.title or article.id)
    yield (
        f"{article.id} · {len(article.paragraphs)} paragraphs · reviewer {tags.reviewer} · "
        f"{len(tags.claims)} claims"
    )
    yield "Legend: " + "  ".join(choice.label for choice in schema.claim_types)
    yield ""
    width = len(str(len(article.paragraphs)))
    indent = " " * (width + 1)
    no_styles: dict[str, Style] = {}
    for paragraph in article.paragraphs:
        body = safe_text(paragraph.text) + _marker(paragraph, tags)
        yield f"{paragraph.number:>{width}} " + ("\n" + indent).join(body.split("\n"))
        for claim in _listed_in(tags, paragraph.number):
            yield indent + "  " + _claim_line(claim, schema, no_styles).plain
        yield ""
    if tags.orphans:
        yield "Orphaned claims (their quote is no longer in the article):"
        for claim in tags.orphans:
            yield "  " + _claim_line(claim, schema, no_styles).plain


def _listed_in(tags: TagFile, paragraph: int) -> list[Claim]:
    """The claims listed under a paragraph: those whose content starts there."""
    return [c for c in tags.claims_in(paragraph) if c.paragraph == paragraph]


class _Hanging:
    """``number`` then ``lines`` wrapped beside it, with a hanging indent: what a two-column
    grid draws, in linear time (a grid measures every cell; Rich's wrap is quadratic in the
    words of a line). Each text is rendered to segments once and cut at the wrap points."""

    def __init__(self, number: Text, lines: list[Text]) -> None:
        self.number = number
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        gutter = self.number.cell_len + 1
        width = max(1, options.max_width - gutter)
        number = Segment(self.number.plain, console.get_style(self.number.style))
        blank = Segment(" " * gutter)
        for index, text in enumerate(self.lines):
            plain = text.plain
            fits = "\n" not in plain and cell_len(plain) <= width
            rows = [(0, len(plain))] if fits else wrap(plain, width)
            cutter = _Cutter(list(text.render(console)))
            for start, end in rows:
                if index == 0 and start == 0:
                    yield number
                    yield Segment(" ")
                else:
                    yield blank
                yield from cutter.cut(start, start + len(plain[start:end].rstrip()))
                yield Segment.line()
        yield Segment.line()


class _Cutter:
    """Cuts a text's segments at increasing character offsets, in one pass."""

    def __init__(self, segments: list[Segment]) -> None:
        self.segments = segments
        self.index = 0  # the segment holding ``self.at``
        self.offset = 0  # where that segment starts in the text

    def cut(self, start: int, end: int) -> Iterator[Segment]:
        segments = self.segments
        while self.index < len(segments):
            segment = segments[self.index]
            seg_start, seg_end = self.offset, self.offset + len(segment.text)
            if seg_end <= start:
                self.index += 1
                self.offset = seg_end
                continue
            if seg_start >= end:
                return
            piece = segment.text[max(start, seg_start) - seg_start : min(end, seg_end) - seg_start]
            if piece:
                yield Segment(piece, segment.style)
            if seg_end > end:
                return
            self.index += 1
            self.offset = seg_end


def _paragraph_body(paragraph: Paragraph, tags: TagFile, styles: dict[str, Style]) -> Text:
    body = Text(safe_text(paragraph.text))
    if paragraph.kind.is_boilerplate:
        body.stylize("dim")
    elif paragraph.kind is ParagraphKind.TITLE:
        body.stylize("bold")
    for claim in tags.claims_in(paragraph.number):
        style = styles.get(claim.type, Style(bold=True, underline=True))
        for part, fragment in claim.all_fragments():
            if fragment.paragraph == paragraph.number and not fragment.orphaned:
                body.stylize(part_style(style, part), fragment.start, fragment.end)
    marker = _marker(paragraph, tags)
    if marker:
        body.append(marker, style="dim italic")
    return body


def _marker(paragraph: Paragraph, tags: TagFile) -> str:
    marker = f" [{paragraph.kind}]" if paragraph.kind is not ParagraphKind.CONTENT else ""
    status = tags.status_of(paragraph.number)
    if status:
        marker += f" ({status})"
    return marker
