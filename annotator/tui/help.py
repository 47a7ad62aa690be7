"""The help screen: every key, and the schema's claim types with definitions and examples."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from annotator.schema import Schema
from annotator.styles import claim_styles
from annotator.tui.modal import Modal


def help_keys(
    bindings: Iterable[BindingType], digits: str, digits_description: str, suffix: str = ""
) -> list[tuple[str, str]]:
    """(key, description) rows for the help screen: one row for the digit keys 1-9 (whose
    action starts with ``digits``), each other binding's tooltip or description."""
    rows = []
    for binding in bindings:
        assert isinstance(binding, Binding)
        if binding.action.startswith(digits) and binding.key != "1":
            continue
        key = binding.key_display or binding.key.replace(",", " / ")
        description = (
            digits_description if binding.key == "1" else binding.tooltip or binding.description
        )
        rows.append((key, description + suffix))
    return rows


class HelpScreen(Modal[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("question_mark", "close", "Close"),
        Binding("q", "close", "Close"),
    ]

    def __init__(self, keys: list[tuple[str, str]], schema: Schema) -> None:
        super().__init__()
        self.keys = keys
        self.schema = schema

    def compose(self) -> ComposeResult:
        keys = Table(
            title="Keys", title_justify="left", show_header=False, box=None, padding=(0, 2)
        )
        keys.add_column(style="bold cyan", no_wrap=True)
        keys.add_column()
        for key, description in self.keys:
            keys.add_row(key, description)
        styles = claim_styles(self.schema)
        types = Table(
            title="Claim types", title_justify="left", show_header=False, box=None, padding=(0, 2)
        )
        types.add_column(no_wrap=True)
        types.add_column(ratio=1)
        for number, choice in enumerate(self.schema.claim_types, start=1):
            key = f"{number}" if number <= 9 else ""
            label = Text(f"{key} {choice.label}", style=styles[choice.key])
            body = Text(choice.definition or "")
            if choice.example:
                body.append(f"\ne.g. {choice.example}", style="italic dim")
            types.add_row(label, body)
        stances = ", ".join(
            f"{s.key} ({s.definition})" if s.definition else s.key for s in self.schema.stances
        )
        with VerticalScroll(id="help", classes="form"):
            yield Static(Text("↑/↓ scroll · escape or ? closes this help\n", style="dim"))
            yield Static(keys)
            yield Static(Text(""))
            yield Static(types)
            yield Static(Text(f"\nStances: {stances}"))

    def action_close(self) -> None:
        self.close(None)
