"""Pilot tests of linked spans: search, quotation and two-ended selections, S, C, +, E, and the
claim form's ctrl+r and name cycling."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from annotator.editing import add_claim, make_claim
from annotator.model import TagFile
from annotator.storage.corpus import Corpus
from annotator.tui.app import AnnotatorApp
from annotator.tui.forms import ClaimForm
from tests.conftest import SEED_NV, SEED_RT
from tests.tui.conftest import (
    SIZE,
    on_disk,
    screen_of,
    settle,
    status_text,
    view_of,
)

AppFactory = Callable[..., AnnotatorApp]
OKHRIMENKO_QUOTE_END = "there is some progress"
OKHRIMENKO = "the president of the Ukrainian think tank Alexander Okhrimenko"


async def search(pilot: Pilot[None], text: str) -> None:
    await pilot.press("slash", *text, "enter")


async def tag_quotation(pilot: Pilot[None]) -> None:
    """¶ 10: the quotation over paragraphs 10-12, tagged as analyst opinion."""
    await pilot.press(*"j" * 9, "quotation_mark")
    await pilot.press("2")
    assert isinstance(pilot.app.screen, ClaimForm)
    await pilot.press("enter")
    await settle(pilot)


async def test_a_quotation_over_three_paragraphs_is_one_claim(
    make_app: AppFactory, corpus: Corpus
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"j" * 9, "quotation_mark")
        view = view_of(pilot)
        assert view.selected_text is not None
        assert view.selected_text.startswith("This is just")
        assert view.selected_text.endswith(OKHRIMENKO_QUOTE_END)
        await pilot.press("2", "enter")
        await settle(pilot)
        assert "claim analyst_opinion" in status_text(pilot)  # the current claim is named
    [claim] = on_disk(corpus).claims  # type: ignore[union-attr]
    assert claim.paragraphs == (10, 11, 12)


async def test_search_selects_the_next_match_in_any_paragraph(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "okhrim")
        view = view_of(pilot)
        assert view.selected_text == "Okhrimenko"  # widened to the whole word
        assert view.focus_index == 8  # ¶ 9
        await search(pilot, "")  # enter on an empty search: the next match
        assert view.selected_text == "Okhrimenko" and view.focus_index == 11  # ”says Okhrimenko.
        await search(pilot, "no such words")
        assert view.focus_index == 11  # not found: nothing moves


async def test_both_ends_move_by_word_and_character_and_into_the_next_paragraph(
    make_app: AppFactory,
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "The document will")
        view = view_of(pilot)
        assert view.selected_text == "The document will"
        await pilot.press("shift+right", "shift+right")
        assert view.selected_text == "The document will now be"
        await pilot.press("right_square_bracket")
        assert view.selected_text == "document will now be"
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert view.selected_text is not None and view.selected_text.startswith("Palinchak")
        await pilot.press("right_square_bracket", "full_stop")
        assert view.selected_text == "he document will now be"
        await pilot.press("comma", "less_than_sign", "less_than_sign")
        assert view.selected_text == "The document will now "  # two characters off the end
        await pilot.press("greater_than_sign")
        assert view.selected_text == "The document will now b"
        for _ in range(20):  # on past the paragraph's end into the next one
            await pilot.press("shift+right")
        assert view.selected_text is not None and "\n\nHowever" in view.selected_text


async def test_clause_keys_drop_the_attribution_and_reach_the_clause_end(
    make_app: AppFactory,
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"j" * 8, "s", "right_curly_bracket", "right_curly_bracket")
        view = view_of(pilot)
        assert view.selected_text is not None
        assert view.selected_text.startswith("the adoption of a new set")
        await pilot.press("escape")
        await search(pilot, "as the president")
        await pilot.press("right_parenthesis")
        assert view.selected_text == (
            "as the president of the Ukrainian think tank Alexander Okhrimenko noted in a "
            "commentary to RT"
        )
        await pilot.press("right_parenthesis")  # on to the sentence's end
        assert view.selected_text is not None and view.selected_text.endswith("alliance.")
        await pilot.press("left_parenthesis")  # and back
        assert view.selected_text.endswith("to RT")
        await pilot.press("left_curly_bracket")  # the start back a clause: "However, "
        assert view.selected_text.startswith("However, as the president")


async def test_exact_selections_keep_the_quotation_mark(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"j" * 9, "shift+right")
        view = view_of(pilot)
        assert view.selected_text == "This"  # trimmed: no opening mark
        await pilot.press("escape", "equals_sign", "right", "left", "shift+right")
        assert view.selected_text == "“This"
        assert "exact selections" in status_text(pilot)


async def test_source_and_cue_are_marked_on_the_current_claim_and_again_removed(
    make_app: AppFactory, corpus: Corpus
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await tag_quotation(pilot)
        await search(pilot, "says")
        await pilot.press("C")
        await settle(pilot)
        await pilot.press("k", "k", "k")
        await search(pilot, "the president of")
        for _ in range(6):
            await pilot.press("shift+right")
        assert view_of(pilot).selected_text == OKHRIMENKO
        await pilot.press("S")
        await settle(pilot)
        [claim] = on_disk(corpus).claims  # type: ignore[union-attr]
        assert claim.cue_quote == "says"
        assert claim.source_quote == OKHRIMENKO
        assert claim.source == claim.source_quote  # an empty name is filled from the span
        await search(pilot, "says")
        await pilot.press("C")  # the same text again: removed
        await settle(pilot)
    [claim] = on_disk(corpus).claims  # type: ignore[union-attr]
    assert claim.cue_fragments == () and claim.source_fragments != ()


async def test_s_without_a_current_claim_says_what_to_do(
    make_app: AppFactory, corpus: Corpus
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert any("No current claim" in str(n.message) for n in pilot.app._notifications)
    assert on_disk(corpus) is None


async def test_plus_adds_a_fragment_and_e_changes_a_span_in_place(
    make_app: AppFactory, corpus: Corpus
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "The document will now be sent")
        await pilot.press("1", "enter")
        await settle(pilot)
        await search(pilot, "North Atlantic Council")
        await pilot.press("plus")
        await settle(pilot)
        [claim] = on_disk(corpus).claims  # type: ignore[union-attr]
        assert [f.quote for f in claim.fragments] == [
            "The document will now be sent",
            "North Atlantic Council",
        ]
        await search(pilot, "The document")
        await pilot.press("shift+right", "shift+right", "shift+right")  # "… will now be"
        await pilot.press("E")
        await settle(pilot)
    [claim] = on_disk(corpus).claims  # type: ignore[union-attr]
    assert [f.quote for f in claim.fragments] == [
        "The document will now be",
        "North Atlantic Council",
    ]


async def test_picking_a_claim_in_the_list_makes_it_current(
    make_app: AppFactory, corpus: Corpus
) -> None:
    article = corpus.load_article(SEED_RT)
    tags = TagFile(SEED_RT, "alice", article.text_hash)
    for start, claim_type in ((0, "unattributed"), (8, "media_report")):
        tags = add_claim(tags, make_claim(tags, article, 2, start, start + 4, claim_type))
    corpus.save_tags(tags, None)
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "tab", "down", "enter")
        await settle(pilot)
        screen = screen_of(pilot)
        picked = next(c for c in tags.claims if c.type == "media_report")
        assert screen.current_claim_id == picked.id
        assert "claim media_report" in status_text(pilot)


async def test_ctrl_r_takes_the_previous_claims_source_role_and_stance(
    make_app: AppFactory, corpus: Corpus
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "s", "1", *"Ministry", "tab", *"press service")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("j", "s", "1")
        assert isinstance(pilot.app.screen, ClaimForm)
        await pilot.press("ctrl+r", "enter")
        await settle(pilot)
    claims = sorted(on_disk(corpus).claims, key=lambda c: c.paragraph)  # type: ignore[union-attr]
    assert [(c.paragraph, c.source, c.role) for c in claims] == [
        (2, "Ministry", "press service"),
        (3, "Ministry", "press service"),
    ]


async def test_up_and_down_cycle_through_the_corpus_source_names(
    make_app: AppFactory, corpus: Corpus
) -> None:
    other = corpus.load_article(SEED_NV)  # names used in another article, by another reviewer
    tags = TagFile(SEED_NV, "bob", other.text_hash)
    for number, name in ((2, "Jens Stoltenberg"), (3, "Dmytro Kuleba"), (4, "Jens Stoltenberg")):
        tags = add_claim(tags, make_claim(tags, other, number, 0, 4, "unattributed", source=name))
    corpus.save_tags(tags, None)
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "s", "1")
        form = pilot.app.screen
        assert isinstance(form, ClaimForm)
        await pilot.press("down")
        source = form.query_one("#source")
        assert source.value == "Jens Stoltenberg"  # type: ignore[attr-defined]  # most used first
        await pilot.press("down")
        assert source.value == "Dmytro Kuleba"  # type: ignore[attr-defined]
        await pilot.press("ctrl+u", *"kul", "down")
        assert source.value == "Dmytro Kuleba"  # type: ignore[attr-defined]  # matches what is typed
        await pilot.press("enter")
        await settle(pilot)
    [claim] = on_disk(corpus).claims  # type: ignore[union-attr]
    assert claim.source == "Dmytro Kuleba"


async def test_question_mark_answers_in_the_picker(make_app: AppFactory) -> None:
    from annotator.tui.help import HelpScreen

    async with make_app(article=None).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, HelpScreen)


async def test_c_and_s_with_nothing_selected_find_the_cue_and_source(
    make_app: AppFactory, corpus: Corpus
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"j" * 8, "s", "right_curly_bracket", "right_curly_bracket", "2", "enter")
        await settle(pilot)
        await pilot.press("C", "S")
        await settle(pilot)
        [claim] = on_disk(corpus).claims  # type: ignore[union-attr]
        assert claim.quote.startswith("the adoption of a new set")
        assert (claim.cue_quote, claim.source_quote) == ("noted", OKHRIMENKO)
        await pilot.press("C")  # again: removed
        await settle(pilot)
    [claim] = on_disk(corpus).claims  # type: ignore[union-attr]
    assert claim.cue_fragments == () and claim.source_quote == OKHRIMENKO


async def test_undo_takes_back_a_marked_source(make_app: AppFactory, corpus: Corpus) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await tag_quotation(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert on_disk(corpus).claims[0].source_quote == "Okhrimenko"  # type: ignore[union-attr]
        await pilot.press("u")
        await settle(pilot)
    [claim] = on_disk(corpus).claims  # type: ignore[union-attr]
    assert claim.source_fragments == () and claim.source == ""


async def test_the_claim_form_shows_controls_visibly_and_keeps_the_value_exact(
    make_app: AppFactory, corpus: Corpus
) -> None:
    article = corpus.load_article(SEED_RT)
    tags = TagFile(SEED_RT, "alice", article.text_hash)
    source = "\x1b]0;pwned\x07Kuleba"
    tags = add_claim(tags, make_claim(tags, article, 2, 0, 4, "unattributed", source=source))
    corpus.save_tags(tags, None)
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "tab", "e")
        form = pilot.app.screen
        assert isinstance(form, ClaimForm)
        shown = form.query_one("#source").value  # type: ignore[attr-defined]
        assert "\x1b" not in shown and shown == "␛]0;pwned␇Kuleba"
        await pilot.press("tab", *"role", "enter")
        await settle(pilot)
    [claim] = on_disk(corpus).claims  # type: ignore[union-attr]
    assert claim.source == source and claim.role == "role"
