"""dyads: political event data from news text.

    >>> import dyads
    >>> events = dyads.code("Iran's foreign minister met his Russian counterpart.", date="2015-12-02")

`dyads.to_frame(events)` makes a pandas DataFrame of them (flat columns).

`code`, `code_articles` and `explain` load the coder (spaCy) on first use, not on `import dyads`:
the corpus, export and server commands import this package and never parse.
"""

import logging
from typing import Any

from dyads.model import Article, Event, EventActor

__all__ = ["Article", "Event", "EventActor", "code", "code_articles", "explain", "to_frame"]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> Any:
    if name in ("code", "code_articles", "explain", "to_frame"):
        from dyads import api

        return getattr(api, name)
    raise AttributeError(f"module 'dyads' has no attribute {name!r}")
