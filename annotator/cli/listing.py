"""Looking at the corpus: ``list`` (progress), ``show`` (one article) and ``validate``."""

from __future__ import annotations

import argparse
import sys

from annotator.cli.common import (
    COMMAND_HELP,
    EXIT_OK,
    EXIT_PROBLEMS,
    Commands,
    print_json,
    report_problems,
)
from annotator.errors import InvalidFileError, Problem
from annotator.identity import resolve_reviewer
from annotator.slugs import RESERVED_REVIEWERS, reviewer_problem
from annotator.storage.corpus import Corpus
from annotator.storage.summary import (
    ArticleSummary,
    SummaryCache,
    default_cache_dir,
    summarize_corpus,
)


def _summaries(args: argparse.Namespace) -> tuple[Corpus, list[ArticleSummary], list[Problem]]:
    corpus = Corpus.open(args.root)
    corpus.schema  # noqa: B018 - a bad schema is reported before anything else
    cache = SummaryCache(None if args.no_cache else default_cache_dir(), corpus.root)
    summaries, problems = summarize_corpus(corpus, cache, parallel=True)
    return corpus, summaries, problems


def list_articles(args: argparse.Namespace) -> int:
    corpus, summaries, problems = _summaries(args)
    if args.json:
        print_json([summary.to_json(corpus.root) for summary in summaries])
    else:
        from rich.console import Console

        from annotator.cli.render import list_table

        console = Console()
        console.print(list_table(console, summaries))
    for summary in summaries:
        for reviewer in summary.reviewers:
            if reviewer.problems:
                more = len(reviewer.problems) - 1
                extra = f" (and {more} more; run 'annotator validate')" if more else ""
                problems.append(
                    Problem(
                        reviewer.problems[0].path,
                        reviewer.problems[0].message + extra,
                        reviewer.problems[0].line,
                    )
                )
    report_problems(problems, corpus.root)
    return EXIT_PROBLEMS if problems else EXIT_OK


def validate(args: argparse.Namespace) -> int:
    try:
        corpus, summaries, problems = _summaries(args)
    except InvalidFileError as error:
        corpus, summaries, problems = Corpus.open(args.root), [], list(error.problems)
    tag_files = 0
    for summary in summaries:
        for reviewer in summary.reviewers:
            tag_files += 1
            problems.extend(reviewer.problems)
            problems.extend(w for w in reviewer.warnings if "orphaned" in w.message)
    problems.extend(_stray_annotations(corpus, {s.id for s in summaries}))
    if args.json:
        print_json(
            {
                "ok": not problems,
                "articles": len(summaries),
                "tag_files": tag_files,
                "problems": [p.to_json(corpus.root) for p in problems],
            }
        )
    else:
        for problem in problems:
            print(problem.format(corpus.root))
        verdict = "all valid" if not problems else f"{len(problems)} problem(s)"
        print(f"{len(summaries)} articles, {tag_files} tag files: {verdict}", file=sys.stderr)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _stray_annotations(corpus: Corpus, article_ids: set[str]) -> list[Problem]:
    """Tag folders with no article, and files whose names cannot be reviewers."""
    problems: list[Problem] = []
    if not corpus.annotations_dir.is_dir():
        return problems
    for folder in sorted(corpus.annotations_dir.iterdir()):
        if not folder.is_dir() or folder.name.startswith("."):
            continue
        if (
            folder.name not in article_ids
            and not (corpus.seeds_dir / f"{folder.name}.txt").exists()
        ):
            problems.append(
                Problem(
                    folder,
                    f"no article seeds/{folder.name}.txt for these tags; "
                    "restore the article or remove the folder",
                )
            )
            continue
        for path in sorted(folder.glob("*.yaml")):
            if path.stem not in RESERVED_REVIEWERS and reviewer_problem(path.stem):
                problems.append(Problem(path, f"{reviewer_problem(path.stem)}; rename the file"))
    return problems


def show_article(args: argparse.Namespace) -> int:
    corpus = Corpus.open(args.root)
    article = corpus.load_article(args.article)
    reviewer = resolve_reviewer(args.reviewer)
    loaded = corpus.load_tags(article, reviewer)
    from rich.console import Console

    from annotator.cli.render import article_view, plain_article_lines

    console = Console()
    if console.is_terminal:
        # Lines are cut to the width as they are drawn: no second pass to crop them.
        console.print(article_view(article, loaded.tags, corpus.schema), crop=False)
    else:
        lines = plain_article_lines(article, loaded.tags, corpus.schema)
        sys.stdout.writelines(f"{line}\n" for line in lines)  # each line already made safe
    if loaded.disk_digest is None:
        print(f"{reviewer} has no tags for {article.id} yet", file=sys.stderr)
    report_problems(
        [Problem(loaded.path, message) for message in loaded.anchor_messages()], corpus.root
    )
    return EXIT_OK


def register(commands: Commands) -> None:
    listing = commands.add_parser(
        "list",
        help=COMMAND_HELP["list"],
        description="List every "
        "article with its title, paragraph count, and per reviewer the claims and the "
        "paragraphs reviewed out of those to review (boilerplate excluded).",
    )
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(handler=list_articles)

    show = commands.add_parser(
        "show",
        help=COMMAND_HELP["show"],
        description="Print an "
        "article paragraph by paragraph, numbered, with the current reviewer's claim spans "
        "highlighted by type and a legend; plain text when stdout is not a terminal.",
    )
    show.add_argument("article", metavar="ARTICLE", help="article id (see 'annotator list')")
    show.set_defaults(handler=show_article)

    check = commands.add_parser(
        "validate",
        help=COMMAND_HELP["validate"],
        description="Check the schema, "
        "every article and every tag file. Exit 0 when all is well, otherwise print one line "
        "per problem and exit 1.",
    )
    check.add_argument("--json", action="store_true", help="print the result as JSON")
    check.set_defaults(handler=validate)
