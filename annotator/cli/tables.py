"""Tables that stay readable in any terminal: side by side when they fit, stacked when not.

Rich shrinks a table that is too wide by cutting headers and numbers to ``…``; a figure cut that
way is worse than none. A table whose narrowest layout does not fit is printed stacked instead:
each row as a block, its first cell as a heading and every other cell under its full header.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console, Group, RenderableType
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text


@dataclass(frozen=True)
class Column:
    header: str
    number: bool = False  # right-aligned, never wrapped
    wrap: bool = True  # text that may wrap onto further lines
    flexible: bool = False  # takes the width left over (one long text column, e.g. a title)


def wide_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[RenderableType]],
    title: str | None = None,
    caption: str | None = None,
) -> Table:
    table = Table(title=title, title_justify="left", caption=caption, caption_justify="left")
    for column in columns:
        table.add_column(
            column.header,
            justify="right" if column.number else "left",
            no_wrap=column.number or not column.wrap,
            ratio=1 if column.flexible else None,
            overflow="fold",  # a long word wraps rather than ending in "…"
        )
    for row in rows:
        table.add_row(*row)
    return table


def stacked(
    columns: Sequence[Column],
    rows: Sequence[Sequence[RenderableType]],
    title: str | None = None,
    caption: str | None = None,
) -> Group:
    parts: list[RenderableType] = []
    if title:
        parts.append(Text(title, style="italic"))
    for row in rows:
        first = row[0]
        parts.append(Text(first, style="bold") if isinstance(first, str) else first)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, style="dim")
        grid.add_column(ratio=1)
        for column, cell in zip(columns[1:], row[1:], strict=True):
            grid.add_row(f"  {column.header}", cell)
        parts.append(grid)
    if caption:
        parts.append(Text(caption, style="dim"))
    return Group(*parts)


def fitted(
    console: Console,
    columns: Sequence[Column],
    rows: Sequence[Sequence[RenderableType]],
    title: str | None = None,
    caption: str | None = None,
) -> RenderableType:
    """The table side by side if its narrowest layout fits the console, else stacked."""
    table = wide_table(columns, rows, title, caption)
    # Measured with room to spare: within the console's width Rich reports at most that width.
    unbounded = console.options.update_width(1_000_000)
    if Measurement.get(console, unbounded, table).minimum <= console.width:
        return table
    return stacked(columns, rows, title, caption)
