"""Adjudication: settling a final version of an article's claims from the reviewers' versions.

The result is ``annotations/<article>/adjudicated.yaml``: a tag file whose claims are the
accepted versions (each records which reviewers made that very version, ``from``, and who
decided, ``decided_by``) and whose ``decisions`` record, per unit, which reviewers' claims (by
id) the decision settles: a version accepted (and whether it was edited after) or the claim
rejected. Decisions are found by the ids they settle, so deciding one unit never touches a
neighbour whose spans overlap it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from annotator import model
from annotator.model import Claim, Decision, TagFile, new_claim_id
from annotator.review.versions import majority, same_version

Unit = Sequence[Claim | None]


def unit_ids(unit: Unit, reviewers: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """The (reviewer, claim id) of every claim in the unit."""
    return tuple((name, c.id) for name, c in zip(reviewers, unit, strict=True) if c is not None)


def decision_for(adjudicated: TagFile, unit: Unit, reviewers: Sequence[str]) -> Decision | None:
    """The decision that settles any claim of this unit, if one does."""
    ids = set(unit_ids(unit, reviewers))
    return next((d for d in adjudicated.decisions if ids & set(d.settles)), None)


def decided_claim(adjudicated: TagFile, decision: Decision | None) -> Claim | None:
    if decision is None or not decision.claim:
        return None
    return next((c for c in adjudicated.claims if c.id == decision.claim), None)


def _without_decision(adjudicated: TagFile, unit: Unit, reviewers: Sequence[str]) -> TagFile:
    """The adjudicated file with this unit's decision (and the claim it accepted) removed."""
    ids = set(unit_ids(unit, reviewers))
    dropped = [d for d in adjudicated.decisions if ids & set(d.settles)]
    claims = {d.claim for d in dropped if d.claim}
    return replace(
        adjudicated,
        decisions=tuple(d for d in adjudicated.decisions if d not in dropped),
        claims=tuple(c for c in adjudicated.claims if c.id not in claims),
    )


def origin_of(version: Claim, unit: Unit, reviewers: Sequence[str]) -> tuple[str, ...]:
    """The reviewers who made exactly this version (span, type, stance, target, source)."""
    return tuple(
        name
        for name, claim in zip(reviewers, unit, strict=True)
        if claim is not None and same_version(claim, version)
    )


def accept(
    adjudicated: TagFile, unit: Unit, reviewers: Sequence[str], index: int, decider: str
) -> TagFile:
    """Take reviewer ``index``'s version of the unit (replacing this unit's earlier decision)."""
    chosen = unit[index]
    if chosen is None:
        raise ValueError(f"{reviewers[index]} has no claim here")
    base = _without_decision(adjudicated, unit, reviewers)
    now = model.utc_now()
    decided = replace(
        chosen,
        id=new_claim_id(c.id for c in base.claims),
        origin=origin_of(chosen, unit, reviewers),
        decided_by=decider,
        created=now,
        modified=now,
    )
    decision = Decision(
        unit_ids(unit, reviewers), "accepted", reviewers[index], decided.id, False, decider, now
    )
    return replace(
        base, claims=(*base.claims, decided), decisions=(*base.decisions, decision)
    ).normalized()


def reject(adjudicated: TagFile, unit: Unit, reviewers: Sequence[str], decider: str) -> TagFile:
    """Leave the unit's claim out of the adjudicated version, and record that it was decided."""
    base = _without_decision(adjudicated, unit, reviewers)
    decision = Decision(
        unit_ids(unit, reviewers), "rejected", "", "", False, decider, model.utc_now()
    )
    return replace(base, decisions=(*base.decisions, decision))


def edited(adjudicated: TagFile, unit: Unit, reviewers: Sequence[str], claim_id: str) -> TagFile:
    """After the adjudicator edits an accepted claim: its decision says so, and ``from`` names
    only the reviewers whose version it still is."""
    claim = next(c for c in adjudicated.claims if c.id == claim_id)
    claims = tuple(
        replace(c, origin=origin_of(c, unit, reviewers)) if c.id == claim_id else c
        for c in adjudicated.claims
    )
    decisions = tuple(
        replace(d, edited=True) if d.claim == claim.id else d for d in adjudicated.decisions
    )
    return replace(adjudicated, claims=claims, decisions=decisions)


@dataclass(frozen=True, slots=True)
class MajorityResult:
    tags: TagFile
    accepted: int  # units whose majority version was taken
    undecided: int  # units left: no version made by more than half the reviewers (or a tie)


def accept_majorities(
    adjudicated: TagFile, units: Sequence[Unit], reviewers: Sequence[str], decider: str
) -> MajorityResult:
    """Accept, in every undecided unit, the version more than half of the reviewers made."""
    accepted = undecided = 0
    for unit in units:
        if decision_for(adjudicated, unit, reviewers) is not None:
            continue
        winner = majority(unit)
        if winner.index is None:
            undecided += 1
            continue
        adjudicated = accept(adjudicated, unit, reviewers, winner.index, decider)
        accepted += 1
    return MajorityResult(adjudicated, accepted, undecided)


def decided_count(adjudicated: TagFile, units: Sequence[Unit], reviewers: Sequence[str]) -> int:
    settled = {pair for d in adjudicated.decisions for pair in d.settles}
    return sum(1 for unit in units if settled & set(unit_ids(unit, reviewers)))
