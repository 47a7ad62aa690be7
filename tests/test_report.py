"""Source-bias reports: figures on hand-made tag files, every format, the cache, Chromium."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.editing import set_article_tags
from annotator.model import ArticleTags, TagFile
from annotator.reports.profile import article_report
from annotator.reports.render import html_report
from annotator.storage.corpus import Corpus
from tests.conftest import SEED_NV, SEED_RT, tag_span


def rt_tags(corpus: Corpus, reviewer: str = "alice") -> TagFile:
    """Five claims with known figures, plus an orphan that must not count."""
    article = corpus.load_article(SEED_RT)
    tags = TagFile(SEED_RT, reviewer, article.text_hash)
    tags = tag_span(
        tags,
        article,
        58,
        "the interlocutor of RT",
        "unnamed_source",
        source="an RT source",
        stance="against",
        target="ukraine_nato_membership",
    )
    tags = tag_span(
        tags,
        article,
        61,
        "as analysts state",
        "unnamed_source",
        source="An  RT source",
        role="office",
    )
    tags = tag_span(tags, article, 19, "A coup d'etat", "unattributed")
    tags = tag_span(
        tags,
        article,
        10,
        "This is just a formal procedure",
        "analyst_opinion",
        source="Alexander Okhrimenko",
        stance="against",
        target="ukraine_nato_membership",
    )
    tags = tag_span(
        tags,
        article,
        2,
        "This was reported",
        "official_statement",
        source="Ministry of Defense",
        stance="favor",
        target="ukraine_nato_membership",
    )
    lost = tuple(replace(f, orphaned=True) for f in tags.claims[0].fragments)
    orphan = tags.claims[0].changed(id="orphan1", fragments=lost, type="media_report")
    tags = TagFile(tags.article, tags.reviewer, tags.text_hash, (*tags.claims, orphan))
    return set_article_tags(
        tags,
        ArticleTags(
            "RT",
            "state_affiliated",
            (("ukraine_nato_membership", "against"),),
            ("one_sided_sourcing",),
        ),
    )


def test_figures_of_one_article(corpus: Corpus) -> None:
    report = article_report(SEED_RT, "Title", rt_tags(corpus), corpus.schema, "alice")
    assert report.claims == 5
    assert {t.type: t.claims for t in report.by_type} == {
        "official_statement": 1,
        "analyst_opinion": 1,
        "unnamed_source": 2,
        "media_report": 0,
        "unattributed": 1,
    }
    assert (report.share_unnamed, report.share_unattributed) == (0.4, 0.2)
    assert [(s.name, s.claims, s.type, s.role) for s in report.sources] == [
        ("an RT source", 2, "unnamed_source", "office"),
        ("(no source named)", 1, "unattributed", ""),
        ("Alexander Okhrimenko", 1, "analyst_opinion", ""),
        ("Ministry of Defense", 1, "official_statement", ""),
    ]
    assert report.sources[0].stances == (("against", 1),)
    [balance] = report.balance
    assert balance.target == "ukraine_nato_membership"
    assert balance.counts == (("favor", 1), ("against", 2), ("neutral", 0))
    assert dict(balance.sources)["against"] == ("Alexander Okhrimenko", "an RT source")
    assert report.article_tags.outlet == "RT"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def two_outlets(corpus: Corpus) -> Corpus:
    corpus.save_tags(rt_tags(corpus), None)
    article = corpus.load_article(SEED_NV)
    tags = TagFile(SEED_NV, "alice", article.text_hash)
    tags = tag_span(
        tags, article, 4, "This week in Luxembourg", "media_report", source="NATO's page"
    )
    corpus.save_tags(set_article_tags(tags, ArticleTags("NV", "private")), None)
    return corpus


def test_json_report_over_articles_groups_by_outlet(
    two_outlets: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "--root", str(two_outlets.root), "--reviewer", "alice", "report", "--format", "json"
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert [a["article"] for a in data["articles"]] == [SEED_NV, SEED_RT]
    rt = data["articles"][1]
    assert (rt["claims"], rt["share_unnamed"], rt["share_unattributed"], rt["whose"]) == (
        5,
        0.4,
        0.2,
        "alice",
    )
    assert rt["stance_balance"][0]["counts"] == {"favor": 1, "against": 2, "neutral": 0}
    assert [(o["outlet"], o["articles"], o["claims"]) for o in data["outlets"]] == [
        ("NV", [SEED_NV], 1),
        ("RT", [SEED_RT], 5),
    ]


def test_text_and_markdown_reports(two_outlets: Corpus, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--root", str(two_outlets.root), "--reviewer", "alice", "report")
    assert code == 0
    assert (
        "tags of alice" in out
        and "unnamed sources 40%" in out
        and "Across articles, by outlet" in out
    )
    code, out, _ = run(
        capsys,
        "--root",
        str(two_outlets.root),
        "--reviewer",
        "alice",
        "report",
        "--format",
        "markdown",
    )
    assert "| Unnamed source | 2 | 40% |" in out
    assert "| an RT source | office | unnamed_source | 2 | against 1 |" in out
    assert "| against | 2 | Alexander Okhrimenko, an RT source |" in out
    written = two_outlets.root.parent / "report.txt"
    common = ("--root", str(two_outlets.root), "--reviewer", "alice", "report")
    code, _, err = run(capsys, *common, "--format", "text", "-o", str(written))
    assert code == 0 and f"wrote {written}" in err
    text = written.read_text(encoding="utf-8")
    assert "unnamed sources 40%" in text and "Across articles, by outlet" in text
    assert "\x1b" not in text  # plain text in a file


def test_adjudicated_reports_say_where_there_are_none(
    two_outlets: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    path = two_outlets.tag_path(SEED_RT, "adjudicated")
    path.write_bytes(
        two_outlets.tag_path(SEED_RT, "alice")
        .read_bytes()
        .replace(b"reviewer: alice", b"reviewer: adjudicated")
    )
    code, out, err = run(
        capsys, "--root", str(two_outlets.root), "report", "--adjudicated", "--format", "json"
    )
    assert code == 0
    data = {a["article"]: a for a in json.loads(out)["articles"]}
    assert data[SEED_RT]["whose"] == "adjudicated" and data[SEED_RT]["claims"] == 5
    assert data[SEED_NV]["has_tags"] is False
    assert f"no adjudicated tags for: {SEED_NV}" in err


def test_html_is_self_contained_and_escapes_text(corpus: Corpus) -> None:
    tags = rt_tags(corpus)
    tags = TagFile(
        tags.article,
        tags.reviewer,
        tags.text_hash,
        tuple(
            c.changed(source="<script>alert(1)</script>") if c.type == "analyst_opinion" else c
            for c in tags.claims
        ),
        (),
        tags.article_tags,
    )
    page = html_report([article_report(SEED_RT, "A <b>title</b>", tags, corpus.schema, "alice")])
    assert "<script>" not in page and "&lt;script&gt;" in page and "A &lt;b&gt;title" in page
    assert re.findall(r"(?:src|href)=", page) == []  # nothing loaded from anywhere
    assert page.count("<svg") == 2 and "<rect" in page


def test_second_run_is_served_from_the_cache(
    two_outlets: Corpus, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = ("--root", str(two_outlets.root), "--reviewer", "alice", "report", "--format", "json")
    first = run(capsys, *argv)[1]
    import annotator.storage.corpus

    calls: list[Path] = []
    real = annotator.storage.corpus.load_yaml
    monkeypatch.setattr(
        annotator.storage.corpus,
        "load_yaml",
        lambda data, path: calls.append(path) or real(data, path),
    )
    assert run(capsys, *argv)[1] == first and calls == []
    path = two_outlets.tag_path(SEED_NV, "alice")
    path.write_bytes(path.read_bytes().replace(b"outlet: NV", b"outlet: New Voice"))
    data = json.loads(run(capsys, *argv)[1])
    assert calls == [path] and data["articles"][0]["article_tags"]["outlet"] == "New Voice"


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (.ci/run installs it where it can)"
)
def test_html_report_renders_in_headless_chromium(
    two_outlets: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "report.html"
    assert (
        run(
            capsys,
            "--root",
            str(two_outlets.root),
            "--reviewer",
            "alice",
            "report",
            "--format",
            "html",
            "-o",
            str(page),
        )[0]
        == 0
    )
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    result = subprocess.run(
        [CHROMIUM, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120
    )
    dom = result.stdout
    assert "<svg" in dom and dom.count("<rect") >= 8, result.stderr[-2000:]
    assert "unnamed sources 40%" in dom and "Across articles, by outlet" in dom
    shot = tmp_path / "shot.png"
    subprocess.run(
        [CHROMIUM, *flags, f"--screenshot={shot}", "--window-size=1000,1400", page.as_uri()],
        capture_output=True,
        timeout=120,
    )
    assert shot.exists() and shot.stat().st_size > 10_000
