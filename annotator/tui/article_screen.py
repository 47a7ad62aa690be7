"""The annotate screen's foundation: layout, loading the article and tags, the status line.

The screen is built in layers, one idea each: this one (what is shown), ``selecting`` (moving and
selecting), ``tagging`` (new claims, paragraph marks, article tags), ``claim_actions`` (the claim
list), and ``annotate`` (the keys, help and quitting).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Input, Static

from annotator.article import Article
from annotator.display import clip
from annotator.errors import AnnotatorError
from annotator.model import Claim, TagFile
from annotator.session import EditSession
from annotator.storage.corpus import Corpus, LoadedTags
from annotator.storage.names import Names, corpus_names
from annotator.tui.article_view import ArticleView
from annotator.tui.autosave import AutosaveScreen
from annotator.tui.claim_list import ClaimList
from annotator.tui.typeahead import TYPED_ON

if TYPE_CHECKING:
    from annotator.tui.forms import ClaimForm


class ArticleScreen(AutosaveScreen):
    """One article with this reviewer's tags; the layers above add what keys do."""

    def __init__(self, corpus: Corpus, article_id: str, reviewer: str) -> None:
        super().__init__(corpus, article_id, reviewer)
        self.load_error: str | None = None
        self._reviewable: frozenset[int] = frozenset()
        self._by_paragraph: dict[int, tuple[Claim, ...]] = {}
        self._orphans: tuple[Claim, ...] = ()
        self._claim_form: ClaimForm | None = None
        # The claim S, C, + and R act on: the one just tagged, or picked in the claim list.
        self.current_claim_id: str | None = None
        self.corpus_names = Names()  # filled in the background once the article is shown

    def on_key(self, event: events.Key) -> None:
        # Mark keys typed here: if a form opens before they reach the app, they belong to it.
        setattr(event, TYPED_ON, self)

    # --- layout and loading -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield ArticleView(self.corpus.schema, id="article")
            with VerticalScroll(id="report-panel"):
                yield Static(id="report", markup=False)
        yield ClaimList(self.corpus.schema, id="claims")
        yield Input(
            placeholder="Search: enter selects the next match after the cursor", id="search"
        )
        yield Static(id="status", markup=False)
        yield Footer()

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def on_mount(self) -> None:
        self.query_one("#search", Input).display = False
        self.query_one("#report-panel").display = False
        self.view.focus()
        self._load()

    @work(thread=True, exit_on_error=False)
    def _load(self) -> None:
        try:
            article = self.corpus.load_article(self.article_id)
        except AnnotatorError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self._show_article, article)

    @work(thread=True, exit_on_error=False)
    def _load_tags(self, article: Article) -> None:
        try:
            loaded = self.corpus.load_tags(article, self.reviewer)
        except AnnotatorError as error:
            self.app.call_from_thread(
                self._failed, f"{error} (the tags are shown read-only: fix the file, then reopen)"
            )
            return
        self.app.call_from_thread(self._tags_loaded, article, loaded)

    def _show_article(self, article: Article) -> None:
        self.view.set_article(article)
        self.title = article.title
        self._reviewable = frozenset(p.number for p in article.reviewable)
        self._update_status()
        # Parsing a large tag file holds the interpreter for a while: draw the text first.
        self.call_after_refresh(self._load_tags, article)
        self.call_after_refresh(self._load_names)

    @work(thread=True, exit_on_error=False, group="names")
    def _load_names(self) -> None:
        names = corpus_names(self.corpus, skip=self.corpus.tag_path(self.article_id, self.reviewer))
        self.app.call_from_thread(setattr, self, "corpus_names", names)

    def _tags_loaded(self, article: Article, loaded: LoadedTags) -> None:
        self.session = EditSession.open(self.corpus, article, loaded)
        note = getattr(self.app, "reviewer_note", None)
        if note:  # said once, on the first article opened
            setattr(self.app, "reviewer_note", None)  # noqa: B010 - the app is not imported here
            self.notify(note, title="Whose tags", timeout=12)
        self._save_state = "✓ saved" if not self.session.dirty else "● not saved yet"
        for message in loaded.anchor_messages():
            self.notify(message, title="The article text changed", severity="warning", timeout=8)
        self._refresh_tags()
        self._start_disk_checks()
        self._load_comments(article)
        self._find_unsaved(article)

    @work(thread=True, exit_on_error=False, group="unsaved")
    def _find_unsaved(self, article: Article) -> None:
        from annotator.storage.unsaved import find_copies, load_copy

        for copy in find_copies(self.corpus, article.id, self.reviewer):
            try:
                tags = load_copy(self.corpus, copy, article, self.reviewer)
            except AnnotatorError:
                continue  # not a usable copy: left where it is
            self.app.call_from_thread(self._offer_restore, copy, tags)
            return

    def _offer_restore(self, copy: Path, tags: TagFile) -> None:
        from annotator.tui.conflict import Restore, RestoreScreen

        def chosen(choice: Restore | None) -> None:
            if choice == "restore" and self.session is not None:
                self._apply(tags, "restore the unsaved copy")
                copy.unlink(missing_ok=True)
                self.notify(f"Restored from {copy}; u undoes it.")
            elif choice == "discard":
                copy.unlink(missing_ok=True)
                self.notify(f"Deleted {copy}.")

        self.app.push_screen(RestoreScreen(str(copy), len(tags.claims)), chosen)

    @work(thread=True, exit_on_error=False, group="comments")
    def _load_comments(self, article: Article) -> None:
        """Colleagues' comments on this reviewer's claims (they are in the colleagues' files)."""
        from annotator.slugs import RESERVED_REVIEWERS

        comments: dict[str, list[tuple[str, str]]] = {}
        for name in self.corpus.reviewers(article.id):
            if name == self.reviewer or name in RESERVED_REVIEWERS:
                continue
            try:
                tags = self.corpus.load_tags(article, name).tags
            except AnnotatorError:
                continue  # a colleague's broken file is for them to fix (see 'annotator validate')
            for comment in tags.comments:
                if comment.on_reviewer == self.reviewer:
                    comments.setdefault(comment.on_claim, []).append((name, comment.text))
        if comments:
            self.app.call_from_thread(self._show_comments, comments)

    def _show_comments(self, comments: dict[str, list[tuple[str, str]]]) -> None:
        self.query_one(ClaimList).set_comments(comments)
        self._update_claims()
        count = sum(len(v) for v in comments.values())
        self.notify(f"{count} comment(s) from colleagues on your claims: shown in the claim list.")

    def on_unmount(self) -> None:
        form = self._claim_form
        if form is not None and form not in self.app.screen_stack:
            self.app.uninstall_screen(form)

    def _failed(self, message: str) -> None:
        self.load_error = message
        super()._failed(message)

    # --- refreshing ---------------------------------------------------------------------------

    def _refresh_tags(self) -> None:
        if self.session is None:
            return
        tags = self.session.tags
        grouped: dict[int, list[Claim]] = {}
        for claim in tags.claims:
            if not claim.orphaned:
                grouped.setdefault(claim.paragraph, []).append(claim)
        self._by_paragraph = {number: tuple(claims) for number, claims in grouped.items()}
        self._orphans = tags.orphans
        self.view.set_tags(tags)
        self._update_claims()
        self._update_status()
        self._update_report()

    def _update_report(self) -> None:
        panel = self.query_one("#report-panel")
        if not panel.display or self.session is None or self.view.article is None:
            return
        from annotator.reports.profile import article_report
        from annotator.reports.render import rich_report

        report = article_report(
            self.article_id,
            self.view.article.title,
            self.session.tags,
            self.corpus.schema,
            self.reviewer,
        )
        self.query_one("#report", Static).update(rich_report([report], bar=10))

    def action_toggle_report(self) -> None:
        panel = self.query_one("#report-panel")
        panel.display = not panel.display
        self._update_report()

    def _update_claims(self) -> None:
        paragraph = self.view.paragraph
        if self.session is None or paragraph is None:
            return
        claims = self._by_paragraph.get(paragraph.number, ())
        self.query_one(ClaimList).show_claims(paragraph.number, claims, self._orphans)

    def _update_status(self) -> None:
        view = self.view
        article = view.article
        status = Text()
        # The saved state comes first, so no terminal width ever hides it.
        state_style = "green" if self._save_state.startswith("✓") else "yellow"
        if self._save_state.startswith("⚠"):
            state_style = "bold red"
        status.append(self._save_state, style=state_style)
        status.append("  ")
        # Most changing first; who and which article last, where a narrow terminal cuts.
        parts = []
        if article is not None and article.paragraphs:
            parts.append(f"¶ {view.focus_index + 1}/{len(article.paragraphs)}")
        if self.session is not None and article is not None:
            reviewed = sum(1 for r in self.session.tags.reviews if r.paragraph in self._reviewable)
            parts.append(f"reviewed {reviewed}/{len(self._reviewable)}")
            parts.append(f"{len(self.session.tags.claims)} claims")
        if view.selection is not None:
            start, end = view.selection
            parts.append(f"selected {end - start} chars")
        if not view.trim:
            parts.append("exact selections")
        parts += self._suggestion_status()
        current = self._current_claim()
        if current is not None:
            parts.append(f"claim {current.type} “{clip(current.quote, 24)}”")
        parts += [self.reviewer, self.article_id]
        status.append(" · ".join(parts))
        self.query_one("#status", Static).update(status)

    def _suggestion_status(self) -> list[str]:
        return []  # the suggestions layer says how many are open and which is selected

    def _current_claim(self) -> Claim | None:
        if self.session is None or self.current_claim_id is None:
            return None
        return next((c for c in self.session.tags.claims if c.id == self.current_claim_id), None)

    def on_article_view_moved(self, message: ArticleView.Moved) -> None:
        self._update_claims()
        self._update_status()

    # --- changing tags ------------------------------------------------------------------------

    def _editable(self) -> EditSession | None:
        if self.session is None:
            self.notify(self.load_error or "The tags are still loading.", severity="warning")
            return None
        return self.session
