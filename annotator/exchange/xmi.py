"""UIMA CAS XMI for INCEpTION, through the dkpro-cassis library.

Per article and reviewer ``<article>--<reviewer>.xmi`` and one ``TypeSystem.xml``. The text is
the article as the tool sees it. A custom span layer ``webanno.custom.Claim`` holds a claim: one
annotation per content fragment, with string features ``type``, ``stance``, ``target``,
``source``, ``role``, ``note`` and ``claimId`` (the same on every fragment of one claim); the
source and cue spans are the layer ``webanno.custom.ClaimPart`` (feature ``part``: ``source`` or
``cue``), tied to the claim's first fragment by the reference feature ``claim``. Offsets are code
points here and UTF-16 code units in the file (what INCEpTION, a Java program, counts): cassis
converts them both ways, so spans after an emoji land where they should.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from annotator.errors import AnnotatorError
from annotator.exchange.placement import (
    FileContents,
    ImportOptions,
    Piece,
    Span,
    Tagged,
    xml_safe,
)
from annotator.schema import Schema
from annotator.storage.atomic import atomic_write

CLAIM = "webanno.custom.Claim"
PART = "webanno.custom.ClaimPart"
FEATURES = ("type", "stance", "target", "source", "role", "note", "claimId")
TYPESYSTEM = "TypeSystem.xml"


def _accessor(feature: str) -> str:
    return "type_" if feature == "type" else feature  # cassis's name for a reserved word


def typesystem() -> Any:
    from cassis import TypeSystem

    system = TypeSystem()
    claim = system.create_type(name=CLAIM, supertypeName="uima.tcas.Annotation")
    with warnings.catch_warnings():  # "type" is reserved in Python: cassis names it type_
        warnings.simplefilter("ignore", UserWarning)
        for name in FEATURES:
            system.create_feature(domainType=claim, name=name, rangeType="uima.cas.String")
    part = system.create_type(name=PART, supertypeName="uima.tcas.Annotation")
    system.create_feature(domainType=part, name="part", rangeType="uima.cas.String")
    system.create_feature(domainType=part, name="claim", rangeType=claim)
    return system


def to_cas(item: Tagged, system: Any) -> Any:
    from cassis import Cas

    cas = Cas(typesystem=system)
    cas.sofa_string = xml_safe(item.article.text)  # XML holds no form feed or other controls
    claim_type, part_type = system.get_type(CLAIM), system.get_type(PART)
    for claim in item.claims():
        fields = {
            "type_": claim.type, "stance": claim.stance, "target": claim.target,
            "source": claim.source, "role": claim.role, "note": claim.note, "claimId": claim.id,
        }  # fmt: skip
        first = None
        for fragment in claim.fragments:
            begin, end = item.offsets(fragment)
            annotation = claim_type(begin=begin, end=end, **fields)
            cas.add(annotation)
            first = first or annotation
        for part, fragments in (("source", claim.source_fragments), ("cue", claim.cue_fragments)):
            for fragment in fragments:
                begin, end = item.offsets(fragment)
                cas.add(part_type(begin=begin, end=end, part=part, claim=first))
    return cas


def export_folder(items: Sequence[Tagged], schema: Schema, folder: Path) -> list[Path]:
    system = typesystem()
    written = []
    for item in items:
        path = folder / f"{item.article.id}--{item.tags.reviewer}.xmi"
        atomic_write(path, to_cas(item, system).to_xmi().encode("utf-8"))
        written.append(path)
    types = folder / TYPESYSTEM
    atomic_write(types, system.to_xml().encode("utf-8"))
    return [*written, types]


def read(path: Path, data: str, schema: Schema, options: ImportOptions) -> FileContents:
    """Claims of an XMI file (with the TypeSystem.xml beside it, else the layers above)."""
    from cassis import load_cas_from_xmi, load_typesystem

    beside = path.with_name(TYPESYSTEM)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            system = (
                load_typesystem(beside.read_text(encoding="utf-8")) if beside.is_file() else None
            )
            cas = load_cas_from_xmi(data, typesystem=system or typesystem())
    except Exception as error:  # cassis raises lxml and its own errors alike
        message = " ".join(str(error).split())[:200]
        raise AnnotatorError(f"not a UIMA CAS XMI file with claims ({message})", path) from None
    article_id = path.stem.split("--")[0]
    claims: dict[str, list[Any]] = {}
    parts: dict[int, list[Any]] = {}
    try:
        for annotation in cas.select(CLAIM):
            claims.setdefault(annotation.claimId or f"x{annotation.xmiID}", []).append(annotation)
        for annotation in cas.select(PART):
            if annotation.claim is not None:
                parts.setdefault(id(annotation.claim), []).append(annotation)
    except Exception as error:  # the file's type system lacks the claim layers
        raise AnnotatorError(
            f"the file has no {CLAIM} layer ({error}); export it from a project that uses it",
            path,
        ) from None
    spans = []
    for claim_id, fragments in claims.items():
        first = fragments[0]

        def pieces(annotations: list[Any]) -> tuple[Piece, ...]:
            return tuple(Piece(a.begin, a.end, a.get_covered_text()) for a in annotations)

        tied = parts.get(id(first), [])
        fields = {name: str(getattr(first, _accessor(name), "") or "") for name in FEATURES}
        fields["id"] = fields.pop("claimId") or claim_id
        spans.append(
            Span(
                pieces(fragments),
                fields,
                path,
                None,
                source=pieces([a for a in tied if a.part == "source"]),
                cue=pieces([a for a in tied if a.part == "cue"]),
            )
        )
    return FileContents({article_id: spans}, texts={article_id: cas.sofa_string})
