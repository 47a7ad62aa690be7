"""Moving through the article and selecting text: paragraphs, words, sentences, search."""

from __future__ import annotations

from textual.binding import Binding, BindingType
from textual.widgets import Input

from annotator.spans import sentence_at
from annotator.tui.article_screen import ArticleScreen
from annotator.tui.claim_list import ClaimList

SELECTION_BINDINGS: list[BindingType] = [
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
    Binding("shift+left", "extend(-1)", "Extend selection left", show=False, key_display="shift+←"),
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
]


class SelectionActions(ArticleScreen):
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
