"""Rich output of the CLI: the article list and an article with its claims highlighted."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text

from annotator.article import Article, Paragraph, ParagraphKind
from annotator.cli.tables import Column, fitted
from annotator.display import clip, safe_text, span_label
from annotator.model import Claim, TagFile
from annotator.schema import Schema
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
        claims = [
            _claim_line(c, schema, styles)
            for c in tags.claims_in(paragraph.number)
            if c.paragraph == paragraph.number  # listed where its content starts
        ]
        if plain:
            indent = " " * (width + 1)
            parts.append(Text.assemble(number, " ", Text("\n" + indent).join(body.split("\n"))))
            parts.extend(Text.assemble(indent, "  ", claim) for claim in claims)
        else:
            grid = Table.grid(padding=(0, 1))
            grid.add_column(width=width, no_wrap=True)
            grid.add_column()
            grid.add_row(number, body)
            for claim in claims:
                grid.add_row("", Text.assemble("  ", claim))
            parts.append(grid)
        parts.append(Text())
    if tags.orphans:
        parts.append(
            Text("Orphaned claims (their quote is no longer in the article):", style="yellow bold")
        )
        parts.extend(Text.assemble("  ", _claim_line(c, schema, styles)) for c in tags.orphans)
    return Group(*parts)


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
    marker = f" [{paragraph.kind}]" if paragraph.kind is not ParagraphKind.CONTENT else ""
    status = tags.status_of(paragraph.number)
    if status:
        marker += f" ({status})"
    if marker:
        body.append(marker, style="dim italic")
    return body
