"""The ``export`` and ``import`` commands, for every format of ``annotator.exchange.registry``."""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from annotator.article import MAX_ARTICLE_BYTES, Article, decode_article_bytes
from annotator.cli.common import COMMAND_HELP, EXIT_OK, Commands, report_problems, write_data
from annotator.errors import AnnotatorError
from annotator.exchange.original import first_difference, mapped, offset_map
from annotator.exchange.placement import Imported, ImportOptions, Span, Tagged, place_spans
from annotator.exchange.registry import (
    export_formats,
    formats_help,
    get_format,
    import_formats,
)
from annotator.identity import resolve_reviewer
from annotator.model import TagFile
from annotator.slugs import ADJUDICATED
from annotator.storage.atomic import atomic_write
from annotator.storage.corpus import Corpus, digest
from annotator.storage.parallel import map_articles
from annotator.storage.yamlio import read_limited


def _original_text(
    corpus: Corpus,
    args: argparse.Namespace,
    path: Path,
    named: str,
    target: str,
    texts: dict[str, str],
) -> str | None:
    """The text the file's offsets count in: --text FILE; else the text the file carries (Label
    Studio's data.text); for brat the .txt beside the .ann, else the article's own file as it is
    on disk (what brat and INCEpTION users annotate). None: the tool's own text (jsonl)."""
    if args.text is not None:
        return _as_read(args.text)
    if named in texts:
        return texts[named]
    if args.format != "brat":
        return None
    beside = path.with_suffix(".txt")
    return _as_read(beside if beside.is_file() else corpus.article_path(target))


def _as_read(path: Path) -> str:
    """A text file as annotation tools read it: UTF-8, a byte-order mark kept as a character
    (brat counts it)."""
    raw = read_limited(path, "text file", limit=MAX_ARTICLE_BYTES)
    decode_article_bytes(raw, path)  # its one-line error for bytes that are not UTF-8
    return raw.decode("utf-8")


def _ids(corpus: Corpus, args: argparse.Namespace) -> list[str]:
    return [a.removesuffix(".txt") for a in args.articles] or corpus.article_ids()[0]


def _all_items(corpus: Corpus, args: argparse.Namespace, counts: list[int]) -> list[Tagged]:
    """Every tag file the export takes, loaded at once (formats that are one document);
    ``counts`` becomes (tag files, claims)."""
    items = [item for i in _ids(corpus, args) for item in _article_items(corpus, args, i)]
    counts[:] = [len(items), sum(len(item.claims()) for item in items)]
    return items


def _article_items(corpus: Corpus, args: argparse.Namespace, article_id: str) -> list[Tagged]:
    """The tag files of one article that the export takes."""
    article = corpus.load_article(article_id)
    if args.all_reviewers:
        reviewers = [r for r in corpus.reviewers(article_id) if r != ADJUDICATED]
    elif args.adjudicated:
        reviewers = [ADJUDICATED]
    else:
        reviewers = [resolve_reviewer(args.reviewer)]
    items = []
    for reviewer in reviewers:
        loaded = corpus.load_tags(article, reviewer)
        if loaded.disk_digest is not None:
            items.append(Tagged(article, loaded.tags))
    return items


