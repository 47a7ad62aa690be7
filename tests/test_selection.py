"""Selections over the whole article: ends moved by word and character, search, quotations."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.article import Article, parse_article
from annotator.selection import (
    Words,
    move_end,
    move_end_by_char,
    move_end_by_clause,
    move_start,
    move_start_by_char,
    move_start_by_clause,
    quotation_at,
    search,
    whole_words,
)
from tests.strategies import articles


def _words(article: Article) -> Words:
    return Words.of(article)


def _select(article: Article, words: str) -> tuple[int, int]:
    start = article.text.index(words)
    return start, start + len(words)


def test_the_end_grows_and_shrinks_by_word_and_runs_into_the_next_paragraph() -> None:
    article = parse_article("a", "One two three.\n\nFour five.")
    words, text = _words(article), article.text
    selection = _select(article, "two")
    selection = move_end(words, selection, 1)
    assert text[slice(*selection)] == "two three."  # a full stop is kept, as in sentences
    selection = move_end(words, selection, 1)
    assert text[slice(*selection)] == "two three.\n\nFour"  # on into paragraph 2
    selection = move_end(words, selection, -2)
    assert text[slice(*selection)] == "two"
    assert move_end(words, selection, -5) == selection  # never before the start's word


def test_the_start_moves_both_ways_and_back_into_the_previous_paragraph() -> None:
    article = parse_article("a", "One two three.\n\nFour five.")
    words, text = _words(article), article.text
    selection = _select(article, "five")
    selection = move_start(words, selection, -1)
    assert text[slice(*selection)] == "Four five"
    selection = move_start(words, selection, -1)
    assert text[slice(*selection)] == "three.\n\nFour five"
    selection = move_start(words, selection, 2)
    assert text[slice(*selection)] == "five"
    assert move_start(words, selection, 3) == selection  # never past the end's word


def test_exact_selections_keep_quote_marks() -> None:
    article = parse_article("a", "He said “yes, now” and left.")
    words, text = _words(article), article.text
    selection = _select(article, "yes")
    assert text[slice(*move_end(words, selection, 1))] == "yes, now"
    assert text[slice(*move_end(words, selection, 1, trim=False))] == "yes, now”"


def test_clause_moves_skip_an_attribution_clause_and_reach_the_sentence_end() -> None:
    text = "However, as the analyst noted in a comment, the plan will fail. Next one.\n\nMore"
    sentence = (0, text.index("fail.") + 5)
    after_however = move_start_by_clause(text, sentence)
    assert text[slice(*after_however)].startswith("as the analyst")
    content = move_start_by_clause(text, after_however)
    assert text[slice(*content)] == "the plan will fail."
    assert move_start_by_clause(text, content) == content  # no clause left inside it
    found = search(text, "the plan", 0)
    assert found is not None
    assert text[slice(*move_end_by_clause(text, found))] == "the plan will fail."
    to_paragraph_end = move_end_by_clause(text, move_end_by_clause(text, found))
    assert text[slice(*to_paragraph_end)].endswith("Next one.")
    into_next = move_end_by_clause(text, to_paragraph_end)
    assert text[slice(*into_next)].endswith("\n\nMore")
    back = move_end_by_clause(text, into_next, -1)
    assert back == to_paragraph_end
    assert move_end_by_clause(text, back, -1) == move_end_by_clause(text, found)
    assert move_start_by_clause(text, content, -1) == after_however
    assert move_start_by_clause(text, after_however, -1) == sentence


def test_characters_move_one_at_a_time_within_bounds() -> None:
    text = "abcdef"
    assert move_end_by_char(text, (1, 3), 1) == (1, 4)
    assert move_end_by_char(text, (1, 3), -5) == (1, 2)  # never empty
    assert move_end_by_char(text, (1, 6), 1) == (1, 6)
    assert move_start_by_char(text, (1, 3), -1) == (0, 3)
    assert move_start_by_char(text, (1, 3), 5) == (2, 3)


def test_search_finds_the_next_match_after_the_cursor_and_wraps() -> None:
    article = parse_article("a", "Okhrimenko said.\n\nLater, okhrimenko said again.")
    text = article.text
    first = search(text, "okhrim", 0)
    assert first == (0, 6)
    second = search(text, "OKHRIM", 1)
    assert second is not None and second[0] == text.index("okhrimenko")
    assert search(text, "okhrim", second[0] + 1) == first  # wraps to the start
    assert search(text, "nowhere", 0) is None
    assert text[slice(*whole_words(_words(article), second))] == "okhrimenko"


def test_a_quotation_is_found_around_or_after_the_cursor_over_paragraphs() -> None:
    text = "He said: “First part.\n\nStill quoting, ” he added. Then “another” one."
    inside = quotation_at(text, text.index("Still"))
    assert inside is not None and text[slice(*inside)] == "First part.\n\nStill quoting"
    after = quotation_at(text, 0)
    assert after == inside  # the next one after the cursor
    later = quotation_at(text, text.index("Then"))
    assert later is not None and text[slice(*later)] == "another"
    assert quotation_at("no quotes at all", 3) is None


@given(articles(), st.data())
def test_moves_keep_a_selection_inside_the_text_and_not_empty(
    article: Article, data: st.DataObject
) -> None:
    words, text = _words(article), article.text
    start = data.draw(st.integers(0, len(text) - 1))
    selection = (start, data.draw(st.integers(start + 1, len(text))))
    for _ in range(data.draw(st.integers(1, 8))):
        move = data.draw(st.sampled_from([move_end, move_start]))
        selection = move(words, selection, data.draw(st.integers(-3, 3)), data.draw(st.booleans()))
        assert 0 <= selection[0] < selection[1] <= len(text)


def test_a_partly_selected_word_is_completed_first_and_trimmed_ends_count_as_whole() -> None:
    article = parse_article("a", "Then he said. Okhrimenko agreed.")
    words, text = _words(article), article.text
    partial = _select(article, "Okhr")
    assert text[slice(*move_end(words, partial, 1))] == "Okhrimenko"
    assert text[slice(*move_start(words, _select(article, "imenko"), -1))] == "Okhrimenko"
    he_said = _select(article, "he said")  # its full stop trimmed off
    assert text[slice(*move_end(words, he_said, -1))] == "he"
    assert text[slice(*move_end(words, he_said, 1))] == "he said. Okhrimenko"
