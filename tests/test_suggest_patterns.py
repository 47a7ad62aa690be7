"""The suggester on small texts, one pattern each, most of them the seeds' own sentences: what
it finds as content, source and cue, and the type it gives."""

from __future__ import annotations

import pytest

from annotator.suggest.suggester import Suggestion, suggest_text
from annotator.suggest.tokens import tokenize


def _parts(text: str, suggestion: Suggestion) -> tuple[str, str, str]:
    def words(spans: tuple[tuple[int, int], ...]) -> str:
        return " … ".join(text[s:e] for s, e in spans)

    return (
        words(suggestion.content),
        words(suggestion.source_spans),
        words(suggestion.cue_spans),
    )


def _only(text: str) -> tuple[Suggestion, tuple[str, str, str]]:
    found = suggest_text(text)
    assert len(found) == 1, [_parts(text, s) for s in found]
    return found[0], _parts(text, found[0])


def test_closing_quote_attribution() -> None:
    text = (
        "“This is just a formal procedure, which, in fact, does not affect anything,” says "
        "Okhrimenko."
    )
    _suggestion, (content, source, cue) = _only(text)
    assert content.startswith("This is just a formal procedure")
    assert (source, cue) == ("Okhrimenko", "says")


def test_a_quotation_over_three_paragraphs_is_one_claim() -> None:
    text = (
        "However, as the president of the Ukrainian think tank Alexander Okhrimenko noted in a "
        "commentary to RT, the adoption of a new set of partnership goals is unlikely to bring "
        "Ukraine closer to membership in the alliance.\n\n"
        "“This is just a formal procedure, which, in fact, does not affect anything.\n\n"
        "However, the country's authorities try to present any news about NATO in a positive "
        "tone.\n\n"
        "Although Ukraine is not ready to integrate into the alliance, the authorities will "
        "still pretend that there is some progress, ”says Okhrimenko."
    )
    found = suggest_text(text)
    quoted = [s for s in found if "formal procedure" in s.quote(text)]
    assert len(quoted) == 1
    parts = _parts(text, quoted[0])
    assert "positive tone" in parts[0] and "some progress" in parts[0]
    assert parts[1:] == ("Okhrimenko", "says")
    assert quoted[0].type == "analyst_opinion"  # Okhrimenko was named as a think tank's head
    assert quoted[0].source == "Alexander Okhrimenko"


def test_indirect_speech_with_a_reporting_verb() -> None:
    text = (
        "Ulrike Demmer, a deputy spokesman for the German government, said in early April that "
        "although NATO follows an open door policy for new candidates, further steps towards "
        "Ukraine's membership in the alliance are currently not foreseen."
    )
    suggestion, (content, source, cue) = _only(text)
    assert "further steps towards Ukraine's membership" in content
    assert source.startswith("Ulrike Demmer")
    assert cue.startswith("said")
    assert suggestion.type == "official_statement"
    assert suggestion.source == "Ulrike Demmer"
    assert suggestion.role == "deputy spokesman for the German government"


def test_according_to_an_unnamed_source() -> None:
    text = (
        "In addition, according to a RT source in the office of the President of Ukraine, NATO's "
        "reluctance to speed up the country's admission to the bloc \"is very upsetting for "
        'President Zelensky."'
    )
    suggestion, (content, source, cue) = _only(text)
    assert content.startswith("NATO's reluctance")
    assert source == "a RT source in the office of the President of Ukraine"
    assert cue == "according to"
    assert suggestion.type == "unnamed_source"


def test_an_impersonal_passive_cue_continues_the_source_before() -> None:
    text = (
        "This week in Luxembourg, a conference will take place. There, they will discuss the "
        "modernization of defense procurement processes, according to the North Atlantic "
        "Alliance's page.\n\n"
        "It is noted that NATO and Ukrainian delegates will meet to discuss the modernization of "
        "Ukraine's defense procurement processes."
    )
    found = suggest_text(text)
    noted = [s for s in found if "delegates will meet" in s.quote(text)]
    assert len(noted) == 1
    _content, source, cue = _parts(text, noted[0])
    assert cue.startswith("It is") and cue.endswith("noted") and not source
    assert noted[0].type == "official_statement"