def _pieces(
    corpus: Corpus,
    args: argparse.Namespace,
    counts: list[int],
    articles: list[str] | None = None,
) -> Iterator[str]:
    """The export's text, piece by piece; ``counts`` (tag files, claims) grows as it goes.

    Formats that are one text per tag file (jsonl, csv) are made article by article, over the
    cores for a large corpus, and never held whole; the others are made once all is loaded."""
    chosen = get_format(args.format)
    per_item = chosen.item_exporter()
    if args.format == "w3c":
        yield _w3c(_all_items(corpus, args, counts), corpus, args)
        return
    if per_item is None:
        yield from chosen.chunk_exporter()(_all_items(corpus, args, counts), corpus.schema)
        return
    header, export_item = per_item
    # jsonl written to a file keeps its claim records apart from the article records (in
    # <stem>.articles.jsonl): one kind of record per file reads as one table (pandas).
    split = args.format == "jsonl" and (articles is not None or args.claims_only)

    def one(article_id: str) -> tuple[str, str, int, int]:
        from annotator.exchange import jsonl

        items = _article_items(corpus, args, article_id)
        if split:
            text = "".join(jsonl.claim_lines(item) for item in items)
            tags = "".join(jsonl.article_line(item) for item in items)
        else:
            text, tags = "".join(export_item(item, corpus.schema) for item in items), ""
        return text, tags, len(items), sum(len(item.claims()) for item in items)

    yield header
    for text, tags, tag_files, claims in map_articles(one, _ids(corpus, args)):
        counts[0] += tag_files
        counts[1] += claims
        if articles is not None:
            articles.append(tags)
        yield text


def _w3c(items: list[Tagged], corpus: Corpus, args: argparse.Namespace) -> str:
    """W3C selectors count in the text as the tool sees it: with -o FILE that text is written
    beside it (``<stem>.texts/<article>.txt``) and each target's source is its file: URI; to
    stdout, ``--base-iri`` says where the texts are published."""
    from annotator.exchange import w3c

    if args.output is not None:
        folder = args.output.with_name(f"{args.output.stem}.texts")
        for article in {item.article.id: item.article for item in items}.values():
            atomic_write(folder / f"{article.id}.txt", article.text.encode("utf-8"))
        base = folder.resolve().as_uri() + "/"
        return w3c.export_text(items, corpus.schema, base, args.output.resolve().as_uri())
    if not args.base_iri:
        raise AnnotatorError(
            "--format w3c to stdout needs --base-iri IRI (where the article texts are published; "
            "the targets are IRI + <article>.txt), or -o FILE, which writes the texts beside it"
        )
    base = args.base_iri if args.base_iri.endswith(("/", "#", ":")) else args.base_iri + "/"
    return w3c.export_text(items, corpus.schema, base)


def export_command(args: argparse.Namespace) -> int:
    corpus = Corpus.open(args.root)
    if args.output is not None:
        corpus.refuse_output(args.output)
    chosen = get_format(args.format)
    counts = [0, 0]
    if chosen.writes == "folder":
        if args.output is None:
            raise AnnotatorError(f"--format {args.format} writes a folder: name it with -o DIR")
        items = _all_items(corpus, args, counts)
        for path in chosen.folder_exporter()(items, corpus.schema, args.output):
            print(path)
    elif args.output is None:
        # Spooled (to disk past a few megabytes) so that an error in a later article leaves
        # stdout empty, as it leaves the file of -o, without holding the export in memory.
        with tempfile.SpooledTemporaryFile(
            8 * 1024 * 1024, "w+", encoding="utf-8", newline=""
        ) as spool:
            for piece in _pieces(corpus, args, counts):
                spool.write(piece)  # (writelines would roll over to disk only at its end)
            spool.seek(0)
            while block := spool.read(1024 * 1024):
                write_data(block)
    else:
        # An error in a later article stops the export before the file is replaced.
        articles: list[str] = []
        pieces = _pieces(corpus, args, counts, articles)
        atomic_write(args.output, (piece.encode("utf-8") for piece in pieces))
        if args.format == "jsonl" and not args.claims_only:
            tags = args.output.with_name(f"{args.output.stem}.articles.jsonl")
            atomic_write(tags, "".join(articles).encode("utf-8"))
            print(f"article tags in {tags}", file=sys.stderr)
    print(
        f"exported {counts[1]} claims from {counts[0]} tag files as {args.format}",
        file=sys.stderr,
    )
    return EXIT_OK


