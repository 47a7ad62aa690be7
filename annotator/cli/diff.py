"""The ``diff`` command: two reviewers' claims of an article side by side."""

from __future__ import annotations

import argparse

from annotator.cli.common import COMMAND_HELP, EXIT_OK, Commands
from annotator.display import clip, safe_text, span_label
from annotator.errors import AnnotatorError
from annotator.model import Claim, positions
from annotator.review.agreement import match
from annotator.review.versions import AGREED, ONLY, PARTLY, differences, same_version
from annotator.storage.corpus import Corpus


def classify(a: Claim | None, b: Claim | None) -> str:
    """agreed: the same version (span, type, stance, target, source); partly: matched
    otherwise; only: one side alone."""
    if a is None or b is None:
        return ONLY
    return AGREED if same_version(a, b) else PARTLY


def rows(first: list[Claim], second: list[Claim]) -> list[tuple[str, Claim | None, Claim | None]]:
    """Aligned claims of two reviewers in text order."""
    matches = match(first, second)
    matched_a = {id(m.a) for m in matches}
    matched_b = {id(m.b) for m in matches}
    aligned: list[tuple[str, Claim | None, Claim | None]] = [
        (classify(m.a, m.b), m.a, m.b) for m in matches
    ]
    aligned += [(ONLY, c, None) for c in first if id(c) not in matched_a]
    aligned += [(ONLY, None, c) for c in second if id(c) not in matched_b]

    def position(row: tuple[str, Claim | None, Claim | None]) -> tuple[tuple[int, int, int], ...]:
        claim = row[1] or row[2]
        assert claim is not None
        return positions(claim.fragments)

    return sorted(aligned, key=position)


def _cell(claim: Claim | None) -> str:
    if claim is None:
        return "—"
    parts = [claim.type, span_label(claim.fragments), f"“{clip(claim.quote, 50)}”"]
    if claim.source_label():
        parts.append(claim.source_label())
    if claim.stance:
        parts.append(f"{claim.stance} {claim.target}".strip())
    return safe_text(" · ".join(parts))


def diff_command(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    corpus = Corpus.open(args.root)
    article = corpus.load_article(args.article)
    tags = []
    for reviewer in (args.a, args.b):
        loaded = corpus.load_tags(article, reviewer)
        if loaded.disk_digest is None:
            raise AnnotatorError(f"no tags by {reviewer} for {article.id}")
        tags.append([c for c in loaded.tags.normalized().claims if not c.orphaned])
    table = Table(
        title=f"{article.id}: {args.a} and {args.b}", title_justify="left", show_lines=True
    )
    table.add_column("¶", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column(args.a, ratio=1)
    table.add_column(args.b, ratio=1)
    styles = {AGREED: "green", PARTLY: "yellow", ONLY: "red"}
    counts = {AGREED: 0, PARTLY: 0, ONLY: 0}
    for status, a, b in rows(tags[0], tags[1]):
        counts[status] += 1
        paragraph = (a or b).paragraph  # type: ignore[union-attr]
        # Text, not markup: quotes and sources are shown literally.
        label = Text(status, style=styles[status])
        if a is not None and b is not None and status == PARTLY:
            label.append("\n" + ", ".join(differences(a, b)), style="dim")
        table.add_row(str(paragraph), label, Text(_cell(a)), Text(_cell(b)))
    console = Console()
    console.print(table)
    console.print(
        f"{counts[AGREED]} agreed, {counts[PARTLY]} partly agreed, "
        f"{counts[ONLY]} made by one reviewer only"
    )
    return EXIT_OK


def register(commands: Commands) -> None:
    parser = commands.add_parser(
        "diff",
        help=COMMAND_HELP["diff"],
        description="Two reviewers' claims of an article side by side, aligned: agreed (same span, "
        "type and stance), partly agreed (overlapping spans, or another type or stance), or made "
        "by "
        "one reviewer only.",
    )
    parser.add_argument("article", metavar="ARTICLE")
    parser.add_argument("a", metavar="A", help="a reviewer")
    parser.add_argument("b", metavar="B", help="another reviewer")
    parser.set_defaults(handler=diff_command)
