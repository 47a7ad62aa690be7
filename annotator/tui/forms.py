"""Modal forms: a claim's fields, and the article-level source-bias tags."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Select, SelectionList, Static

from annotator.display import clip, safe_text
from annotator.model import ArticleTags
from annotator.schema import Schema
from annotator.tui.fields import SafeInput, field_row, select_field, text_input
from annotator.tui.modal import Modal

NONE = ""


@dataclass(frozen=True, slots=True)
class ClaimFields:
    type: str
    source: str = ""
    role: str = ""
    stance: str = ""
    target: str = ""
    note: str = ""


# Tab handled before the key reaches the focused field: otherwise keys typed right after a
# tab (fast typing, pasting) still land in the field that had focus.
FIELD_NAVIGATION = [
    Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
    Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
]


class Form(Modal[Any]):
    """A modal form that does not drop what was typed while it was opening.

    A reviewer types "2" and at once the source's name. Textual routes each key to the widget
    focused when the key arrives, so those letters reach the screen below, and come back to the
    app only once the form is open (see ``AnnotatorApp.on_key``). They are typed here, in order,
    starting in the first field; a tab among them moves on to the next field.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *FIELD_NAVIGATION,
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]

    _ahead: Input | None = None

    def result(self) -> Any:
        """What the form's fields say, as the value the form is dismissed with."""
        raise NotImplementedError

    def action_save(self) -> None:
        if not self.closing:  # a second enter while closing does nothing
            self.close(self.result())

    def action_cancel(self) -> None:
        self.close(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def type_ahead(self, key: str, character: str | None) -> None:
        fields = [widget for widget in self.query(Input) if widget.focusable]
        if not fields:
            return
        if self._ahead is None:
            self._ahead = fields[0]
        if key in ("tab", "shift+tab"):
            step = 1 if key == "tab" else -1
            index = (fields.index(self._ahead) + step) % len(fields) if self._ahead in fields else 0
            following = self.focused is None or self.focused is self._ahead
            self._ahead = fields[index]
            if following:
                # At once, not deferred as focus() is: the screen's auto-focus, or keys that
                # arrive next, must find the field the typist tabbed to.
                self.set_focus(self._ahead)
        elif character is not None and character.isprintable():
            self._ahead.insert_text_at_cursor(character)


class ClaimForm(Form):
    """A new or edited claim. Opens in the source name field; enter saves, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "save", "Save"),
        Binding(
            "ctrl+r",
            "previous",
            "As previous claim",
            priority=True,
            tooltip="Take the previous claim's source, role and stance",
        ),
        Binding("down", "cycle(1)", "Next match", show=False),
        Binding("up", "cycle(-1)", "Previous match", show=False),
    ]

    AUTO_FOCUS = "#source"
    previous: ClaimFields | None = None  # the claim tagged last, for ctrl+r
    _typed: str | None = None  # what was typed in the focused name field before cycling
    _cycle = -1

    def __init__(
        self,
        schema: Schema,
        quote: str,
        fields: ClaimFields,
        sources: list[str],
        roles: list[str],
        title: str = "New claim",
    ) -> None:
        super().__init__()
        self.schema = schema
        self.quote = quote
        self.fields = fields
        self.sources = sources
        self.roles = roles
        self.title_text = title

    def compose(self) -> ComposeResult:
        schema, fields = self.schema, self.fields
        with Vertical(id="claim-form", classes="form"):
            yield Static(Text(self.title_text, style="bold"), classes="form-title", id="form-title")
            yield Static(self._quote_text(), classes="quote", id="quote")
            yield field_row(
                "Type",
                select_field([(c.label, c.key) for c in schema.claim_types], fields.type, "type"),
            )
            yield field_row(
                "Source name",
                text_input(fields.source, "who the article says made it", "source", self.sources),
            )
            yield field_row(
                "Source role", text_input(fields.role, "role or affiliation", "role", self.roles)
            )
            stances = [("— none", NONE), *((c.label, c.key) for c in schema.stances)]
            yield field_row("Stance", select_field(stances, fields.stance, "stance"))
            targets = [("— none", NONE), *((c.label, c.key) for c in schema.targets)]
            yield field_row("Target", select_field(targets, fields.target, "target"))
            yield field_row("Note", text_input(fields.note, "free text", "note"))
            yield Static(
                "enter saves · esc cancels · tab: next field · ↑/↓: names used in the "
                "corpus · ctrl+r: as the previous claim",
                classes="form-help",
            )

    def _quote_text(self) -> Text:
        return Text(f"“{safe_text(clip(self.quote, 300))}”", style="italic")

    def prepare(
        self, quote: str, fields: ClaimFields, sources: list[str], roles: list[str], title: str
    ) -> None:
        """Reuse this form for another claim: building a form's widgets and styles anew costs
        about 100 ms, refilling them almost nothing."""
        self._ahead = None  # typing ahead starts again in the first field
        self._typed, self._cycle, self._cycled = None, -1, None
        self.quote, self.fields, self.sources, self.roles, self.title_text = (
            quote, fields, sources, roles, title,
        )  # fmt: skip
        if not self.is_mounted:
            return  # compose() will use the new values
        self.query_one("#form-title", Static).update(Text(title, style="bold"))
        self.query_one("#quote", Static).update(self._quote_text())
        for selector, value in (
            ("#type", fields.type),
            ("#stance", fields.stance),
            ("#target", fields.target),
        ):
            self.query_one(selector, Select).value = value
        for selector, value, suggestions in (
            ("#source", fields.source, sources),
            ("#role", fields.role, roles),
            ("#note", fields.note, None),
        ):
            field = self.query_one(selector, SafeInput)
            field.set_exact(value)
            field.suggester = (
                SuggestFromList([safe_text(s) for s in suggestions], case_sensitive=False)
                if suggestions
                else None
            )

    def on_screen_resume(self) -> None:
        self.reopen()
        self.set_focus(self._ahead or self.query_one("#source", Input))

    def action_previous(self) -> None:
        previous = self.previous
        if previous is None:
            self.notify("There is no previous claim yet.", severity="warning")
            return
        for selector, value in (("#source", previous.source), ("#role", previous.role)):
            self.query_one(selector, SafeInput).set_exact(value)
        for selector, value in (("#stance", previous.stance), ("#target", previous.target)):
            self.query_one(selector, Select).value = value

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.value != self._cycled:  # typed: cycling starts again from what is there
            self._typed, self._cycle = None, -1

    _cycled: str | None = None  # the name cycling put in the field

    def action_cycle(self, step: int) -> None:
        """Replace the source name (or role) by the next name of the corpus that matches what
        was typed: up and down go through all of them."""
        from annotator.storage.names import matching

        field = self.focused
        if not isinstance(field, Input) or field.id not in ("source", "role"):
            return
        names = self.sources if field.id == "source" else self.roles
        if self._typed is None:
            self._typed = field.value
        found = matching(names, self._typed)
        if not found:
            self.notify("No name in the corpus matches.", severity="warning")
            return
        self._cycle = (self._cycle + step) % len(found)
        self._cycled = found[self._cycle]
        field.value = self._cycled
        field.cursor_position = len(field.value)

    def result(self) -> ClaimFields:
        def value(selector: str) -> str:
            widget = self.query_one(selector)
            if isinstance(widget, SafeInput):
                return widget.exact_value.strip()
            raw = widget.value if isinstance(widget, Select) else ""
            return raw.strip() if isinstance(raw, str) else ""

        stance, target = value("#stance"), value("#target")
        if stance and not target and len(self.schema.targets) == 1:
            target = self.schema.targets[0].key  # a stance is always toward a target
        return ClaimFields(
            type=value("#type") or self.fields.type,
            source=value("#source"),
            role=value("#role"),
            stance=stance,
            target=target,
            note=value("#note"),
        )


class ArticleTagsForm(Form):
    """Outlet, outlet type, stance per target, bias indicators, note."""

    AUTO_FOCUS = "#outlet"

    def __init__(self, schema: Schema, tags: ArticleTags, outlets: list[str]) -> None:
        super().__init__()
        self.schema = schema
        self.tags = tags
        self.outlets = outlets

    def compose(self) -> ComposeResult:
        schema, tags = self.schema, self.tags
        stances = dict(tags.stances)
        # The scrolling container is no focus stop: tab goes from field to field only.
        with VerticalScroll(id="tags-form", classes="form", can_focus=False):
            yield Static(Text("Article tags (source bias)", style="bold"), classes="form-title")
            yield field_row("Outlet", text_input(tags.outlet, "e.g. RT", "outlet", self.outlets))
            outlet_types = [("— not set", NONE), *((c.label, c.key) for c in schema.outlet_types)]
            yield field_row(
                "Outlet type", select_field(outlet_types, tags.outlet_type, "outlet_type")
            )
            for target in schema.targets:
                choices = [("— not set", NONE), *((c.label, c.key) for c in schema.stances)]
                yield field_row(
                    f"Stance: {target.label}",
                    select_field(choices, stances.get(target.key, NONE), f"stance-{target.key}"),
                )
            yield field_row("Note", text_input(tags.note, "free text", "article-note"))
            yield Label("Bias indicators (space toggles)")
            yield SelectionList[str](
                *[
                    (
                        _indicator(c.label, c.key in tags.bias_indicators),
                        c.key,
                        c.key in tags.bias_indicators,
                    )
                    for c in schema.bias_indicators
                ],
                id="bias",
                compact=True,
            )
            yield Static(
                "ctrl+s, or enter in a text field, saves · esc cancels", classes="form-help"
            )

    def on_mount(self) -> None:
        self.query_one("#outlet", Input).focus()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        """Ticked indicators show a tick and bold text, not only another shade."""
        selection = event.selection_list
        chosen = set(selection.selected)
        for index, choice in enumerate(self.schema.bias_indicators):
            selection.replace_option_prompt_at_index(
                index, _indicator(choice.label, choice.key in chosen)
            )

    def result(self) -> ArticleTags:
        stances = []
        for target in self.schema.targets:
            value = self.query_one(f"#stance-{target.key}", Select).value
            if isinstance(value, str) and value:
                stances.append((target.key, value))
        outlet_type = self.query_one("#outlet_type", Select).value
        selected = set(self.query_one("#bias", SelectionList).selected)
        return ArticleTags(
            outlet=self.query_one("#outlet", SafeInput).exact_value.strip(),
            outlet_type=outlet_type if isinstance(outlet_type, str) else "",
            stances=tuple(sorted(stances)),
            bias_indicators=tuple(c.key for c in self.schema.bias_indicators if c.key in selected),
            note=self.query_one("#article-note", SafeInput).exact_value.strip(),
        )


def _indicator(label: str, ticked: bool) -> Text:
    return Text(f"✓ {label}", style="bold underline") if ticked else Text(f"  {label}")


class CommentForm(Form):
    """A comment on a colleague's claim: whose claim, and the text."""

    AUTO_FOCUS = "#comment-text"

    def __init__(self, quote: str, colleagues: list[str]) -> None:
        super().__init__()
        self.quote = quote
        self.colleagues = colleagues

    def compose(self) -> ComposeResult:
        with Vertical(id="comment-form", classes="form"):
            yield Static(Text("Comment on a colleague's claim", style="bold"), classes="form-title")
            yield Static(
                Text(f"“{safe_text(clip(self.quote, 300))}”", style="italic"), classes="quote"
            )
            yield field_row(
                "On the claim of",
                select_field([(c, c) for c in self.colleagues], self.colleagues[0], "on"),
            )
            yield field_row("Comment", text_input("", "what you think of it", "comment-text"))
            yield Static(
                "enter or ctrl+s saves (in your own file) · esc cancels", classes="form-help"
            )

    def result(self) -> tuple[str, str] | None:
        on = self.query_one("#on", Select).value
        text = self.query_one("#comment-text", Input).value.strip()
        return (str(on), text) if text else None
