"""Copies of a session's work that could not be saved (a conflict left open at quit, a full disk,
a read-only folder): written where they can be, found again when the article is next opened.

A copy goes beside the tag file when that folder can be written, else into the user's state
folder (``$XDG_STATE_HOME/annotator/unsaved``, ``~/.local/state/…``), else the temp folder. It is
a tag file's bytes, named ``<reviewer>.<time>.yaml.unsaved``.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from annotator.anchoring import reanchor
from annotator.article import Article
from annotator.errors import AnnotatorError, InvalidFileError, Problem
from annotator.files import outside
from annotator.model import TagFile
from annotator.storage.atomic import atomic_write
from annotator.storage.corpus import Corpus
from annotator.storage.tagfile import serialize
from annotator.storage.validation import from_document
from annotator.storage.yamlio import load_yaml, read_limited

SUFFIX = ".yaml.unsaved"


def _state_folders(corpus: Corpus, article_id: str) -> list[Path]:
    name = hashlib.blake2b(str(corpus.root.resolve()).encode(), digest_size=8).hexdigest()
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return [
        Path(state) / "annotator" / "unsaved" / name / article_id,
        Path(tempfile.gettempdir()) / "annotator-unsaved" / name / article_id,
    ]


def folders(corpus: Corpus, article_id: str) -> list[Path]:
    """Where copies go, in the order they are tried (beside the tag file only when that folder
    is really in the corpus, not a link out of it)."""
    beside = corpus.annotations_dir / article_id
    inside = [] if outside(beside, corpus.root) else [beside]
    return [*inside, *_state_folders(corpus, article_id)]


def write_copy(corpus: Corpus, tags: TagFile, stamp: str) -> Path:
    """Write ``tags`` to the first folder that takes it; the path written."""
    data = serialize(tags)
    failures = []
    for folder in folders(corpus, tags.article):
        copy = folder / f"{tags.reviewer}.{stamp}{SUFFIX}"
        try:
            atomic_write(copy, data)
            return copy
        except AnnotatorError as error:
            failures.append(error.problem.message)
    raise AnnotatorError("no folder could take a copy of your work: " + "; ".join(failures))


def find_copies(corpus: Corpus, article_id: str, reviewer: str) -> list[Path]:
    """This reviewer's copies of this article, newest first."""
    found = []
    for folder in folders(corpus, article_id):
        if folder.is_dir():
            found += [p for p in folder.glob(f"{reviewer}.*{SUFFIX}") if p.is_file()]
    return sorted(found, key=lambda p: p.name, reverse=True)


def load_copy(corpus: Corpus, path: Path, article: Article, reviewer: str) -> TagFile:
    """A copy read back as this reviewer's tags of the article (found again in a changed text)."""
    data = read_limited(path, "unsaved copy")
    raw = load_yaml(data, path)
    tags, problems = from_document(raw, article, corpus.schema, article.id, reviewer)
    if tags is None:
        raise InvalidFileError([Problem(path, message) for _, message in problems])
    if tags.text_hash != article.text_hash:
        tags = reanchor(tags, article)[0]
    return tags
