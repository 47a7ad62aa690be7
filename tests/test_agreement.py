"""Agreement figures, checked against independent implementations (krippendorff, scikit-learn)."""

from __future__ import annotations

import math
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.cli import main
from annotator.model import Claim, Fragment, TagFile
from annotator.review.agreement import (
    NO_STANCE,
    cohen_kappa,
    compare_pair,
    krippendorff_alpha,
    match,
    units,
)
from annotator.storage.corpus import Corpus
from tests.conftest import REPO


def same(ours: float | None, theirs: float) -> bool:
    """Ours is None where the figure is undefined; the references give nan there."""
    return math.isnan(theirs) if ours is None else ours == pytest.approx(theirs)


POLNEAR = REPO.parent / "shared" / "thirdparty" / "polnear"
krippendorff = pytest.importorskip("krippendorff")
metrics = pytest.importorskip("sklearn.metrics")


def claim(
    paragraph: int, start: int, end: int, claim_type: str = "unattributed", stance: str = ""
) -> Claim:
    return Claim(
        f"c{paragraph}_{start}_{end}_{claim_type}",
        (Fragment(paragraph, start, end, "x" * (end - start)),),
        claim_type,
        stance=stance,
    )


def test_matching_prefers_exact_spans_then_the_largest_overlap() -> None:
    a = [claim(1, 0, 10), claim(1, 20, 30), claim(2, 0, 5)]
    b = [claim(1, 0, 10), claim(1, 22, 40), claim(1, 25, 29), claim(3, 0, 5)]
    matches = match(a, b)
    # (20, 30) overlaps (22, 40) by 8/18 and (25, 29) by 4/10: the larger credit wins
    assert [(m.a.first.start, m.b.first.start, m.exact) for m in matches] == [
        (0, 0, True),
        (20, 22, False),
    ]


def test_span_scores() -> None:
    a = TagFile("x", "a", "", (claim(1, 0, 10), claim(1, 20, 30), claim(2, 0, 5)))
    b = TagFile("x", "b", "", (claim(1, 0, 10), claim(1, 22, 40), claim(3, 0, 5), claim(4, 0, 1)))
    result = compare_pair("a", "b", [(a, b)])
    assert (result.exact.matches, result.overlap.matches) == (1, 2)
    assert (result.overlap.precision, result.overlap.recall) == (0.5, 2 / 3)
    assert result.overlap.f1 == pytest.approx(2 * 2 / 7)


def test_kappa_and_alpha_on_textbook_data() -> None:
    pairs = [("a", "a"), ("a", "b"), ("b", "b"), ("b", "b"), ("a", "a"), ("c", "b")]
    assert cohen_kappa(pairs) == pytest.approx(
        metrics.cohen_kappa_score([p[0] for p in pairs], [p[1] for p in pairs])
    )
    assert cohen_kappa([("a", "a"), ("a", "a")]) is None
    data = [
        ["1", "2", None, "1"],
        ["1", "2", "2", "1"],
        [None, "3", "3", "3"],
        ["2", None, "2", "1"],
    ]
    codes = {"1": 1, "2": 2, "3": 3}
    matrix = [[codes[u[r]] if u[r] else float("nan") for u in data] for r in range(4)]
    expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    assert krippendorff_alpha(data) == pytest.approx(expected)


