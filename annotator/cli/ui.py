"""``annotate`` and ``review``: the terminal UI, which is imported only when one of them runs."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from annotator.cli.common import COMMAND_HELP, EXIT_OK, Commands
from annotator.identity import reviewer_and_origin, reviewer_note
from annotator.storage.corpus import Corpus


def open_ui(args: argparse.Namespace) -> int:
    """Open the terminal UI: the article picker, or the named article. Textual loads only here."""
    corpus = Corpus.open(args.root)
    corpus.schema  # noqa: B018 - a bad schema is reported on the command line, not in the UI
    reviewer, origin = reviewer_and_origin(args.reviewer)
    article_id = getattr(args, "article", None)
    if article_id is not None:
        article_id = article_id.removesuffix(".txt")
        if not corpus.article_path(article_id).is_file():  # the UI reports unreadable text
            corpus.load_article(article_id)  # raises the usual "no article" error
    from annotator.tui.app import AnnotatorApp

    app = AnnotatorApp(
        corpus,
        reviewer,
        article_id,
        review=getattr(args, "command", None) == "review",
        reviewer_note=reviewer_note(reviewer, origin),
    )
    # Its own loop and worker threads: asyncio.run, and Python's exit, would wait for every
    # worker thread, so a worker stuck in a slow read would keep the terminal after `q`.
    loop = asyncio.new_event_loop()
    workers = ThreadPoolExecutor(thread_name_prefix=WORKER_PREFIX)
    loop.set_default_executor(workers)
    try:
        app.run(loop=loop)
    finally:
        workers.shutdown(wait=False, cancel_futures=True)
        loop.close()
    if app.exit_message:
        print(app.exit_message, file=sys.stderr)
    _exit_without_waiting_for_workers(EXIT_OK)
    return EXIT_OK


WORKER_PREFIX = "annotator-worker"


def _exit_without_waiting_for_workers(code: int, grace: float = 0.2) -> None:
    """Leave now when one of the UI's worker threads is still busy (a slow read, a long
    computation): the app saved everything in the main thread before it closed, so nothing is
    left to wait for, and quitting must take well under a second whatever a worker is doing."""
    deadline = time.monotonic() + grace
    for thread in threading.enumerate():
        if thread.name.startswith(WORKER_PREFIX):
            thread.join(max(0.0, deadline - time.monotonic()))
            if thread.is_alive():
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)


def register(commands: Commands) -> None:
    annotate = commands.add_parser(
        "annotate",
        help=COMMAND_HELP["annotate"],
        description="Open the terminal UI, on ARTICLE when given, else on the article picker.",
    )
    annotate.add_argument("article", nargs="?", metavar="ARTICLE")
    annotate.set_defaults(handler=open_ui)

    review = commands.add_parser(
        "review",
        help=COMMAND_HELP["review"],
        description="Open every reviewer's claims of ARTICLE aligned: agreed, partly agreed, or by "
        "one reviewer only; n and p jump between disagreements.",
    )
    review.add_argument("article", metavar="ARTICLE")
    review.set_defaults(handler=open_ui)
