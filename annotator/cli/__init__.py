"""The command line: ``annotator [--root DIR] [--reviewer NAME] COMMAND …``.

The parser and ``main``; each command lives in its own module of this package, and what they
share (exit codes, messages, JSON output) in ``annotator.cli.common``.

Exit codes: 0 success; 1 problems found (``validate``, or invalid files met by ``list``);
2 bad usage or bad input (nothing was written); 130 interrupted.
Data goes to stdout, messages to stderr. Rich and the terminal UI are imported only when needed.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from annotator import __version__
from annotator.cli.common import (
    COMMAND_HELP,
    COMMAND_MODULES,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    CommandParser,
    say,
)
from annotator.errors import AnnotatorError, InvalidFileError

_OPTIONS_WITH_VALUE = ("--root", "--reviewer")


def build_parser(
    command: str | None = None, *, every_command: bool = True
) -> argparse.ArgumentParser:
    """The parser; with ``every_command`` false, only ``command``'s module is imported and the
    other commands are placeholders (enough for the top-level --help)."""
    parser = CommandParser(
        prog="annotator",
        description="Review news articles: tag claims, their sources and stance, and source bias.",
        epilog="Exit codes: 0 ok, 1 problems found, 2 bad usage or input, 130 interrupted. "
        "With no command, opens the terminal UI.",
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    parser.add_argument(
        "--root",
        type=Path,
        default=Path(),
        metavar="DIR",
        help="corpus folder holding seeds/ and annotations/ (default: the current folder)",
    )
    parser.add_argument(
        "--reviewer",
        metavar="NAME",
        help="your reviewer name (default: $ANNOTATOR_REVIEWER, else git user.name, else login)",
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="do not use or update the parse cache"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)

    for module_name, names in COMMAND_MODULES.items():
        if every_command or command in names:
            importlib.import_module(f"annotator.cli.{module_name}").register(commands)
            continue
        for name in names:
            commands.add_parser(name, help=COMMAND_HELP[name], add_help=False)
    return parser


def _command_in(argv: Sequence[str]) -> str | None:
    """The command word of ``argv``, found without the parser (so only its module is loaded)."""
    tokens = iter(argv)
    for token in tokens:
        if token in _OPTIONS_WITH_VALUE:
            next(tokens, None)
        elif not token.startswith("-"):
            return token
    return None


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    command = _command_in(argv)
    args, unknown = build_parser(command, every_command=False).parse_known_args(argv)
    if unknown or (args.command is not None and not hasattr(args, "handler")):
        # A wrong guess (an abbreviated option took the word as its value) or a usage error:
        # the full parser parses it right or says what is wrong.
        args = build_parser().parse_args(argv)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    try:
        return _run(args)
    except InvalidFileError as error:
        for problem in error.problems:
            say(problem.format())
        return EXIT_USAGE
    except AnnotatorError as error:
        say(str(error))
        return error.exit_code
    except KeyboardInterrupt:
        say("annotator: interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (e.g. '| head'); not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK


def entry_point() -> None:
    sys.exit(main(sys.argv[1:]))


def _run(args: argparse.Namespace) -> int:
    if args.reviewer is not None:  # a bad name is refused by every command, writing or not
        from annotator.identity import resolve_reviewer

        resolve_reviewer(args.reviewer)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:  # no command: the terminal UI
        from annotator.cli.ui import open_ui

        handler = open_ui
    return handler(args)
