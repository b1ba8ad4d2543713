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
from pathlib import Path

from dyads.coding.prefilter import Prefilter, build_prefilter
from dyads.knowledge.buildcache import cached, package_key
from dyads.knowledge.dictionaries import (
    ActorDictionary,
    PatternDictionary,
    add_pack,
    fits_reference,
    read_actor_dictionary,
    read_pattern_dictionary,
    without_curated,
)
from dyads.knowledge.figure_words import FigureWords, read_figure_words
from dyads.knowledge.gazetteer import Gazetteer, build_gazetteer, gc_paused
from dyads.knowledge.packs import manifest_for_folder, read_pack
from dyads.knowledge.reference import cameo_codes
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
    packs: tuple[PackSummary, ...] = ()

    @classmethod
    def load(cls, sources: DataSources | None = None, dictionaries: Path | None = None, packs: bool = True
             ) -> Knowledge:
        """The knowledge of these folders (default: the packaged data alone), from the build
        cache when it holds this key, else built and cached. `dictionaries`: a TABARI folder
        (a test suite's) to code with alone, in place of every packaged dictionary; `packs=False`:
        the curated dictionaries alone."""
        sources = sources or DataSources.layered()
        key = knowledge_key(sources, dictionaries) + ('' if packs else '-curated')
        with gc_paused():  # a million small objects that live as long as the process
            knowledge = cached("knowledge", lambda: cls.build(sources, key, dictionaries, packs), key)
        return replace(knowledge, sources=sources)  # the folders as found now, wherever it was built

    @classmethod
    def build(cls, sources: DataSources, key: str | None = None, dictionaries: Path | None = None,
              packs: bool = True) -> Knowledge:
        """Read and validate every file now (no cache): the curated dictionaries over the packs."""
        actors = read_actor_dictionary(sources)
        patterns = read_pattern_dictionary(sources, actors.quantity_nouns)
        codes = frozenset(cameo_codes())
        if dictionaries is None:
            found = [read_pack(folder, f"packs/{name}", actors.country_codes, codes,
                               code_fits=lambda code: fits_reference(code, actors))
                     for name, folder in sources.folders("packs") if packs]
        else:
            without_curated(actors, patterns)
            found = [read_pack(dictionaries, dictionaries.name, actors.country_codes, None,
                               manifest_for_folder(dictionaries))]
        disagreements = [add_pack(actors, patterns, pack) for pack in found]
        figure_words = read_figure_words(sources)
        summary = tuple(PackSummary(p.manifest.name, p.manifest.source, len(p.names), len(p.roles),
                                    sum(map(len, p.verbs.values())), tuple(sorted(p.left_out.items())),
                                    tuple(lines))
                        for p, lines in zip(found, disagreements, strict=True))
        return cls(sources, key or knowledge_key(sources, dictionaries), actors, patterns, figure_words,
                   build_gazetteer(sources), build_prefilter(actors, patterns, figure_words), summary)

    def future_as_acts(self) -> Knowledge:
        """This knowledge coding "X will do Y" as the act, as PETRARCH does, not as the intent
        (`Settings.future_acts`): no modal makes an intent; "plans to", "pledged to" still do."""
        clause = self.patterns.clause.model_copy(update={"future_modals": []})
        return replace(self, patterns=replace(self.patterns, clause=clause))


@dataclass(frozen=True, slots=True)
class PackSummary:
    """What a dictionary pack gave (for `dyads dict validate`)."""

    name: str
    source: str
    names: int
    role_nouns: int
    verb_patterns: int
    left_out: tuple[tuple[str, int], ...]
    disagreements: tuple[str, ...] = ()  # where the curated layer overrides the pack


def knowledge_key(sources: DataSources, dictionaries: Path | None = None) -> str:
    if not sources.overridden and dictionaries is None:
        return package_key()
    digest = hashlib.sha256(package_key().encode())
    for root in [*sources.roots[1:], *([dictionaries] if dictionaries else [])]:
        digest.update(str(root == dictionaries).encode() + DataSources((root,)).content_key().encode())
    return digest.hexdigest()[:20]
