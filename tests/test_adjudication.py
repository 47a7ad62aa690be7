"""Decisions are per unit, found by the claim ids they settle; versions compare every field."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from annotator.model import Claim, Fragment, TagFile
from annotator.review.adjudication import (
    accept,
    accept_majorities,
    decided_count,
    decision_for,
    edited,
    reject,
)
from annotator.review.agreement import units
from annotator.review.versions import AGREED, PARTLY, differences, majority, unit_status
from annotator.storage.corpus import Corpus

REVIEWERS = ["r1", "r2", "r3", "r4"]


def claim(
    claim_id: str, start: int, end: int, claim_type: str = "official_statement", **fields: str
) -> Claim:
    fragment = Fragment(12, start, end, "x" * (end - start))
    return Claim(claim_id, (fragment,), claim_type, **fields)  # type: ignore[arg-type]


def files(*claims_per_reviewer: tuple[Claim, ...]) -> list[TagFile]:
    return [
        TagFile("a", name, "", claims)
        for name, claims in zip(REVIEWERS, claims_per_reviewer, strict=False)
    ]


def test_deciding_one_unit_never_touches_an_overlapping_neighbour() -> None:
    # ¶12 of breitbart: a long claim and an overlapping "only" claim, two units.
    found = units(
        files(
            (claim("a1", 59, 215),),
            (claim("b1", 59, 215),),
            (claim("c1", 59, 215), claim("c2", 124, 215, "analyst_opinion")),
            (claim("d1", 124, 215, "analyst_opinion"),),
        )
    )
    assert len(found) == 2
    first, second = found
    adjudicated = TagFile("a", "adjudicated", "")
    adjudicated = accept(adjudicated, first, REVIEWERS, 3 if first[3] else 0, "judge")
    adjudicated = accept(adjudicated, second, REVIEWERS, 2, "judge")
    assert len(adjudicated.claims) == len(adjudicated.decisions) == 2
    assert decision_for(adjudicated, first, REVIEWERS) is not None
    adjudicated = reject(adjudicated, second, REVIEWERS, "judge")
    kept = decision_for(adjudicated, first, REVIEWERS)
    assert kept is not None and kept.outcome == "accepted"
    gone = decision_for(adjudicated, second, REVIEWERS)
    assert gone is not None and gone.outcome == "rejected" and gone.claim == ""
    assert [c.quote for c in adjudicated.claims] == ["x" * 156]
    assert decided_count(adjudicated, found, REVIEWERS) == 2


def test_provenance_names_only_reviewers_with_the_same_source_and_follows_an_edit() -> None:
    unit = [
        claim("a", 0, 10, source="Local youth activists in Saxony", role="activists"),
        claim("b", 0, 10, source="Local youth activists", role="activists"),
        claim("c", 0, 10, source="local youth  activists in saxony", role="activists"),
        None,
    ]
    adjudicated = accept(TagFile("a", "adjudicated", ""), unit, REVIEWERS, 0, "judge")
    [taken] = adjudicated.claims
    assert taken.origin == ("r1", "r3") and taken.decided_by == "judge"
    changed = replace(adjudicated, claims=(replace(taken, source="Local youth activists"),))
    after = edited(changed, unit, REVIEWERS, taken.id)
    assert after.claims[0].origin == ("r2",) and after.decisions[0].edited


def test_the_source_is_a_difference_even_on_the_same_span() -> None:
    a, b = claim("a", 0, 10, source="RT"), claim("b", 0, 10, source="TASS")
    assert differences(a, b) == ["source"]
    assert unit_status([a, b]) == PARTLY and unit_status([a, replace(b, source="rt")]) == AGREED
    assert differences(a, replace(b, source="RT", stance="favor", target="x")) == [
        "stance",
        "target",
    ]


def test_a_five_of_six_majority_is_accepted_and_a_tie_decides_nothing() -> None:
    same = [claim(f"s{n}", 0, 10) for n in range(5)]
    odd = claim("odd", 0, 10, "analyst_opinion")
    assert majority([*same, odd]).index == 0
    tie = majority([same[0], same[1], odd, replace(odd, id="odd2")])
    assert tie.index is None and tie.tied and tie.size == 2
    reviewers = [f"r{n}" for n in range(6)]
    result = accept_majorities(TagFile("a", "adjudicated", ""), [[*same, odd]], reviewers, "j")
    assert (result.accepted, result.undecided) == (1, 0)
    assert result.tags.claims[0].origin == tuple(reviewers[:5])


def test_an_adjudicators_comments_do_not_make_them_a_reviewer(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from annotator.cli import main
    from annotator.editing import add_comment
    from tests.conftest import SEED_RT, sample_tags

    article = corpus.load_article(SEED_RT)
    alice = sample_tags(article, "alice")
    corpus.save_tags(alice, None)
    corpus.save_tags(sample_tags(article, "bob"), None)
    carol = add_comment(
        TagFile(SEED_RT, "carol", article.text_hash), "alice", alice.claims[0].id, "Why?"
    )
    corpus.save_tags(carol, None)
    root = ("--root", str(corpus.root))
    assert main([*root, "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    rt = next(a for a in listed if a["id"] == SEED_RT)
    assert [r["reviewer"] for r in rt["reviewers"]] == ["alice", "bob"]
    assert main([*root, "agreement", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["reviewers"] == ["alice", "bob"] and len(data["pairs"]) == 1


def test_export_of_the_adjudicated_version_carries_its_provenance(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv
    import io
    import json

    from annotator.cli import main
    from annotator.slugs import ADJUDICATED
    from tests.conftest import SEED_RT, sample_tags

    article = corpus.load_article(SEED_RT)
    files = [sample_tags(article, name) for name in ("alice", "bob")]
    first = units(files)[0]
    adjudicated = accept(
        TagFile(SEED_RT, ADJUDICATED, article.text_hash), first, ["alice", "bob"], 1, "judge"
    )
    corpus.save_tags(adjudicated, None)
    root = ("--root", str(corpus.root))
    assert main([*root, "export", "--adjudicated", "--format", "jsonl"]) == 0
    [claim_line, _article] = capsys.readouterr().out.splitlines()
    record = json.loads(claim_line)
    assert (record["from"], record["decided_by"], record["edited"]) == (
        ["alice", "bob"],
        "judge",
        False,
    )
    assert main([*root, "export", "--adjudicated", "--format", "csv"]) == 0
    [row] = csv.DictReader(io.StringIO(capsys.readouterr().out))
    assert (row["from"], row["decided_by"], row["edited"]) == ("alice | bob", "judge", "false")


def test_importing_an_export_of_every_reviewer_keeps_each_reviewers_claims_apart(
    corpus: Corpus, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import shutil

    from annotator.cli import main
    from tests.conftest import SEED_RT, sample_tags

    article = corpus.load_article(SEED_RT)
    corpus.save_tags(sample_tags(article, "alice"), None)
    bob = sample_tags(article, "bob")
    corpus.save_tags(replace(bob, claims=bob.claims[:1]), None)
    exported = tmp_path / "all.jsonl"
    root = ("--root", str(corpus.root))
    assert main([*root, "export", "--format", "jsonl", "--all-reviewers", "-o", str(exported)]) == 0
    other = tmp_path / "other"
    shutil.copytree(corpus.root / "seeds", other / "seeds")
    (other / "annotations").mkdir()
    shutil.copy(corpus.root / "annotations" / "schema.yaml", other / "annotations")
    into = ("--root", str(other), "--reviewer", "carol", "import", "--format", "jsonl")
    capsys.readouterr()
    assert main([*into, str(exported)]) == 2
    err = capsys.readouterr().err
    assert "holds tags of alice, bob, not only of carol" in err and "--each-reviewer" in err
    assert [p.name for p in (other / "annotations").rglob("*.yaml")] == ["schema.yaml"]
    assert main([*into, "--each-reviewer", str(exported)]) == 0
    moved = Corpus.open(other)
    counts = {
        name: len(moved.load_tags(moved.load_article(SEED_RT), name).tags.claims)
        for name in moved.reviewers(SEED_RT)
    }
    assert counts == {"alice": 2, "bob": 1}


def test_an_imported_target_the_schema_does_not_know_is_skipped_not_written(
    corpus: Corpus, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import shutil

    from annotator.cli import main
    from tests.conftest import SEED_RT, sample_tags

    corpus.save_tags(sample_tags(corpus.load_article(SEED_RT), "alice"), None)
    exported = tmp_path / "alice.jsonl"
    mine = ("--root", str(corpus.root), "--reviewer", "alice")
    assert main([*mine, "export", "--format", "jsonl", "-o", str(exported)]) == 0
    bare = tmp_path / "bare"  # a corpus without the schema's targets
    shutil.copytree(corpus.root / "seeds", bare / "seeds")
    capsys.readouterr()
    into = ("--root", str(bare), "--reviewer", "alice", "import", "--format", "jsonl")
    assert main([*into, str(exported)]) == 0
    err = capsys.readouterr().err
    assert "target 'ukraine_nato_membership' not in the schema" in err
    assert "imported 1 claims, skipped 1 spans" in err
    assert main(["--root", str(bare), "validate"]) == 0


def test_agreement_measures_each_reviewer_against_the_adjudicated_version(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from annotator.cli import main
    from annotator.slugs import ADJUDICATED
    from tests.conftest import SEED_RT, sample_tags

    text = (corpus.seeds_dir / f"{SEED_RT}.txt").read_bytes()
    (corpus.seeds_dir / "zzz_copy.txt").write_bytes(text)
    for article_id in (SEED_RT, "zzz_copy"):
        article = corpus.load_article(article_id)
        alice = sample_tags(article, "alice")
        bob = sample_tags(article, "bob")
        bob = replace(bob, claims=(replace(bob.claims[0], type="media_report"),))
        corpus.save_tags(alice, None)
        corpus.save_tags(bob, None)
        decided = TagFile(article_id, ADJUDICATED, article.text_hash)
        for unit in units([alice, bob]):
            if unit[0] is not None:
                decided = accept(decided, unit, ["alice", "bob"], 0, "judge")
        corpus.save_tags(decided, None)
    assert main(["--root", str(corpus.root), "agreement", "--json", "--bootstrap", "50"]) == 0
    rows = {
        row["reviewer"]: row for row in json.loads(capsys.readouterr().out)["against_adjudicated"]
    }
    assert rows["alice"]["overlap_f1"] == 1.0 and rows["alice"]["articles"] == 2
    assert rows["bob"]["overlap_f1"] == pytest.approx(2 * 1 / 3)  # 1 of 2 claims, 1 claim
    assert rows["bob"]["kappa_type"] == 0.0  # bob's one matched claim has another type, twice
    assert rows["alice"]["kappa_type"] == 1.0  # every type as adjudicated
    low, high = rows["bob"]["ci95"]["overlap_f1"]
    assert low <= rows["bob"]["overlap_f1"] <= high
    assert main(["--root", str(corpus.root), "agreement", "--bootstrap", "0"]) == 0
    assert "Against the adjudicated version" in capsys.readouterr().out


def test_brat_w3c_and_label_studio_exports_carry_provenance(
    corpus: Corpus, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import json

    from annotator.cli import main
    from annotator.slugs import ADJUDICATED
    from tests.conftest import SEED_RT, sample_tags

    article = corpus.load_article(SEED_RT)
    files = [sample_tags(article, name) for name in ("alice", "bob")]
    decided = accept(
        TagFile(SEED_RT, ADJUDICATED, article.text_hash), units(files)[0], ["alice", "bob"], 0, "j"
    )
    corpus.save_tags(decided, None)
    root = ("--root", str(corpus.root), "export", "--adjudicated", "--format")
    assert main([*root, "brat", "-o", str(tmp_path / "brat")]) == 0
    [ann] = (tmp_path / "brat").glob("*.ann")
    [note] = [line for line in ann.read_text().splitlines() if "AnnotatorNotes" in line]
    facts = json.loads(note.split("\t")[2])
    assert (facts["from"], facts["decided_by"], facts["edited"]) == (["alice", "bob"], "j", False)
    capsys.readouterr()
    assert main([*root, "w3c", "--base-iri", "https://example.org/texts"]) == 0
    [annotation] = json.loads(capsys.readouterr().out)["first"]["items"]
    assert annotation["annotator:from"] == ["alice", "bob"]
    assert annotation["annotator:decided_by"] == "j"
    assert main([*root, "labelstudio", "-o", str(tmp_path / "ls")]) == 0
    [task] = json.loads((tmp_path / "ls" / "tasks.json").read_text())
    [labelled] = [r for r in task["annotations"][0]["result"] if r.get("meta")]
    assert labelled["meta"]["text"] == ["from alice, bob; decided by j"]
