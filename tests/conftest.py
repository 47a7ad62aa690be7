from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from annotator import model
from annotator.article import Article
from annotator.editing import add_claim, make_claim, set_article_tags
from annotator.model import ArticleTags, TagFile
from annotator.storage.corpus import Corpus

REPO = Path(__file__).resolve().parent.parent
SEED_RT = "004_2011e3964b8c9ec8"
SEED_NV = "000_25a7f68b72796307"
FROZEN_TIME = "2026-01-02T03:04:05Z"


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(model, "utc_now", lambda: FROZEN_TIME)
    return FROZEN_TIME


@pytest.fixture(autouse=True)
def isolated_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Never touch the user's cache or depend on their reviewer name."""
    monkeypatch.setenv("ANNOTATOR_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
    monkeypatch.delenv("ANNOTATOR_REVIEWER", raising=False)


@pytest.fixture
def corpus_root(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copytree(REPO / "annotations", root / "annotations")
    return root


@pytest.fixture
def corpus(corpus_root: Path) -> Corpus:
    return Corpus.open(corpus_root)


@pytest.fixture
def rt_article(corpus: Corpus) -> Article:
    return corpus.load_article(SEED_RT)


def tag_span(
    tags: TagFile, article: Article, paragraph: int, quote: str, claim_type: str, **fields: str
) -> TagFile:
    """Add a claim over the first occurrence of ``quote`` in a paragraph."""
    start = article.paragraph(paragraph).text.index(quote)
    return add_claim(
        tags, make_claim(tags, article, paragraph, start, start + len(quote), claim_type, **fields)
    )


def sample_tags(article: Article, reviewer: str = "alice") -> TagFile:
    tags = TagFile(article.id, reviewer, article.text_hash)
    tags = tag_span(
        tags, article, 10, "This is just a formal procedure", "analyst_opinion",
        source="Alexander Okhrimenko", role="president of a Ukrainian think tank",
        stance="against", target="ukraine_nato_membership",
    )  # fmt: skip
    tags = tag_span(
        tags, article, 2, "This was reported by the press service", "official_statement"
    )
    return tags


@pytest.fixture
def tagged(corpus: Corpus) -> Corpus:
    """The RT seed tagged by alice: two claims, one with a note over two lines, article tags."""
    article = corpus.load_article(SEED_RT)
    tags = sample_tags(article)
    tags = tag_span(
        tags,
        article,
        5,
        '"noted progress"',
        "official_statement",
        note='He said, "yes",\nthen left',
    )
    tags = set_article_tags(
        tags, ArticleTags("RT", "state_affiliated", (("ukraine_nato_membership", "against"),))
    )
    corpus.save_tags(tags, None)
    return corpus


def git(cwd: Path, *args: str) -> str:
    env_args = [
        "-c",
        "user.name=Test",
        "-c",
        "user.email=test@example.org",
        "-c",
        "init.defaultBranch=main",
    ]
    return subprocess.run(
        ["git", *env_args, *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, Path]:
    """A shared bare repository with the corpus, cloned by alice and bob."""
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Test")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "test@example.org")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Test")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "test@example.org")
    bare = tmp_path / "shared.git"
    git(tmp_path, "init", "--bare", "--quiet", str(bare))
    seed = tmp_path / "seed"
    git(tmp_path, "clone", "--quiet", str(bare), str(seed))
    shutil.copytree(REPO / "seeds", seed / "seeds")
    shutil.copytree(REPO / "annotations", seed / "annotations")
    git(seed, "add", ".")
    git(seed, "commit", "--quiet", "-m", "corpus")
    git(seed, "push", "--quiet", "origin", "HEAD")
    clones = []
    for name in ("alice", "bob"):
        clone = tmp_path / name
        git(tmp_path, "clone", "--quiet", str(bare), str(clone))
        clones.append(clone)
    return bare, clones[0], clones[1]
