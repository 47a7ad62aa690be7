"""Colours of claim types, shared by the command line's output and the terminal UI."""

from __future__ import annotations

import os

from rich.style import Style

from annotator.schema import Schema

# For claim types whose schema entry names no colour.
FALLBACK_COLORS = ("cyan", "bright_blue", "bright_green", "bright_red", "bright_magenta")


def colour_wanted() -> bool:
    """False when NO_COLOR is set (https://no-color.org): then weight and underline alone mark
    tagged text, at full contrast (a colour turned grey would make it fainter than plain text)."""
    return not os.environ.get("NO_COLOR")


def claim_styles(schema: Schema, colour: bool | None = None) -> dict[str, Style]:
    """Bold underlined text in the type's colour: still visible where colour is off."""
    colour = colour_wanted() if colour is None else colour
    styles = {}
    for index, choice in enumerate(schema.claim_types):
        color = choice.color or FALLBACK_COLORS[index % len(FALLBACK_COLORS)]
        styles[choice.key] = Style(color=color if colour else None, bold=True, underline=True)
    return styles


# A claim's source and cue words: its colour, but italic and not bold, so they stay distinct
# from its content (bold, underlined) with colour off too; the cue is not underlined either.
_PART_STYLES = {
    "content": Style(),
    "source": Style(bold=False, italic=True, underline=True),
    "cue": Style(bold=False, italic=True, underline=False),
}


def part_style(claim_style: Style, part: str) -> Style:
    """The style of a claim's ``part`` ("content", "source" or "cue")."""
    return claim_style + _PART_STYLES[part]
