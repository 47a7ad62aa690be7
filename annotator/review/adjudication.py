"""Adjudication: settling a final version of an article's claims from the reviewers' versions.

The result is ``annotations/<article>/adjudicated.yaml``, a tag file whose claims also record
which reviewers' version they are (``from``) and who decided (``decided_by``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from annotator import model
from annotator.model import Claim, TagFile, new_claim_id, positions, shared_length

Unit = Sequence[Claim | None]


def _overlaps(a: Claim, b: Claim) -> bool:
    return shared_length(a.fragments, b.fragments) > 0


def _decision_key(claim: Claim) -> tuple[object, ...]:
    return (positions(claim.fragments), claim.type, claim.stance, claim.target)


def decision_for(adjudicated: TagFile, unit: Unit) -> Claim | None:
    """The adjudicated claim that settles this unit, if any."""
    present = [c for c in unit if c is not None]
    return next((d for d in adjudicated.claims if any(_overlaps(d, c) for c in present)), None)


def _without(adjudicated: TagFile, unit: Unit) -> tuple[Claim, ...]:
    present = [c for c in unit if c is not None]
    return tuple(d for d in adjudicated.claims if not any(_overlaps(d, c) for c in present))


def accept(
    adjudicated: TagFile, unit: Unit, reviewers: Sequence[str], index: int, decider: str
) -> TagFile:
    """Take reviewer ``index``'s version of the unit's claim (replacing an earlier decision)."""
    chosen = unit[index]
    if chosen is None:
        raise ValueError(f"{reviewers[index]} has no claim here")
    same = _decision_key(chosen)
    origin = tuple(
        name
        for name, claim in zip(reviewers, unit, strict=True)
        if claim is not None and _decision_key(claim) == same
    )
    kept = _without(adjudicated, unit)
    now = model.utc_now()
    decided = replace(
        chosen,
        id=new_claim_id(c.id for c in kept),
        origin=origin,
        decided_by=decider,
        created=now,
        modified=now,
    )
    return replace(adjudicated, claims=(*kept, decided)).normalized()


def accept_agreed(
    adjudicated: TagFile, units: Sequence[Unit], reviewers: Sequence[str], decider: str
) -> TagFile:
    """Accept every unit on which all reviewers agree (same span, type and stance)."""
    for unit in units:
        present = [c for c in unit if c is not None]
        keys = {(positions(c.fragments), c.type, c.stance) for c in present}
        if len(present) == len(unit) and len(keys) == 1:
            adjudicated = accept(adjudicated, unit, reviewers, 0, decider)
    return adjudicated


def reject(adjudicated: TagFile, unit: Unit) -> TagFile:
    """Leave the unit's claim out of the adjudicated version."""
    return replace(adjudicated, claims=_without(adjudicated, unit))
