"""Pilot tests: conflicts on disk, orphaned claims, hostile article text, picker, palette, mouse."""

from __future__ import annotations

from collections.abc import Callable

from annotator.editing import set_status
from annotator.model import TagFile
from annotator.storage.corpus import Corpus
from annotator.storage.tagfile import serialize
from annotator.tui.annotate import AnnotateScreen
from annotator.tui.app import AnnotatorApp
from annotator.tui.claim_list import ClaimList
from annotator.tui.conflict import ConflictScreen
from tests.conftest import SEED_RT, sample_tags, tag_span
from tests.tui.conftest import SIZE, on_disk, rendered, screen_of, settle, status_text, view_of

AppFactory = Callable[..., AnnotatorApp]


def someone_else_writes(corpus: Corpus, note: str) -> bytes:
    """Another window (or a git pull) rewrites the tag file."""
    article = corpus.load_article(SEED_RT)
    tags = tag_span(
        TagFile(article.id, "alice", article.text_hash),
        article,
        2,
        "This was reported",
        "media_report",
        note=note,
    )
    data = serialize(tags)
    corpus.tag_path(SEED_RT, "alice").parent.mkdir(parents=True, exist_ok=True)
    corpus.tag_path(SEED_RT, "alice").write_bytes(data)
    return data


async def test_a_change_on_disk_is_never_overwritten_and_can_be_reloaded(
    make_app: AppFactory, corpus: Corpus
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        theirs = someone_else_writes(corpus, "theirs")
        await pilot.press("j", "x")  # my change, saved against a file that is no longer there
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConflictScreen)
        assert corpus.tag_path(SEED_RT, "alice").read_bytes() == theirs
        await pilot.press("r")
        await settle(pilot)
        assert corpus.tag_path(SEED_RT, "alice").read_bytes() == theirs  # reloading writes nothing
        session = screen_of(pilot).session
        assert session is not None and [c.note for c in session.tags.claims] == ["theirs"]
        await pilot.press("u")  # my version is one undo away
        await settle(pilot)
    tags = on_disk(corpus)
    assert tags is not None and tags.claims == () and [r.paragraph for r in tags.reviews] == [1, 2]


async def test_overwrite_is_an_explicit_choice(make_app: AppFactory, corpus: Corpus) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        someone_else_writes(corpus, "theirs")
        await pilot.press("j", "x")
        await settle(pilot)
        await pilot.press("escape")  # decide later: nothing is saved meanwhile
        await settle(pilot)
        assert "changed on disk" in status_text(pilot)
        await pilot.press("j", "x")
        await settle(pilot)
        assert [c.note for c in on_disk(corpus).claims] == ["theirs"]  # type: ignore[union-attr]
        assert "changed on disk" in status_text(pilot) and "saving…" not in status_text(pilot)
        await pilot.press("R")
        assert isinstance(pilot.app.screen, ConflictScreen)
        await pilot.press("o")
        await settle(pilot)
    tags = on_disk(corpus)
    assert (
        tags is not None and tags.claims == () and [r.paragraph for r in tags.reviews] == [1, 2, 3]
    )


async def test_a_change_on_disk_is_noticed_without_editing(
    make_app: AppFactory, corpus: Corpus
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        someone_else_writes(corpus, "theirs")
        screen_of(pilot)._check_disk()
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConflictScreen)
        await pilot.press("r")
        await settle(pilot)
        assert [c.note for c in screen_of(pilot).session.tags.claims] == ["theirs"]  # type: ignore[union-attr]


