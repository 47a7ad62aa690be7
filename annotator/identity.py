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
    environ = os.environ if environ is None else environ
    for given, origin in ((explicit, "--reviewer"), (environ.get(ENV_VARIABLE), ENV_VARIABLE)):
        if given:
            problem = reviewer_problem(given)
            if problem:
                raise AnnotatorError(f"{origin}: {problem}")
            return given
    for found in (git_user_name(), login_name()):
        if found:
            slug = slugify(found)
            if slug and reviewer_problem(slug) is None:
                return slug
    raise AnnotatorError(f"cannot tell who you are; pass --reviewer NAME or set {ENV_VARIABLE}")
