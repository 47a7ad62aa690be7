"""Reviewers' versions of one claim: which fields differ, which versions are the same, and the
version a majority shares.

Two versions are the same when their content spans are the same fragments and they agree on
type, stance, target and source (the name, or the source span's words where no name is given;
and the source span itself where both marked one). For source-bias work the source is the main
field, so a different source is a disagreement even on the very same span.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotator.model import Claim, positions

AGREED, PARTLY, ONLY = "agreed", "partly", "only"
FIELDS = ("span", "type", "stance", "target", "source", "source span")


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def differences(a: Claim, b: Claim) -> list[str]:
    """The fields (of ``FIELDS``) in which two versions differ, in that order."""
    found = []
    if positions(a.fragments) != positions(b.fragments):
        found.append("span")
    if a.type != b.type:
        found.append("type")
    if a.stance != b.stance:
        found.append("stance")
    if _words(a.target) != _words(b.target):
        found.append("target")
    if _words(a.source_label()) != _words(b.source_label()):
        found.append("source")
    if (
        a.source_fragments
        and b.source_fragments
        and positions(a.source_fragments) != positions(b.source_fragments)
    ):
        found.append("source span")
    return found


def same_version(a: Claim, b: Claim) -> bool:
    return not differences(a, b)


def version_groups(unit: Sequence[Claim | None]) -> list[list[int]]:
    """Reviewer indices grouped by the version they made, largest group first (ties: in
    reviewer order)."""
    groups: list[list[int]] = []
    for index, claim in enumerate(unit):
        if claim is None:
            continue
        for group in groups:
            first = unit[group[0]]
            if first is not None and same_version(first, claim):
                group.append(index)
                break
        else:
            groups.append([index])
    return sorted(groups, key=lambda g: -len(g))


def unit_status(unit: Sequence[Claim | None]) -> str:
    """agreed: every reviewer made the same version; only: one reviewer; else partly."""
    present = sum(c is not None for c in unit)
    if present == 1:
        return ONLY
    groups = version_groups(unit)
    return AGREED if len(groups) == 1 and present == len(unit) else PARTLY


@dataclass(frozen=True, slots=True)
class Majority:
    """The version more than half of the reviewers made, if one did."""

    index: int | None  # a reviewer who made it (None: no majority)
    size: int  # how many made the largest version
    tied: bool  # two versions share the largest size


def majority(unit: Sequence[Claim | None]) -> Majority:
    groups = version_groups(unit)
    if not groups:
        return Majority(None, 0, False)
    size = len(groups[0])
    tied = len(groups) > 1 and len(groups[1]) == size
    wins = not tied and 2 * size > len(unit)
    return Majority(groups[0][0] if wins else None, size, tied)