def import_command(args: argparse.Namespace) -> int:
    corpus = Corpus.open(args.root)
    reviewer = resolve_reviewer(args.reviewer)
    schema = corpus.schema
    if args.default_type not in schema.keys["claim_types"]:
        raise AnnotatorError(
            f"--default-type {args.default_type!r} is not a claim type of the schema"
        )
    per_article: dict[tuple[str, str], Imported] = {}  # by (article, reviewer)
    articles: dict[str, Article] = {}

    def article(article_id: str) -> Article:
        if article_id not in articles:
            articles[article_id] = corpus.load_article(article_id)
        return articles[article_id]

    def whose(named: str) -> str:
        return named if args.each_reviewer and named else reviewer

    def add(article_id: str, spans: list[Span]) -> None:
        for who in dict.fromkeys(whose(span.reviewer) for span in spans):
            mine = [span for span in spans if whose(span.reviewer) == who]
            placed = place_spans(article(article_id), mine, schema)
            into = per_article.setdefault((article_id, who), Imported())
            into.claims.extend(placed.claims)
            into.skipped.extend(placed.skipped)
            into.joined += placed.joined

    options = ImportOptions(reviewer, args.default_type, args.content_type, args.source_type)
    read = get_format(args.format).reader()
    for path in args.files:
        raw = read_limited(path, "file to import")
        try:
            data = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw.count(b"\n", 0, error.start) + 1
            raise AnnotatorError(
                "not valid UTF-8; convert the file to UTF-8 (e.g. with 'iconv -t UTF-8')",
                path,
                line,
            ) from None
        contents = read(path, data, schema, options)
        others = sorted(contents.reviewers() - {reviewer})
        if others and not (args.each_reviewer or args.as_mine):
            raise AnnotatorError(
                f"the file holds tags of {', '.join(sorted(contents.reviewers()))}, not only of "
                f"{reviewer}; nothing was imported: pass --each-reviewer to import each "
                f"reviewer's records into their own file, or --as-mine to import them all as "
                f"{reviewer}",
                path,
            )
        if args.each_reviewer:
            for who in others:
                resolve_reviewer(who)  # a name that is not a safe file name is refused
        for named, spans in contents.spans.items():
            target = args.article or named
            if not target:
                raise AnnotatorError("the file names no article: pass --article ID", path)
            original = _original_text(corpus, args, path, named, target, contents.texts)
            if original is not None and original != article(target).text:
                mapping = offset_map(original, article(target).text)
                if mapping is None:
                    raise AnnotatorError(
                        f"the text the file annotates is not article {target}'s: "
                        f"{first_difference(original, article(target).text)}; nothing was "
                        "imported (pass the right article, or --text FILE: the text it counts in)",
                        path,
                    )
                spans = mapped(spans, mapping)  # counted in the original file: moved onto ours
            add(target, spans)
        if contents.reviewer_article_tags:
            for (named, who), article_tags in contents.reviewer_article_tags.items():
                key = (args.article or named, whose(who))
                per_article.setdefault(key, Imported()).article_tags = article_tags
        else:
            for named, article_tags in contents.article_tags.items():
                key = (args.article or named, reviewer)
                per_article.setdefault(key, Imported()).article_tags = article_tags
    placed = {
        article_id: imported
        for article_id, imported in per_article.items()
        if imported.claims or imported.article_tags is not None
    }
    if not placed:  # an import that places nothing writes nothing, and says so
        for imported in per_article.values():
            report_problems(imported.skipped, corpus.root)
        names = ", ".join(str(path) for path in args.files)
        raise AnnotatorError(
            f"{names}: nothing imported: the files hold no claim that fits the article text "
            "(see the lines above) and no article tags; nothing was written"
        )
    _write(corpus, placed, articles, args.replace)
    return EXIT_OK


