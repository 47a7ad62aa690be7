"""The annotate screen: read an article paragraph by paragraph and tag its claims."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Input, Static

from annotator.article import Article
from annotator.editing import (
    add_claim,
    delete_claim,
    make_claim,
    set_article_tags,
    set_status,
    update_claim,
)
from annotator.errors import AnnotatorError
from annotator.model import Claim
from annotator.session import EditSession
from annotator.spans import sentence_at
from annotator.storage.corpus import Corpus, LoadedTags
from annotator.tui.article_view import ArticleView
from annotator.tui.autosave import AutosaveScreen
from annotator.tui.claim_list import ClaimList
from annotator.tui.typeahead import TYPED_ON

if TYPE_CHECKING:
    from annotator.tui.forms import ClaimFields, ClaimForm


# One binding per digit; the footer shows them as one entry, the palette names each type.
TAG_BINDINGS = [
    Binding(str(n), f"tag({n})", "Tag", show=n == 1, key_display="1-9" if n == 1 else None)
    for n in range(1, 10)
]


class AnnotateScreen(AutosaveScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "next_paragraph", "Next ¶", key_display="j/↓", tooltip="Next paragraph"),
        Binding(
            "k,up", "previous_paragraph", "Prev ¶", key_display="k/↑", tooltip="Previous paragraph"
        ),
        Binding("g", "first_paragraph", "First paragraph", show=False),
        Binding("G", "last_paragraph", "Last paragraph", show=False),
        Binding(
            "slash",
            "search",
            "Search",
            show=False,
            key_display="/",
            tooltip="Search: enter jumps to the next paragraph containing the text",
        ),
        Binding(
            "left",
            "word(-1)",
            "Previous word",
            show=False,
            key_display="←",
            tooltip="Move the word cursor left",
        ),
        Binding(
            "right",
            "word(1)",
            "Next word",
            show=False,
            key_display="→",
            tooltip="Move the word cursor right",
        ),
        Binding(
            "shift+left", "extend(-1)", "Extend selection left", show=False, key_display="shift+←"
        ),
        Binding(
            "shift+right", "extend(1)", "Extend selection right", show=False, key_display="shift+→"
        ),
        Binding("s", "select_sentence", "Sentence", tooltip="Select the sentence under the cursor"),
        Binding(
            "a",
            "select_paragraph",
            "Select paragraph",
            show=False,
            tooltip="Select the whole paragraph",
        ),
        Binding(
            "escape",
            "clear_selection",
            "Clear selection",
            show=False,
            tooltip="Clear the selection; close the search box; leave the claim list",
        ),
        *TAG_BINDINGS,
        Binding(
            "tab",
            "toggle_claims",
            "Claim list",
            show=False,
            tooltip="Move to the claim list and back",
        ),
        Binding("x", "mark('done')", "Done", tooltip="Mark the paragraph done (again: unmark)"),
        Binding(
            "b",
            "mark('skipped')",
            "Skip (boilerplate)",
            show=False,
            tooltip="Mark the paragraph skipped, as boilerplate (again: unmark)",
        ),
        Binding(
            "t",
            "article_tags",
            "Article tags",
            tooltip="Article tags: outlet, outlet type, stance, bias indicators, note",
        ),
        Binding(
            "u,ctrl+z", "undo", "Undo", key_display="u", tooltip="Undo (also ctrl+z); unlimited"
        ),
        Binding("ctrl+y", "redo", "Redo", show=False),
        Binding(
            "r",
            "toggle_report",
            "Report",
            tooltip="Show or hide this article's source-bias report (your tags, kept up to date)",
        ),
        Binding("question_mark", "help", "Help", key_display="?", tooltip="This help"),
        Binding(
            "q",
            "quit",
            "Quit",
            tooltip="Back to the article picker, or quit (everything is saved; never asks)",
        ),
    ]

    def __init__(self, corpus: Corpus, article_id: str, reviewer: str) -> None:
        super().__init__(corpus, article_id, reviewer)
        self.load_error: str | None = None
        self._reviewable: frozenset[int] = frozenset()
        self._by_paragraph: dict[int, tuple[Claim, ...]] = {}
        self._orphans: tuple[Claim, ...] = ()
        self._claim_form: ClaimForm | None = None

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
            placeholder="Search: enter jumps to the next paragraph containing it", id="search"
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

    def _tags_loaded(self, article: Article, loaded: LoadedTags) -> None:
        self.session = EditSession.open(self.corpus, article, loaded)
        self._save_state = "✓ saved" if not self.session.dirty else "● not saved yet"
        for message in loaded.anchor_messages():
            self.notify(message, title="The article text changed", severity="warning", timeout=8)
        self._refresh_tags()
        self._start_disk_checks()
        self._load_comments(article)

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
        parts = [self.reviewer, self.article_id]
        if article is not None and article.paragraphs:
            parts.append(f"¶ {view.focus_index + 1}/{len(article.paragraphs)}")
        if self.session is not None and article is not None:
            reviewed = sum(1 for r in self.session.tags.reviews if r.paragraph in self._reviewable)
            parts.append(f"reviewed {reviewed}/{len(self._reviewable)}")
            parts.append(f"{len(self.session.tags.claims)} claims")
        if view.selection is not None and view.paragraph is not None:
            start, end = view.selection
            parts.append(f"selected {end - start} chars")
        status = Text(" · ".join(parts))
        status.append("   ")
        state_style = "green" if self._save_state.startswith("✓") else "yellow"
        if self._save_state.startswith("⚠"):
            state_style = "bold red"
        status.append(self._save_state, style=state_style)
        self.query_one("#status", Static).update(status)

    def on_article_view_moved(self, message: ArticleView.Moved) -> None:
        self._update_claims()
        self._update_status()

    # --- changing tags ------------------------------------------------------------------------

    def _editable(self) -> EditSession | None:
        if self.session is None:
            self.notify(self.load_error or "The tags are still loading.", severity="warning")
            return None
        return self.session

    # --- navigation ---------------------------------------------------------------------------

    def action_next_paragraph(self) -> None:
        self.view.go_to(self.view.focus_index + 1)

    def action_previous_paragraph(self) -> None:
        self.view.go_to(self.view.focus_index - 1)

    def action_first_paragraph(self) -> None:
        self.view.go_to(0)

    def action_last_paragraph(self) -> None:
        if self.view.article is not None:
            self.view.go_to(len(self.view.article.paragraphs) - 1)

    def action_word(self, delta: int) -> None:
        self.view.move_cursor(delta)

    def action_extend(self, delta: int) -> None:
        self.view.move_cursor(delta, extend=True)

    def action_select_sentence(self) -> None:
        self.view.select_sentence()

    def action_select_paragraph(self) -> None:
        self.view.select_paragraph()

    def action_clear_selection(self) -> None:
        search = self.query_one("#search", Input)
        if search.display:
            search.display = False
            self.view.focus()
            return
        if self.focused is self.query_one(ClaimList):
            self.view.focus()
            return
        self.view.clear_selection()

    def action_toggle_claims(self) -> None:
        claims = self.query_one(ClaimList)
        if self.focused is claims:
            self.view.focus()
        else:
            claims.focus()
            if claims.highlighted is None and claims.option_count:
                claims.highlighted = 0

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "search":
            return
        event.stop()
        query = event.value.strip().casefold()
        event.input.display = False
        self.view.focus()
        article = self.view.article
        if not query or article is None:
            return
        count = len(article.paragraphs)
        for step in range(1, count + 1):
            index = (self.view.focus_index + step) % count
            text = article.paragraphs[index].text
            found = text.casefold().find(query)
            if found != -1:
                self.view.go_to(index, select=(found, found + len(query)))
                return
        self.notify(f"Not found: {event.value}", severity="warning")

    # --- tagging ------------------------------------------------------------------------------

    def _span_to_tag(self) -> tuple[int, int] | None:
        view = self.view
        if view.selection is not None:
            return view.selection
        if view.paragraph is None or not view.words:
            return None
        return sentence_at(view.paragraph.text, view.words[view.cursor][0])

    def _sources(self) -> tuple[list[str], list[str]]:
        claims = self.session.tags.claims if self.session else ()
        sources = sorted({c.source for c in claims if c.source}, key=str.casefold)
        roles = sorted({c.role for c in claims if c.role}, key=str.casefold)
        return sources, roles

    def action_tag(self, number: int) -> None:
        session = self._editable()
        view = self.view
        if session is None or view.paragraph is None:
            return
        types = self.corpus.schema.claim_types
        if number > len(types):
            self.notify(
                f"The schema has {len(types)} claim types; there is no type {number}.",
                severity="warning",
            )
            return
        span = self._span_to_tag()
        if span is None:
            self.notify("This paragraph has no text to tag.", severity="warning")
            return
        from annotator.tui.forms import ClaimFields

        paragraph = view.paragraph
        start, end = span

        def done(fields: ClaimFields | None) -> None:
            if fields is None or self.session is None:
                return
            tags = self.session.tags
            claim = make_claim(
                tags,
                self.session.article,
                paragraph.number,
                start,
                end,
                fields.type,
                **_fields(fields),
            )
            self._apply(add_claim(tags, claim), "tag a claim")
            view.clear_selection()

        form = self._form(
            paragraph.text[start:end], ClaimFields(types[number - 1].key), "New claim"
        )
        self.app.push_screen(form, done)

    def _form(self, quote: str, fields: ClaimFields, title: str) -> ClaimForm:
        """The claim form, built once per screen and refilled for each claim."""
        from annotator.tui.forms import ClaimForm

        sources, roles = self._sources()
        if self._claim_form is None:
            self._claim_form = ClaimForm(self.corpus.schema, quote, fields, sources, roles, title)
            # Installed, so closing it keeps its widgets for the next claim.
            self.app.install_screen(self._claim_form, f"claim-form-{id(self)}")
        else:
            self._claim_form.prepare(quote, fields, sources, roles, title)
        return self._claim_form

    def _claim(self, claim_id: str) -> Claim | None:
        if self.session is None:
            return None
        return next((c for c in self.session.tags.claims if c.id == claim_id), None)

    def on_claim_list_action(self, message: ClaimList.Action) -> None:
        claim = self._claim(message.claim_id)
        session = self._editable()
        if claim is None or session is None:
            return
        if message.kind == "delete":
            self._apply(delete_claim(session.tags, claim.id), "delete a claim")
            self.notify("Claim deleted (u undoes).")
        elif message.kind == "edit":
            self._edit(claim)
        elif message.kind == "select":
            if claim.orphaned:
                self._attach_orphan(claim)
            else:
                self.view.go_to(claim.paragraph - 1, select=(claim.start, claim.end))
                self.view.focus()

    def _edit(self, claim: Claim) -> None:
        from annotator.tui.forms import ClaimFields

        initial = ClaimFields(
            claim.type, claim.source, claim.role, claim.stance, claim.target, claim.note
        )

        def done(fields: ClaimFields | None) -> None:
            if fields is None or self.session is None:
                return
            self._apply(
                update_claim(self.session.tags, claim.id, type=fields.type, **_fields(fields)),
                "edit a claim",
            )

        self.app.push_screen(self._form(claim.quote, initial, "Edit claim"), done)

    def _attach_orphan(self, claim: Claim) -> None:
        """Attach an orphaned claim to the current selection."""
        view, session = self.view, self.session
        if session is None or view.paragraph is None or view.selection is None:
            self.notify(
                "Select the text this orphaned claim belongs to, then press enter on it.",
                severity="warning",
            )
            return
        fresh = make_claim(
            session.tags, session.article, view.paragraph.number, *view.selection, claim.type
        )
        tags = update_claim(
            session.tags,
            claim.id,
            paragraph=fresh.paragraph,
            start=fresh.start,
            end=fresh.end,
            quote=fresh.quote,
            prefix=fresh.prefix,
            suffix=fresh.suffix,
            orphaned=False,
        )
        self._apply(tags, "attach an orphaned claim")
        view.clear_selection()
        view.focus()

    def action_mark(self, status: str) -> None:
        session = self._editable()
        paragraph = self.view.paragraph
        if session is None or paragraph is None:
            return
        current = session.tags.status_of(paragraph.number)
        new = None if current == status else status
        label = f"mark ¶ {paragraph.number} {new}" if new else f"unmark ¶ {paragraph.number}"
        self._apply(set_status(session.tags, session.article, paragraph.number, new), label)

    def action_article_tags(self) -> None:
        session = self._editable()
        if session is None:
            return
        from annotator.model import ArticleTags
        from annotator.tui.forms import ArticleTagsForm

        def done(article_tags: ArticleTags | None) -> None:
            if article_tags is not None and self.session is not None:
                self._apply(
                    set_article_tags(self.session.tags, article_tags), "change article tags"
                )

        outlets = [session.tags.article_tags.outlet] if session.tags.article_tags.outlet else []
        form = ArticleTagsForm(self.corpus.schema, session.tags.article_tags, outlets)
        self.app.push_screen(form, done)

    def action_help(self) -> None:
        from annotator.tui.help import HelpScreen, help_keys

        tag = "Tag the selection (or the sentence) as claim type 1–9"
        keys = help_keys(self.BINDINGS, "tag(", tag)
        keys += help_keys(ClaimList.BINDINGS, "tag(", tag, " (in the claim list)")
        keys.append(("ctrl+p", "Command palette: every action by name"))
        self.app.push_screen(HelpScreen(keys, self.corpus.schema))

    def palette_commands(self) -> list[tuple[str, str, str]]:
        """Extra palette entries: (title, help, action), one per claim type."""
        return [
            (f"Tag as {choice.label}", f"key: {number} · {choice.definition}", f"tag({number})")
            for number, choice in enumerate(self.corpus.schema.claim_types[:9], start=1)
        ]

    def action_quit(self) -> None:
        """Back to the article picker when it opened this article; else quit. Saves first."""
        self.leave()


def _fields(fields: ClaimFields) -> dict[str, str]:
    return {
        "source": fields.source,
        "role": fields.role,
        "stance": fields.stance,
        "target": fields.target,
        "note": fields.note,
    }
