"""Colours of claim types, shared by the command line's output and the terminal UI."""

from __future__ import annotations

from rich.style import Style

from annotator.schema import Schema

# For claim types whose schema entry names no colour.
FALLBACK_COLORS = ("cyan", "bright_blue", "bright_green", "bright_red", "bright_magenta")


def claim_styles(schema: Schema) -> dict[str, Style]:
    """Bold underlined text in the type's colour: still visible where colour is off."""
    styles = {}
    for index, choice in enumerate(schema.claim_types):
        color = choice.color or FALLBACK_COLORS[index % len(FALLBACK_COLORS)]
        styles[choice.key] = Style(color=color, bold=True, underline=True)
    return styles