def _write(
    corpus: Corpus,
    per_article: dict[tuple[str, str], Imported],
    articles: dict[str, Article],
    replace: bool,
) -> None:
    """Refuse before writing anything if a tag file exists (unless --replace); then write all."""
    plans = []
    for (article_id, reviewer), imported in per_article.items():
        path = corpus.tag_path(article_id, reviewer)
        current = (
            digest(read_limited(path, "tag file", root=corpus.root)) if path.exists() else None
        )
        if current is not None and not replace:
            raise AnnotatorError(
                f"{reviewer} already has tags for {article_id}; nothing was imported "
                "(pass --replace to overwrite them, or import as another --reviewer)",
                path,
            )
        article = articles.get(article_id) or corpus.load_article(article_id)
        tags = TagFile(article_id, reviewer, article.text_hash, tuple(imported.claims))
        if imported.article_tags is not None:
            tags = TagFile(
                tags.article, tags.reviewer, tags.text_hash, tags.claims, (), imported.article_tags
            )
        plans.append((tags.normalized(), current, imported, path))
    for tags, current, imported, path in plans:
        corpus.save_tags(tags, current)
        report_problems(imported.skipped, corpus.root)
        joined = (
            f", joined {imported.joined} spans split at a line break" if imported.joined else ""
        )
        print(
            f"{path}: imported {len(tags.claims)} claims, skipped {len(imported.skipped)} spans"
            f"{joined}",
            file=sys.stderr,
        )


def register(commands: Commands) -> None:

    export = commands.add_parser(
        "export",
        help=COMMAND_HELP["export"],
        description="Export tags for other tools. Offsets are code points; article offsets count "
        f"in the paragraphs joined by one blank line. Formats: {formats_help(export_formats())}.",
    )
    export.add_argument("articles", nargs="*", metavar="ARTICLE", help="articles (default: all)")
    export.add_argument("--format", required=True, choices=[f.name for f in export_formats()])
    export.set_defaults(handler=export_command)
    who = export.add_mutually_exclusive_group()
    who.add_argument("--all-reviewers", action="store_true", help="every reviewer's tags")
    who.add_argument("--adjudicated", action="store_true", help="the adjudicated tags")
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PATH",
        help="file (default: stdout); a folder for "
        + ", ".join(f.name for f in export_formats() if f.writes == "folder"),
    )
    export.add_argument(
        "--claims-only",
        action="store_true",
        help="jsonl: claim records only, no article records (one table, e.g. for pandas)",
    )
    export.add_argument(
        "--base-iri",
        metavar="IRI",
        help="w3c: where the article texts are published (targets are IRI + <article>.txt); "
        "with -o FILE they are written beside it and named by their file: URI",
    )

    importer = commands.add_parser(
        "import",
        help=COMMAND_HELP["import"],
        description="Import other tools' files into your tag files. Refuses to overwrite an "
        "existing tag file unless --replace is given. "
        f"Formats: {formats_help(import_formats())}.",
    )
    importer.add_argument("files", nargs="+", type=Path, metavar="FILE")
    importer.add_argument("--format", required=True, choices=[f.name for f in import_formats()])
    importer.add_argument("--article", metavar="ID", help="the article the files annotate")
    for option, default, help_text in (
        ("--default-type", "unattributed", "claim type given to brat Content spans"),
        ("--content-type", "Content", "brat span type that marks claims"),
        ("--source-type", "Source", "brat span type that names a claim's source"),
    ):
        importer.add_argument(option, default=default, help=f"{help_text} (default: {default})")
    importer.add_argument("--replace", action="store_true", help="overwrite existing tag files")
    importer.add_argument(
        "--text",
        type=Path,
        metavar="FILE",
        help="the text the file's offsets count in, when it is not the article as the tool sees "
        "it (default: Label Studio's data.text; for brat the .txt beside the .ann, else the "
        "article's file as it is)",
    )
    whose = importer.add_mutually_exclusive_group()
    whose.add_argument(
        "--each-reviewer",
        action="store_true",
        help="records that name a reviewer (jsonl) go into that reviewer's file",
    )
    whose.add_argument(
        "--as-mine",
        action="store_true",
        help="import records of other reviewers as yours (--reviewer)",
    )
    importer.set_defaults(handler=import_command)