@pytest.mark.parametrize(
    "text",
    [
        "The talks will resume next week, sources said.",
        "A person familiar with the matter said the talks would resume next week.",
        "Officials who spoke on condition of anonymity said the talks would resume next week.",
    ],
)
def test_unnamed_sources(text: str) -> None:
    suggestion, (content, source, cue) = _only(text)
    assert "talks" in content and "resume next week" in content
    assert source and cue == "said"
    assert suggestion.type == "unnamed_source"


def test_a_pronoun_takes_the_source_before() -> None:
    text = (
        "In addition, according to a RT source in the office of the President of Ukraine, the "
        "delay is upsetting.\n\n"
        "“Ukraine is striving for the alliance, this is one of its strategic goals,” he said."
    )
    found = suggest_text(text)
    [striving] = [s for s in found if "striving" in s.quote(text)]
    assert _parts(text, striving)[1:] == ("he", "said")
    assert striving.type == "unnamed_source"


def test_text_with_no_attribution_gets_no_suggestion() -> None:
    assert suggest_text("A coup d'etat in Ukraine in 2014 spurred Kiev's aspirations.") == []
    assert suggest_text("") == []


def test_a_quotation_left_open_goes_on_only_where_the_text_closes_it() -> None:
    text = "“One.\n\nTwo.\n\nThree,” he said.\n\nFour."
    flags = [p.opens_quoted for p in tokenize(text)]
    assert flags == [False, True, True, False]
    assert [p.opens_quoted for p in tokenize("“One.\n\nTwo.\n\n“Three.”")] == [False] * 3
    assert [p.opens_quoted for p in tokenize("“One.\n\n“Two.”")] == [False, True]


def test_as_stated_by() -> None:
    text = (
        "As stated by the head of the republic's foreign ministry Dmitry Kuleba, the Ukrainian "
        "side is disappointed with this."
    )
    suggestion, (content, source, cue) = _only(text)
    assert content.startswith("the Ukrainian side is disappointed")
    assert source == "the head of the republic's foreign ministry Dmitry Kuleba"
    assert cue.startswith("stated")
    assert suggestion.type == "official_statement" and suggestion.source == "Dmitry Kuleba"


def test_as_analysts_state() -> None:
    text = (
        "However, as analysts state, the Ukrainian army does not meet NATO standards either in "
        "weapons and equipment or in training."
    )
    suggestion, (content, source, cue) = _only(text)
    assert content.startswith("the Ukrainian army does not meet")
    assert (source, cue) == ("analysts", "state")
    assert suggestion.type == "unnamed_source"


def test_a_signature_after_a_closing_quote() -> None:
    text = (
        "The RT source in the Servant of the People party also believes that Ukraine should not "
        "count on integration into the alliance.\n\n"
        "“Who in NATO needs a country on whose territory a war is being waged?\n\n"
        "So you can always dream of joining NATO, but it doesn't make any sense, ”the deputy is "
        "sure."
    )
    found = suggest_text(text)
    [sure] = [s for s in found if "Who in NATO" in s.quote(text)]
    content, source, cue = _parts(text, sure)
    assert "make any sense" in content
    assert (source, cue) == ("the deputy", "is sure")
    assert sure.type == "unnamed_source"  # the deputy is the RT source named before


def test_a_quotation_signed_with_a_dash_and_a_transcript_line() -> None:
    text = (
        "“He represents our greatest shame.” ― Sonya Herridge\n"
        "“He is ignorant of our culture and lives.”― Pamela Padilla\n\n"
        "PENCE: Gennifer Flowers will not be attending the debate tomorrow night."
    )
    found = {_parts(text, s) for s in suggest_text(text)}
    assert ("He represents our greatest shame", "Sonya Herridge", "―") in found
    assert ("He is ignorant of our culture and lives", "Pamela Padilla", "―") in found
    assert (
        "Gennifer Flowers will not be attending the debate tomorrow night",
        "PENCE",
        ":",
    ) in found


def test_cut_and_trimmed_spans() -> None:
    from annotator.suggest.rules import trimmed, without

    assert without([(0, 10)], [(3, 5)]) == [(0, 3), (5, 10)]
    assert without([(0, 10)], [(0, 10)]) == []
    text = "“NATO's reluctance,” he said."
    assert trimmed(text, [(0, 20)]) == [(1, 18)]  # the quote marks and comma go, "NATO's" stays
