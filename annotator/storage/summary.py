"""Per-article, per-reviewer progress summaries, with a parse cache keyed on file contents.

Parsing YAML is the slow part of ``annotator list``. The cache maps a key made from the exact
bytes of a tag file (plus its article's text, the schema and this version of the code) to its
summary, so it can never serve stale content; it lives outside the corpus, in the user's cache
folder, and is only an accelerator: when it cannot be read or written, work goes on without it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator import __version__
from annotator.article import MAX_ARTICLE_BYTES, Article, decode_article_bytes, parse_article
from annotator.errors import AnnotatorError, InvalidFileError, Problem
from annotator.storage.atomic import atomic_write
from annotator.storage.corpus import Corpus
from annotator.storage.parallel import map_articles
from annotator.storage.yamlio import read_limited

CACHE_FORMAT = 2  # 2: files of comments only are not reviewers
CACHE_VARIABLE = "ANNOTATOR_CACHE_DIR"


@dataclass(frozen=True, slots=True)
class ReviewerSummary:
    reviewer: str
    claims: int = 0
    orphaned: int = 0
    done: int = 0
    skipped: int = 0
    reviewed: int = 0  # reviewable paragraphs marked done or skipped
    problems: tuple[Problem, ...] = ()  # the file is invalid: nothing else here is known
    warnings: tuple[Problem, ...] = ()  # re-anchoring news: orphaned or changed claims

    @property
    def valid(self) -> bool:
        return not self.problems

    def to_json(self, root: Path | None = None) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in _COUNTS}
        data["problems"] = [p.to_json(root) for p in self.problems]
        data["warnings"] = [p.to_json(root) for p in self.warnings]
        return {"reviewer": self.reviewer, "valid": self.valid, **data}


_COUNTS = ("claims", "orphaned", "done", "skipped", "reviewed")


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    id: str
    title: str
    paragraphs: int
    reviewable: int
    text_hash: str
    reviewers: tuple[ReviewerSummary, ...] = ()

    def to_json(self, root: Path | None = None) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "paragraphs": self.paragraphs,
            "reviewable": self.reviewable,
            "text_hash": self.text_hash,
            "reviewers": [r.to_json(root) for r in self.reviewers],
        }


def default_cache_dir() -> Path:
    if os.environ.get(CACHE_VARIABLE):
        return Path(os.environ[CACHE_VARIABLE])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "annotator"


class SummaryCache:
    """A JSON file of summaries for one corpus, pruned to what the last run used. Each kind of
    entry (``summaries`` for list and validate, ``reports`` for report) has its own file, so
    one command's run never evicts another's entries."""

    def __init__(self, directory: Path | None, root: Path, kind: str = "summaries") -> None:
        self.path: Path | None = None
        self.entries: dict[str, Any] = {}
        self.used: dict[str, Any] = {}
        self.changed = False
        if directory is None:
            return
        name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
        self.path = directory / f"{kind}-{name}.json"
        with contextlib.suppress(OSError, ValueError):
            loaded = json.loads(self.path.read_bytes())
            if isinstance(loaded, dict) and loaded.get("format") == [CACHE_FORMAT, __version__]:
                entries = loaded.get("entries")
                if isinstance(entries, dict):
                    self.entries = entries

    def get(self, key: str) -> Any:
        value = self.entries.get(key)
        if value is not None:
            self.used[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        self.used[key] = value
        self.changed = True

    def adopt(self, used: dict[str, Any]) -> None:
        """Take in the entries another process used (and made)."""
        if any(key not in self.entries for key in used):
            self.changed = True
        self.used.update(used)

    def save(self) -> None:
        if self.path is None or not (self.changed or len(self.used) != len(self.entries)):
            return
        data = json.dumps({"format": [CACHE_FORMAT, __version__], "entries": self.used})
        with contextlib.suppress(OSError):
            atomic_write(self.path, data.encode())


def cache_key(*parts: bytes | str) -> str:
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        hasher.update(part if isinstance(part, bytes) else part.encode())
        hasher.update(b"\0")
    return hasher.hexdigest()


def summarize_corpus(
    corpus: Corpus, cache: SummaryCache, parallel: bool = False
) -> tuple[list[ArticleSummary], list[Problem]]:
    """Summaries of every article and tag file.

    Problems with an article (unreadable, empty, unsafe name) are returned beside the summaries;
    problems with a tag file are in that reviewer's summary.
    """
    article_ids, problems = corpus.article_ids()
    summaries = []
    for outcome in _outcomes(corpus, article_ids, cache, parallel):
        if isinstance(outcome, Problem):
            problems.append(outcome)
        else:
            summaries.append(outcome)
    cache.save()
    return summaries, problems


def _outcomes(
    corpus: Corpus, article_ids: list[str], cache: SummaryCache, parallel: bool
) -> Iterator[ArticleSummary | Problem]:
    """Each article's summary or problem, in order; over the cores when ``parallel``."""

    def one(article_id: str) -> tuple[ArticleSummary | Problem, dict[str, Any]]:
        # The cache entries this article used, kept apart so a forked worker can send them.
        earlier, cache.used = cache.used, {}
        try:
            return _summarize_article(corpus, article_id, cache), cache.used
        except AnnotatorError as error:
            return error.problem, cache.used
        finally:
            earlier.update(cache.used)
            cache.used = earlier

    results = map_articles(one, article_ids) if parallel else map(one, article_ids)
    for outcome, used in results:
        cache.adopt(used)
        yield outcome


