"""A screen that edits one reviewer's tags of one article and saves every change at once.

Saving runs in a worker thread, one write at a time, always of the latest state. A file changed
on disk by someone else is never overwritten: the reviewer is shown what happened and chooses.
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.screen import Screen

from annotator.errors import AnnotatorError, ConflictError
from annotator.model import TagFile
from annotator.session import EditSession
from annotator.storage.corpus import Corpus
from annotator.tui.navigation import LeaveArticle

DISK_CHECK_SECONDS = 2.0


class AutosaveScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "R",
            "resolve_conflict",
            "Resolve a conflict on disk",
            show=False,
            tooltip="Decide about a tag file that changed on disk",
        ),
    ]

    def __init__(self, corpus: Corpus, article_id: str, reviewer: str) -> None:
        super().__init__()
        self.corpus = corpus
        self.article_id = article_id
        self.reviewer = reviewer
        self.session: EditSession | None = None
        self._save_lock = threading.Lock()
        self._save_wanted = False
        self._saving = False
        self._save_state = "loading…"
        self._conflict_open = False

    # Hooks for the screen that shows the tags.

    def _refresh_tags(self) -> None:
        """Show the session's current tags."""

    def _update_status(self) -> None:
        """Show ``_save_state`` and the like."""

    def _failed(self, message: str) -> None:
        self._save_state = "⚠ " + message
        self.notify(message, severity="error", timeout=15)
        self._update_status()

    def _editable(self) -> EditSession | None:
        if self.session is None:
            self.notify("The tags are still loading.", severity="warning")
        return self.session

    # --- changing: every change goes through here, so each is undoable and saved -------------

    def _apply(self, tags: TagFile, label: str) -> None:
        if self.session is not None and self.session.apply(tags, label):
            self._changed()

    def _changed(self) -> None:
        self._save_state = (
            "⚠ changed on disk: not saving (R to decide)" if self._conflict_open else "● saving…"
        )
        self._refresh_tags()
        self._request_save()

    def action_undo(self) -> None:
        session = self._editable()
        label = session.undo() if session is not None else None
        if session is not None:
            self.notify(f"Undone: {label}" if label else "Nothing to undo.")
        if label:
            self._changed()

    def action_redo(self) -> None:
        session = self._editable()
        label = session.redo() if session is not None else None
        if session is not None:
            self.notify(f"Redone: {label}" if label else "Nothing to redo.")
        if label:
            self._changed()

    def _start_disk_checks(self) -> None:
        self.set_interval(DISK_CHECK_SECONDS, self._check_disk)

    # --- saving -------------------------------------------------------------------------------

    def _request_save(self) -> None:
        with self._save_lock:
            self._save_wanted = True
            if self._saving or self._conflict_open:
                return
            self._saving = True
        self._save_worker()

    @work(thread=True, exit_on_error=False, group="save")
    def _save_worker(self) -> None:
        session = self.session
        assert session is not None
        while True:
            with self._save_lock:
                if not self._save_wanted or self._conflict_open:
                    self._saving = False
                    return
                self._save_wanted = False
            try:
                session.save()
            except ConflictError:
                with self._save_lock:
                    self._saving = False
                self.app.call_from_thread(self._conflict)
                return
            except (OSError, AnnotatorError) as error:
                with self._save_lock:
                    self._saving = False
                self.app.call_from_thread(self._save_failed, str(error))
                return
            self.app.call_from_thread(self._saved)

    def _saved(self) -> None:
        if self.session is not None and not self.session.dirty:
            self._save_state = f"✓ saved {datetime.now():%H:%M:%S}"
        self._update_status()

    def _save_failed(self, message: str) -> None:
        self._save_state = f"⚠ not saved: {message}"
        self.notify(
            f"Could not save: {message}. Your changes are kept and saved with the next change.",
            severity="error",
        )
        self._update_status()

    # --- conflicts on disk --------------------------------------------------------------------

    def _check_disk(self) -> None:
        if self.session is None or self._conflict_open or self._saving:
            return
        self._check_disk_worker()

    @work(thread=True, exit_on_error=False, group="disk-check", exclusive=True)
    def _check_disk_worker(self) -> None:
        session = self.session
        if session is not None and not self._saving and session.disk_changed():
            self.app.call_from_thread(self._conflict)

    def _conflict(self) -> None:
        if self._conflict_open or self.session is None:
            return
        from annotator.tui.conflict import ConflictScreen

        self._conflict_open = True
        self._save_state = "⚠ changed on disk: not saving (R to decide)"
        self._update_status()
        path = str(self.corpus.tag_path(self.article_id, self.reviewer))
        self.app.push_screen(ConflictScreen(path, self.session.dirty), self._conflict_decided)

    def _conflict_decided(self, choice: str | None) -> None:
        session = self.session
        if session is None:
            return
        if choice == "later":
            self._save_state = "⚠ changed on disk: not saving (R to decide)"
            self._update_status()
            return
        self._conflict_open = False
        try:
            if choice == "reload":
                session.reload()
                self.notify("Reloaded the tag file from disk; u brings your version back.")
                self._save_state = "✓ saved" if not session.dirty else "● not saved yet"
                self._refresh_tags()
            elif choice == "overwrite":
                session.overwrite()
                self._save_state = f"✓ saved {datetime.now():%H:%M:%S}"
                self._refresh_tags()
        except AnnotatorError as error:
            self._failed(str(error))

    def action_resolve_conflict(self) -> None:
        if self._conflict_open:
            self._conflict_open = False
            self._conflict()

    def flush(self) -> str | None:
        """Save what is not saved yet, before leaving; never lose it, never ask.

        Returns what to tell the reviewer after the app closes, when the file could not be saved.
        """
        session = self.session
        if session is None or not session.dirty:
            return None
        try:
            if not self._conflict_open:
                session.save()
                return None
        except ConflictError:
            pass
        except (OSError, AnnotatorError):
            pass
        try:
            copy = session.save_copy(datetime.now().strftime("%Y%m%dT%H%M%S"))
            message = (
                f"annotator: the tag file could not be saved (changed on disk, or a write error), "
                f"so your version was saved to {copy}; compare the two and keep what you need"
            )
        except (OSError, AnnotatorError) as error:
            message = f"annotator: your last changes could not be saved: {error}"
        return message

    def leave(self) -> None:
        """Save, then ask the app to go back to the picker (or quit)."""
        self.app.post_message(LeaveArticle(self.flush()))
