"""The corpus on disk: ``seeds/*.txt`` articles and ``annotations/<article>/<reviewer>.yaml``.

Reading never writes. Saving is atomic, writes only when the bytes change, and refuses to
overwrite a file that changed on disk since it was loaded.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from annotator.anchoring import AnchorReport, Outcome, reanchor
from annotator.article import Article, parse_article, read_article_text
from annotator.errors import AnnotatorError, ConflictError, Problem
from annotator.files import outside
from annotator.model import TagFile
from annotator.schema import Schema, load_schema
from annotator.slugs import RESERVED_REVIEWERS, article_id_problem, reviewer_problem
from annotator.storage.atomic import atomic_write, folder_lock
from annotator.storage.tagfile import serialize
from annotator.storage.validation import from_document
from annotator.storage.yamlio import load_yaml, located_problems, read_limited

SEEDS = "seeds"
ANNOTATIONS = "annotations"


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass(frozen=True)
class LoadedTags:
    """A tag file as loaded: the tags, what the file held on disk, and what re-anchoring did."""

    tags: TagFile
    path: Path
    disk_digest: str | None  # None: there was no file
    anchor_reports: tuple[AnchorReport, ...] = ()
    cleared_reviews: tuple[int, ...] = ()

    @property
    def orphans(self) -> int:
        return sum(1 for c in self.tags.claims if c.orphaned)

    @property
    def reanchored(self) -> bool:
        return bool(self.anchor_reports or self.cleared_reviews)

    def anchor_messages(self) -> list[str]:
        messages = []
        for report in self.anchor_reports:
            if report.outcome is Outcome.ORPHANED:
                messages.append(
                    f"claim {report.claim_id}: quote {report.old_quote[:40]!r} not found in the "
                    "changed article; kept as orphaned (attach it to new text or delete it)"
                )
            elif report.outcome is Outcome.CHANGED:
                messages.append(
                    f"claim {report.claim_id}: quote changed from {report.old_quote[:40]!r} to "
                    f"{report.new_quote[:40]!r} with the article text"
                )
        messages.extend(
            f"paragraph {number} changed; its review status was cleared"
            for number in self.cleared_reviews
        )
        return messages


@dataclass(frozen=True)
class Corpus:
    root: Path
    _schema_cache: dict[str, Schema] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def open(cls, root: Path) -> Corpus:
        if not (root / SEEDS).is_dir():
            raise AnnotatorError(
                f"no '{SEEDS}/' folder here; run annotator in a corpus folder, pass --root DIR, "
                f"or create '{SEEDS}/' and add articles with 'annotator add FILE'",
                root,
            )
        return cls(root)

    @property
    def seeds_dir(self) -> Path:
        return self.root / SEEDS

    @property
    def annotations_dir(self) -> Path:
        return self.root / ANNOTATIONS

    @cached_property
    def schema(self) -> Schema:
        return load_schema(self.annotations_dir)

    def article_ids(self) -> tuple[list[str], list[Problem]]:
        """Ids of the articles in ``seeds/``, sorted; files with unsafe names are reported."""
        ids, problems = [], []
        for path in sorted(self.seeds_dir.glob("*.txt")):
            issue = article_id_problem(path.stem)
            if issue:
                problems.append(
                    Problem(path, issue + "; rename the file or re-add it with 'annotator add'")
                )
            else:
                ids.append(path.stem)
        return ids, problems

    def article_path(self, article_id: str) -> Path:
        issue = article_id_problem(article_id)
        if issue:
            raise AnnotatorError(issue)
        return self.seeds_dir / f"{article_id}.txt"

    def load_article(self, article_id: str) -> Article:
        path = self.article_path(article_id.removesuffix(".txt"))
        if not path.exists():
            raise AnnotatorError(
                f"no article {article_id!r} in {self.seeds_dir}; 'annotator list' shows the ids",
                None,
            )
        return parse_article(article_id, read_article_text(path, self.root), path)

    def tag_path(self, article_id: str, reviewer: str) -> Path:
        issue = article_id_problem(article_id) or (
            None if reviewer in RESERVED_REVIEWERS else reviewer_problem(reviewer)
        )
        if issue:
            raise AnnotatorError(issue)
        return self.annotations_dir / article_id / f"{reviewer}.yaml"

    def tag_files(self, article_id: str) -> list[Path]:
        folder = self.annotations_dir / article_id
        return sorted(folder.glob("*.yaml")) if folder.is_dir() else []

    def reviewers(self, article_id: str) -> list[str]:
        return [path.stem for path in self.tag_files(article_id)]

    def refuse_output(self, path: Path) -> None:
        """Refuse to write an export or report where the corpus keeps its own files: the
        articles (``seeds/``), the tag files and the schema (``annotations/``)."""
        target = path.resolve()
        for folder in (self.seeds_dir, self.annotations_dir):
            inside = folder.resolve()
            if target == inside or inside in target.parents:
                raise AnnotatorError(
                    f"that is inside the corpus' {folder.name}/ folder, where its articles, tag "
                    "files and schema are kept; nothing was written: write it elsewhere",
                    path,
                )

    def refuse_linked_out(self, folder: Path) -> None:
        """Refuse to write into ``folder`` when a link leads it out of the corpus (an article's
        tag folder linked elsewhere): the tool writes only inside the corpus."""
        if outside(folder, self.root):
            raise AnnotatorError(
                "this tag folder is a link to somewhere outside the corpus; nothing was written "
                "there: replace the link with a real folder",
                folder,
            )

    def load_tags(self, article: Article, reviewer: str) -> LoadedTags:
        """Load a reviewer's tags of an article (empty when there is no file yet)."""
        path = self.tag_path(article.id, reviewer)
        if not path.exists():
            return LoadedTags(TagFile(article.id, reviewer, article.text_hash), path, None)
        return self.load_tags_from(read_limited(path, "tag file", root=self.root), path, article)

    def load_tags_from(self, data: bytes, path: Path, article: Article) -> LoadedTags:
        reviewer = path.stem
        issue = None if reviewer in RESERVED_REVIEWERS else reviewer_problem(reviewer)
        if issue:
            raise AnnotatorError(issue + "; rename the file", path)
        raw = load_yaml(data, path)
        tags, problems = from_document(raw, article, self.schema, article.id, reviewer)
        if tags is None:
            raise located_problems(path, data, problems)
        disk = digest(data)
        if tags.text_hash == article.text_hash:
            return LoadedTags(tags, path, disk)
        moved, reports, cleared = reanchor(tags, article)
        noteworthy = tuple(r for r in reports if r.outcome is not Outcome.KEPT)
        return LoadedTags(moved, path, disk, noteworthy, tuple(cleared))

    def save_tags(self, tags: TagFile, expected_digest: str | None) -> str:
        """Write ``tags`` atomically, refusing if the file on disk is not ``expected_digest``.

        Returns the digest of the file now on disk. Nothing is written when the bytes are unchanged.
        """
        path = self.tag_path(tags.article, tags.reviewer)
        self.refuse_linked_out(path.parent)
        data = serialize(tags)
        # Compare and replace under one lock: of two saves at the same moment (two windows, two
        # processes), the second sees the first one's file and gets the conflict.
        with folder_lock(path.parent):
            try:
                current: bytes | None = read_limited(path, "tag file", root=self.root)
            except AnnotatorError:
                if path.exists() or path.is_symlink():
                    raise
                current = None
            current_digest = None if current is None else digest(current)
            if current_digest != expected_digest:
                what = (
                    "was created"
                    if expected_digest is None
                    else ("was deleted" if current is None else "was changed")
                )
                raise ConflictError(
                    f"the file {what} on disk since it was loaded (another window or a git "
                    "pull?); nothing was written: reload it and redo the change",
                    path,
                )
            if data == current:
                return current_digest or digest(data)
            atomic_write(path, data)
        return digest(data)
