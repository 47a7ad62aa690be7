"""The fields of the forms: labelled rows, selects, and inputs that show values safely."""

from __future__ import annotations

from textual.containers import Horizontal
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Label, Select

from annotator.display import safe_text


def field_row(label: str, widget: Widget) -> Horizontal:
    return Horizontal(Label(label, classes="field-label"), widget, classes="field")


def select_field(options: list[tuple[str, str]], value: str, id: str) -> Select[str]:
    known = {key for _, key in options}
    return Select(
        options,
        value=value if value in known else options[0][1],
        allow_blank=False,
        compact=True,
        id=id,
    )


class SafeInput(Input):
    """An input that shows control characters of its value as visible symbols (a value from a
    file must not drive the terminal) and gives the exact value back while it is not edited."""

    exact: str = ""

    def set_exact(self, value: str) -> None:
        self.exact = value
        self.value = safe_text(value)
        self.cursor_position = len(self.value)

    @property
    def exact_value(self) -> str:
        return self.exact if self.value == safe_text(self.exact) else self.value


def text_input(
    value: str, placeholder: str, id: str, suggestions: list[str] | None = None
) -> SafeInput:
    if suggestions:
        suggestions = [safe_text(s) for s in suggestions]
    suggester = SuggestFromList(suggestions, case_sensitive=False) if suggestions else None
    # Focus never selects: a key typed after a late focus change must not replace the value.
    field = SafeInput(
        safe_text(value),
        placeholder=placeholder,
        suggester=suggester,
        compact=True,
        id=id,
        select_on_focus=False,
    )
    field.exact = value
    return field