@pytest.mark.skipif(not POLNEAR.is_dir(), reason="../shared/thirdparty/polnear is not here")
@pytest.mark.filterwarnings(
    "ignore::UserWarning", "ignore::sklearn.exceptions.UndefinedMetricWarning"
)
def test_figures_on_polnear_match_independent_computations(tmp_path: Path) -> None:
    root = tmp_path / "polnear"
    (root / "seeds").mkdir(parents=True)
    for text in (POLNEAR / "text").glob("*.txt"):
        shutil.copy(text, root / "seeds" / text.name)
    annotators = sorted(
        {p.stem.rsplit("_", 1)[1] for p in (POLNEAR / "attributions").glob("*.ann")}
    )
    for ann in sorted((POLNEAR / "attributions").glob("*.ann")):
        article_id, annotator = ann.stem.rsplit("_", 1)
        assert (
            main(
                [
                    "--root",
                    str(root),
                    "--reviewer",
                    f"a{annotator}",
                    "import",
                    "--format",
                    "brat",
                    "--article",
                    article_id,
                    str(ann),
                ]
            )
            == 0
        )
    corpus = Corpus.open(root)
    # PolNeAR has no claim types or stances: give each claim labels from its text, the same way
    # for everyone, so that agreement on labels follows agreement on spans (and is not trivial).
    types = ["official_statement", "analyst_opinion", "unnamed_source", "media_report"]

    def labelled(tags: TagFile) -> TagFile:
        return replace(
            tags,
            claims=tuple(
                replace(
                    c,
                    type=types[len(c.quote.split()) % 4],
                    stance=["", "favor", "against"][len(c.quote) % 3],
                )
                for c in tags.claims
            ),
        )

    reviewers = [f"a{a}" for a in annotators]
    for article_id in corpus.article_ids()[0]:
        article = corpus.load_article(article_id)
        files = [labelled(corpus.load_tags(article, r).tags) for r in reviewers]
        result = compare_pair(reviewers[0], reviewers[1], [(files[0], files[1])])
        matches = match(
            [c for c in files[0].normalized().claims], [c for c in files[1].normalized().claims]
        )
        assert result.overlap.matches == len(matches) > 0
        firsts, seconds = [m.a.type for m in matches], [m.b.type for m in matches]
        assert same(cohen_kappa(result.type_pairs), metrics.cohen_kappa_score(firsts, seconds))
        stance_firsts = [m.a.stance or NO_STANCE for m in matches]
        stance_seconds = [m.b.stance or NO_STANCE for m in matches]
        assert same(
            cohen_kappa(result.stance_pairs),
            metrics.cohen_kappa_score(stance_firsts, stance_seconds),
        )
        all_units = units(files)
        codes = {t: i for i, t in enumerate(types)}
        matrix = [
            [codes[u[r].type] if u[r] else float("nan") for u in all_units]
            for r in range(len(reviewers))
        ]
        expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
        type_units = [[c.type if c else None for c in u] for u in all_units]
        assert same(krippendorff_alpha(type_units), expected)


def test_agreement_command_prints_a_table_and_json(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from tests.conftest import SEED_RT, sample_tags

    article = corpus.load_article(SEED_RT)
    corpus.save_tags(sample_tags(article, "alice"), None)
    bob = sample_tags(article, "bob")
    bob = replace(bob, claims=(replace(bob.claims[0], type="media_report"), bob.claims[1]))
    corpus.save_tags(bob, None)
    assert main(["--root", str(corpus.root), "agreement", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    [pair] = data["pairs"]
    assert (pair["a"], pair["b"], pair["exact"]["f1"], pair["kappa_type"]["n"]) == (
        "alice",
        "bob",
        1.0,
        2,
    )
    assert main(["--root", str(corpus.root), "agreement", "--reviewers", "alice,bob"]) == 0
    out = capsys.readouterr().out
    assert "alice" in out and "bob" in out and "1.00" in out


def test_diff_aligns_agreed_partly_and_single_claims(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    from annotator.cli.diff import AGREED, ONLY, PARTLY, rows
    from tests.conftest import SEED_RT, tag_span

    article = corpus.load_article(SEED_RT)
    alice = TagFile(SEED_RT, "alice", article.text_hash)
    alice = tag_span(alice, article, 2, "This was reported", "official_statement")
    alice = tag_span(
        alice,
        article,
        10,
        "This is just a formal procedure",
        "analyst_opinion",
        source="[bold]x[/bold]",
    )
    alice = tag_span(alice, article, 12, "Although Ukraine", "unattributed")
    bob = TagFile(SEED_RT, "bob", article.text_hash)
    bob = tag_span(bob, article, 2, "This was reported", "official_statement")
    bob = tag_span(bob, article, 10, "This is just a formal", "analyst_opinion")
    bob = tag_span(bob, article, 14, "Let us recall", "unattributed")
    assert [
        (status, (a or b).paragraph) for status, a, b in rows(list(alice.claims), list(bob.claims))
    ] == [  # type: ignore[union-attr]
        (AGREED, 2),
        (PARTLY, 10),
        (ONLY, 12),
        (ONLY, 14),
    ]
    corpus.save_tags(alice, None)
    corpus.save_tags(bob, None)
    assert main(["--root", str(corpus.root), "diff", SEED_RT, "alice", "bob"]) == 0
    out = capsys.readouterr().out
    assert "1 agreed, 1 partly agreed, 2 made by one reviewer only" in out
    assert "[bold]x[/bold]" in out  # shown literally
    assert "span, source" in out  # what differs, named
    same_span = tag_span(
        TagFile(SEED_RT, "bob", article.text_hash), article, 2, "This was reported",
        "official_statement", source="TASS",
    )  # fmt: skip
    [(status, _, _)] = rows([alice.claims[0]], list(same_span.claims))
    assert status == PARTLY  # the very same span, another source: not agreed
    assert main(["--root", str(corpus.root), "diff", SEED_RT, "alice", "carol"]) == 2
    assert "no tags by carol" in capsys.readouterr().err


def test_every_claim_is_in_exactly_one_unit_even_a_reviewers_second_on_the_same_text() -> None:
    # PolNeAR breitbart ¶12: three reviewers 59-215, a fourth 124-215, one of them twice.
    a = TagFile("x", "a", "", (claim(12, 59, 215), claim(12, 124, 215, "analyst_opinion")))
    b = TagFile("x", "b", "", (claim(12, 59, 215),))
    c = TagFile("x", "c", "", (claim(12, 59, 215),))
    d = TagFile("x", "d", "", (claim(12, 124, 215),))
    found = units([a, b, c, d])
    listed = [(r, u[r].id) for u in found for r in range(4) if u[r] is not None]  # type: ignore[union-attr]
    assert len(listed) == len(set(listed)) == 5
    assert [[x is not None for x in u] for u in found] == [
        [True, True, True, False],  # the same span, by three
        [True, False, False, True],  # a's second claim meets d's on 124-215
    ]


reviewer_claims = st.lists(
    st.tuples(st.integers(1, 3), st.integers(0, 60), st.integers(1, 30)), max_size=8
)


@settings(max_examples=300)
@given(st.lists(reviewer_claims, min_size=2, max_size=5))
def test_units_partition_every_reviewers_claims(drawn: list[list[tuple[int, int, int]]]) -> None:
    files = [
        TagFile(
            "x",
            f"r{r}",
            "",
            tuple({(p, s, s + n): claim(p, s, s + n) for p, s, n in spans}.values()),
        )
        for r, spans in enumerate(drawn)
    ]
    found = units(files)
    for r, tags in enumerate(files):
        ids = [u[r].id for u in found if u[r] is not None]  # type: ignore[union-attr]
        assert sorted(ids) == sorted(c.id for c in tags.claims)
    assert all(any(c is not None for c in u) for u in found)


@pytest.mark.skipif(not POLNEAR.is_dir(), reason="../shared/thirdparty/polnear is not here")
def test_agreement_json_lists_every_polnear_claim_in_one_unit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    root = import_polnear(tmp_path)
    capsys.readouterr()
    assert main(["--root", str(root), "agreement", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    listed = [(u["article"], c["reviewer"], c["id"]) for u in data["units"] for c in u["claims"]]
    corpus = Corpus.open(root)
    expected = [
        (article_id, reviewer, c.id)
        for article_id in corpus.article_ids()[0]
        for reviewer in corpus.reviewers(article_id)
        for c in corpus.load_tags(corpus.load_article(article_id), reviewer).tags.claims
        if not c.orphaned
    ]
    assert sorted(listed) == sorted(expected) and len(listed) == len(set(listed))
    assert all(len({c["reviewer"] for c in u["claims"]}) == len(u["claims"]) for u in data["units"])


def import_polnear(tmp_path: Path) -> Path:
    """The four PolNeAR articles of ../shared with their six annotators, imported from brat."""
    root = tmp_path / "polnear"
    (root / "seeds").mkdir(parents=True)
    for text in (POLNEAR / "text").glob("*.txt"):
        shutil.copy(text, root / "seeds" / text.name)
    for ann in sorted((POLNEAR / "attributions").glob("*.ann")):
        article_id, annotator = ann.stem.rsplit("_", 1)
        argv = ["--root", str(root), "--reviewer", f"a{annotator}", "import", "--format", "brat"]
        assert main([*argv, "--article", article_id, str(ann)]) == 0
    return root


@pytest.mark.skipif(not POLNEAR.is_dir(), reason="../shared/thirdparty/polnear is not here")
def test_token_alpha_on_polnear_matches_krippendorff(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json
    import re

    root = import_polnear(tmp_path)
    capsys.readouterr()
    assert main(["--root", str(root), "agreement", "--json", "--bootstrap", "200"]) == 0
    data = json.loads(capsys.readouterr().out)
    corpus = Corpus.open(root)
    reviewers = data["reviewers"]
    codes = {"none": 0, "cue": 1, "source": 2, "content": 3}

    def label(at: int, spans: dict[str, list[tuple[int, int]]]) -> int:
        for part in ("content", "source", "cue"):  # content first, then source, then cue
            if any(s <= at < e for s, e in spans[part]):
                return codes[part]
        return 0

    rows: list[list[float]] = [[] for _ in reviewers]
    for article_id in corpus.article_ids()[0]:
        article = corpus.load_article(article_id)
        starts = [m.start() for m in re.finditer(r"\w+|[^\w\s]", article.text)]
        for row, name in zip(rows, reviewers, strict=True):
            tags = corpus.load_tags(article, name).tags
            spans: dict[str, list[tuple[int, int]]] = {"content": [], "source": [], "cue": []}
            base = article.paragraph_starts
            for c in tags.claims:
                for part, fragments in (
                    ("content", c.fragments),
                    ("source", c.source_fragments),
                    ("cue", c.cue_fragments),
                ):
                    spans[part] += [
                        (base[f.paragraph - 1] + f.start, base[f.paragraph - 1] + f.end)
                        for f in fragments
                    ]
            row += [label(at, spans) for at in starts]
    expected = krippendorff.alpha(reliability_data=rows, level_of_measurement="nominal")
    assert data["token_alpha"]["value"] == pytest.approx(expected)
    binary = [[float(v == 3) for v in row] for row in rows]
    expected_content = krippendorff.alpha(reliability_data=binary, level_of_measurement="nominal")
    assert data["token_alpha_content"]["value"] == pytest.approx(expected_content)
    low, high = data["token_alpha"]["ci95"]
    assert low <= data["token_alpha"]["value"] <= high
    assert data["bootstrap"] == {"rounds": 200, "resampling": "articles", "seed": 0}


def test_agreement_is_cached_on_the_bytes_and_changes_with_them(
    corpus: Corpus, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second run reads each article's part from the cache; a changed tag file is read
    again; every run says what a run without the cache says."""
    import json

    from tests.conftest import SEED_NV, SEED_RT, sample_tags, tag_span

    article = corpus.load_article(SEED_RT)
    corpus.save_tags(sample_tags(article, "alice"), None)
    bob = sample_tags(article, "bob")
    corpus.save_tags(replace(bob, claims=bob.claims[:1]), None)
    other = corpus.load_article(SEED_NV)
    carol = tag_span(TagFile(SEED_NV, "alice", other.text_hash), other, 4, "There", "unattributed")
    corpus.save_tags(carol, None)
    root = ["--root", str(corpus.root)]

    def agreement(*options: str) -> dict[str, object]:
        assert main([*root, *options, "agreement", "--json"]) == 0
        return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]

    first = agreement()
    cache_files = list(Path(os.environ["ANNOTATOR_CACHE_DIR"]).glob("agreement-*.json"))
    assert len(cache_files) == 1
    parsed: list[Path] = []
    load_tags_from = Corpus.load_tags_from

    def counting(self: Corpus, data: bytes, path: Path, article: object) -> object:
        parsed.append(path)
        return load_tags_from(self, data, path, article)  # type: ignore[arg-type]

    monkeypatch.setattr(Corpus, "load_tags_from", counting)
    assert agreement() == first
    assert parsed == []  # every part came from the cache
    assert agreement("--no-cache") == first
    assert len(parsed) == 3
    parsed.clear()
    loaded = corpus.load_tags(article, "bob")
    corpus.save_tags(replace(loaded.tags, claims=bob.claims), loaded.disk_digest)
    parsed.clear()
    changed = agreement()
    assert sorted(p.parent.name for p in parsed) == [SEED_RT, SEED_RT]  # only what changed
    assert changed == agreement("--no-cache") != first
    assert changed["pairs"][0]["overlap"]["f1"] == 1.0  # type: ignore[index]
