"""The article picker: every article with its title, size and this reviewer's progress."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from annotator.display import clip, safe_text
from annotator.errors import AnnotatorError, Problem
from annotator.storage.corpus import Corpus
from annotator.storage.summary import (
    ArticleSummary,
    SummaryCache,
    default_cache_dir,
    summarize_corpus,
)
from annotator.tui.navigation import OpenArticle


class PickerScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open"),
        Binding("q", "quit", "Quit"),
        Binding("r", "reload", "Refresh"),
        Binding("v", "review", "Review", tooltip="Review colleagues' tags of the article"),
        Binding("question_mark", "help", "Help", key_display="?", tooltip="This help"),
    ]

    def __init__(self, corpus: Corpus, reviewer: str) -> None:
        super().__init__()
        self.corpus = corpus
        self.reviewer = reviewer
        self.summaries: list[ArticleSummary] = []

    def compose(self) -> ComposeResult:
        title = Text(f"Articles · reviewer {self.reviewer}", style="bold")
        note = getattr(self.app, "reviewer_note", None)
        if note:
            title.append(f"\n{note}", style="yellow")
        yield Static(title, id="picker-title")
        table: DataTable[Text | str] = DataTable(
            id="articles", cursor_type="row", zebra_stripes=True
        )
        table.add_columns("article", "title", "¶", "reviewed", "claims")
        yield table
        yield Static(id="status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.query_one("#status", Static).update("Loading…")

    def on_screen_resume(self) -> None:
        # On first show, and again when an article is closed (its progress changed).
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self) -> None:
        try:
            summaries, problems = summarize_corpus(
                self.corpus, SummaryCache(default_cache_dir(), self.corpus.root)
            )
        except AnnotatorError as error:
            self.app.call_from_thread(self._show, [], [error.problem])
            return
        self.app.call_from_thread(self._show, summaries, problems)

    def _show(self, summaries: list[ArticleSummary], problems: list[Problem]) -> None:
        self.summaries = summaries
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        title_width = max(16, self.size.width - 60)
        for summary in summaries:
            mine = next((r for r in summary.reviewers if r.reviewer == self.reviewer), None)
            if mine is None:
                progress, claims = Text("—", style="dim"), ""
            elif mine.problems:
                progress, claims = Text("invalid file", style="red"), ""
            else:
                progress = Text(f"{mine.reviewed}/{summary.reviewable}")
                if summary.reviewable and mine.reviewed == summary.reviewable:
                    progress.stylize("green")
                claims = str(mine.claims)
            table.add_row(
                summary.id,
                Text(safe_text(clip(summary.title, title_width))),
                str(summary.reviewable),
                progress,
                claims,
                key=summary.id,
            )
        if summaries:
            table.move_cursor(row=min(row, len(summaries) - 1))
        status = f"{len(summaries)} articles · enter opens · ctrl+p for every command"
        if problems:
            status = problems[0].format(self.corpus.root) + f" ({len(problems)} problem(s))"
        self.query_one("#status", Static).update(status)

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if not self.summaries:
            return
        self.app.post_message(OpenArticle(self.summaries[table.cursor_row].id))

    def action_review(self) -> None:
        table = self.query_one(DataTable)
        if self.summaries:
            self.app.post_message(OpenArticle(self.summaries[table.cursor_row].id, review=True))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_reload(self) -> None:
        self._load()

    def action_quit(self) -> None:
        self.app.exit()

    def action_help(self) -> None:
        from annotator.tui.help import HelpScreen, help_keys

        keys = help_keys(self.BINDINGS, "(none)", "")
        keys += [("↑/↓", "Move through the articles"), ("ctrl+p", "Command palette")]
        self.app.push_screen(HelpScreen(keys, self.corpus.schema))
