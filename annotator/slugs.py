"""Safe names for reviewers and articles: they become file and folder names."""

from __future__ import annotations

import re
import unicodedata

REVIEWER_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
ARTICLE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")
ADJUDICATED = "adjudicated"
# File stems under annotations/<article>/ that are not reviewers.
RESERVED_REVIEWERS = frozenset({ADJUDICATED, "schema"})
# Names Windows refuses as file names; a shared repository must check out everywhere.
_WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(1, 10)}
    | {f"lpt{i}" for i in range(1, 10)}
)


def slugify(text: str, max_length: int = 64) -> str:
    """Lower-case ASCII letters, digits, '-' and '_'; everything else becomes '-'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9_]+", "-", ascii_text.lower()).strip("-_")
    slug = slug[:max_length].strip("-_")
    if slug in _WINDOWS_DEVICES:
        slug += "-1"
    return slug


def reviewer_problem(name: str) -> str | None:
    """Why ``name`` cannot be a reviewer name, or None when it can."""
    if not REVIEWER_PATTERN.fullmatch(name):
        suggestion = slugify(name)
        hint = f" (try '{suggestion}')" if suggestion and suggestion != name else ""
        return (
            f"reviewer name {name!r} is not a safe name: use 1-64 lower-case letters, "
            f"digits, '-' or '_'{hint}"
        )
    if name in RESERVED_REVIEWERS:
        return f"reviewer name {name!r} is reserved; choose another name"
    if name in _WINDOWS_DEVICES:
        return f"reviewer name {name!r} is a reserved device name on Windows; choose another"
    return None


def article_id_problem(article_id: str) -> str | None:
    """Why ``article_id`` cannot be an article id, or None when it can."""
    if not ARTICLE_PATTERN.fullmatch(article_id) or ".." in article_id:
        return (
            f"article id {article_id!r} is not a safe name: use letters, digits, "
            f"'.', '-' or '_', starting with a letter or digit, without '..'"
        )
    if article_id.lower() in _WINDOWS_DEVICES:
        return f"article id {article_id!r} is a reserved device name on Windows"
    if article_id.lower() == "schema.yaml":  # its tag folder would be the schema file
        return f"article id {article_id!r} is reserved (annotations/schema.yaml is the schema)"
    return None
