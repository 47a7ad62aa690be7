from __future__ import annotations

import pytest

from annotator import identity
from annotator.errors import AnnotatorError
from annotator.identity import resolve_reviewer
from annotator.slugs import slugify


@pytest.fixture
def git_name(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    value: list[str | None] = [None]
    monkeypatch.setattr(identity, "git_user_name", lambda: value[0])
    monkeypatch.setattr(identity, "login_name", lambda: "loginuser")
    return value


def test_explicit_name_wins(git_name: list[str | None]) -> None:
    git_name[0] = "Git Person"
    assert resolve_reviewer("alice", {"ANNOTATOR_REVIEWER": "bob"}) == "alice"


def test_environment_comes_next(git_name: list[str | None]) -> None:
    git_name[0] = "Git Person"
    assert resolve_reviewer(None, {"ANNOTATOR_REVIEWER": "bob"}) == "bob"


def test_git_user_name_is_made_a_slug(git_name: list[str | None]) -> None:
    git_name[0] = "Zoë O'Brien-Smith"
    assert resolve_reviewer(None, {}) == "zoe-o-brien-smith"


def test_login_name_is_the_last_resort(git_name: list[str | None]) -> None:
    assert resolve_reviewer(None, {}) == "loginuser"


@pytest.mark.parametrize("name", ["../x", "Alice", "adjudicated", "a/b", "con"])
def test_unsafe_explicit_names_are_refused_not_changed(
    git_name: list[str | None], name: str
) -> None:
    with pytest.raises(AnnotatorError):
        resolve_reviewer(name, {})
    with pytest.raises(AnnotatorError, match="ANNOTATOR_REVIEWER"):
        resolve_reviewer(None, {"ANNOTATOR_REVIEWER": name})


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Alice Smith", "alice-smith"),
        ("  ../../etc/passwd ", "etc-passwd"),
        ("Ж", ""),
        ("con", "con-1"),
        ("a" * 80, "a" * 64),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug
