"""What every command shares: exit codes, one-line messages, JSON output, the argument parser.

Commands import this module; it imports no command (nothing in ``annotator.cli`` imports upward).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TypeAlias

from annotator.errors import Problem

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

# Each command's module and its one-line help (what the top-level --help lists): a command's
# module is imported only when that command runs.
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "listing": ("list", "show", "validate"),
    "add": ("add",),
    "exchange": ("export", "import"),
    "report": ("report",),
    "agreement": ("agreement",),
    "diff": ("diff",),
    "sync": ("sync",),
    "ui": ("annotate", "review"),
    "suggest": ("suggest",),
}
COMMAND_HELP = {
    "list": "list articles with each reviewer's progress",
    "show": "print an article with your claims highlighted",
    "validate": "check the schema and every tag file",
    "add": "copy text files into seeds/ as articles",
    "export": "write tags for other tools",
    "import": "read tags from other tools",
    "report": "source-bias report of articles",
    "agreement": "agreement between reviewers",
    "diff": "two reviewers' tags side by side",
    "sync": "share your tags through git",
    "annotate": "open the terminal UI on an article",
    "review": "review colleagues' tags of an article",
    "suggest": "attributions found in the text, to accept or reject",
}

# The type argparse gives ``add_subparsers()``; every command module adds its parsers to it.
Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


class CommandParser(argparse.ArgumentParser):
    """Usage errors as one line on stderr, pointing at --help."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def write_data(text: str) -> None:
    """Data to stdout: exact into a pipe or file; on a terminal, control characters from
    articles and tags are shown as visible symbols (an escape sequence in a title must not
    retitle the window or write the clipboard)."""
    if sys.stdout.isatty():
        from annotator.display import safe_text

        text = safe_text(text.replace("\r\n", "\n"))
    sys.stdout.write(text)


def say(message: str) -> None:
    """A message for the person at the terminal: stderr, never mixed with data on stdout."""
    print(message, file=sys.stderr)


def report_problems(problems: Sequence[Problem], root: Path) -> None:
    for problem in problems:
        say(problem.format(root))


def print_json(data: object, *, compact: bool = False) -> None:
    """JSON on stdout, indented; ``compact``: on one line, for output that runs to megabytes
    (Python's encoder is 5-10x slower when it indents)."""
    if compact:
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        return
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
