"""What each CLI command does; argument parsing and exit handling live in ``cli``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from annotator.article import read_article_text
from annotator.atomic import atomic_write
from annotator.cli import EXIT_OK, EXIT_PROBLEMS, print_json, report_problems
from annotator.errors import InvalidFileError, Problem
from annotator.identity import resolve_reviewer
from annotator.slugs import RESERVED_REVIEWERS, reviewer_problem, slugify
from annotator.store import Corpus
from annotator.summary import ArticleSummary, SummaryCache, default_cache_dir, summarize_corpus


def _summaries(args: argparse.Namespace) -> tuple[Corpus, list[ArticleSummary], list[Problem]]:
    corpus = Corpus.open(args.root)
    corpus.schema  # noqa: B018 - a bad schema is reported before anything else
    cache = SummaryCache(None if args.no_cache else default_cache_dir(), corpus.root)
    summaries, problems = summarize_corpus(corpus, cache)
    return corpus, summaries, problems


def list_articles(args: argparse.Namespace) -> int:
    corpus, summaries, problems = _summaries(args)
    if args.json:
        print_json([summary.to_json(corpus.root) for summary in summaries])
    else:
        from rich.console import Console

        from annotator.render import list_table

        Console().print(list_table(summaries))
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

    from annotator.render import article_view

    console = Console()
    plain = not console.is_terminal
    console.print(article_view(article, loaded.tags, corpus.schema, plain), soft_wrap=plain)
    if loaded.disk_digest is None:
        print(f"{reviewer} has no tags for {article.id} yet", file=sys.stderr)
    report_problems(
        [Problem(loaded.path, message) for message in loaded.anchor_messages()], corpus.root
    )
    return EXIT_OK


def add_articles(args: argparse.Namespace) -> int:
    corpus = Corpus.open(args.root)
    existing = {path.stem: path for path in corpus.seeds_dir.glob("*.txt")}
    planned: list[tuple[Path, str, bytes]] = []
    for source in args.files:
        read_article_text(source)  # every file is checked before anything is written
        data = source.read_bytes()
        article_id, duplicate = _free_id(slugify(source.stem) or "article", data, existing)
        if duplicate:
            print(f"{source}: already in seeds/ as {article_id}", file=sys.stderr)
            print(article_id)
            continue
        existing[article_id] = corpus.seeds_dir / f"{article_id}.txt"
        planned.append((source, article_id, data))
    for source, article_id, data in planned:
        atomic_write(corpus.seeds_dir / f"{article_id}.txt", data)
        print(f"{source}: added as {article_id}", file=sys.stderr)
        print(article_id)
    return EXIT_OK


def _free_id(base: str, data: bytes, existing: dict[str, Path]) -> tuple[str, bool]:
    """The id to use, and whether the same text is already there under it."""
    candidate, number = base, 1
    while candidate in existing:
        path = existing[candidate]
        if path.exists() and path.read_bytes() == data:
            return candidate, True
        number += 1
        candidate = f"{base}-{number}"
    return candidate, False


def open_ui(args: Any) -> int:
    """Open the terminal UI: the article picker, or the named article. Textual loads only here."""
    corpus = Corpus.open(args.root)
    corpus.schema  # noqa: B018 - a bad schema is reported on the command line, not in the UI
    reviewer = resolve_reviewer(args.reviewer)
    article_id = getattr(args, "article", None)
    if article_id is not None:
        article_id = article_id.removesuffix(".txt")
        if not corpus.article_path(article_id).is_file():  # the UI reports unreadable text
            corpus.load_article(article_id)  # raises the usual "no article" error
    from annotator.tui.app import AnnotatorApp

    app = AnnotatorApp(corpus, reviewer, article_id, review=args.command == "review")
    app.run()
    if app.exit_message:
        print(app.exit_message, file=sys.stderr)
    return EXIT_OK
