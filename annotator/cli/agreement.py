"""The ``agreement`` command: how far reviewers agree on spans, claim types and stances."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from annotator.article import MAX_ARTICLE_BYTES, article_text, parse_article
from annotator.cli.common import COMMAND_HELP, EXIT_OK, Commands, print_json
from annotator.errors import AnnotatorError
from annotator.model import TagFile
from annotator.review.overview import (
    ArticleAgreement,
    article_agreement,
    combine,
    part_from_state,
    part_state,
)
from annotator.review.reference import against_adjudicated
from annotator.review.tokens import Coincidences, article_matrices, token_agreement
from annotator.slugs import ADJUDICATED, RESERVED_REVIEWERS
from annotator.storage.corpus import Corpus
from annotator.storage.parallel import map_articles
from annotator.storage.summary import SummaryCache, cache_key, default_cache_dir
from annotator.storage.yamlio import read_limited

Matrices = tuple[Coincidences, Coincidences]
Outcome = tuple[
    list[str], ArticleAgreement | None, Matrices | None, tuple[TagFile, dict[str, TagFile]] | None,
    tuple[str | None, dict[str, Any] | None],
]  # fmt: skip


class _ArticlePart:
    """One article's agreement, computed where its tag files are read (a worker for a large
    selection): only counts, unit lists and token coincidences go back, not the tag files,
    which cost as much to send back as to parse (the tag files too where the article has an
    adjudicated version, which that comparison needs). The part is cached on the exact bytes
    read (article, tag files, schema), so a second run parses nothing that did not change."""

    def __init__(
        self, corpus: Corpus, wanted: list[str] | None, reviewers: list[str], cache: SummaryCache
    ) -> None:
        self.corpus, self.wanted, self.reviewers, self.cache = corpus, wanted, reviewers, cache

    def __call__(self, article_id: str) -> Outcome:
        corpus = self.corpus
        path = corpus.article_path(article_id)
        if not path.is_file():
            corpus.load_article(article_id)  # the usual "no article" error
        article_data = read_limited(path, "article", limit=MAX_ARTICLE_BYTES, root=corpus.root)
        names = [r for r in corpus.reviewers(article_id) if r not in RESERVED_REVIEWERS]
        chosen = [r for r in (self.wanted if self.wanted is not None else names) if r in names]
        data = {
            r: read_limited(corpus.tag_path(article_id, r), "tag file", root=corpus.root)
            for r in chosen
        }
        key = None
        if not corpus.tag_path(article_id, ADJUDICATED).exists():
            key = cache_key(
                "agreement", article_id, article_data, corpus.schema.fingerprint,
                ",".join(self.reviewers), *(part for r in chosen for part in (r, data[r])),
            )  # fmt: skip
            cached = self.cache.entries.get(key)
            if cached is not None:
                return *_from_entry(cached), None, (key, None)
        article = parse_article(article_id, article_text(article_data, path), path)
        loaded = {
            r: corpus.load_tags_from(data[r], corpus.tag_path(article_id, r), article).tags
            for r in chosen
        }
        # A file of comments only (an adjudicator's) is not a reviewer who tagged nothing.
        kept = {reviewer: tags for reviewer, tags in loaded.items() if tags.is_reviewers}
        if not kept:
            return [], None, None, None, (None, None)
        decided = None
        if key is None:
            decided = (corpus.load_tags(article, ADJUDICATED).tags, kept)
        # Token coincidences depend on who tagged, not on their order.
        matrices = article_matrices(article, kept, list(kept))
        part = article_agreement(article_id, kept, self.reviewers)
        entry = None if key is None else _entry(list(kept), part, matrices)
        return list(kept), part, matrices, decided, (key, entry)


def _entry(names: list[str], part: ArticleAgreement, matrices: Matrices) -> dict[str, Any]:
    return {
        "names": names,
        "part": part_state(part),
        "matrices": [[[a, b, weight] for (a, b), weight in m.items()] for m in matrices],
    }


def _from_entry(entry: dict[str, Any]) -> tuple[list[str], ArticleAgreement, Matrices]:
    first, second = ({(a, b): weight for a, b, weight in m} for m in entry["matrices"])
    return list(entry["names"]), part_from_state(entry["part"]), (first, second)


def _candidates(corpus: Corpus, article_ids: list[str], wanted: list[str] | None) -> list[str]:
    """The reviewers to compare, from the file names (those whose files there all turn out to
    be comments only are left out after reading, and the parts made again)."""
    if wanted is not None:
        return wanted
    names: set[str] = set()
    for article_id in article_ids:
        names.update(r for r in corpus.reviewers(article_id) if r not in RESERVED_REVIEWERS)
    return sorted(names)


def agreement_command(args: argparse.Namespace) -> int:
    corpus = Corpus.open(args.root)
    article_ids = [a.removesuffix(".txt") for a in args.articles] or corpus.article_ids()[0]
    wanted = [r.strip() for r in args.reviewers.split(",")] if args.reviewers else None
    reviewers = _candidates(corpus, article_ids, wanted)
    cache = SummaryCache(
        None if args.no_cache else default_cache_dir(), corpus.root, kind="agreement"
    )
    while True:
        parts: list[ArticleAgreement] = []
        matrices = []
        per_article: dict[str, dict[str, TagFile]] = {}
        adjudicated: dict[str, TagFile] = {}
        found: dict[str, None] = {}
        job = _ArticlePart(corpus, wanted, reviewers, cache)
        for article_id, (names, part, matrix, decided, (key, entry)) in zip(
            article_ids, map_articles(job, article_ids), strict=True
        ):
            if key is not None and entry is not None:  # made now: kept for the next run
                cache.put(key, entry)
            elif key is not None:  # a hit: still used, so kept
                cache.get(key)
            if part is None or matrix is None:
                continue
            parts.append(part)
            matrices.append(matrix)
            found.update(dict.fromkeys(names))
            if decided is not None:
                adjudicated[article_id], per_article[article_id] = decided
        if wanted is not None or sorted(found) == reviewers:
            break
        reviewers = sorted(found)  # some had comments only: their empty rows must not count
    missing = [r for r in reviewers if r not in found]
    if missing:
        raise AnnotatorError(f"no tag files by {', '.join(missing)} for these articles")
    if len(reviewers) < 2:
        raise AnnotatorError("agreement needs the tags of at least two reviewers")
    cache.save()
    result = combine(parts, reviewers) | token_agreement(matrices, args.bootstrap)
    result["against_adjudicated"] = against_adjudicated(
        per_article, adjudicated, reviewers, args.bootstrap
    )
    if args.json:
        print_json(result, compact=True)  # every unit of the corpus: often megabytes
    else:
        _print(result)
    return EXIT_OK


def _fmt(value: Any) -> str:
    return "—" if value is None else f"{value:.2f}"


def _fmt3(value: Any) -> str:
    return "—" if value is None else f"{value:.3f}"


PAIR_CAPTION = (
    "exact F1: same span · P/R/F1: overlapping spans, b against a · κ: Cohen's kappa on matched "
    "claims · n: matched / a's claims / b's claims"
)


def _print(result: dict[str, Any]) -> None:
    from rich.console import Console

    from annotator.cli.tables import Column, fitted

    console = Console()
    columns = [Column("a", wrap=False), Column("b", wrap=False)]
    columns += [
        Column(header, number=True)
        for header in ("exact F1", "P", "R", "F1", "κ type", "κ stance", "n")
    ]
    rows = []
    for pair in result["pairs"]:
        overlap = pair["overlap"]
        rows.append(
            [
                pair["a"],
                pair["b"],
                _fmt(pair["exact"]["f1"]),
                _fmt(overlap["precision"]),
                _fmt(overlap["recall"]),
                _fmt(overlap["f1"]),
                _fmt(pair["kappa_type"]["value"]),
                _fmt(pair["kappa_stance"]["value"]),
                f"{overlap['matches']}/{overlap['a_claims']}/{overlap['b_claims']}",
            ]
        )
    title = "Agreement per reviewer pair (all selected articles)"
    console.print(fitted(console, columns, rows, title, PAIR_CAPTION))
    alpha = result["alpha"]
    console.print(
        "Krippendorff's alpha (nominal), all reviewers: "
        f"claim type {_fmt(alpha['type']['value'])}, "
        f"stance {_fmt(alpha['stance']['value'])} over {alpha['type']['pairable_units']} units "
        f"tagged by at least two reviewers"
    )
    _print_against_adjudicated(console, result["against_adjudicated"])
    for key, what in (
        ("token_alpha", "content/source/cue/none"),
        ("token_alpha_content", "content or not"),
    ):
        figure = result[key]
        interval = figure["ci95"]
        ci = f" (95% CI {interval[0]:.3f}–{interval[1]:.3f})" if interval else ""
        console.print(f"Token-level alpha, {what}: {_fmt3(figure['value'])}{ci}")
    types = sorted({label for pair in result["pairs"] for label in pair["labels"]})
    label_columns = [Column("pair", wrap=False), *(Column(t, number=True) for t in types)]
    label_rows = [
        [
            f"{pair['a']} / {pair['b']}",
            *(_fmt(pair["labels"].get(t, {}).get("f1")) for t in types),
        ]
        for pair in result["pairs"]
    ]
    title = "Span agreement per claim type (overlap F1)"
    console.print(fitted(console, label_columns, label_rows, title))
    part_rows = [
        [
            f"{pair['a']} / {pair['b']}",
            *(_fmt((pair[f"{part}_spans"] or {}).get("f1")) for part in ("source", "cue")),
        ]
        for pair in result["pairs"]
        if pair["source_spans"] or pair["cue_spans"]
    ]
    if part_rows:
        part_columns = [
            Column("pair", wrap=False),
            Column("source F1", number=True),
            Column("cue F1", number=True),
        ]
        title = "Source and cue spans of matched claims (exact F1, where both marked some)"
        console.print(fitted(console, part_columns, part_rows, title))
    print(
        f"{len(result['articles'])} articles, reviewers: {', '.join(result['reviewers'])}",
        file=sys.stderr,
    )


def register(commands: Commands) -> None:
    parser = commands.add_parser(
        "agreement",
        help=COMMAND_HELP["agreement"],
        description="Span agreement per whole claim (precision, recall, F1; exact: the same "
        "content fragments, overlap: any shared character) per reviewer pair, Cohen's kappa for "
        "claim type and stance on matched claims, source and cue span agreement (exact F1) where "
        "both reviewers marked them, Krippendorff's alpha across all reviewers; per pair, per "
        "label and per article (--json).",
    )
    parser.add_argument("articles", nargs="*", metavar="ARTICLE", help="articles (default: all)")
    parser.add_argument("--reviewers", metavar="A,B,…", help="reviewers to compare (default: all)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--bootstrap",
        type=int,
        default=1000,
        metavar="N",
        help="rounds of the bootstrap over articles for the 95%% intervals (0: none; "
        "default: 1000, seeded so reruns agree)",
    )
    parser.set_defaults(handler=agreement_command)


def _print_against_adjudicated(console: Any, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    from annotator.cli.tables import Column, fitted

    def cell(row: dict[str, Any], name: str) -> str:
        interval = row["ci95"].get(name)
        value = _fmt(row[name])
        return f"{value} [{interval[0]:.2f}–{interval[1]:.2f}]" if interval else value

    columns = [Column("reviewer", wrap=False), Column("articles", number=True)]
    columns += [Column(h, number=True) for h in ("F1", "κ type", "κ stance")]
    table = [
        [row["reviewer"], str(row["articles"]), cell(row, "overlap_f1"), cell(row, "kappa_type"),
         cell(row, "kappa_stance")]
        for row in rows
    ]  # fmt: skip
    caption = "overlap F1 and kappa of each reviewer against adjudicated.yaml, [95% bootstrap CI]"
    console.print(fitted(console, columns, table, "Against the adjudicated version", caption))
