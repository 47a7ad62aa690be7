"""Pilot tests of the review screen: aligned claims of every reviewer, n/p between disagreements."""

from __future__ import annotations

from textual.widgets import OptionList

from annotator.model import TagFile
from annotator.storage.corpus import Corpus
from annotator.tui.app import AnnotatorApp
from annotator.tui.review import AGREED, ONLY, PARTLY, ReviewScreen
from tests.conftest import SEED_RT, tag_span
from tests.tui.conftest import SIZE, rendered, settle


def two_reviewers(corpus: Corpus) -> None:
    article = corpus.load_article(SEED_RT)
    alice = TagFile(SEED_RT, "alice", article.text_hash)
    alice = tag_span(alice, article, 2, "This was reported", "official_statement")
    alice = tag_span(
        alice, article, 10, "This is just a formal procedure", "analyst_opinion", stance="against"
    )
    alice = tag_span(alice, article, 12, "Although Ukraine", "unattributed")
    bob = TagFile(SEED_RT, "bob", article.text_hash)
    bob = tag_span(bob, article, 2, "This was reported", "official_statement")
    bob = tag_span(bob, article, 10, "This is just a formal", "analyst_opinion")
    bob = tag_span(bob, article, 14, "Let us recall", "unattributed")
    corpus.save_tags(alice, None)
    corpus.save_tags(bob, None)


async def test_review_aligns_claims_and_jumps_between_disagreements(corpus: Corpus) -> None:
    two_reviewers(corpus)
    before = {p: p.read_bytes() for p in corpus.annotations_dir.rglob("*.yaml")}
    async with AnnotatorApp(corpus, "alice", SEED_RT, review=True).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.reviewers == ["alice", "bob"]
        assert screen.statuses == [AGREED, PARTLY, ONLY, ONLY]
        text = rendered(pilot)
        assert "1 agreed, 1 partly, 2 by one" in text and "⚖ not decided" in text
        assert "decided 0 of 4" in text and "1=alice 2=bob" in text
        assert " 1 analyst_opinion · against" in text
        assert " 2 analyst_opinion [differs: stance] · span “This is just a formal”" in text
        units = screen.query_one(OptionList)
        assert units.highlighted == 0
        await pilot.press("n")
        assert units.highlighted == 1
        await pilot.press("n", "n")
        assert units.highlighted == 3
        await pilot.press("p", "p")
        assert units.highlighted == 1
    assert {
        p: p.read_bytes() for p in corpus.annotations_dir.rglob("*.yaml")
    } == before  # read only


async def test_review_is_reachable_from_the_picker(corpus: Corpus) -> None:
    two_reviewers(corpus)
    async with AnnotatorApp(corpus, "alice", None).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "v")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReviewScreen) and pilot.app.screen.article_id == SEED_RT
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ReviewScreen)


async def test_adjudicate_accept_agreed_accept_a_version_reject_edit_undo(corpus: Corpus) -> None:
    from textual.widgets import Input

    from annotator.tui.forms import ClaimForm

    two_reviewers(corpus)
    article = corpus.load_article(SEED_RT)

    def adjudicated() -> list[tuple[int, str, tuple[str, ...], str, str]]:
        tags = corpus.load_tags(article, "adjudicated").tags
        return [(c.paragraph, c.type, c.origin, c.decided_by, c.note) for c in tags.claims]

    async with AnnotatorApp(corpus, "carol", SEED_RT, review=True).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("A")  # every majority version: only paragraph 2's, both made it
        await settle(pilot)
        assert adjudicated() == [(2, "official_statement", ("alice", "bob"), "carol", "")]
        await pilot.press("n", "2")  # the partly agreed claim in paragraph 10: bob's version
        await settle(pilot)
        assert adjudicated()[1] == (10, "analyst_opinion", ("bob",), "carol", "")
        await pilot.press("1")  # changed my mind: alice's version replaces it
        await settle(pilot)
        [_, decided] = corpus.load_tags(article, "adjudicated").tags.claims
        assert (decided.origin, decided.stance, decided.quote) == (
            ("alice",),
            "against",
            "This is just a formal procedure",
        )
        await pilot.press("e")
        form = pilot.app.screen
        assert isinstance(form, ClaimForm)
        form.query_one("#note", Input).value = "checked against the video"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert adjudicated()[1][4] == "checked against the video"
        await pilot.press("x")
        await settle(pilot)
        assert [a[0] for a in adjudicated()] == [2]
        decisions = corpus.load_tags(article, "adjudicated").tags.decisions
        assert [(d.outcome, d.decided_by, len(d.settles)) for d in decisions] == [
            ("accepted", "carol", 2),
            ("rejected", "carol", 2),
        ]  # the rejection is kept: the unit is decided
        assert "decided 2 of 4" in rendered(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert [a[0] for a in adjudicated()] == [2, 10]
        assert "⚖ edited from alice: analyst_opinion" in rendered(pilot)
        # The form gave the stance a target: the edit is nobody's version any more.
        edited = corpus.load_tags(article, "adjudicated").tags.claims[1]
        assert (edited.target, edited.origin) == ("ukraine_nato_membership", ())
        await pilot.press("q")
        await pilot.pause()
    assert main_report_uses_adjudicated(corpus)


def main_report_uses_adjudicated(corpus: Corpus) -> bool:
    import io
    import json
    from contextlib import redirect_stdout

    from annotator.cli import main

    out = io.StringIO()
    with redirect_stdout(out):
        assert (
            main(
                ["--root", str(corpus.root), "report", "--adjudicated", "--format", "json", SEED_RT]
            )
            == 0
        )
    [article] = json.loads(out.getvalue())["articles"]
    return bool(article["whose"] == "adjudicated" and article["claims"] == 2)


async def test_comment_on_a_colleagues_claim_and_see_it_in_the_annotate_screen(
    corpus: Corpus,
) -> None:
    from annotator.tui.claim_list import ClaimList
    from annotator.tui.forms import CommentForm

    two_reviewers(corpus)
    article = corpus.load_article(SEED_RT)
    alice_before = corpus.tag_path(SEED_RT, "alice").read_bytes()
    async with AnnotatorApp(corpus, "bob", SEED_RT, review=True).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n", "c")  # the partly agreed claim of paragraph 10
        assert isinstance(pilot.app.screen, CommentForm)
        await pilot.press(*"Is this really his view?", "enter")
        await settle(pilot)
    assert (
        corpus.tag_path(SEED_RT, "alice").read_bytes() == alice_before
    )  # nobody writes another's file
    [comment] = corpus.load_tags(article, "bob").tags.comments
    alice_claim = next(
        c for c in corpus.load_tags(article, "alice").tags.claims if c.paragraph == 10
    )
    assert (comment.on_reviewer, comment.on_claim, comment.text) == (
        "alice",
        alice_claim.id,
        "Is this really his view?",
    )
    async with AnnotatorApp(corpus, "alice", SEED_RT).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"j" * 9)
        await settle(pilot)
        claims = pilot.app.screen.query_one(ClaimList)
        assert "bob: Is this really his view?" in str(claims.get_option_at_index(0).prompt)


