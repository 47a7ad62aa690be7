"""The command line: ``annotator [--root DIR] [--reviewer NAME] COMMAND …``.

Exit codes: 0 success; 1 problems found (``validate``, or invalid files met by ``list``);
2 bad usage or bad input (nothing was written); 130 interrupted.
Data goes to stdout, messages to stderr. Rich and the terminal UI are imported only when needed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from annotator import __version__
from annotator.errors import AnnotatorError, InvalidFileError, Problem

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line on stderr, pointing at --help."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
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
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    listing = commands.add_parser(
        "list",
        help="list articles with each reviewer's progress",
        description="List every "
        "article with its title, paragraph count, and per reviewer the claims and the "
        "paragraphs reviewed out of those to review (boilerplate excluded).",
    )
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")

    show = commands.add_parser(
        "show",
        help="print an article with your claims highlighted",
        description="Print an "
        "article paragraph by paragraph, numbered, with the current reviewer's claim spans "
        "highlighted by type and a legend; plain text when stdout is not a terminal.",
    )
    show.add_argument("article", metavar="ARTICLE", help="article id (see 'annotator list')")

    validate = commands.add_parser(
        "validate",
        help="check the schema and every tag file",
        description="Check the schema, "
        "every article and every tag file. Exit 0 when all is well, otherwise print one line "
        "per problem and exit 1.",
    )
    validate.add_argument("--json", action="store_true", help="print the result as JSON")

    add = commands.add_parser(
        "add",
        help="copy text files into seeds/ as articles",
        description="Copy UTF-8 text "
        "files into seeds/ under a safe id made from the file name, and print each id. "
        "If any file is unusable, nothing is added.",
    )
    add.add_argument("files", nargs="+", type=Path, metavar="FILE")

    from annotator.agreement_cli import add_parser as add_agreement_parser
    from annotator.exchange_cli import add_parsers
    from annotator.report_cli import add_parser as add_report_parser
    from annotator.review_cli import add_parser as add_diff_parser
    from annotator.review_cli import add_sync_parser

    add_parsers(commands)
    add_report_parser(commands)
    add_agreement_parser(commands)
    add_diff_parser(commands)
    add_sync_parser(commands)

    annotate = commands.add_parser(
        "annotate",
        help="open the terminal UI on an article",
        description="Open the terminal UI, on ARTICLE when given, else on the article picker.",
    )
    annotate.add_argument("article", nargs="?", metavar="ARTICLE")

    review = commands.add_parser(
        "review",
        help="review colleagues' tags of an article",
        description="Open every reviewer's claims of ARTICLE aligned: agreed, partly agreed, or by "
        "one reviewer only; n and p jump between disagreements.",
    )
    review.add_argument("article", metavar="ARTICLE")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except InvalidFileError as error:
        for problem in error.problems:
            _say(problem.format())
        return EXIT_USAGE
    except AnnotatorError as error:
        _say(str(error))
        return error.exit_code
    except KeyboardInterrupt:
        _say("annotator: interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (e.g. '| head'); not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK


def entry_point() -> None:
    sys.exit(main(sys.argv[1:]))


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _run(args: argparse.Namespace) -> int:
    from annotator import agreement_cli, commands, exchange_cli, report_cli, review_cli

    handlers = {
        "list": commands.list_articles,
        "show": commands.show_article,
        "validate": commands.validate,
        "add": commands.add_articles,
        "export": exchange_cli.export_command,
        "import": exchange_cli.import_command,
        "report": report_cli.report_command,
        "agreement": agreement_cli.agreement_command,
        "diff": review_cli.diff_command,
        "sync": review_cli.sync_command,
    }
    if args.command in handlers:
        return handlers[args.command](args)
    return commands.open_ui(args)


def report_problems(problems: Sequence[Problem], root: Path) -> None:
    for problem in problems:
        _say(problem.format(root))


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
