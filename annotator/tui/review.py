"""The review screen: every reviewer's claims of one article, aligned, with the disagreements."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from annotator.agreement import units
from annotator.display import clip, safe_text
from annotator.errors import AnnotatorError
from annotator.model import Claim, TagFile
from annotator.slugs import RESERVED_REVIEWERS
from annotator.store import Corpus

AGREED, PARTLY, ONLY = "agreed", "partly", "only"
STATUS_STYLE = {AGREED: "green", PARTLY: "yellow", ONLY: "red"}


def unit_status(unit: list[Claim | None]) -> str:
    """agreed: every reviewer, same span, type and stance; only: one reviewer; else partly."""
    present = [c for c in unit if c is not None]
    if len(present) == 1:
        return ONLY
    keys = {(c.paragraph, c.start, c.end, c.type, c.stance) for c in present}
    return AGREED if len(present) == len(unit) and len(keys) == 1 else PARTLY


class ReviewScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_disagreement", "Next disagreement"),
        Binding("p", "previous_disagreement", "Previous disagreement"),
        Binding("q,escape", "close", "Back"),
    ]

    def __init__(self, corpus: Corpus, article_id: str) -> None:
        super().__init__()
        self.corpus = corpus
        self.article_id = article_id
        self.reviewers: list[str] = []
        self.statuses: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(Text(f"Review · {self.article_id}", style="bold"), id="review-title")
        yield OptionList(id="units")
        yield Static(id="status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self._load()

    @work(thread=True, exit_on_error=False)
    def _load(self) -> None:
        try:
            article = self.corpus.load_article(self.article_id)
            names = [
                r for r in self.corpus.reviewers(self.article_id) if r not in RESERVED_REVIEWERS
            ]
            files = [self.corpus.load_tags(article, name).tags for name in names]
        except AnnotatorError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", timeout=15)
            return
        self.app.call_from_thread(self._show, names, files)

    def _show(self, names: list[str], files: list[TagFile]) -> None:
        self.reviewers = names
        aligned = sorted(units(files), key=_position) if files else []
        self.statuses = [unit_status(unit) for unit in aligned]
        options = [
            Option(self._label(unit, status))
            for unit, status in zip(aligned, self.statuses, strict=True)
        ]
        units_list = self.query_one(OptionList)
        units_list.set_options(
            options or [Option(Text("No claims by any reviewer yet.", style="dim"), disabled=True)]
        )
        if options:
            units_list.highlighted = 0
        counts = {s: self.statuses.count(s) for s in (AGREED, PARTLY, ONLY)}
        self.query_one("#status", Static).update(
            f"reviewers: {', '.join(names) or 'none'} · "
            f"{counts[AGREED]} agreed, {counts[PARTLY]} partly, "
            f"{counts[ONLY]} by one reviewer · n/p: next/previous disagreement"
        )

    def _label(self, unit: list[Claim | None], status: str) -> Text:
        first = next(c for c in unit if c is not None)
        label = Text()
        label.append(f"¶{first.paragraph:<4}", style="bold cyan")
        label.append(f"{status:<7}", style=STATUS_STYLE[status])
        label.append(f"“{safe_text(clip(first.quote, 70))}”", style="italic")
        for name, claim in zip(self.reviewers, unit, strict=True):
            label.append(f"\n           {name}: ", style="bold")
            if claim is None:
                label.append("—", style="dim")
                continue
            parts = [claim.type, *(p for p in (claim.source, claim.stance, claim.target) if p)]
            if (claim.start, claim.end) != (first.start, first.end):
                parts.append(f"span {claim.start}-{claim.end}")
            label.append(safe_text(" · ".join(parts)))
        return label

    def _jump(self, step: int) -> None:
        units_list = self.query_one(OptionList)
        count = len(self.statuses)
        if not count:
            return
        current = (
            units_list.highlighted
            if units_list.highlighted is not None
            else (-1 if step > 0 else count)
        )
        for offset in range(1, count + 1):
            index = current + step * offset
            if not 0 <= index < count:
                break
            if self.statuses[index] != AGREED:
                units_list.highlighted = index
                return
        self.notify("No more disagreements that way.")

    def action_next_disagreement(self) -> None:
        self._jump(1)

    def action_previous_disagreement(self) -> None:
        self._jump(-1)

    def action_close(self) -> None:
        self.dismiss()


def _position(unit: list[Claim | None]) -> tuple[int, int, int]:
    first = min((c for c in unit if c is not None), key=lambda c: (c.paragraph, c.start, c.end))
    return first.paragraph, first.start, first.end