async def test_quit_during_a_conflict_keeps_my_version_beside_the_file(
    make_app: AppFactory, corpus: Corpus
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        theirs = someone_else_writes(corpus, "theirs")
        await pilot.press("j", "x")
        await settle(pilot)
        await pilot.press("escape", "q")
        await pilot.pause()
    assert corpus.tag_path(SEED_RT, "alice").read_bytes() == theirs
    [copy] = corpus.tag_path(SEED_RT, "alice").parent.glob("alice.*.yaml.unsaved")
    assert b"paragraph: 2" in copy.read_bytes()
    assert app.exit_message is not None and str(copy) in app.exit_message


async def test_orphaned_claims_are_listed_and_can_be_attached_or_deleted(
    make_app: AppFactory, corpus: Corpus
) -> None:
    article = corpus.load_article(SEED_RT)
    tags = sample_tags(article)  # claims in paragraphs 2 and 10
    corpus.save_tags(tags, None)
    seed = corpus.article_path(SEED_RT)
    text = seed.read_text(encoding="utf-8")
    seed.write_text(
        text.replace("This is just a formal procedure", "It is a mere formality, he says"),
        encoding="utf-8",
    )
    before = corpus.tag_path(SEED_RT, "alice").read_bytes()
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert corpus.tag_path(SEED_RT, "alice").read_bytes() == before  # loading never writes
        claims = screen_of(pilot).query_one(ClaimList)
        labels = [str(claims.get_option_at_index(i).prompt) for i in range(claims.option_count)]
        assert any(
            "orphaned" in label and "This is just a formal procedure" in label for label in labels
        )
        await pilot.press(*"j" * 9, "s", "tab")
        orphan_index = next(i for i, label in enumerate(labels) if "orphaned" in label)
        claims.highlighted = orphan_index
        await pilot.press("enter")
        await settle(pilot)
    reloaded = on_disk(corpus)
    assert reloaded is not None and not reloaded.orphans
    attached = next(c for c in reloaded.claims if c.type == "analyst_opinion")
    assert attached.paragraph == 10 and attached.quote.startswith("It is a mere formality")
    assert attached.source == "Alexander Okhrimenko"  # the claim's fields survive


async def test_markup_and_escape_codes_in_an_article_are_shown_literally(
    make_app: AppFactory, corpus: Corpus
) -> None:
    (corpus.seeds_dir / "evil.txt").write_text(
        "[bold red]Not bold[/] and [link=http://x]link[/link]\n\n"
        "Bell\x07 clear\x1b[2J home\x1b[H end\n",
        encoding="utf-8",
    )
    async with make_app("evil").run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = rendered(pilot)
        assert "[bold red]Not bold[/] and [link=http://x]link[/link]" in screen
        assert "Bell␇ clear␛[2J home␛[H end" in screen
        await pilot.press("j", "a", "1", *"[i]x", "enter")
        await settle(pilot)
        assert "[i]x" in rendered(pilot)
    [claim] = on_disk(corpus, article="evil").claims  # type: ignore[union-attr]
    assert claim.quote == "Bell\x07 clear\x1b[2J home\x1b[H end" and claim.source == "[i]x"


async def test_picker_lists_articles_and_opens_one(make_app: AppFactory, corpus: Corpus) -> None:
    article = corpus.load_article(SEED_RT)
    corpus.save_tags(set_status(sample_tags(article), article, 1, "done"), None)
    async with make_app(None).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = rendered(pilot)
        assert "000_25a7f68b72796307" in screen and "Ukraine and NATO to modernize" in screen
        assert "1/57" in screen  # alice's progress on the RT article
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, AnnotateScreen)
        assert pilot.app.screen.article_id == SEED_RT
        await pilot.press("x")
        await settle(pilot)
        assert [r.paragraph for r in on_disk(corpus).reviews] == []  # type: ignore[union-attr]  # x unmarked ¶1
        await pilot.press("j", "x", "q")  # back to the picker, which shows the new progress
        await settle(pilot)
        assert not isinstance(pilot.app.screen, AnnotateScreen) and pilot.app.is_running
        assert "1/57" in rendered(pilot)
    assert [r.paragraph for r in on_disk(corpus).reviews] == [2]  # type: ignore[union-attr]


async def test_command_palette_offers_every_action(make_app: AppFactory, corpus: Corpus) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = {command.title: command for command in app.get_system_commands(app.screen)}
        for title in ("Next ¶", "Sentence", "Done", "Article tags", "Undo", "Redo", "Help", "Quit",
                      "Tag as Official statement", "Tag as Unattributed", "Search"):  # fmt: skip
            assert title in titles, title
        await titles["Done"].callback()
        await settle(pilot)
    assert [r.paragraph for r in on_disk(corpus).reviews] == [1]  # type: ignore[union-attr]


async def test_mouse_click_focuses_a_paragraph_and_drag_selects(
    make_app: AppFactory, corpus: Corpus
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = view_of(pilot)
        row = next(i for i, r in enumerate(view._rows) if r.paragraph == 1 and r.first)
        gutter = view._gutter
        await pilot.click(view, offset=(gutter + 1, row))  # "This" of paragraph 2
        assert view.focus_index == 1
        await pilot.mouse_down(view, offset=(gutter + 5, row))
        await pilot.hover(view, offset=(gutter + 14, row))
        await pilot.mouse_up(view, offset=(gutter + 14, row))
        assert view.selected_text == "was reported"


async def test_works_at_80_by_24_without_colour(
    make_app: AppFactory, corpus: Corpus, monkeypatch: object
) -> None:
    import os

    os.environ["NO_COLOR"] = "1"
    try:
        async with make_app().run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = rendered(pilot)
            assert "Ukraine will become the first state" in screen
            assert "¶ 1/65" in screen
            await pilot.press("s", "1")
            assert "Source name" in rendered(pilot) and "esc cancels" in rendered(pilot)
    finally:
        del os.environ["NO_COLOR"]


async def test_opening_a_changed_article_and_quitting_writes_nothing(
    make_app: AppFactory, corpus: Corpus
) -> None:
    article = corpus.load_article(SEED_RT)
    corpus.save_tags(sample_tags(article), None)
    seed = corpus.article_path(SEED_RT)
    seed.write_text(
        "A new first paragraph.\n\n" + seed.read_text(encoding="utf-8"), encoding="utf-8"
    )
    before = corpus.tag_path(SEED_RT, "alice").read_bytes()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "saved" in status_text(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert corpus.tag_path(SEED_RT, "alice").read_bytes() == before
    async with make_app().run_test(size=SIZE) as pilot:  # a change writes the moved claims too
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
    tags = on_disk(corpus)
    assert tags is not None and tags.text_hash == corpus.load_article(SEED_RT).text_hash
    assert sorted(c.paragraph for c in tags.claims) == [3, 11]
