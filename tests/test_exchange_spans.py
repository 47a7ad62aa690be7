"""Exchange of whole attributions: fragments, source and cue spans in every format."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from annotator.editing import add_claim, article_fragments, claim_of
from annotator.model import TagFile
from annotator.review.agreement import compare_pair
from annotator.storage.corpus import Corpus
from tests.conftest import SEED_RT
from tests.test_exchange import export, import_files

OKHRIMENKO = "the president of the Ukrainian think tank Alexander Okhrimenko"


def _span(text: str, first: str, last: str | None = None) -> tuple[int, int]:
    start = text.index(first)
    return start, text.index(last or first, start) + len(last or first)


def attribution_tags(corpus: Corpus, reviewer: str = "alice") -> TagFile:
    """Okhrimenko's quote over three paragraphs with his source and cue spans."""
    article = corpus.load_article(SEED_RT)
    text = article.text
    tags = TagFile(SEED_RT, reviewer, article.text_hash)
    claim = claim_of(
        tags,
        article_fragments(article, *_span(text, "This is just", "some progress")),
        "analyst_opinion",
        source_fragments=article_fragments(article, *_span(text, OKHRIMENKO)),
        cue_fragments=article_fragments(article, *_span(text, "says Okhrimenko", "says")),
        source="Alexander Okhrimenko",
        stance="against",
        target="ukraine_nato_membership",
    )
    return add_claim(tags, claim)


@pytest.fixture
def attributed(corpus: Corpus) -> Corpus:
    corpus.save_tags(attribution_tags(corpus), None)
    return corpus


def test_jsonl_carries_fragments_source_and_cue_with_article_offsets(
    attributed: Corpus, tmp_path: Path
) -> None:
    text = attributed.load_article(SEED_RT).text
    [record, _article] = [
        json.loads(line) for line in export(attributed, "jsonl", tmp_path / "x.jsonl").splitlines()
    ]
    assert len(record["fragments"]) == 3
    for name in ("fragments", "source_fragments", "cue_fragments"):
        for piece in record[name]:
            assert text[piece["start"] : piece["end"]] == piece["quote"]
    assert record["source_fragments"][0]["quote"] == OKHRIMENKO
    assert [p["quote"] for p in record["cue_fragments"]] == ["says"]
    assert record["article_start"] == record["fragments"][0]["start"]
    assert record["article_end"] == record["fragments"][-1]["end"]


@pytest.mark.parametrize(
    ("fmt", "file"),
    [("jsonl", "x.jsonl"), ("brat", f"x/{SEED_RT}--alice.ann"), ("labelstudio", "x/tasks.json")],
)
def test_an_attribution_comes_back_whole(
    attributed: Corpus, tmp_path: Path, fmt: str, file: str
) -> None:
    original = attributed.load_tags(attributed.load_article(SEED_RT), "alice").tags
    export(attributed, fmt, tmp_path / ("x.jsonl" if fmt == "jsonl" else "x"))
    other_root = tmp_path / "other"
    shutil.copytree(attributed.root / "seeds", other_root / "seeds")
    shutil.copytree(attributed.root / "annotations", other_root / "annotations")
    (other_root / "annotations" / SEED_RT / "alice.yaml").unlink()
    other = Corpus.open(other_root)
    assert import_files(other, fmt, tmp_path / file) == 0
    [claim] = other.load_tags(other.load_article(SEED_RT), "alice").tags.claims
    [before] = original.claims
    for part in ("fragments", "source_fragments", "cue_fragments"):
        assert [f.position() for f in getattr(claim, part)] == [
            f.position() for f in getattr(before, part)
        ], part
    assert (claim.type, claim.stance, claim.target) == (before.type, before.stance, before.target)


def test_w3c_has_a_target_per_fragment_with_its_part(attributed: Corpus, tmp_path: Path) -> None:
    text = attributed.load_article(SEED_RT).text
    collection = json.loads(export(attributed, "w3c", tmp_path / "x.json"))
    [annotation] = collection["first"]["items"]
    parts = [target["annotator:part"] for target in annotation["target"]]
    assert parts == ["content", "content", "content", "source", "cue"]
    for target in annotation["target"]:
        quote, position = target["selector"]
        assert text[position["start"] : position["end"]] == quote["exact"]


def test_csv_joins_fragments_in_documented_columns(attributed: Corpus, tmp_path: Path) -> None:
    [row] = list(csv.DictReader(io.StringIO(export(attributed, "csv", tmp_path / "x.csv"))))
    assert row["fragments"].count(" | ") == 2 and row["fragment_quotes"].count(" | ") == 2
    assert row["source_quote"] == OKHRIMENKO and row["cue_quote"] == "says"
    start, end = (int(n) for n in row["source_fragments"].split("-"))
    assert attributed.load_article(SEED_RT).text[start:end] == OKHRIMENKO


def test_source_and_cue_agreement_is_reported_where_both_marked_them(corpus: Corpus) -> None:
    alice = attribution_tags(corpus, "alice")
    bob = attribution_tags(corpus, "bob")
    [claim] = bob.claims
    from dataclasses import replace

    bob_other_cue = replace(bob, claims=(replace(claim, cue_fragments=claim.fragments[:1]),))
    result = compare_pair("alice", "bob", [(alice, bob_other_cue)]).to_json()
    assert result["exact"]["f1"] == 1.0
    assert result["source_spans"]["f1"] == 1.0
    assert result["cue_spans"]["f1"] == 0.0
    no_spans = replace(bob, claims=(replace(claim, source_fragments=(), cue_fragments=()),))
    result = compare_pair("alice", "bob", [(alice, no_spans)]).to_json()
    assert result["source_spans"] is None and result["cue_spans"] is None


def test_one_different_fragment_makes_an_overlap_not_an_exact_match(corpus: Corpus) -> None:
    from dataclasses import replace

    alice = attribution_tags(corpus, "alice")
    [claim] = alice.claims
    shorter = replace(
        alice, reviewer="bob", claims=(replace(claim, fragments=claim.fragments[:2]),)
    )
    result = compare_pair("alice", "bob", [(alice, shorter)]).to_json()
    assert result["exact"]["f1"] == 0.0 and result["overlap"]["f1"] == 1.0
