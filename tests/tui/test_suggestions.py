"""Pilot tests of suggestions in the annotate screen: n/p select, y accepts through the claim
form, X rejects; each flow ends with what is in the tag file on disk."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from annotator.storage.corpus import Corpus
from annotator.suggest.suggester import Suggestion
from annotator.tui.annotate import AnnotateScreen
from annotator.tui.app import AnnotatorApp
from annotator.tui.forms import ClaimForm
from tests.conftest import SEED_NV
from tests.tui.conftest import SIZE, on_disk, screen_of, settle, status_text, view_of

AppFactory = Callable[..., AnnotatorApp]


async def first_suggestion(pilot: Pilot[None]) -> tuple[AnnotateScreen, Suggestion]:
    """Wait for the suggestions, then press n: the first is selected."""
    await settle(pilot)
    screen = screen_of(pilot)
    await pilot.press("n")
    suggestion = screen.current_suggestion
    assert suggestion is not None
    return screen, suggestion


async def save_form(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.press("enter")
    await settle(pilot)


async def test_suggestions_appear_and_n_p_select_them(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        suggestions = screen.open_suggestions
        assert len(suggestions) >= 10
        assert f"{len(suggestions)} suggestions" in status_text(pilot)
        await pilot.press("n")
        assert screen.current_suggestion == suggestions[0]
        assert view_of(pilot).selection == suggestions[0].content[0]
        assert "suggestion 1/" in status_text(pilot)
        await pilot.press("n", "n")
        assert screen.current_suggestion == suggestions[2]
        await pilot.press("p")
        assert screen.current_suggestion == suggestions[1]
        await pilot.press("p", "p")  # wraps round to the last
        assert screen.current_suggestion == suggestions[-1]


async def test_y_accepts_a_suggestion_with_its_source_cue_and_type(
    make_app: AppFactory, corpus: Corpus
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen, suggestion = await first_suggestion(pilot)
        await pilot.press("y")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, ClaimForm)
        assert form.result().type == suggestion.type
        assert form.result().source == suggestion.source
        await save_form(pilot)
        assert suggestion not in screen.open_suggestions  # a claim now: no longer offered
    tags = on_disk(corpus)
    assert tags is not None
    [claim] = tags.claims
    text = corpus.load_article(tags.article).text
    starts = corpus.load_article(tags.article).paragraph_starts

    def spans(fragments: tuple) -> tuple:  # type: ignore[type-arg]
        return tuple((starts[f.paragraph - 1] + f.start, starts[f.paragraph - 1] + f.end)
                     for f in fragments)  # fmt: skip

    assert claim.suggested is True
    assert claim.type == suggestion.type and claim.source == suggestion.source
    assert spans(claim.fragments) == suggestion.content
    assert spans(claim.source_fragments) == suggestion.source_spans
    assert spans(claim.cue_fragments) == suggestion.cue_spans
    assert claim.quote == suggestion.quote(text)


async def test_an_adjusted_selection_is_kept_on_accepting(
    make_app: AppFactory, corpus: Corpus
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        _, suggestion = await first_suggestion(pilot)
        await pilot.press("shift+right")  # one word more at the end
        adjusted = view_of(pilot).selection
        assert adjusted is not None and adjusted != suggestion.content[0]
        await pilot.press("y")
        await save_form(pilot)
    tags = on_disk(corpus)
    assert tags is not None
    [claim] = tags.claims
    article = corpus.load_article(tags.article)
    first = claim.fragments[0]
    base = article.paragraph_starts[first.paragraph - 1]
    assert (base + first.start, base + claim.fragments[-1].end) == adjusted
    assert claim.suggested and claim.cue_fragments  # the rest of the suggestion came along


async def test_x_rejects_and_the_suggestion_never_comes_back(
    make_app: AppFactory, corpus: Corpus
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        count = len(screen.open_suggestions)
        await pilot.press("n")
        rejected = screen.current_suggestion
        assert rejected is not None
        await pilot.press("X")
        await settle(pilot)
        assert rejected not in screen.open_suggestions
        assert len(screen.open_suggestions) == count - 1
        assert screen.current_suggestion == screen.open_suggestions[0]  # on to the next
    tags = on_disk(corpus)
    assert tags is not None and not tags.claims
    text = corpus.load_article(tags.article).text
    assert [r.quote for r in tags.rejected_suggestions] == [rejected.quote(text)]
    async with make_app().run_test(size=SIZE) as pilot:  # a new session
        await settle(pilot)
        screen = screen_of(pilot)
        assert all(s.quote(text) != rejected.quote(text) for s in screen.open_suggestions)
        assert len(screen.open_suggestions) == count - 1


async def test_undo_brings_a_rejected_suggestion_back(make_app: AppFactory, corpus: Corpus) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        count = len(screen.open_suggestions)
        await pilot.press("n", "X")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert len(screen.open_suggestions) == count
    tags = on_disk(corpus)
    assert tags is not None and not tags.rejected_suggestions


async def test_nothing_is_written_without_the_reviewer_accepting(
    make_app: AppFactory, corpus: Corpus
) -> None:
    async with make_app(SEED_NV).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n", "n", "p", "y", "escape", "j", "n", "x")  # x: paragraph done
        await settle(pilot)
    tags = on_disk(corpus, article=SEED_NV)
    assert tags is not None  # the paragraph mark was saved…
    assert tags.reviews and not tags.claims and not tags.rejected_suggestions  # …nothing else


async def test_a_digit_accepts_the_selected_suggestion_as_that_type(
    make_app: AppFactory, corpus: Corpus
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen, suggestion = await first_suggestion(pilot)
        await pilot.press("3")  # unnamed source, whatever the suggestion said
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, ClaimForm) and form.result().type == "unnamed_source"
        await save_form(pilot)
        assert screen.current_suggestion is None
    tags = on_disk(corpus)
    assert tags is not None
    [claim] = tags.claims
    assert claim.suggested and claim.type == "unnamed_source"
    assert claim.cue_fragments and claim.source == suggestion.source


async def test_moving_away_leaves_the_suggestion(make_app: AppFactory, corpus: Corpus) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen, _ = await first_suggestion(pilot)
        await pilot.press("G", "s")  # another paragraph, another selection
        await pilot.pause()
        assert screen.current_suggestion is None
        await pilot.press("1")
        await save_form(pilot)
    tags = on_disk(corpus)
    assert tags is not None
    [claim] = tags.claims
    assert not claim.suggested and not claim.cue_fragments  # an ordinary claim
