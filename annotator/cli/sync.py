"""The ``sync`` command: share this reviewer's tag files through git."""

from __future__ import annotations

import argparse
import sys

from annotator.cli.common import EXIT_OK, Commands
from annotator.identity import resolve_reviewer
from annotator.storage.corpus import Corpus
from annotator.sync import sync


def register(commands: Commands) -> None:
    parser = commands.add_parser(
        "sync",
        help="share your tags through git",
        description="Commit your changed tag files (and nothing else), pull colleagues' work with "
        "rebase, and push. Errors leave your work in place.",
    )
    parser.set_defaults(handler=sync_command)


def sync_command(args: argparse.Namespace) -> int:
    corpus = Corpus.open(args.root)
    result = sync(corpus, resolve_reviewer(args.reviewer))
    what = (
        f"committed {len(result.committed)} tag file(s)"
        if result.committed
        else "nothing new to commit"
    )
    print(f"{what}; pulled and pushed", file=sys.stderr)
    return EXIT_OK
