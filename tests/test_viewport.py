"""The viewport arithmetic: which rows show, and that the point is always among them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.tui.viewport import Top, follow, scroll


def shown(top: Top, rows: list[int], height: int) -> set[tuple[int, int]]:
    """The (paragraph, row) pairs on screen from ``top``: each paragraph then one blank row."""
    seen: set[tuple[int, int]] = set()
    paragraph, row, used = top.paragraph, top.row, 0
    while paragraph < len(rows) and used < height:
        while row < rows[paragraph] and used < height:
            seen.add((paragraph, row))
            row, used = row + 1, used + 1
        paragraph, row, used = paragraph + 1, 0, used + 1
    return seen


layouts = st.lists(st.integers(1, 40), min_size=1, max_size=30)


@given(layouts, st.data(), st.integers(1, 30))
def test_follow_always_shows_the_point(rows: list[int], data: st.DataObject, height: int) -> None:
    focus = data.draw(st.integers(0, len(rows) - 1))
    point = data.draw(st.integers(0, rows[focus] - 1))
    start = data.draw(st.integers(0, len(rows) - 1))
    top = follow(Top(start, 0), focus, point, height, rows.__getitem__)
    on_screen = shown(top, rows, height)
    assert (focus, point) in on_screen
    if rows[focus] <= height:  # a paragraph that fits is shown whole
        assert all((focus, r) in on_screen for r in range(rows[focus]))


@given(layouts, st.data(), st.integers(1, 30))
def test_follow_does_not_move_when_the_point_shows(
    rows: list[int], data: st.DataObject, height: int
) -> None:
    focus = data.draw(st.integers(0, len(rows) - 1))
    point = data.draw(st.integers(0, rows[focus] - 1))
    top = follow(Top(0), focus, point, height, rows.__getitem__)
    assert follow(top, focus, point, height, rows.__getitem__) == top


def test_a_long_paragraph_scrolls_to_the_point_row_not_its_start() -> None:
    rows = [3, 10_000, 2]
    top = follow(Top(0), 1, 7_500, 40, rows.__getitem__)
    assert top == Top(1, 7_500 - 39)  # the point on the last row: moved as little as possible
    assert follow(top, 1, 7_400, 40, rows.__getitem__) == Top(1, 7_400)  # back up: first row


@given(layouts, st.integers(-200, 200))
def test_scroll_stays_in_the_article_and_off_blank_rows(rows: list[int], delta: int) -> None:
    top = scroll(Top(0), delta, len(rows), rows.__getitem__)
    assert 0 <= top.paragraph < len(rows)
    assert 0 <= top.row < rows[top.paragraph]


def test_scroll_moves_row_by_row_across_paragraphs() -> None:
    rows = [2, 3]
    at = [scroll(Top(0), d, 2, rows.__getitem__) for d in range(6)]
    # rows 0, 1, blank (skipped to the next paragraph), then the second paragraph's rows
    assert at == [Top(0, 0), Top(0, 1), Top(1, 0), Top(1, 0), Top(1, 1), Top(1, 2)]
    assert scroll(Top(1, 1), -3, 2, rows.__getitem__) == Top(0, 1)
    assert scroll(Top(0), 5, 0, rows.__getitem__) == Top(0)
