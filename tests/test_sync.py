"""Sharing through git: a bare repository and two clones as two reviewers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.storage.corpus import Corpus
from tests.conftest import SEED_RT, git, sample_tags

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def sync(root: Path, reviewer: str) -> int:
    return main(["--root", str(root), "--reviewer", reviewer, "sync"])


def test_two_reviewers_tag_sync_and_see_each_other(
    team: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, alice_root, bob_root = team
    for root, reviewer in ((alice_root, "alice"), (bob_root, "bob")):
        corpus = Corpus.open(root)
        corpus.save_tags(sample_tags(corpus.load_article(SEED_RT), reviewer), None)
    (alice_root / "notes.txt").write_text("not a tag file", encoding="utf-8")
    assert sync(alice_root, "alice") == 0
    assert sync(bob_root, "bob") == 0
    assert sync(alice_root, "alice") == 0
    capsys.readouterr()
    for root in (alice_root, bob_root):
        assert main(["--root", str(root), "agreement", "--json"]) == 0
        [pair] = json.loads(capsys.readouterr().out)["pairs"]
        assert (pair["a"], pair["b"], pair["exact"]["matches"]) == ("alice", "bob", 2)
    assert "notes.txt" in git(alice_root, "status", "--porcelain")  # only tag files are committed
    log = git(bob_root, "log", "--format=%s")
    assert "annotator: alice's tags (1 file)" in log and "annotator: bob's tags (1 file)" in log


def test_no_remote_keeps_the_work_committed_locally(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], team: tuple[Path, Path, Path]
) -> None:
    _, alice_root, _ = team
    git(alice_root, "remote", "remove", "origin")
    corpus = Corpus.open(alice_root)
    corpus.save_tags(sample_tags(corpus.load_article(SEED_RT)), None)
    assert sync(alice_root, "alice") == 2
    err = capsys.readouterr().err
    assert "no git remote" in err and "committed locally" in err and err.count("\n") == 1
    assert "annotator: alice's tags" in git(alice_root, "log", "--format=%s")


def test_an_unreachable_remote_loses_nothing(
    team: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    bare, alice_root, _ = team
    shutil.move(bare, bare.with_name("gone.git"))  # the network is down
    corpus = Corpus.open(alice_root)
    corpus.save_tags(sample_tags(corpus.load_article(SEED_RT)), None)
    before = corpus.tag_path(SEED_RT, "alice").read_bytes()
    assert sync(alice_root, "alice") == 2
    err = capsys.readouterr().err
    assert "cannot fetch from the remote 'origin'" in err and "nothing was lost" in err
    assert corpus.tag_path(SEED_RT, "alice").read_bytes() == before
    assert "annotator: alice's tags" in git(alice_root, "log", "--format=%s")


def test_not_a_repository_or_no_git(
    corpus: Corpus, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert sync(corpus.root, "alice") == 2
    assert "not in a git repository" in capsys.readouterr().err
    monkeypatch.setenv("PATH", "/nonexistent")
    assert sync(corpus.root, "alice") == 2
    assert "git is not installed" in capsys.readouterr().err


async def test_after_sync_each_sees_the_other_in_the_review_screen(
    team: tuple[Path, Path, Path],
) -> None:
    from annotator.tui.app import AnnotatorApp
    from annotator.tui.review import ReviewScreen
    from tests.tui.conftest import settle

    _, alice_root, bob_root = team
    for root, reviewer in ((alice_root, "alice"), (bob_root, "bob")):
        corpus = Corpus.open(root)
        corpus.save_tags(sample_tags(corpus.load_article(SEED_RT), reviewer), None)
    assert sync(alice_root, "alice") == 0
    assert sync(bob_root, "bob") == 0
    assert sync(alice_root, "alice") == 0
    for root, me in ((alice_root, "alice"), (bob_root, "bob")):
        async with AnnotatorApp(Corpus.open(root), me, SEED_RT, review=True).run_test(
            size=(100, 30)
        ) as pilot:
            await settle(pilot)
            screen = pilot.app.screen
            assert isinstance(screen, ReviewScreen)
            assert screen.reviewers == ["alice", "bob"] and screen.statuses == ["agreed", "agreed"]
