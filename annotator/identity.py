"""Who is reviewing: --reviewer, else $ANNOTATOR_REVIEWER, else git's user.name, else the login."""

from __future__ import annotations

import getpass
import os
import subprocess
from collections.abc import Mapping

from annotator.errors import AnnotatorError
from annotator.slugs import reviewer_problem, slugify

ENV_VARIABLE = "ANNOTATOR_REVIEWER"


def git_user_name() -> str | None:
    try:
        result = subprocess.run(
            ["git", "config", "user.name"], capture_output=True, text=True, timeout=5, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    name = result.stdout.strip()
    return name or None


def login_name() -> str | None:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return None


def resolve_reviewer(explicit: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The reviewer's safe name. Names given explicitly must already be safe: they are refused,
    not silently changed; names found in git or the login are made into slugs."""
    return reviewer_and_origin(explicit, environ)[0]


def reviewer_and_origin(
    explicit: str | None, environ: Mapping[str, str] | None = None
) -> tuple[str, str | None]:
    """The reviewer's name, and where it was found when it was not given (None when it was:
    --reviewer or $ANNOTATOR_REVIEWER)."""
    environ = os.environ if environ is None else environ
    if explicit == "":
        raise AnnotatorError("--reviewer: the name is empty; give your reviewer name")
    for given, origin in ((explicit, "--reviewer"), (environ.get(ENV_VARIABLE), ENV_VARIABLE)):
        if given:
            problem = reviewer_problem(given)
            if problem:
                raise AnnotatorError(f"{origin}: {problem}")
            return given, None
    for found, origin in ((git_user_name(), "git config user.name"), (login_name(), "your login")):
        if found:
            slug = slugify(found)
            if slug and reviewer_problem(slug) is None:
                return slug, origin
    raise AnnotatorError(f"cannot tell who you are; pass --reviewer NAME or set {ENV_VARIABLE}")


def reviewer_note(name: str, origin: str | None) -> str | None:
    """What the UI says when the name was found, not given: whose tags these are, and how to
    choose another."""
    if origin is None:
        return None
    return (
        f"Tagging as {name!r} (from {origin}). To tag as someone else, start with "
        f"--reviewer NAME or set {ENV_VARIABLE}=NAME."
    )
