"""Suggestions: attributions (content, source, cue) found in an article's text, with a claim
type, source name and role, proposed to the reviewer who accepts or rejects each one.

Headless: nothing here imports Textual or Rich. ``tokens`` cuts the text, ``features`` describes
each token, ``tagger`` labels tokens with the shipped CRF model, ``assemble`` joins labelled
tokens into attributions, ``claim_types`` gives each a claim type and role, and ``suggester`` is the
entry point the CLI and TUI call.
"""
