"""The ``report`` command: source-bias profiles from one reviewer's or the adjudicated tags."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from annotator.article import MAX_ARTICLE_BYTES, article_text, parse_article
from annotator.cli.common import COMMAND_HELP, EXIT_OK, Commands, write_data
from annotator.identity import resolve_reviewer
from annotator.reports.profile import ArticleReport, article_report, report_from_json
from annotator.slugs import ADJUDICATED
from annotator.storage.corpus import Corpus
from annotator.storage.summary import SummaryCache, cache_key, default_cache_dir
from annotator.storage.yamlio import read_limited

REPORT_FORMATS = ("text", "markdown", "html", "json")


def build_reports(
    corpus: Corpus, article_ids: list[str], whose: str, cache: SummaryCache
) -> list[ArticleReport]:
    """One report per article; parsed results are cached on the exact bytes read."""
    reports = []
    schema = corpus.schema
    for article_id in article_ids:
        article_path = corpus.article_path(article_id)
        if not article_path.is_file():
            corpus.load_article(article_id)  # the usual "no article" error
        article_data = read_limited(
            article_path, "article", limit=MAX_ARTICLE_BYTES, root=corpus.root
        )
        tag_path = corpus.tag_path(article_id, whose)
        # A tag file that is there is read even when empty: validate refuses it, so must report.
        has_file = tag_path.exists() or tag_path.is_symlink()
        tag_data = read_limited(tag_path, "tag file", root=corpus.root) if has_file else b""
        key = cache_key(
            "report", article_data, tag_data, str(has_file), schema.fingerprint, whose, article_id
        )
        cached = cache.get(key)
        if cached is not None:
            reports.append(report_from_json(cached))
            continue
        article = parse_article(article_id, article_text(article_data, article_path), article_path)
        tags = corpus.load_tags_from(tag_data, tag_path, article).tags if has_file else None
        report = article_report(article_id, article.title, tags, schema, whose)
        cache.put(key, report.to_json())
        reports.append(report)
    cache.save()
    return reports


def report_command(args: argparse.Namespace) -> int:
    from annotator.reports import render as report_render

    corpus = Corpus.open(args.root)
    if args.output is not None:
        corpus.refuse_output(args.output)
    whose = ADJUDICATED if args.adjudicated else resolve_reviewer(args.reviewer)
    article_ids = [a.removesuffix(".txt") for a in args.articles] or corpus.article_ids()[0]
    cache = SummaryCache(
        None if args.no_cache else default_cache_dir(), corpus.root, kind="reports"
    )
    reports = build_reports(corpus, article_ids, whose, cache)
    missing = [r.article for r in reports if not r.has_tags]
    if args.format == "text" and args.output is None:
        from rich.console import Console

        Console().print(report_render.rich_report(reports))
    else:
        renderers = {
            "text": _plain_text,
            "markdown": report_render.markdown_report,
            "html": report_render.html_report,
            "json": report_render.json_report,
        }
        output = renderers[args.format](reports)
        if args.output is None:
            write_data(output)
        else:
            from annotator.storage.atomic import atomic_write

            atomic_write(args.output, output.encode("utf-8"))
            print(f"wrote {args.output}", file=sys.stderr)
    if missing:
        what = "adjudicated tags" if args.adjudicated else f"tags by {whose}"
        print(f"no {what} for: {', '.join(missing)}", file=sys.stderr)
    return EXIT_OK


def _plain_text(reports: list[ArticleReport]) -> str:
    from rich.console import Console

    from annotator.reports import render as report_render

    out = io.StringIO()  # (capture() keeps what is printed from the recording: an empty file)
    console = Console(file=out, width=100, no_color=True, force_terminal=False)
    console.print(report_render.rich_report(reports))
    return out.getvalue()


def register(commands: Commands) -> None:
    report = commands.add_parser(
        "report",
        help=COMMAND_HELP["report"],
        description="How articles source their story: claims by type, shares unnamed and "
        "unattributed, sources, stance balance per target, article tags; and the articles side by "
        "side by outlet. Uses your tags (see --reviewer) or, with --adjudicated, the adjudicated "
        "ones.",
    )
    report.add_argument("articles", nargs="*", metavar="ARTICLE", help="articles (default: all)")
    report.add_argument("--adjudicated", action="store_true", help="use the adjudicated tags")
    report.add_argument("--format", choices=REPORT_FORMATS, default="text")
    report.add_argument("-o", "--output", type=Path, metavar="PATH", help="write to a file")
    report.set_defaults(handler=report_command)
