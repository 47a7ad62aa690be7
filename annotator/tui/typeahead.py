"""Keys typed ahead of a form: the annotate screen marks the keys it saw, so that those which reach
the app after a form opened can be handed to the form (what is typed right after ``1``-``9``)."""

from __future__ import annotations

TYPED_ON = "annotator_typed_on"  # attribute set on key events that passed through the screen
