"""``sync`` in an unlucky git user's repository: it never starts inside the user's own operation,
undoes only what it started, and says what git said (issue: no lost work)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from annotator.gitrepo import Git
from annotator.storage.corpus import Corpus
from tests.conftest import SEED_RT, git, sample_tags
from tests.test_sync import sync

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

Team = tuple[Path, Path, Path]


def tag(root: Path, reviewer: str = "alice") -> Path:
    corpus = Corpus.open(root)
    corpus.save_tags(sample_tags(corpus.load_article(SEED_RT), reviewer), None)
    return corpus.tag_path(SEED_RT, reviewer)


def head(root: Path) -> str:
    return git(root, "rev-parse", "HEAD").strip()


def remote_log(bare: Path) -> str:
    return git(bare, "log", "--format=%s", "main")


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


def conflict_on_notes(root: Path, bare: Path) -> None:
    """A colleague and the user both change notes.txt; the user's rebase stops on it."""
    other = root.parent / "carol"
    git(root.parent, "clone", "--quiet", str(bare), str(other))
    (other / "notes.txt").write_text("carol's notes\n", encoding="utf-8")
    git(other, "add", "notes.txt")
    git(other, "commit", "--quiet", "-m", "carol's notes")
    git(other, "push", "--quiet")
    (root / "notes.txt").write_text("my notes\n", encoding="utf-8")
    git(root, "add", "notes.txt")
    git(root, "commit", "--quiet", "-m", "my notes")
    git(root, "fetch", "--quiet")


