"""What the class tests compare: the (source, target, code) triples dyads codes in a text."""

from __future__ import annotations

import dyads


def triples(text: str, day: str) -> list[tuple[str, str | None, str]]:
    """(source, target, code) of every event dyads codes in `text` with article date `day`, sorted."""
    return sorted((e.source.code, e.target.code if e.target else None, e.code) for e in dyads.code(text, date=day))
