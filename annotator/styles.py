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
