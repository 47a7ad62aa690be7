"""Moving through the article and selecting text: paragraphs, words, sentences, search."""

from __future__ import annotations

from textual.binding import Binding, BindingType
from textual.widgets import Input

from annotator.tui.article_screen import ArticleScreen
from annotator.tui.claim_list import ClaimList

SELECTION_BINDINGS: list[BindingType] = [
    Binding(
        "j,down",
        "next_paragraph",
        "Next ¶",
        show=False,
        key_display="j/↓",
        tooltip="Next paragraph",
    ),
    Binding(
        "k,up",
        "previous_paragraph",
        "Prev ¶",
        show=False,
        key_display="k/↑",
        tooltip="Previous paragraph",
    ),
    Binding("g", "first_paragraph", "First paragraph", show=False),
    Binding("G", "last_paragraph", "Last paragraph", show=False),
    Binding(
        "slash",
        "search",
        "Search",
        show=False,
        key_display="/",
        tooltip="Search: enter selects the next match after the cursor, in any paragraph "
        "(enter on an empty search repeats the last one)",
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
    *(
        Binding(key, f"adjust('{end}', {delta}, '{by}')", label, show=False, key_display=shown)
        for key, end, delta, by, label, shown in (
            ("shift+right", "end", 1, "word", "Selection end: a word later", "shift+→"),
            ("shift+left", "end", -1, "word", "Selection end: a word earlier", "shift+←"),
            ("left_square_bracket", "start", -1, "word", "Selection start: a word earlier", "["),
            ("right_square_bracket", "start", 1, "word", "Selection start: a word later", "]"),
            ("right_parenthesis", "end", 1, "clause", "Selection end: a clause later", ")"),
            ("left_parenthesis", "end", -1, "clause", "Selection end: a clause earlier", "("),
            ("left_curly_bracket", "start", -1, "clause", "Selection start: a clause earlier", "{"),
            ("right_curly_bracket", "start", 1, "clause", "Selection start: a clause later", "}"),
            ("greater_than_sign", "end", 1, "char", "Selection end: a character later", ">"),
            ("less_than_sign", "end", -1, "char", "Selection end: a character earlier", "<"),
            ("comma", "start", -1, "char", "Selection start: a character earlier", ","),
            ("full_stop", "start", 1, "char", "Selection start: a character later", "."),
        )
    ),
    Binding("s", "select_sentence", "Sentence", tooltip="Select the sentence under the cursor"),
    Binding(
        "quotation_mark",
        "select_quotation",
        "Select quotation",
        show=False,
        key_display='"',
        tooltip="Select the quotation around the cursor or the next one (it may run over "
        "paragraphs)",
    ),
    Binding(
        "equals_sign",
        "toggle_trim",
        "Trim quotes on/off",
        show=False,
        key_display="=",
        tooltip="Word and sentence selections leave out quote marks and punctuation at their "
        "ends; = keeps them exactly as made (again: trim)",
    ),
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

    def action_adjust(self, end: str, delta: int, by: str = "word") -> None:
        self.view.adjust(end, delta, by)

    def action_select_quotation(self) -> None:
        if not self.view.select_quotation():
            self.notify("No quotation here or after the cursor.", severity="warning")

    def action_toggle_trim(self) -> None:
        trimmed = self.view.toggle_trim()
        self.notify(
            "Selections leave out quote marks and punctuation at their ends."
            if trimmed
            else "Selections are kept exactly as made (= trims again)."
        )

    def action_select_sentence(self) -> None:
        self.view.select_sentence()

    def action_select_paragraph(self) -> None:
        self.view.select_paragraph()

    def action_clear_selection(self) -> None:
        search = self.query_one("#search", Input)
        if search.display:
            search.display = False
            self.set_focus(self.view)
            return
        if self.focused is self.query_one(ClaimList):
            self.view.focus()
            return
        self.view.clear_selection()

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        # At once (focus() is deferred): what is typed right after "/" must reach the box, not
        # the article's keys ("t" opens the article tags), however busy the app is.
        self.set_focus(search)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "search":
            return
        event.stop()
        query = event.value.strip() or self._last_search
        event.input.display = False
        event.input.value = ""
        self.set_focus(self.view)
        if not query or self.view.article is None:
            return
        self._last_search = query
        if not self.view.search(query):
            self.notify(f"Not found: {query}", severity="warning")

    # --- tagging ------------------------------------------------------------------------------

    _last_search = ""

    def _span_to_tag(self) -> tuple[int, int] | None:
        """The article range to tag: the selection, else the sentence under the cursor."""
        view = self.view
        if view.selection is not None:
            return view.selection
        sentence = view.sentence_under_cursor()
        if sentence is None:
            return None
        return view.base + sentence[0], view.base + sentence[1]
