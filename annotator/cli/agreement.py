"""The ``agreement`` command: how far reviewers agree on spans, claim types and stances."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from annotator.cli.common import EXIT_OK, Commands, print_json
from annotator.errors import AnnotatorError
from annotator.model import TagFile
from annotator.review.agreement import agreement
from annotator.slugs import RESERVED_REVIEWERS
from annotator.storage.corpus import Corpus


def agreement_command(args: argparse.Namespace) -> int:
    corpus = Corpus.open(args.root)
    article_ids = [a.removesuffix(".txt") for a in args.articles] or corpus.article_ids()[0]
    wanted = [r.strip() for r in args.reviewers.split(",")] if args.reviewers else None
    per_article: dict[str, dict[str, TagFile]] = {}
    found: dict[str, None] = {}
    for article_id in article_ids:
        article = corpus.load_article(article_id)
        names = [r for r in corpus.reviewers(article_id) if r not in RESERVED_REVIEWERS]
        for reviewer in wanted if wanted is not None else names:
            if reviewer in names:
                per_article.setdefault(article_id, {})[reviewer] = corpus.load_tags(
                    article, reviewer
                ).tags
                found.setdefault(reviewer)
    reviewers = wanted if wanted is not None else sorted(found)
    missing = [r for r in reviewers if r not in found]
    if missing:
        raise AnnotatorError(f"no tag files by {', '.join(missing)} for these articles")
    if len(reviewers) < 2:
        raise AnnotatorError("agreement needs the tags of at least two reviewers")
    result = agreement(per_article, reviewers)
    if args.json:
        print_json(result)
    else:
        _print(result)
    return EXIT_OK


def _fmt(value: Any) -> str:
    return "—" if value is None else f"{value:.2f}"


def _print(result: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(
        title="Agreement per reviewer pair (all selected articles)",
        title_justify="left",
        caption="exact: same span · P/R/F1: overlapping spans, b against a · κ: Cohen's kappa on "
        "matched claims · n: matched / a's claims / b's claims",
        caption_justify="left",
    )
    for column in ("a", "b", "exact F1", "P", "R", "F1", "κ type", "κ stance", "n"):
        table.add_column(column, justify="left" if column in ("a", "b") else "right", no_wrap=True)
    for pair in result["pairs"]:
        overlap = pair["overlap"]
        table.add_row(
            pair["a"],
            pair["b"],
            _fmt(pair["exact"]["f1"]),
            _fmt(overlap["precision"]),
            _fmt(overlap["recall"]),
            _fmt(overlap["f1"]),
            _fmt(pair["kappa_type"]["value"]),
            _fmt(pair["kappa_stance"]["value"]),
            f"{overlap['matches']}/{overlap['a_claims']}/{overlap['b_claims']}",
        )
    console.print(table)
    alpha = result["alpha"]
    console.print(
        "Krippendorff's alpha (nominal), all reviewers: "
        f"claim type {_fmt(alpha['type']['value'])}, "
        f"stance {_fmt(alpha['stance']['value'])} over {alpha['type']['pairable_units']} units "
        f"tagged by at least two reviewers"
    )
    labels = Table(title="Span agreement per claim type (overlap F1)", title_justify="left")
    labels.add_column("pair")
    types = sorted({label for pair in result["pairs"] for label in pair["labels"]})
    for label in types:
        labels.add_column(label, justify="right")
    for pair in result["pairs"]:
        labels.add_row(
            f"{pair['a']} / {pair['b']}",
            *(_fmt(pair["labels"].get(t, {}).get("f1")) for t in types),
        )
    console.print(labels)
    print(
        f"{len(result['articles'])} articles, reviewers: {', '.join(result['reviewers'])}",
        file=sys.stderr,
    )


def register(commands: Commands) -> None:
    parser = commands.add_parser(
        "agreement",
        help="agreement between reviewers",
        description="Span agreement (precision, recall, F1; exact and overlap) per reviewer pair, "
        "Cohen's kappa for claim type and stance on matched claims, Krippendorff's alpha across "
        "all "
        "reviewers; per pair, per label and per article (--json).",
    )
    parser.add_argument("articles", nargs="*", metavar="ARTICLE", help="articles (default: all)")
    parser.add_argument("--reviewers", metavar="A,B,…", help="reviewers to compare (default: all)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=agreement_command)
