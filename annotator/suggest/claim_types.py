"""A suggestion's claim type, source name and role, read from the words of its source span and
the sentence of its cue, by these rules (the first that applies):

1. No source span: ``unattributed``, unless the cue is impersonal ("It is noted that", "It was
   also stated"); a source that only points back (a pronoun: "he", "her"; "the" and a title:
   "the minister", "the deputy"; the surname of a source named earlier: "Okhrimenko") continues
   that attribution, taking its type, name and role (the ``suggester`` does this).
2. Unnamed: the source is a "source", "insider", "interlocutor", "person familiar", "people close
   to", someone "who spoke on condition of anonymity"; or a bare group or indefinite person
   ("analysts", "officials", "an official", "Western diplomats"): ``unnamed_source``.
3. Media: the source names an outlet or a kind of outlet ("newspaper", "agency", "Reuters",
   "MSNBC", …), or the cue's sentence says "in an interview with":
   ``media_report``.
4. Analyst: the source has an expert's title or institution ("analyst", "expert", "professor",
   "economist", "think tank", "Center for … Studies", …): ``analyst_opinion``.
5. Otherwise a named person or institution: ``official_statement``.

The role is the title words of the source ("Foreign Minister", "spokeswoman", "General Manager of
NATO's Support and Procurement Agency"); the name is what remains, else the whole source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PRONOUNS = frozenset(
    ["he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its", "him", "them"]
)
_STRONG_UNNAMED = re.compile(
    r"\b(?:sources?|insiders?|interlocutors?|(?:persons?|people|someone|individuals?)\s+"
    r"(?:familiar|close|with\s+knowledge|briefed)|on\s+condition\s+of\s+anonymity|anonymity"
    r"|unnamed|anonymous|who\s+(?:asked|requested|declined)\s+(?:not\s+)?to\s+be\s+(?:named"
    r"|identified))\b",
    re.IGNORECASE,
)
_GROUP = (
    r"(?:officials|analysts|experts|observers|diplomats|aides|insiders|members|staffers"
    r"|employees|residents|critics|supporters|lawmakers|economists|investors|scientists"
    r"|researchers|activists|witnesses|people)"
)
_PERSON = r"(?:official|diplomat|aide|staffer|employee|officer|person|expert|analyst|member)"
# "analysts", "Western diplomats", "U.S. officials", "officials at the Pentagon", "an official".
_WEAK_UNNAMED = re.compile(
    rf"^(?:(?:some|several|many|other|two|three|four|senior|top|local|western|european"
    rf"|american|russian|ukrainian|u\.s\.|us|[A-Z][\w.]*)\s+){{0,3}}{_GROUP}\b"
    rf"|^(?:a|an|one)\s+(?:[\w.-]+\s+){{0,3}}{_PERSON}\b",
    re.IGNORECASE,
)
_MEDIA = re.compile(
    r"\b(?:newspapers?|agency|agencies|magazines?|journals?|tabloids?|broadcasters?|channels?"
    r"|television|tv|radio|outlets?|media|press\s+reports?|reports?|gazette|tribune"
    r"|reuters|associated\s+press|afp|bloomberg|cnn|bbc|msnbc|fox\s+news|nbc|cbs|abc\s+news"
    r"|npr|politico|axios|breitbart|the\s+guardian|telegraph|ukrinform|interfax|tass"
    r"|ria\s+novosti|unian|pravda|kommersant|izvestia|vedomosti|reporters?|correspondents?"
    r"|editorial|columnists?|(?:new\s+york|los\s+angeles|financial)\s+times|washington\s+post"
    r"|wall\s+street\s+journal)\b",
    re.IGNORECASE,
)
_MEDIA_SENTENCE = re.compile(r"\bin an interview with\b", re.IGNORECASE)
_ANALYST = re.compile(
    r"\b(?:analysts?|experts?|professors?|prof|economists?|researchers?|scholars?|scientists?"
    r"|think[- ]tanks?|institutes?|fellows?|strategists?|consultants?|observers?|historians?"
    r"|political\s+scientists?|pollsters?|commentators?|academics?|lecturers?|specialists?"
    r"|cent(?:er|re)\s+for|studies|university|academy)\b",
    re.IGNORECASE,
)
_TITLE_WORDS = """
president vice prime minister deputy secretary general spokesman spokeswoman spokesperson
press governor senator sen rep representative congressman congresswoman ambassador commander
chief head director manager chairman chairwoman chair mayor foreign defense defence interior
finance justice affairs assistant state attorney judge official officials spokespeople leader
speaker adviser advisor aide candidate former acting executive officer ceo founder member
analyst expert professor economist researcher think-tank tank fellow strategist lieutenant
colonel major gen adm admiral operations department ministry service office
"""
TITLES = frozenset(_TITLE_WORDS.split())
_JOINERS = frozenset(["of", "the", "for", "at", "and", "'s", "’s", "in"])
_WORD = re.compile(r"[\w’'.-]+")


@dataclass(frozen=True, slots=True)
class Typed:
    type: str
    source: str
    role: str


def claim_type(source: str, sentence: str = "") -> str:
    if not _WORD.search(source):
        return "unattributed"
    if _STRONG_UNNAMED.search(source) or _WEAK_UNNAMED.search(source.strip()):
        return "unnamed_source"
    if _MEDIA.search(source) or _MEDIA_SENTENCE.search(sentence):
        return "media_report"
    if _ANALYST.search(source):
        return "analyst_opinion"
    return "official_statement"


def points_back(source: str) -> bool:
    """A pronoun, or "the" and one or two title words ("the minister", "the deputy")."""
    words = [w.casefold() for w in _WORD.findall(source)]
    if len(words) == 1 and words[0] in PRONOUNS:
        return True
    return 2 <= len(words) <= 3 and words[0] == "the" and all(w in TITLES for w in words[1:])


def name_and_role(source: str) -> tuple[str, str]:
    """Split "Foreign Minister Dmytro Kuleba" into ("Dmytro Kuleba", "Foreign Minister") and
    "Stacy Cummings, the General Manager of X" into ("Stacy Cummings", "General Manager of X")."""
    source = source.strip(" ,")
    head, comma, rest = source.partition(",")
    if comma and rest.strip():
        rest = _without_article(rest.strip().strip(","))
        if _is_name(head):
            return head.strip(), rest.strip(" ,")
        if _is_name(rest):
            return rest.strip(), _without_article(head.strip())
    words = source.split()
    start = len(words)
    while start > 0 and _is_name_word(words[start - 1]):
        start -= 1
    if 0 < start < len(words) and words[start - 1].casefold() not in _JOINERS:
        return " ".join(words[start:]), _without_article(" ".join(words[:start]))
    return source, ""


def _without_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)


def _is_name_word(word: str) -> bool:
    bare = word.strip(".,’'\"")
    return bool(bare) and bare[:1].isupper() and bare.casefold() not in TITLES


def _is_name(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 4 and all(_is_name_word(w) for w in words)


def typed(source: str, sentence: str = "") -> Typed:
    name, role = name_and_role(source) if source else ("", "")
    kind = claim_type(source, sentence)
    if kind == "unnamed_source":
        name, role = source.strip(), ""  # no name to split off: the words say who it is
    return Typed(kind, name, role)
