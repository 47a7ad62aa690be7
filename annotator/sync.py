"""Sharing tags through git: commit this reviewer's tag files, pull with rebase, push.

Each reviewer writes only their own files, so pulling colleagues' work never conflicts. Every
failure leaves the reviewer's work in place: committed locally when the commit succeeded.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from annotator.errors import AnnotatorError
from annotator.storage.corpus import ANNOTATIONS, Corpus


@dataclass(frozen=True)
class SyncResult:
    committed: list[str]
    pulled: bool
    pushed: bool


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    git = shutil.which("git")
    if git is None:
        raise AnnotatorError("git is not installed; install git to share tags (or copy the files)")
    result = subprocess.run(
        [git, "-C", str(repo), *args], capture_output=True, text=True, check=False
    )
    if check and result.returncode != 0:
        raise AnnotatorError(f"git {args[0]} failed: {_last_line(result)}")
    return result


def _last_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in (result.stderr + result.stdout).splitlines() if line.strip()]
    return lines[-1].strip() if lines else f"exit {result.returncode}"


def sync(corpus: Corpus, reviewer: str) -> SyncResult:
    top = _git(corpus.root, "rev-parse", "--show-toplevel", check=False)
    if top.returncode != 0:
        raise AnnotatorError(
            "the corpus is not in a git repository; clone the team's repository, or run 'git init' "
            "and 'git remote add origin URL'",
            corpus.root,
        )
    repo = Path(top.stdout.strip())
    mine = sorted(corpus.annotations_dir.glob(f"*/{reviewer}.yaml"))
    relative = [str(path.resolve().relative_to(repo.resolve())) for path in mine]
    changed: list[str] = []
    if relative:
        status = _git(repo, "status", "--porcelain", "--untracked-files=all", "--", *relative)
        changed = [line[3:] for line in status.stdout.splitlines() if line.strip()]
    if changed:
        _git(repo, "add", "--", *changed)
        message = (
            f"annotator: {reviewer}'s tags ({len(changed)} file{'s' if len(changed) != 1 else ''})"
        )
        commit = _git(repo, "commit", "--quiet", "-m", message, "--", *changed, check=False)
        if commit.returncode != 0:
            raise AnnotatorError(
                f"git commit failed: {_last_line(commit)} (set your name with "
                "'git config user.name' and 'git config user.email'); your files are unchanged"
            )
    if not _git(repo, "remote").stdout.strip():
        raise AnnotatorError(
            "no git remote to share with: add one with 'git remote add origin URL'"
            + ("; your tags are committed locally" if changed else ""),
        )
    pull = _git(repo, "pull", "--rebase", "--autostash", "--quiet", check=False)
    if pull.returncode != 0:
        _git(repo, "rebase", "--abort", check=False)
        raise AnnotatorError(
            f"git pull failed: {_last_line(pull)}; your tags are committed locally, nothing was "
            "lost: run 'annotator sync' again when the remote can be reached"
        )
    push = _git(repo, "push", "--quiet", check=False)
    if push.returncode != 0:
        raise AnnotatorError(
            f"git push failed: {_last_line(push)}; your tags are committed locally: run "
            "'annotator sync' again"
        )
    return SyncResult(changed, pulled=True, pushed=True)


__all__ = ["ANNOTATIONS", "SyncResult", "sync"]
