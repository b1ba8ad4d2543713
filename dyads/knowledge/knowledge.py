"""`Knowledge`: everything the coder knows, read once from ordered data folders and passed to
every stage (never looked up from a module global).

It holds the actor dictionary, the event patterns, the figure words, the places gazetteer and
the prefilter built from them, with `key`, a hash of what it was built from. Building it cold
reads and validates every file (a few seconds, most of it the gazetteer); the build cache
(dyads.knowledge.buildcache) keeps it on disk between processes under that key, so a worker
starts in well under a second. The CAMEO and actor-type reference tables are facts of the
ontology, not of a data folder: they stay in dyads.knowledge.reference.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from dyads.coding.prefilter import Prefilter, build_prefilter
from dyads.knowledge.buildcache import cached, package_key
from dyads.knowledge.dictionaries import (
    ActorDictionary,
    PatternDictionary,
    read_actor_dictionary,
    read_pattern_dictionary,
)
from dyads.knowledge.figure_words import FigureWords, read_figure_words
from dyads.knowledge.gazetteer import Gazetteer, build_gazetteer, gc_paused
from dyads.knowledge.sources import DataSources


@dataclass(frozen=True, slots=True)
class Knowledge:
    sources: DataSources
    key: str  # the packaged code and data, library versions and every override's files
    actors: ActorDictionary
    patterns: PatternDictionary
    figure_words: FigureWords
    gazetteer: Gazetteer
    prefilter: Prefilter

    @classmethod
    def load(cls, sources: DataSources | None = None) -> Knowledge:
        """The knowledge of these folders (default: the packaged data alone), from the build
        cache when it holds this key, else built and cached."""
        sources = sources or DataSources.layered()
        key = knowledge_key(sources)
        with gc_paused():  # a million small objects that live as long as the process
            knowledge = cached("knowledge", lambda: cls.build(sources, key), key)
        return replace(knowledge, sources=sources)  # the folders as found now, wherever it was built

    @classmethod
    def build(cls, sources: DataSources, key: str | None = None) -> Knowledge:
        """Read and validate every file now (no cache)."""
        actors = read_actor_dictionary(sources)
        patterns = read_pattern_dictionary(sources)
        figure_words = read_figure_words(sources)
        return cls(sources, key or knowledge_key(sources), actors, patterns, figure_words,
                   build_gazetteer(sources), build_prefilter(actors, patterns, figure_words))


def knowledge_key(sources: DataSources) -> str:
    if not sources.overridden:
        return package_key()
    digest = hashlib.sha256(package_key().encode())
    for root in sources.roots[1:]:
        digest.update(DataSources((root,)).content_key().encode())
    return digest.hexdigest()[:20]