def _summarize_article(corpus: Corpus, article_id: str, cache: SummaryCache) -> ArticleSummary:
    path = corpus.article_path(article_id)
    data = read_limited(path, "article", limit=MAX_ARTICLE_BYTES, root=corpus.root)
    article_key = cache_key("article", data)
    cached = cache.get(article_key)
    article = None
    if cached is None:
        article = parse_article(article_id, decode_article_bytes(data, path), path)
        if not article.paragraphs:
            raise AnnotatorError("the article is empty; add its text or remove the file", path)
        cached = {
            "title": article.title,
            "paragraphs": len(article.paragraphs),
            "reviewable": [p.number for p in article.reviewable],
            "text_hash": article.text_hash,
        }
        cache.put(article_key, cached)
    reviewable = set(cached["reviewable"])
    reviewers = []
    for tag_path in corpus.tag_files(article_id):
        try:
            tag_data = read_limited(tag_path, "tag file", root=corpus.root)
        except AnnotatorError as error:
            reviewers.append(ReviewerSummary(tag_path.stem, problems=(error.problem,)))
            continue
        key = cache_key(
            "tags", tag_data, cached["text_hash"], corpus.schema.fingerprint, tag_path.name
        )
        entry = cache.get(key)
        if entry is None:
            if article is None:
                article = parse_article(article_id, decode_article_bytes(data, path), path)
            entry = _summarize_tags(corpus, tag_data, tag_path, article, reviewable)
            cache.put(key, entry)
        if not entry.get("commenter"):
            reviewers.append(_from_entry(entry, tag_path))
    return ArticleSummary(
        article_id,
        cached["title"],
        cached["paragraphs"],
        len(reviewable),
        cached["text_hash"],
        tuple(reviewers),
    )


def _summarize_tags(
    corpus: Corpus, data: bytes, path: Path, article: Article, reviewable: set[int]
) -> dict[str, Any]:
    """A JSON-able summary of one tag file (what the cache stores)."""
    try:
        loaded = corpus.load_tags_from(data, path, article)
    except InvalidFileError as error:
        return {"problems": [_problem_json(p) for p in error.problems]}
    except AnnotatorError as error:
        return {"problems": [_problem_json(error.problem)]}
    statuses = {r.paragraph: r.status for r in loaded.tags.reviews if r.paragraph in reviewable}
    if not loaded.tags.is_reviewers:
        return {"commenter": True, "problems": []}  # comments only: not one of the reviewers
    return {
        "claims": len(loaded.tags.claims),
        "orphaned": loaded.orphans,
        "done": sum(1 for s in statuses.values() if s == "done"),
        "skipped": sum(1 for s in statuses.values() if s == "skipped"),
        "reviewed": len(statuses),
        "problems": [],
        "warnings": [{"message": m, "line": None} for m in loaded.anchor_messages()],
    }


def _problem_json(problem: Problem) -> dict[str, Any]:
    return {"message": problem.message, "line": problem.line}


def _from_entry(entry: dict[str, Any], path: Path) -> ReviewerSummary:
    def problems(name: str) -> tuple[Problem, ...]:
        return tuple(Problem(path, p["message"], p["line"]) for p in entry.get(name, []))

    counts = {name: int(entry.get(name, 0)) for name in _COUNTS}
    return ReviewerSummary(
        path.stem, **counts, problems=problems("problems"), warnings=problems("warnings")
    )