def test_refuses_inside_the_users_own_rebase_and_leaves_it_alone(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    bare, alice, _ = team
    conflict_on_notes(alice, bare)
    with pytest.raises(subprocess.CalledProcessError):
        git(alice, "rebase", "origin/main")
    tag(alice)
    assert sync(alice, "alice") == 2
    err = one_line(capsys)
    assert "a rebase is in progress" in err and "git rebase --continue" in err
    assert (Git.find(alice).git_dir / "rebase-merge").is_dir()  # the user's rebase is untouched
    assert "??" in git(alice, "status", "--porcelain", "annotations")  # nothing committed
    assert "alice's tags" not in remote_log(bare)


@pytest.mark.parametrize(
    ("setup", "said"),
    [
        ("merge", "a merge is in progress"),
        ("cherry-pick", "a cherry-pick is in progress"),
        ("bisect", "a bisect is in progress"),
        ("detached", "HEAD is detached"),
    ],
)
def test_refuses_during_a_merge_cherry_pick_bisect_or_detached_head(
    team: Team, capsys: pytest.CaptureFixture[str], setup: str, said: str
) -> None:
    bare, alice, _ = team
    if setup in ("merge", "cherry-pick"):
        conflict_on_notes(alice, bare)
        with pytest.raises(subprocess.CalledProcessError):
            if setup == "merge":
                git(alice, "merge", "origin/main")
            else:
                git(alice, "cherry-pick", "origin/main")
    elif setup == "bisect":
        git(alice, "bisect", "start")
    else:
        git(alice, "checkout", "--quiet", "--detach")
    before = head(alice)
    tag(alice)
    assert sync(alice, "alice") == 2
    assert said in one_line(capsys)
    assert head(alice) == before and "alice's tags" not in remote_log(bare)


def test_refuses_with_unmerged_paths_and_names_them(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    bare, alice, _ = team
    conflict_on_notes(alice, bare)
    git(alice, "reset", "--quiet", "--hard", "origin/main")
    (alice / "notes.txt").write_text("stashed notes\n", encoding="utf-8")
    git(alice, "stash", "--quiet")
    (alice / "notes.txt").write_text("other notes\n", encoding="utf-8")
    git(alice, "commit", "--quiet", "-am", "other")
    with pytest.raises(subprocess.CalledProcessError):
        git(alice, "stash", "pop")  # conflicts: unmerged paths, no operation marker
    tag(alice)
    assert sync(alice, "alice") == 2
    err = one_line(capsys)
    assert "unmerged: notes.txt" in err


def test_a_failed_autostash_is_a_failure_with_advice(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    bare, alice, bob = team
    (alice / "notes.txt").write_text("shared notes\n", encoding="utf-8")
    git(alice, "add", "notes.txt")
    git(alice, "commit", "--quiet", "-m", "notes")
    git(alice, "push", "--quiet")
    git(bob, "pull", "--quiet")
    (bob / "notes.txt").write_text("bob's notes\n", encoding="utf-8")
    git(bob, "commit", "--quiet", "-am", "bob's notes")
    git(bob, "push", "--quiet")
    (alice / "notes.txt").write_text("alice's uncommitted notes\n", encoding="utf-8")
    tag(alice)
    assert sync(alice, "alice") == 2
    err = one_line(capsys)
    assert "safe in the stash" in err and "notes.txt" in err and "nothing was pushed" in err
    assert "alice's tags" not in remote_log(bare)
    assert "alice's tags" in git(alice, "log", "--format=%s")  # committed locally
    assert git(alice, "stash", "list").strip()  # the user's change is kept


def test_two_adjudicators_conflict_keeps_both_versions_and_names_the_file(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    _, alice, bob = team
    for root, decided in ((alice, "alice's decisions\n"), (bob, "bob's decisions\n")):
        path = root / "annotations" / SEED_RT / "adjudicated.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(decided, encoding="utf-8")
    assert sync(alice, "alice") == 0
    capsys.readouterr()
    assert sync(bob, "bob") == 2
    err = one_line(capsys)
    assert f"annotations/{SEED_RT}/adjudicated.yaml" in err and "both versions are kept" in err
    assert Git.find(bob).in_progress() is None  # sync undid only its own rebase
    adjudicated = bob / "annotations" / SEED_RT / "adjudicated.yaml"
    assert adjudicated.read_text(encoding="utf-8") == "bob's decisions\n"
    theirs = git(bob, "show", f"origin/main:annotations/{SEED_RT}/adjudicated.yaml")
    assert theirs == "alice's decisions\n"


def test_the_adjudication_and_deletions_are_shared(team: Team) -> None:
    _, alice, bob = team
    mine = tag(alice)
    adjudicated = mine.with_name("adjudicated.yaml")
    adjudicated.write_bytes(mine.read_bytes())
    assert sync(alice, "alice") == 0
    assert sync(bob, "bob") == 0
    assert (bob / "annotations" / SEED_RT / "adjudicated.yaml").exists()
    mine.unlink()
    assert sync(alice, "alice") == 0
    assert sync(bob, "bob") == 0
    assert not (bob / "annotations" / SEED_RT / "alice.yaml").exists()


def test_first_push_to_an_empty_remote_after_git_init(
    tmp_path: Path, team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.git"
    git(tmp_path, "init", "--bare", "--quiet", str(empty))
    corpus_root = tmp_path / "fresh"
    shutil.copytree(team[1] / "seeds", corpus_root / "seeds")
    git(corpus_root, "init", "--quiet")
    git(corpus_root, "remote", "add", "origin", str(empty))
    tag(corpus_root)
    assert sync(corpus_root, "alice") == 0
    assert "first push to origin/main" in capsys.readouterr().err
    assert "alice's tags" in git(empty, "log", "--format=%s", "main")
    tag(corpus_root, "alice2")  # a second run syncs with the upstream it set
    assert sync(corpus_root, "alice2") == 0


def test_a_lost_push_race_says_someone_pushed(
    team: Team, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, alice, bob = team
    tag(alice)
    tag(bob, "bob")
    run = Git.run

    def bob_pushes_first(self: Git, *args: str) -> subprocess.CompletedProcess[str]:
        if args[0] == "push" and self.repo == alice:
            git(bob, "add", "annotations")
            git(bob, "commit", "--quiet", "-m", "bob")
            git(bob, "push", "--quiet")
        return run(self, *args)

    monkeypatch.setattr(Git, "run", bob_pushes_first)
    assert sync(alice, "alice") == 2
    err = one_line(capsys)
    assert "someone pushed meanwhile" in err and "rejected" in err and "committed locally" in err


def test_a_hook_refusing_the_commit_is_quoted(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    _, alice, _ = team
    hook = alice / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'no tags on Fridays' >&2\necho 'ask the editor' >&2\nexit 1\n")
    hook.chmod(0o755)
    path = tag(alice)
    before = path.read_bytes()
    assert sync(alice, "alice") == 2
    err = one_line(capsys)
    assert "no tags on Fridays / ask the editor" in err and "hook" in err
    assert path.read_bytes() == before


def test_a_tag_folder_linked_out_of_the_repository(
    tmp_path: Path, team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    _, alice, _ = team
    elsewhere = tmp_path / "elsewhere"
    shutil.move(alice / "annotations", elsewhere)
    (alice / "annotations").symlink_to(elsewhere, target_is_directory=True)
    assert sync(alice, "alice") == 2
    assert "outside the git repository" in one_line(capsys)
