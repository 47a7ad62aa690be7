"""The annotate screen: read an article paragraph by paragraph and tag its claims."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from annotator.tui.claim_actions import CLAIM_LIST_BINDINGS, ClaimActions
from annotator.tui.claim_list import ClaimList
from annotator.tui.selecting import SELECTION_BINDINGS
from annotator.tui.suggesting import SUGGESTION_BINDINGS
from annotator.tui.tagging import MARK_BINDINGS, SPAN_BINDINGS, TAG_BINDINGS


class AnnotateScreen(ClaimActions):
    # Help, Quit and Undo first: the footer shows what fits from the left, at every size.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?", tooltip="This help"),
        Binding(
            "q",
            "quit",
            "Quit",
            tooltip="Back to the article picker, or quit (everything is saved; never asks)",
        ),
        Binding(
            "u,ctrl+z", "undo", "Undo", key_display="u", tooltip="Undo (also ctrl+z); unlimited"
        ),
        Binding("ctrl+y", "redo", "Redo", show=False),
        *TAG_BINDINGS,
        *SELECTION_BINDINGS,
        *SPAN_BINDINGS,
        *CLAIM_LIST_BINDINGS,
        *MARK_BINDINGS,
        *SUGGESTION_BINDINGS,
        Binding(
            "r",
            "toggle_report",
            "Report",
            tooltip="Show or hide this article's source-bias report (your tags, kept up to date)",
        ),
    ]

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
