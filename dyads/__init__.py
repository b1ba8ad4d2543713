"""dyads: political event data from news text.

    >>> import dyads
    >>> events = dyads.code("Iran's foreign minister met his Russian counterpart.", date="2015-12-02")
"""

import logging

from dyads.api import code, code_articles
from dyads.model import Article, Event, EventActor

__all__ = ["Article", "Event", "EventActor", "code", "code_articles"]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
