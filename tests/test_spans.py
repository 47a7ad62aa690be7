from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from annotator.spans import (
    sentence_at,
    sentence_spans,
    trim_quotes,
    word_index_at,
    word_spans,
    wrap,
)


def test_words_and_the_word_at_an_offset() -> None:
    text = "NATO said: “yes”."
    words = word_spans(text)
    assert [text[s:e] for s, e in words] == ["NATO", "said:", "“yes”."]
    assert [word_index_at(words, offset) for offset in (0, 4, 5, 11, 16)] == [0, 0, 1, 2, 2]


def test_sentences_end_at_punctuation_and_closing_quotes() -> None:
    text = "He said: “It is over.” Then he left! Is it? Yes… and no"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "He said: “It is over.”", "Then he left!", "Is it?", "Yes…", "and no",
    ]  # fmt: skip
    start, end = sentence_at("“This is just a formal procedure.", 5)
    assert "“This is just a formal procedure."[start:end] == "This is just a formal procedure."


def test_trim_quotes_drops_punctuation_around_words() -> None:
    text = "(“quoted words,” he said)"
    start, end = trim_quotes(text, 0, 17)
    assert text[start:end] == "quoted words"


@given(st.text(alphabet="ab cd\n🙂Ж—", max_size=80), st.integers(1, 30))
def test_wrap_covers_the_text_and_fits_the_width(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert "".join(text[s:e] for s, e in lines) == text
    for start, end in lines:
        shown = text[start:end].rstrip()
        assert cell_len(shown) <= max(width, 2)  # a wide character never splits


def test_wrap_breaks_at_spaces_and_folds_long_words() -> None:
    text = "one two three supercalifragilistic"
    assert [text[s:e] for s, e in wrap(text, 9)] == [
        "one two ",
        "three ",
        "supercali",
        "fragilist",
        "ic",
    ]


@given(st.text(alphabet="ab c«Ж»", max_size=120), st.integers(1, 12))
def test_the_fast_narrow_wrap_breaks_where_counting_cells_does(text: str, width: int) -> None:
    from annotator.spans import _wrap_cells, _wrap_narrow

    fast: list[int] = [0]
    _wrap_narrow(text, 0, width, fast)
    counted: list[int] = [0]
    _wrap_cells(text, text, 0, width, counted)
    assert fast == counted


def test_a_megabyte_without_spaces_folds_into_lines_of_the_width() -> None:
    text = "x" * 1_000_000
    lines = wrap(text, 100)
    assert len(lines) == 10_000 and lines[-1] == (999_900, 1_000_000)
    wide = "界" * 100_000  # counted cell by cell: still one pass
    assert len(wrap(wide, 100)) == 2_000
