"""One reviewer editing one article's tags: current state, undo/redo, and saving.

Headless, so the terminal UI stays thin: the UI calls ``apply`` for every change and ``save``
from a worker thread. States are immutable ``TagFile`` values, so undo is a stack of them.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from annotator.article import Article
from annotator.errors import AnnotatorError, ConflictError
from annotator.model import TagFile
from annotator.storage.corpus import Corpus, LoadedTags, digest
from annotator.storage.yamlio import read_limited


@dataclass(frozen=True, slots=True)
class Step:
    tags: TagFile
    label: str  # what the change did, for "undone: …" messages


@dataclass
class EditSession:
    corpus: Corpus
    article: Article
    tags: TagFile
    disk_digest: str | None  # what the file on disk held when last loaded or saved
    saved_tags: TagFile | None  # the tags the file on disk holds (None: unknown / not ours)
    undo_stack: list[Step] = field(default_factory=list)
    redo_stack: list[Step] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _last_seen: tuple[int, int, int, str | None] | None = field(default=None, repr=False)

    @classmethod
    def open(cls, corpus: Corpus, article: Article, loaded: LoadedTags) -> EditSession:
        # Re-anchored tags differ from the file, but only a change by the reviewer writes them:
        # opening and closing an article never writes.
        saved = None if loaded.disk_digest is None else loaded.tags
        return cls(corpus, article, loaded.tags, loaded.disk_digest, saved)

    @property
    def reviewer(self) -> str:
        return self.tags.reviewer

    @property
    def dirty(self) -> bool:
        if self.saved_tags is None:
            return self.disk_digest is not None or self.tags != self._empty()
        return self.tags != self.saved_tags

    def _empty(self) -> TagFile:
        return TagFile(self.article.id, self.reviewer, self.article.text_hash)

    def apply(self, tags: TagFile, label: str) -> bool:
        """Make ``tags`` the current state; False when nothing changed."""
        tags = tags.normalized()
        if tags == self.tags:
            return False
        self.undo_stack.append(Step(self.tags, label))
        self.redo_stack.clear()
        self.tags = tags
        return True

    def undo(self) -> str | None:
        if not self.undo_stack:
            return None
        step = self.undo_stack.pop()
        self.redo_stack.append(Step(self.tags, step.label))
        self.tags = step.tags
        return step.label

    def redo(self) -> str | None:
        if not self.redo_stack:
            return None
        step = self.redo_stack.pop()
        self.undo_stack.append(Step(self.tags, step.label))
        self.tags = step.tags
        return step.label

    def save(self) -> bool:
        """Write the current state if it is unsaved; safe to call from a worker thread.

        Raises ConflictError when the file on disk is not the one last loaded or saved.
        Returns True when something was written.
        """
        with self._lock:
            tags = self.tags
            if not self.dirty:
                return False
            self.disk_digest = self.corpus.save_tags(tags, self.disk_digest)
            self.saved_tags = tags
            return True

    def disk_changed(self) -> bool:
        """Does the file on disk differ from what was last loaded or saved? (Reads only.)

        Polled every few seconds: the file is read and hashed only when its size, time or inode
        moved. (Saving always compares the full contents, so nothing relies on this shortcut.)
        """
        path = self.corpus.tag_path(self.article.id, self.reviewer)
        with self._lock:
            try:
                info = path.stat()
            except FileNotFoundError:
                return self.disk_digest is not None
            seen = (info.st_size, info.st_mtime_ns, info.st_ino, self.disk_digest)
            if seen == self._last_seen:
                return False
            current = self._disk_digest(path)
            if current == self.disk_digest:
                self._last_seen = seen
            return current != self.disk_digest

    def _disk_digest(self, path: Path) -> str | None:
        """The digest of what is on disk (None: no file; a file that cannot be read, a pipe or
        a device in its place, counts as changed: its digest is of nothing it could hold)."""
        try:
            return digest(read_limited(path, "tag file", root=self.corpus.root))
        except AnnotatorError:
            if not (path.exists() or path.is_symlink()):
                return None
            return "unreadable"

    def reload(self) -> None:
        """Take the file on disk as the current state; the state it replaces stays undoable."""
        with self._lock:
            loaded = self.corpus.load_tags(self.article, self.reviewer)
            if loaded.tags != self.tags:
                self.undo_stack.append(Step(self.tags, "reload from disk"))
                self.redo_stack.clear()
            self.tags = loaded.tags
            self.disk_digest = loaded.disk_digest
            self.saved_tags = None if loaded.reanchored else loaded.tags

    def overwrite(self) -> None:
        """Save the current state over whatever is on disk (the reviewer chose to)."""
        path = self.corpus.tag_path(self.article.id, self.reviewer)
        with self._lock:
            self.disk_digest = self._disk_digest(path)
            self.saved_tags = None
        self.save()

    def save_copy(self, suffix: str) -> str:
        """Write the current state where it can be written (beside the tag file, else the
        user's state folder, else the temp folder): used when saving failed at quit."""
        from annotator.storage.unsaved import write_copy

        return str(write_copy(self.corpus, self.tags, suffix))


__all__ = ["ConflictError", "EditSession", "Step"]
