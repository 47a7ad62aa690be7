"""The ``suggest`` command: attributions the suggester finds in articles, as a readable listing
or JSON Lines (one suggestion a line, article-relative offsets as in the jsonl export)."""

from __future__ import annotations

import argparse
import bisect
import json
from typing import TYPE_CHECKING, Any

from annotator.cli.common import COMMAND_HELP, EXIT_OK, Commands, say, write_data
from annotator.display import clip
from annotator.identity import resolve_reviewer
from annotator.storage.corpus import Corpus
from annotator.storage.parallel import map_articles

if TYPE_CHECKING:  # the suggester loads its model: only when the command runs
    from annotator.article import Article
    from annotator.suggest.suggester import Suggestion


def _pieces(text: str, spans: tuple[tuple[int, int], ...]) -> list[dict[str, Any]]:
    return [{"start": s, "end": e, "quote": text[s:e]} for s, e in spans]


def suggestion_record(article: Article, suggestion: Suggestion) -> dict[str, Any]:
    text = article.text
    return {
        "article": article.id,
        "fragments": _pieces(text, suggestion.content),
        "source_fragments": _pieces(text, suggestion.source_spans),
        "cue_fragments": _pieces(text, suggestion.cue_spans),
        "type": suggestion.type,
        "source": suggestion.source,
        "role": suggestion.role,
        "score": suggestion.score,
    }


def _paragraph_of(article: Article, offset: int) -> int:
    return max(1, bisect.bisect_right(article.paragraph_starts, offset))


def listing_lines(article: Article, suggestions: list[Suggestion]) -> list[str]:
    text = article.text
    lines = [f"{article.id}: {len(suggestions)} suggestions"]
    for suggestion in suggestions:
        who = suggestion.source or "(no source)"
        if suggestion.role:
            who += f", {suggestion.role}"
        cue = " … ".join(text[s:e] for s, e in suggestion.cue_spans)
        lines.append(
            f"  ¶{_paragraph_of(article, suggestion.content[0][0])}  {suggestion.type}  "
            f"{suggestion.score:.2f}  {who} · {cue!r}"
        )
        lines.append(f"      “{clip(suggestion.quote(text), 100)}”")
    return lines


class _Job:
    """One article's suggestions (a picklable callable for the worker pool)."""

    def __init__(self, corpus: Corpus, reviewer: str | None, as_json: bool) -> None:
        self.corpus, self.reviewer, self.as_json = corpus, reviewer, as_json

    def __call__(self, article_id: str) -> str:
        from annotator.suggest.suggester import open_suggestions, suggest_article

        article = self.corpus.load_article(article_id)
        suggestions = suggest_article(article)
        if self.reviewer is not None:
            tags = self.corpus.load_tags(article, self.reviewer).tags
            suggestions = open_suggestions(suggestions, article, tags)
        if self.as_json:
            return "".join(
                json.dumps(suggestion_record(article, s), ensure_ascii=False) + "\n"
                for s in suggestions
            )
        return "".join(line + "\n" for line in listing_lines(article, suggestions))


def _stats(corpus: Corpus, ids: list[str], as_json: bool) -> int:
    """Per reviewer: suggestions accepted (claims marked ``suggested``), rejected, and the
    precision in use, accepted / (accepted + rejected)."""
    from annotator.errors import AnnotatorError
    from annotator.slugs import RESERVED_REVIEWERS

    counts: dict[str, list[int]] = {}
    for article_id in ids:
        article = corpus.load_article(article_id)
        for reviewer in corpus.reviewers(article_id):
            if reviewer in RESERVED_REVIEWERS:
                continue
            try:
                tags = corpus.load_tags(article, reviewer).tags
            except AnnotatorError as error:
                say(f"skipped: {error}")
                continue
            row = counts.setdefault(reviewer, [0, 0])
            row[0] += sum(1 for c in tags.claims if c.suggested)
            row[1] += len(tags.rejected_suggestions)
    records = [
        {
            "reviewer": reviewer,
            "accepted": accepted,
            "rejected": rejected,
            "precision": round(accepted / (accepted + rejected), 4)
            if accepted + rejected
            else None,
        }
        for reviewer, (accepted, rejected) in sorted(counts.items())
    ]
    if as_json:
        write_data(json.dumps(records, ensure_ascii=False) + "\n")
        return EXIT_OK
    for record in records:
        precision = record["precision"]
        shown = "—" if precision is None else f"{precision:.0%}"
        write_data(
            f"{record['reviewer']}: {record['accepted']} accepted, {record['rejected']} rejected, "
            f"precision in use {shown}\n"
        )
    return EXIT_OK


def suggest_command(args: argparse.Namespace) -> int:
    corpus = Corpus.open(args.root)
    if args.articles:
        ids = [corpus.load_article(a).id for a in args.articles]  # unknown ids fail first
    else:
        ids, problems = corpus.article_ids()
        for problem in problems:
            say(problem.format(corpus.root))
    if args.stats:
        return _stats(corpus, ids, args.json)
    reviewer = resolve_reviewer(args.reviewer) if args.open else None
    job = _Job(corpus, reviewer, args.json)
    count = 0
    for chunk in map_articles(job, ids):
        write_data(chunk)
        count += chunk.count("\n") if args.json else 0
    if args.json:
        say(f"{count} suggestions in {len(ids)} articles")
    return EXIT_OK


def register(commands: Commands) -> None:
    parser = commands.add_parser(
        "suggest",
        help=COMMAND_HELP["suggest"],
        description="Attributions found in the text (content, source, cue) with a claim type, "
        "source name, role and score, computed offline by the bundled model. Nothing is written: "
        "accept or reject suggestions in 'annotator annotate' (n/p to select, y or a digit to "
        "accept, X to reject).",
        epilog="With --json, each line has article, fragments, source_fragments, cue_fragments "
        "(lists of start, end, quote; code points into the article text, as the jsonl export), "
        "type, source, role and score.",
    )
    parser.add_argument(
        "articles", nargs="*", metavar="ARTICLE", help="article ids (default: every article)"
    )
    parser.add_argument("--json", action="store_true", help="JSON Lines on stdout")
    parser.add_argument(
        "--open",
        action="store_true",
        help="leave out suggestions you rejected and those over claims you already tagged",
    )
    parser.add_argument(
        "--stats",
        action="store_true",
        help="instead: per reviewer, suggestions accepted and rejected (precision in real use)",
    )
    parser.set_defaults(handler=suggest_command)