async def test_adjudication_never_overwrites_a_file_changed_on_disk_and_redo_works(
    corpus: Corpus,
) -> None:
    from annotator.tui.conflict import ConflictScreen

    two_reviewers(corpus)
    article = corpus.load_article(SEED_RT)
    async with AnnotatorApp(corpus, "carol", SEED_RT, review=True).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("A", "u", "ctrl+y")
        await settle(pilot)
        path = corpus.tag_path(SEED_RT, "adjudicated")
        assert len(corpus.load_tags(article, "adjudicated").tags.claims) == 1
        theirs = path.read_bytes().replace(b"decided_by: carol", b"decided_by: dave")
        path.write_bytes(theirs)
        await pilot.press("n", "1")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConflictScreen)
        assert path.read_bytes() == theirs
        await pilot.press("r")
        await settle(pilot)
    assert [c.decided_by for c in corpus.load_tags(article, "adjudicated").tags.claims] == ["dave"]


async def test_review_help_lists_its_keys(corpus: Corpus) -> None:
    from annotator.tui.help import HelpScreen

    two_reviewers(corpus)
    async with AnnotatorApp(corpus, "carol", SEED_RT, review=True).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        screen = pilot.app.screen
        assert isinstance(screen, HelpScreen)
        keys = dict(screen.keys)
        assert keys["n"] == "Next disagreement" and keys["A"].startswith(
            "In every undecided unit, accept the version more than half"
        )
        assert keys["1-9"].startswith("Accept reviewer 1…9's version") and "2" not in keys
        assert keys["c"].startswith("Comment on a colleague's claim")


async def test_review_at_80x24_keeps_progress_and_reviewer_numbers_on_screen(
    corpus: Corpus,
) -> None:
    two_reviewers(corpus)
    async with AnnotatorApp(corpus, "carol", SEED_RT, review=True).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = rendered(pilot).splitlines()
        status = next(line for line in lines if "decided 0 of" in line)
        assert status.lstrip().startswith("✓ saved · decided 0 of 4")
        assert "¶2 This was reported by the press service" in rendered(pilot)  # the paragraph
        await pilot.press("A")
        await settle(pilot)
        assert "decided 1 of 4" in rendered(pilot)
        assert all(len(line) <= 80 for line in lines)


async def test_review_at_120x40_shows_every_line_of_each_unit_and_decides_by_keys(
    corpus: Corpus,
) -> None:
    two_reviewers(corpus)
    article = corpus.load_article(SEED_RT)
    async with AnnotatorApp(corpus, "carol", SEED_RT, review=True).run_test(
        size=(120, 40)
    ) as pilot:
        await settle(pilot)
        text = rendered(pilot)
        assert "⚖ not decided" in text and " 2 analyst_opinion [differs: stance]" in text
        await pilot.press("n", "x", "n", "1")  # reject ¶10, accept alice's only claim in ¶12
        await settle(pilot)
        assert "decided 2 of 4" in rendered(pilot) and "rejected by carol" in rendered(pilot)
    decisions = corpus.load_tags(article, "adjudicated").tags.decisions
    assert [(d.outcome, d.version) for d in decisions] == [("rejected", ""), ("accepted", "alice")]
