"""The ``add`` command: copy text files into seeds/ as articles."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotator.article import read_article_text
from annotator.cli.common import COMMAND_HELP, EXIT_OK, Commands
from annotator.slugs import slugify
from annotator.storage.atomic import atomic_write
from annotator.storage.corpus import Corpus


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


def register(commands: Commands) -> None:
    add = commands.add_parser(
        "add",
        help=COMMAND_HELP["add"],
        description="Copy UTF-8 text "
        "files into seeds/ under a safe id made from the file name, and print each id. "
        "If any file is unusable, nothing is added.",
    )
    add.add_argument("files", nargs="+", type=Path, metavar="FILE")
    add.set_defaults(handler=add_articles)
