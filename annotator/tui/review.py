"""The review screen: every reviewer's claims of one article, aligned, with the disagreements."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from annotator.article import Article
from annotator.display import clip, safe_text, span_label
from annotator.editing import update_claim
from annotator.errors import AnnotatorError
from annotator.model import Claim, TagFile
from annotator.review.adjudication import (
    accept,
    accept_majorities,
    decided_claim,
    decided_count,
    decision_for,
    edited,
    reject,
)
from annotator.review.agreement import units
from annotator.review.versions import AGREED, ONLY, PARTLY, differences, unit_status
from annotator.session import EditSession
from annotator.slugs import ADJUDICATED, RESERVED_REVIEWERS
from annotator.storage.corpus import Corpus
from annotator.tui.autosave import AutosaveScreen

STATUS_STYLE = {AGREED: "green", PARTLY: "yellow", ONLY: "red"}
__all__ = ["AGREED", "ONLY", "PARTLY", "ReviewScreen", "unit_status"]


ACCEPT_BINDINGS = [
    Binding(
        str(n),
        f"accept({n})",
        "Accept",
        show=n == 1,
        key_display="1-9" if n == 1 else None,
        tooltip="Accept reviewer N's version of this claim",
    )
    for n in range(1, 10)
]


class ReviewScreen(AutosaveScreen):
    """Adjudication writes ``adjudicated.yaml`` at every change (autosave, undo, conflicts)."""

    # Help, Back and Undo first: the footer shows what fits from the left, at every size.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q,escape", "close", "Back", key_display="q"),
        Binding("u,ctrl+z", "undo", "Undo", key_display="u"),
        Binding("n", "next_disagreement", "Next", tooltip="Next disagreement"),
        Binding("p", "previous_disagreement", "Previous", tooltip="Previous disagreement"),
        *ACCEPT_BINDINGS,
        Binding(
            "A",
            "accept_majorities",
            "Accept majority",
            tooltip="In every undecided unit, accept the version more than half the reviewers made",
        ),
        Binding("x", "reject", "Reject", tooltip="Leave this claim out of the adjudicated version"),
        Binding("e", "edit", "Edit", tooltip="Edit the adjudicated claim"),
        Binding(
            "c", "comment", "Comment", tooltip="Comment on a colleague's claim (in your own file)"
        ),
        Binding("ctrl+y", "redo", "Redo", show=False),
    ]

    def __init__(self, corpus: Corpus, article_id: str, decider: str = "") -> None:
        super().__init__(corpus, article_id, ADJUDICATED)
        self.decider = decider
        self.reviewers: list[str] = []
        self.statuses: list[str] = []
        self.units: list[list[Claim | None]] = []
        self.article: Article | None = None  # set once loaded

    def compose(self) -> ComposeResult:
        yield Static(Text(f"Review · {self.article_id}", style="bold"), id="review-title")
        yield OptionList(id="units")
        yield Static(id="unit-text", markup=False)
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
            loaded = [self.corpus.load_tags(article, name).tags for name in names]
            adjudicated = self.corpus.load_tags(article, ADJUDICATED)
        except AnnotatorError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        # Only files with claims or reviews are reviewers: an adjudicator's file of comments
        # is not a reviewer who tagged nothing.
        kept = [(n, t) for n, t in zip(names, loaded, strict=True) if t.is_reviewers]
        self.app.call_from_thread(
            self._show,
            article,
            [n for n, _ in kept],
            [t for _, t in kept],
            EditSession.open(self.corpus, article, adjudicated),
        )

    def _show(
        self, article: Article, names: list[str], files: list[TagFile], session: EditSession
    ) -> None:
        self.article = article
        self.reviewers = names
        self.session = session
        self.units = units(files) if files else []
        self.statuses = [unit_status(unit) for unit in self.units]
        self._save_state = "✓ saved"
        self._refresh_tags()
        if self.units:
            self.query_one(OptionList).highlighted = 0
        self._start_disk_checks()

    def _refresh_tags(self) -> None:
        units_list = self.query_one(OptionList)
        highlighted = units_list.highlighted
        # The list draws a border, padding and a scrollbar: leave them room, so no line wraps.
        width = max(40, self.size.width - 10)
        options = [
            Option(self._label(unit, status, width))
            for unit, status in zip(self.units, self.statuses, strict=True)
        ]
        units_list.set_options(
            options or [Option(Text("No claims by any reviewer yet.", style="dim"), disabled=True)]
        )
        if highlighted is not None and options:
            units_list.highlighted = min(highlighted, len(options) - 1)
        self._update_status()
        self._show_unit_text()

    def on_option_list_option_highlighted(self, _event: OptionList.OptionHighlighted) -> None:
        self._show_unit_text()

    def _show_unit_text(self) -> None:
        """The paragraph of the current unit, each reviewer's span marked with their number."""
        pane = self.query_one("#unit-text", Static)
        unit = self._current()
        article = self.article
        if unit is None or article is None:
            pane.update("")
            return
        first = next(c for c in unit if c is not None)
        paragraph = article.paragraph(first.paragraph)
        text = Text(safe_text(paragraph.text))
        for claim in unit:
            if claim is not None:
                for fragment in claim.fragments:
                    if fragment.paragraph == paragraph.number:
                        text.stylize("underline", fragment.start, fragment.end)
        marks = Text()
        for number, claim in enumerate(unit, start=1):
            if claim is not None:
                marks.append(f"  {number} ", style="bold")
                marks.append(f"“{safe_text(clip(claim.quote, 40))}”", style="italic")
        pane.update(Text.assemble((f"¶{paragraph.number} ", "bold cyan"), text, "\n", marks))

    def _update_status(self) -> None:
        counts = {s: self.statuses.count(s) for s in (AGREED, PARTLY, ONLY)}
        decided = (
            decided_count(self.session.tags, self.units, self.reviewers) if self.session else 0
        )
        # The save state and the progress first: at 80 columns the rest may be cut.
        self.query_one("#status", Static).update(
            f"{self._save_state} · decided {decided} of {len(self.units)} · "
            f"{counts[AGREED]} agreed, {counts[PARTLY]} partly, {counts[ONLY]} by one · "
            + " ".join(f"{n}={name}" for n, name in enumerate(self.reviewers, start=1))
        )

    def _current(self) -> list[Claim | None] | None:
        index = self.query_one(OptionList).highlighted
        return self.units[index] if index is not None and 0 <= index < len(self.units) else None

    def action_accept(self, number: int) -> None:
        unit = self._current()
        if unit is None or self.session is None:
            return
        if number > len(self.reviewers) or unit[number - 1] is None:
            self.notify(f"Reviewer {number} has no claim here.", severity="warning")
            return
        who = self.reviewers[number - 1]
        self._apply(
            accept(self.session.tags, unit, self.reviewers, number - 1, self.decider),
            f"accept {who}'s claim",
        )

    def action_accept_majorities(self) -> None:
        if self.session is None or not self.units:
            return
        result = accept_majorities(self.session.tags, self.units, self.reviewers, self.decider)
        left = f"; {result.undecided} without a majority, decide those by hand"
        if not result.accepted:
            self.notify(f"No undecided unit has a majority version{left}.", severity="warning")
            return
        self._apply(result.tags, "accept majority versions")
        self.notify(
            f"Accepted {result.accepted} majority versions{left if result.undecided else ''}."
        )

    def action_reject(self) -> None:
        unit = self._current()
        if unit is not None and self.session is not None:
            self._apply(
                reject(self.session.tags, unit, self.reviewers, self.decider), "reject a claim"
            )

    def action_edit(self) -> None:
        unit = self._current()
        session = self.session
        decision = decision_for(session.tags, unit, self.reviewers) if unit and session else None
        decided = decided_claim(session.tags, decision) if session else None
        if unit is None or decided is None:
            self.notify("Accept a version first (1-9), then edit it.", severity="warning")
            return
        from annotator.tui.forms import ClaimFields, ClaimForm

        def done(fields: ClaimFields | None) -> None:
            if fields is not None and self.session is not None:
                changes = {
                    "type": fields.type,
                    "source": fields.source,
                    "role": fields.role,
                    "stance": fields.stance,
                    "target": fields.target,
                    "note": fields.note,
                }
                changed = update_claim(self.session.tags, decided.id, **changes)
                self._apply(edited(changed, unit, self.reviewers, decided.id), "edit a claim")

        initial = ClaimFields(
            decided.type, decided.source, decided.role, decided.stance, decided.target, decided.note
        )
        self.app.push_screen(
            ClaimForm(self.corpus.schema, decided.quote, initial, [], [], "Edit adjudicated claim"),
            done,
        )

    def action_comment(self) -> None:
        unit = self._current()
        if unit is None:
            return
        colleagues = [
            n
            for n, c in zip(self.reviewers, unit, strict=True)
            if c is not None and n != self.decider
        ]
        if not colleagues:
            self.notify(
                "Only your own claim is here; edit its note in the annotate screen.",
                severity="warning",
            )
            return
        from annotator.tui.forms import CommentForm

        quote = next(c for c in unit if c is not None).quote
        claims = dict(zip(self.reviewers, unit, strict=True))

        def done(result: tuple[str, str] | None) -> None:
            if result is not None:
                on, text = result
                claim = claims[on]
                assert claim is not None
                self._save_comment(on, claim.id, text)

        self.app.push_screen(CommentForm(quote, colleagues), done)

    @work(thread=True, exit_on_error=False, group="comment")
    def _save_comment(self, on_reviewer: str, on_claim: str, text: str) -> None:
        from annotator.editing import add_comment

        try:
            article = self.corpus.load_article(self.article_id)
            loaded = self.corpus.load_tags(article, self.decider)
            self.corpus.save_tags(
                add_comment(loaded.tags, on_reviewer, on_claim, text), loaded.disk_digest
            )
        except AnnotatorError as error:
            self.app.call_from_thread(self.notify, f"Comment not saved: {error}", severity="error")
            return
        self.app.call_from_thread(
            self.notify, f"Comment on {on_reviewer}'s claim saved in your file."
        )

    def action_help(self) -> None:
        from annotator.tui.help import HelpScreen, help_keys

        accept = "Accept reviewer 1…9's version of this claim (reviewers in the order listed)"
        keys = help_keys(self.BINDINGS, "accept(", accept)
        keys.append(("ctrl+p", "Command palette: every action by name"))
        self.app.push_screen(HelpScreen(keys, self.corpus.schema))

    def _label(self, unit: list[Claim | None], status: str, width: int) -> Text:
        first = next(c for c in unit if c is not None)
        label = Text(no_wrap=True, overflow="ellipsis")
        label.append(f"¶{first.paragraph:<4}", style="bold cyan")
        label.append(f"{status:<7}", style=STATUS_STYLE[status])
        label.append(f"“{safe_text(clip(first.quote, max(20, width - 16)))}”", style="italic")
        for number, claim in enumerate(unit, start=1):
            label.append(f"\n {number} ", style="bold")
            if claim is None:
                label.append("—", style="dim")
                continue
            label.append(safe_text(clip(self._version_text(claim, first), max(20, width - 4))))
        decision = decision_for(self.session.tags, unit, self.reviewers) if self.session else None
        label.append("\n ⚖ ", style="bold magenta")
        if decision is None:
            label.append("not decided", style="dim")
        elif decision.outcome == "rejected":
            label.append(f"rejected by {decision.decided_by or '?'}", style="red")
        else:
            claim = decided_claim(self.session.tags, decision) if self.session else None
            taken = self._version_text(claim, first) if claim else "?"
            who = ", ".join(claim.origin) if claim and claim.origin else decision.version
            how = "edited from" if decision.edited else "from"
            label.append(safe_text(clip(f"{how} {who}: {taken}", max(20, width - 4))))
        return label

    @staticmethod
    def _version_text(claim: Claim, first: Claim) -> str:
        """A version in words: its fields, and what differs from the unit's first version."""
        parts = [claim.type]
        if claim.source_label():
            parts.append(f"source {claim.source_label()}")
        if claim.stance:
            parts.append(f"{claim.stance} {claim.target}".strip())
        text = " · ".join(parts)
        differ = differences(first, claim) if claim is not first else []
        # What differs first: on a narrow screen the end of the line is what gets cut.
        others = [d for d in differ if d != "span"]
        if others:
            text += f" [differs: {', '.join(others)}]"
        if "span" in differ:
            text += f" · span “{clip(claim.quote, 40)}” ({span_label(claim.fragments)})"
        return text

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
        self.leave()
