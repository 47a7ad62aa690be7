"""Running git for ``sync``: one call, its whole message, and the states in which sync must not
start (an operation of the user's in progress, a detached HEAD, unmerged paths)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from annotator.errors import AnnotatorError

# Markers in the git folder of an operation the user started and has not finished, with how to
# finish it. Sync commits and rebases, which inside any of these would tangle with the user's work.
IN_PROGRESS = (
    ("rebase-merge", "a rebase", "'git rebase --continue' or 'git rebase --abort'"),
    ("rebase-apply", "a rebase (or 'git am')", "'git rebase --continue' or 'git rebase --abort'"),
    ("MERGE_HEAD", "a merge", "'git commit' or 'git merge --abort'"),
    ("CHERRY_PICK_HEAD", "a cherry-pick", "'git cherry-pick --continue' or '--abort'"),
    ("REVERT_HEAD", "a revert", "'git revert --continue' or '--abort'"),
    ("BISECT_LOG", "a bisect", "'git bisect reset'"),
)


def whole_message(result: subprocess.CompletedProcess[str]) -> str:
    """Everything git said, on one line (its lines joined by ' / ')."""
    lines = [line.strip() for line in (result.stderr + "\n" + result.stdout).splitlines()]
    said = " / ".join(line for line in lines if line)
    return said or f"git exited with {result.returncode} and said nothing"


@dataclass(frozen=True)
class Git:
    """git run in one repository."""

    repo: Path
    executable: str

    @classmethod
    def find(cls, folder: Path) -> Git:
        executable = shutil.which("git")
        if executable is None:
            raise AnnotatorError(
                "git is not installed; install git to share tags (or copy the files)"
            )
        top = subprocess.run(
            [executable, "-C", str(folder), "rev-parse", "--show-toplevel"],
            capture_output=True,
            text=True,
            check=False,
        )
        if top.returncode != 0:
            raise AnnotatorError(
                "the corpus is not in a git repository; clone the team's repository, or run "
                "'git init' and 'git remote add origin URL'",
                folder,
            )
        return cls(Path(top.stdout.strip()), executable)

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [self.executable, "-C", str(self.repo), *args],
            capture_output=True,
            text=True,
            check=False,
        )

    def output(self, *args: str) -> str:
        """The output of a git command that must succeed."""
        result = self.run(*args)
        if result.returncode != 0:
            raise AnnotatorError(f"git {args[0]} failed: {whole_message(result)}", self.repo)
        return result.stdout

    def succeeds(self, *args: str) -> bool:
        return self.run(*args).returncode == 0

    @property
    def git_dir(self) -> Path:
        return Path(self.output("rev-parse", "--absolute-git-dir").strip())

    def unmerged(self) -> list[str]:
        return self.output("diff", "--name-only", "--diff-filter=U").splitlines()

    def branch(self) -> str | None:
        """The current branch, or None on a detached HEAD."""
        result = self.run("symbolic-ref", "--quiet", "--short", "HEAD")
        return result.stdout.strip() if result.returncode == 0 else None

    def has_commits(self) -> bool:
        return self.succeeds("rev-parse", "--verify", "--quiet", "HEAD")

    def in_progress(self) -> str | None:
        """What the user is in the middle of, and how to finish it; None when nothing."""
        folder = self.git_dir
        for marker, what, finish in IN_PROGRESS:
            if (folder / marker).exists():
                return f"{what} is in progress; finish it with {finish}"
        return None

    def refuse_unsafe_state(self) -> str:
        """The branch to sync, or a clear refusal when sync must not touch the repository."""
        why = self.in_progress()
        if why is None:
            branch = self.branch()
            if branch is None:
                why = (
                    "HEAD is detached (not on a branch), so a commit would be left behind when you "
                    "switch; switch to your branch with 'git switch main' (or 'git switch -c NAME')"
                )
        if why is None:
            unmerged = self.unmerged()
            if unmerged:
                why = (
                    f"these paths are unmerged: {', '.join(unmerged)}; resolve them (edit, "
                    "'git add') and commit"
                )
        if why is not None:
            raise AnnotatorError(f"sync did not start: {why}, then run 'annotator sync'", self.repo)
        assert branch is not None
        return branch

    def upstream(self, branch: str) -> tuple[str, str, bool]:
        """The remote and its branch to sync with, and whether that is already configured."""
        remote = self.run("config", f"branch.{branch}.remote").stdout.strip()
        merge = self.run("config", f"branch.{branch}.merge").stdout.strip()
        if remote and remote != "." and merge.startswith("refs/heads/"):
            return remote, merge.removeprefix("refs/heads/"), True
        remotes = self.output("remote").split()
        if not remotes:
            raise AnnotatorError(
                "no git remote to share with: add one with 'git remote add origin URL'"
            )
        if "origin" not in remotes and len(remotes) > 1:
            raise AnnotatorError(
                f"branch {branch!r} has no upstream and there are several remotes "
                f"({', '.join(remotes)}); choose one with 'git push -u REMOTE {branch}'"
            )
        return ("origin" if "origin" in remotes else remotes[0]), branch, False
