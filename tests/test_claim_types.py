"""The rules that give a suggestion its claim type, name and role, on the seeds' sources."""

from __future__ import annotations

import pytest

from annotator.suggest.claim_types import claim_type, name_and_role, points_back, typed


@pytest.mark.parametrize(
    ("source", "sentence", "expected"),
    [
        ("Foreign Minister Kuleba", "", "official_statement"),
        ("the head of the republic's foreign ministry Dmitry Kuleba", "", "official_statement"),
        ("the press service of the Ukrainian Ministry of Defense", "", "official_statement"),
        ("a RT source in the office of the President of Ukraine", "", "unnamed_source"),
        ("The RT source in the Servant of the People party", "", "unnamed_source"),
        ("the interlocutor of RT in the Ukrainian Foreign Ministry", "", "unnamed_source"),
        ("analysts", "", "unnamed_source"),
        ("U.S. officials", "", "unnamed_source"),
        ("a person familiar with the talks", "", "unnamed_source"),
        ("an official", "", "unnamed_source"),
        ("the president of the Ukrainian think tank Alexander Okhrimenko", "", "analyst_opinion"),
        (
            "Aleksey Podberezkin, director of the MGIMO Center for Military-Political Studies",
            "",
            "analyst_opinion",
        ),
        ("MSNBC", "", "media_report"),
        ("the Ukrinform agency", "", "media_report"),
        (
            "Stefanishina",
            "Stefanishina said in an interview with the Ukrinform agency",
            "media_report",
        ),
        ("", "", "unattributed"),
    ],
)
def test_types(source: str, sentence: str, expected: str) -> None:
    assert claim_type(source, sentence) == expected


@pytest.mark.parametrize(
    ("source", "name", "role"),
    [
        ("Foreign Minister Dmytro Kuleba", "Dmytro Kuleba", "Foreign Minister"),
        ("Spokeswoman Haley Morris", "Haley Morris", "Spokeswoman"),
        (
            "Stacy Cummings, the General Manager of NATO's Support and Procurement Agency",
            "Stacy Cummings",
            "General Manager of NATO's Support and Procurement Agency",
        ),
        (
            "the Deputy Prime Minister of Ukraine for European and Euro-Atlantic Integration, "
            "Olga Stefanishina",
            "Olga Stefanishina",
            "Deputy Prime Minister of Ukraine for European and Euro-Atlantic Integration",
        ),
        ("Okhrimenko", "Okhrimenko", ""),
        ("the press service of the Ministry", "the press service of the Ministry", ""),
    ],
)
def test_names_and_roles(source: str, name: str, role: str) -> None:
    assert name_and_role(source) == (name, role)


def test_unnamed_sources_keep_their_words_as_the_name() -> None:
    result = typed("a RT source in the office of the President of Ukraine")
    assert result.source == "a RT source in the office of the President of Ukraine"
    assert result.role == ""


@pytest.mark.parametrize(
    ("source", "expected"),
    [("he", True), ("Her", True), ("the minister", True), ("the deputy", True),
     ("the minister of defence of Ukraine", False), ("Okhrimenko", False), ("analysts", False)],
)  # fmt: skip
def test_sources_that_point_back(source: str, expected: bool) -> None:
    assert points_back(source) is expected
