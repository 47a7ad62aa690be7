"""The ``sync`` command: share this reviewer's tag files through git."""

from __future__ import annotations

import argparse
import sys

from annotator.cli.common import COMMAND_HELP, EXIT_OK, Commands
from annotator.identity import resolve_reviewer
from annotator.storage.corpus import Corpus
from annotator.sync import sync


def register(commands: Commands) -> None:
    parser = commands.add_parser(
        "sync",
        help=COMMAND_HELP["sync"],
        description="Commit your changed, new and deleted tag files (and any adjudicated.yaml "
        "you changed; nothing else), fetch colleagues' work, rebase onto it and push. Refuses to "
        "start inside a rebase, merge, cherry-pick or bisect of yours, on a detached HEAD or "
        "with unmerged paths. Errors say what git said and leave your work in place. Exit "
        "codes: 0 shared, 2 not shared (the message says why and what to do).",
    )
    parser.set_defaults(handler=sync_command)


def sync_command(args: argparse.Namespace) -> int:
    corpus = Corpus.open(args.root)
    result = sync(corpus, resolve_reviewer(args.reviewer))
    count = len(result.committed)
    what = (
        f"committed {count} file{'s' if count != 1 else ''}" if count else "nothing new to commit"
    )
    if result.deleted:
        what += f" ({result.deleted} deleted)"
    shared = (
        f"first push to {result.target}"
        if result.first_push
        else f"pulled colleagues' work from {result.target} and pushed"
    )
    print(f"{what}; {shared}", file=sys.stderr)
    return EXIT_OK
