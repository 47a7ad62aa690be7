"""Sharing tags through git: commit this reviewer's tag files (and the adjudication they changed),
fetch, rebase onto colleagues' work, push.

Each reviewer writes only their own files, so pulling colleagues' work rarely conflicts. Sync
never starts inside an operation of the user's (a rebase, merge, cherry-pick, bisect, a detached
HEAD, unmerged paths), undoes only the rebase it started, and every failure says what git said and
leaves the reviewer's work in place: committed locally once the commit succeeded.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from annotator.errors import AnnotatorError
from annotator.gitrepo import Git, whole_message
from annotator.slugs import ADJUDICATED
from annotator.storage.corpus import ANNOTATIONS, Corpus

COMMITTED = "; your tags are committed locally, nothing was lost"


@dataclass(frozen=True)
class SyncResult:
    committed: list[str]  # paths committed (changed, added or deleted), relative to the repository
    deleted: int
    first_push: bool  # the remote had no such branch yet (an empty remote)
    target: str  # remote/branch


def _tag_folder(git: Git, corpus: Corpus) -> str:
    """The tag folder relative to the repository, refusing one that a link leads out of it."""
    folder = corpus.annotations_dir
    try:
        return folder.resolve().relative_to(git.repo.resolve()).as_posix()
    except ValueError:
        raise AnnotatorError(
            f"the tag folder leads outside the git repository {git.repo} (a link?); sync shares "
            "only files inside it: move the folder into the repository",
            folder,
        ) from None


def _changed(git: Git, folder: str, reviewer: str) -> tuple[list[str], int]:
    """This reviewer's tag files and any adjudication that changed, were added or were deleted;
    how many of them were deleted."""
    specs = [f":(glob){folder}/*/{name}.yaml" for name in (reviewer, ADJUDICATED)]
    status = git.output("status", "--porcelain", "-z", "--untracked-files=all", "--", *specs)
    fields = iter(status.split("\0"))
    paths, deleted = [], 0
    for entry in fields:
        if not entry:
            continue
        code, path = entry[:2], entry[3:]
        paths.append(path)
        deleted += "D" in code
        if "R" in code or "C" in code:  # a rename carries the old path in the next field
            paths.append(next(fields, ""))
    return [p for p in paths if p], deleted


def _commit(git: Git, reviewer: str, paths: list[str]) -> None:
    git.output("add", "--all", "--", *paths)
    plural = "s" if len(paths) != 1 else ""
    message = f"annotator: {reviewer}'s tags ({len(paths)} file{plural})"
    result = git.run("commit", "--quiet", "-m", message, "--", *paths)
    if result.returncode == 0:
        return
    said = whole_message(result)
    if "user.email" in said or "who you are" in said:
        advice = "set your name with 'git config user.name' and 'git config user.email'"
    elif hook := _commit_hook(git):
        advice = f"the git hook {hook} refused the commit: fix what it reports"
    else:
        advice = "fix what git reports"
    raise AnnotatorError(f"git commit failed: {said} ({advice}); your files are unchanged")


def _commit_hook(git: Git) -> str | None:
    """The repository's commit hook that may have refused a commit, if there is one."""
    for name in ("pre-commit", "prepare-commit-msg", "commit-msg"):
        path = git.repo / git.output("rev-parse", "--git-path", f"hooks/{name}").strip()
        if os.access(path, os.X_OK):
            return name
    return None


def _rebase(git: Git, onto: str, target: str) -> None:
    """Replay local commits onto the colleagues' branch; on a conflict undo this rebase (ours:
    sync refused to start inside anyone else's) and say which files both sides changed."""
    result = git.run("rebase", "--autostash", "--quiet", onto)
    said = whole_message(result)
    if result.returncode != 0:
        if git.in_progress() is None:  # refused before it started (e.g. could not stash)
            raise AnnotatorError(f"git rebase failed: {said}{COMMITTED}")
        both = git.unmerged()
        git.run("rebase", "--abort")
        files = ", ".join(both) or "(git did not say which)"
        raise AnnotatorError(
            f"your commits and {target} changed the same file(s): {files}; sync undid its rebase, "
            f"so both versions are kept (yours committed here, theirs on {target}): merge them "
            f"with 'git merge {target}', keep what you want in each file, 'git add' and "
            f"'git commit', then run 'annotator sync' (git said: {said})"
        )
    conflicts = git.unmerged()
    if conflicts or "autostash resulted in conflicts" in said:
        raise AnnotatorError(
            f"colleagues' work was pulled, but your uncommitted changes to other files conflict "
            f"with it in {', '.join(conflicts) or 'the working tree'}; your changes are safe in "
            "the stash ('git stash list'): resolve the marked files, 'git add' them and run "
            f"'git stash drop', then run 'annotator sync'; nothing was pushed{COMMITTED}"
        )


def _push(git: Git, remote: str, branch: str, set_upstream: bool) -> None:
    args = ["push", "--quiet", *(["--set-upstream"] if set_upstream else [])]
    result = git.run(*args, remote, f"HEAD:refs/heads/{branch}")
    if result.returncode == 0:
        return
    said = whole_message(result)
    if "fetch first" in said or "non-fast-forward" in said:
        cause = "someone pushed meanwhile; run 'annotator sync' again"
    elif "hook" in said:
        cause = "a hook refused the push: fix what it reports, then run 'annotator sync'"
    else:
        cause = "fix what git reports, then run 'annotator sync'"
    raise AnnotatorError(
        f"git push to {remote}/{branch} failed: {cause} (git said: {said}){COMMITTED}"
    )


def sync(corpus: Corpus, reviewer: str) -> SyncResult:
    git = Git.find(corpus.root)
    branch = git.refuse_unsafe_state()
    folder = _tag_folder(git, corpus)
    changed, deleted = _changed(git, folder, reviewer)
    if changed:
        _commit(git, reviewer, changed)
    kept = COMMITTED if changed else ""
    try:
        remote, remote_branch, configured = git.upstream(branch)
    except AnnotatorError as error:
        raise AnnotatorError(error.problem.message + kept) from None
    fetch = git.run("fetch", "--quiet", remote)
    if fetch.returncode != 0:
        raise AnnotatorError(
            f"cannot fetch from the remote {remote!r}: {whole_message(fetch)}; check the address "
            f"('git remote -v') and the network, then run 'annotator sync'{kept}"
        )
    target = f"{remote}/{remote_branch}"
    onto = f"refs/remotes/{remote}/{remote_branch}"
    first_push = not git.succeeds("rev-parse", "--verify", "--quiet", onto)
    if not first_push:
        if not git.has_commits():
            raise AnnotatorError(
                f"this repository has no commits yet but {target} has; clone the team's "
                "repository instead ('git clone URL') and copy your tag files into it"
            )
        _rebase(git, onto, target)
    if git.has_commits():
        _push(git, remote, remote_branch, set_upstream=not configured)
    return SyncResult(changed, deleted, first_push, target)


__all__ = ["ANNOTATIONS", "SyncResult", "sync"]
