"""Export and import: exact offsets, round trips, bad input, and the PolNeAR corpus."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.cli import main
from annotator.model import TagFile
from annotator.storage.corpus import Corpus
from tests.conftest import REPO, SEED_RT, sample_tags, tag_span
from tests.strategies import tag_files

POLNEAR = REPO.parent / "shared" / "thirdparty" / "polnear"


def run(*argv: str) -> int:
    return main(list(argv))


def export(corpus: Corpus, fmt: str, out: Path | None = None, reviewer: str = "alice") -> str:
    argv = ["--root", str(corpus.root), "--reviewer", reviewer, "export", "--format", fmt]
    if out is not None:
        argv += ["-o", str(out)]
    assert run(*argv) == 0
    if out is None:
        return ""
    if out.is_dir():
        return "\n".join(
            f"== {p.name}\n{p.read_text(encoding='utf-8')}" for p in sorted(out.iterdir())
        )
    articles = out.with_name(f"{out.stem}.articles.jsonl")  # jsonl: the article records apart
    extra = articles.read_text(encoding="utf-8") if out.suffix == ".jsonl" else ""
    return out.read_text(encoding="utf-8") + extra


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "w3c"])
def test_stream_exports_slice_the_article_text_to_the_quote(
    tagged: Corpus, tmp_path: Path, fmt: str
) -> None:
    text = tagged.load_article(SEED_RT).text
    out = export(tagged, fmt, tmp_path / f"out.{fmt}")
    if fmt == "jsonl":
        records = [json.loads(line) for line in out.splitlines()]
        claims = [r for r in records if r["record"] == "claim"]
        [article] = [r for r in records if r["record"] == "article"]
        assert article["outlet"] == "RT" and article["stance"] == {
            "ukraine_nato_membership": "against"
        }
        spans = [(c["article_start"], c["article_end"], c["quote"]) for c in claims]
    elif fmt == "csv":
        assert out.startswith(
            "\ufeffarticle,reviewer,id,paragraph,start,end,article_start,article_end,quote,"
        )  # a byte-order mark first: LibreOffice then reads UTF-8
        rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"), newline="")))
        assert any(r["note"] == 'He said, "yes",\nthen left' for r in rows)
        spans = [(int(r["article_start"]), int(r["article_end"]), r["quote"]) for r in rows]
    else:
        collection = json.loads(out)
        assert collection["type"] == "AnnotationCollection" and collection["total"] == 3
        spans = []
        for item in collection["first"]["items"]:
            [target] = item["target"]  # one fragment, no source or cue
            assert target["annotator:part"] == "content"
            quote, position = target["selector"]
            assert (
                quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
            )
            assert (
                text[position["start"] - len(quote["prefix"]) : position["start"]]
                == quote["prefix"]
            )
            spans.append((position["start"], position["end"], quote["exact"]))
    assert len(spans) == 3
    for start, end, quote in spans:
        assert text[start:end] == quote


def test_brat_export_is_a_folder_brat_opens(tagged: Corpus, tmp_path: Path) -> None:
    export(tagged, "brat", tmp_path / "brat")
    text = (tmp_path / "brat" / f"{SEED_RT}--alice.txt").read_text(encoding="utf-8")
    ann = (tmp_path / "brat" / f"{SEED_RT}--alice.ann").read_text(encoding="utf-8")
    conf = (tmp_path / "brat" / "annotation.conf").read_text(encoding="utf-8")
    for line in ann.splitlines():
        if line.startswith("T"):
            _, middle, quote = line.split("\t")
            kind, start, end = middle.split()
            assert kind in conf and text[int(start) : int(end)].replace("\n", " ") == quote
    assert "\tStance E" in ann
    assert "[attributes]\nStance\tArg:<EVENT>, Value:favor|against|neutral" in conf


def test_labelstudio_export_has_tasks_and_a_matching_config(tagged: Corpus, tmp_path: Path) -> None:
    export(tagged, "labelstudio", tmp_path / "ls")
    [task] = json.loads((tmp_path / "ls" / "tasks.json").read_text(encoding="utf-8"))
    config = ET.fromstring((tmp_path / "ls" / "labeling_config.xml").read_text(encoding="utf-8"))
    labels = {label.get("value") for label in config.iter("Label")}
    assert labels == {c.key for c in tagged.schema.claim_types} | {"Source", "Cue"}
    regions = [r for r in task["annotations"][0]["result"] if r["type"] == "labels"]
    assert len(regions) == 3
    for region in regions:
        value = region["value"]
        assert task["data"]["text"][value["start"] : value["end"]] == value["text"]
        assert value["labels"][0] in labels


def fresh_copy(corpus: Corpus, tmp_path: Path) -> Corpus:
    root = tmp_path / "other"
    shutil.copytree(corpus.seeds_dir, root / "seeds")
    shutil.copytree(
        corpus.annotations_dir, root / "annotations", ignore=shutil.ignore_patterns("*.yaml")
    )
    shutil.copy(corpus.annotations_dir / "schema.yaml", root / "annotations" / "schema.yaml")
    return Corpus.open(root)


def import_files(corpus: Corpus, fmt: str, *files: Path, extra: tuple[str, ...] = ()) -> int:
    return run(
        "--root",
        str(corpus.root),
        "--reviewer",
        "alice",
        "import",
        "--format",
        fmt,
        *map(str, files),
        *extra,
    )


@pytest.mark.parametrize(
    ("fmt", "files"),
    [
        ("jsonl", ["out.jsonl", "out.articles.jsonl"]),
        ("brat", [f"out/{SEED_RT}--alice.ann"]),
        ("labelstudio", ["out/tasks.json"]),
    ],
)
def test_export_import_export_is_identical(
    tagged: Corpus, tmp_path: Path, fmt: str, files: list[str]
) -> None:
    target = tmp_path / ("out.jsonl" if fmt == "jsonl" else "out")
    first = export(tagged, fmt, target)
    other = fresh_copy(tagged, tmp_path)
    assert import_files(other, fmt, *(tmp_path / f for f in files)) == 0
    again = tmp_path / "again"
    second = export(other, fmt, again / target.name if fmt == "jsonl" else again)
    assert second.replace(str(again), str(target)) == first


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    case=tag_files(),
    crlf=st.booleans(),
    fmt=st.sampled_from(["jsonl", "brat", "labelstudio", "xmi", "doccano"]),
)
def test_round_trips_with_awkward_text(
    tmp_path_factory: pytest.TempPathFactory, case: tuple, crlf: bool, fmt: str
) -> None:
    article, tags = case
    root = tmp_path_factory.mktemp("prop")
    (root / "seeds").mkdir()
    raw = article.text.replace("\n", "\r\n") if crlf else article.text
    (root / "seeds" / "a1.txt").write_bytes(raw.encode("utf-8"))
    corpus = Corpus.open(root)
    reloaded = corpus.load_article("a1")
    corpus.save_tags(
        TagFile("a1", "alice", reloaded.text_hash, tags.claims, (), tags.article_tags), None
    )
    names = {"jsonl": "x.jsonl", "doccano": "x.doccano"}
    first = export(corpus, fmt, root / names.get(fmt, "x"))
    for path in corpus.annotations_dir.glob("a1/*.yaml"):
        path.unlink()
    files = {
        "jsonl": [root / "x.jsonl", root / "x.articles.jsonl"],
        "doccano": [root / "x.doccano"],
        "brat": [root / "x" / "a1--alice.ann"],
        "xmi": [root / "x" / "a1--alice.xmi"],
    }.get(fmt, [root / "x" / "tasks.json"])
    # brat, xmi and doccano carry no article tags, Label Studio only those that are set.
    nothing = fmt in ("brat", "xmi", "doccano") or (
        fmt == "labelstudio" and tags.article_tags.is_empty
    )
    if nothing and not tags.claims:
        assert import_files(corpus, fmt, *files) == 2
        return
    assert import_files(corpus, fmt, *files) == 0
    second = export(corpus, fmt, root / {"jsonl": "y.jsonl", "doccano": "y.doccano"}.get(fmt, "y"))
    assert second.replace(str(root / "y"), str(root / "x")) == first


def test_an_existing_tag_file_is_not_overwritten_without_replace(
    tagged: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export(tagged, "jsonl", tmp_path / "out.jsonl")
    path = tagged.tag_path(SEED_RT, "alice")
    before = path.read_bytes()
    assert import_files(tagged, "jsonl", tmp_path / "out.jsonl") == 2
    assert "already has tags" in capsys.readouterr().err and path.read_bytes() == before
    assert import_files(tagged, "jsonl", tmp_path / "out.jsonl", extra=("--replace",)) == 0


@pytest.mark.parametrize(
    ("fmt", "content", "fragment"),
    [
        ("jsonl", '{"record": "claim", "article": "x"\n', ":1: not a claim or article record"),
        ("brat", "T1\tofficial_statement 0 x\tThis\n", ":1: not a brat standoff line"),
        ("labelstudio", '[{"data": {}}]', "task 1 is not a Label Studio task"),
        ("labelstudio", "not json", "not JSON"),
    ],
)
def test_malformed_input_is_a_clear_error_and_writes_nothing(
    corpus: Corpus,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fmt: str,
    content: str,
    fragment: str,
) -> None:
    bad = tmp_path / f"{SEED_RT}.bad"
    bad.write_text(content, encoding="utf-8")
    assert import_files(corpus, fmt, bad, extra=("--article", SEED_RT)) == 2
    err = capsys.readouterr().err
    assert fragment in err and "Traceback" not in err
    assert not (corpus.annotations_dir / SEED_RT).exists()


def test_spans_are_checked_joined_across_paragraph_breaks_and_reported(
    corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = corpus.load_article(SEED_RT)
    starts = article.paragraph_starts
    crossing_end = starts[2] + 10
    ann = tmp_path / f"{SEED_RT}--x.ann"
    crossing = article.text[starts[1] : crossing_end].replace("\n", " ")
    ann.write_text(
        f"T1\tContent {starts[1]} {crossing_end}\t{crossing}\n"
        f"T2\tContent {starts[3]} {starts[3] + 5}\tWrong\n"
        f"T3\tSource {starts[3]} {starts[3] + 3}\tThe\n"
        f"T4\tofficial_statement 0 7\tUkraine\n",
        encoding="utf-8",
    )
    assert import_files(corpus, "brat", ann) == 0
    err = capsys.readouterr().err
    assert f"{ann.name}:2: span" in err and "not 'Wrong'" in err
    assert "imported 2 claims, skipped 1 spans" in err
    tags = corpus.load_tags(article, "alice").tags
    assert [(c.paragraphs, c.type) for c in tags.claims] == [
        ((1,), "official_statement"),
        ((2, 3), "unattributed"),  # one claim over the paragraph break, in two fragments
    ]
    crossing_claim = tags.claims[1]
    assert [f.quote for f in crossing_claim.fragments] == [
        article.paragraphs[1].text,
        article.paragraphs[2].text[:10],
    ]


def _attributions(ann: str, text: str) -> list[tuple[frozenset[int], ...]]:
    """Each brat event with Content arguments as (content, source, cue) sets of the offsets of
    the non-space characters they cover: the same attribution, however the spans are cut."""
    entities: dict[str, list[tuple[int, int]]] = {}
    events = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T"):
            offsets = parts[1].split(" ", 1)[1]
            entities[parts[0]] = [
                (int(a), int(b)) for a, b in (f.split() for f in offsets.split(";"))
            ]
        elif line.startswith("E"):
            events.append([arg.split(":") for arg in parts[1].split()[1:]])

    def covered(ids: list[str]) -> frozenset[int]:
        return frozenset(
            o for i in ids for a, b in entities[i] for o in range(a, b) if not text[o].isspace()
        )

    found = []
    for roles in events:
        parts = {
            base: [arg for role, arg in roles if role.rstrip("0123456789") == base]
            for base in ("Content", "Source", "Cue")
        }
        if parts["Content"]:
            found.append(tuple(covered(parts[base]) for base in ("Content", "Source", "Cue")))
    return sorted(found, key=lambda t: (min(t[0]), sorted(t[0]), sorted(t[1]), sorted(t[2])))


@pytest.mark.skipif(not POLNEAR.is_dir(), reason="../shared/thirdparty/polnear is not here")
def test_polnear_attributions_survive_import_and_brat_export(tmp_path: Path) -> None:
    root = tmp_path / "polnear"
    (root / "seeds").mkdir(parents=True)
    for text in sorted((POLNEAR / "text").glob("*.txt")):
        shutil.copy(text, root / "seeds" / text.name)
    attributions = discontinuous = with_source = 0
    for ann in sorted((POLNEAR / "attributions").glob("*.ann")):
        article_id, annotator = ann.stem.rsplit("_", 1)
        reviewer = f"a{annotator}"
        common = ("--root", str(root), "--reviewer", reviewer)
        assert run(*common, "import", "--format", "brat", "--article", article_id, str(ann)) == 0
        out = tmp_path / "out"
        assert run(*common, "export", "--format", "brat", article_id, "-o", str(out)) == 0
        text = (out / f"{article_id}--{reviewer}.txt").read_text(encoding="utf-8")
        original = _attributions(ann.read_text(encoding="utf-8"), text)
        exported = _attributions(
            (out / f"{article_id}--{reviewer}.ann").read_text(encoding="utf-8"), text
        )
        assert exported == original, ann.name
        tags = Corpus.open(root).load_tags(Corpus.open(root).load_article(article_id), reviewer)
        assert len(tags.tags.claims) == len(original)  # one claim per attribution
        attributions += len(original)
        discontinuous += sum(1 for c in tags.tags.claims if len(c.fragments) > 1)
        with_source += sum(1 for c in tags.tags.claims if c.source_fragments)
    assert attributions == 322
    assert discontinuous >= 47  # PolNeAR's discontinuous content, each one claim
    assert with_source == 315  # every attribution but the 7 without a source


def test_labelstudio_import_takes_the_reviewers_own_annotation(
    corpus: Corpus, tmp_path: Path
) -> None:
    article = corpus.load_article(SEED_RT)
    corpus.save_tags(sample_tags(article, "alice"), None)
    bob = tag_span(
        TagFile(SEED_RT, "bob", article.text_hash),
        article,
        3,
        "The department clarified",
        "media_report",
    )
    corpus.save_tags(bob, None)
    assert (
        run(
            "--root",
            str(corpus.root),
            "export",
            "--format",
            "labelstudio",
            "--all-reviewers",
            "-o",
            str(tmp_path / "ls"),
        )
        == 0
    )
    [task] = json.loads((tmp_path / "ls" / "tasks.json").read_text(encoding="utf-8"))
    assert task["meta"]["reviewers"] == ["alice", "bob"] and len(task["annotations"]) == 2
    other = fresh_copy(corpus, tmp_path)
    code = run(
        "--root",
        str(other.root),
        "--reviewer",
        "bob",
        "import",
        "--format",
        "labelstudio",
        str(tmp_path / "ls" / "tasks.json"),
    )
    assert code == 0
    [claim] = other.load_tags(article, "bob").tags.claims
    assert (claim.quote, claim.type) == ("The department clarified", "media_report")


def test_claims_on_the_same_span_keep_their_order_through_brat(
    corpus: Corpus, tmp_path: Path
) -> None:
    article = corpus.load_article(SEED_RT)
    tags = TagFile(SEED_RT, "alice", article.text_hash)
    for claim_type in ("unnamed_source", "media_report", "analyst_opinion"):
        tags = tag_span(tags, article, 2, "This was reported", claim_type)
    corpus.save_tags(tags, None)
    first = export(corpus, "brat", tmp_path / "one")
    for _ in range(3):  # new random ids each time: the order must not depend on them
        other = fresh_copy(corpus, tmp_path / f"copy{_}")
        assert import_files(other, "brat", tmp_path / "one" / f"{SEED_RT}--alice.ann") == 0
        again = export(other, "brat", tmp_path / f"two{_}")
        assert again.replace(str(tmp_path / f"two{_}"), str(tmp_path / "one")) == first


@pytest.mark.parametrize(
    ("command", "target"),
    [
        (("export", "--format", "jsonl"), f"annotations/{SEED_RT}/alice.yaml"),
        (("export", "--format", "brat"), "annotations"),
        (("export", "--format", "csv"), "annotations/schema.yaml"),
        (("report", "--format", "html"), f"seeds/{SEED_RT}.txt"),
        (("report", "--format", "json"), "seeds/new-report.json"),
    ],
)
def test_exports_and_reports_never_write_over_corpus_files(
    tagged: Corpus, capsys: pytest.CaptureFixture[str], command: tuple[str, ...], target: str
) -> None:
    before = {p: p.read_bytes() for p in tagged.root.rglob("*") if p.is_file()}
    out = tagged.root / target
    code = run("--root", str(tagged.root), "--reviewer", "alice", *command, "-o", str(out))
    assert code == 2
    err = capsys.readouterr().err
    assert "inside the corpus" in err and "nothing was written" in err and "Traceback" not in err
    after = {p: p.read_bytes() for p in tagged.root.rglob("*") if p.is_file()}
    assert after == before
