"""Knowledge is read from ordered data folders and passed to every stage: an override folder that
holds only a figure word and a region changes what `dyads code` finds; the corpus and server
commands start without the language model."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from dyads.api import coder_for
from dyads.cli import main
from dyads.errors import DictionaryError
from dyads.knowledge.knowledge import Knowledge
from dyads.knowledge.sources import DataSources, packaged_data_dir
from dyads.settings import Settings

# A made-up figure cue and a made-up region: nothing in the packaged data knows either.
TEXT = ("Syrian troops shelled Qarabel Vale on Tuesday, the army said. "
        "Officials said 40 villagers were scalded in the fighting in Syria.")


@pytest.fixture(scope="module")
def override(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("override")
    figures = yaml.safe_load((packaged_data_dir() / "figures.yaml").read_text(encoding="utf-8"))
    figures["kinds"]["injured"] = [*figures["kinds"]["injured"], "scald"]
    (folder / "figures.yaml").write_text(yaml.safe_dump(figures), encoding="utf-8")
    regions = yaml.safe_load((packaged_data_dir() / "places" / "regions.yaml").read_text(encoding="utf-8"))
    regions["regions"].append({"name": "Qarabel Vale", "names": [], "country": "SYR", "lat": 35.1, "lon": 36.7})
    (folder / "places").mkdir()
    (folder / "places" / "regions.yaml").write_text(yaml.safe_dump(regions), encoding="utf-8")
    return folder


def test_a_later_folder_replaces_files_and_keeps_the_rest(override):
    sources = DataSources.layered(override)
    assert sources.path("figures.yaml") == override.resolve() / "figures.yaml"
    assert sources.path("actors", "countries.yaml") == packaged_data_dir() / "actors" / "countries.yaml"
    assert DataSources.layered().content_key() != sources.content_key()
    with pytest.raises(DictionaryError, match="not a data folder"):
        DataSources.layered(override / "missing")


def test_an_override_swaps_figure_words_and_places(override):
    plain = Knowledge.load()
    layered = Knowledge.load(DataSources.layered(override))
    assert "scald" in layered.figure_words.kinds["injured"] and "scald" not in plain.figure_words.kinds["injured"]
    assert layered.gazetteer.lookup("Qarabel Vale") and not plain.gazetteer.lookup("Qarabel Vale")
    assert layered.key != plain.key
    # what the dictionaries hold is the same: only what the override replaces changed
    assert layered.actors.names == plain.actors.names


def test_data_dir_reaches_every_stage_of_dyads_code(tmp_path, override):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")

    def code(*extra: str) -> list[dict]:
        result = CliRunner().invoke(main, ["code", str(article), "--date", "2016-03-03", *extra])
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]

    plain, layered = code(), code("--data-dir", str(override))
    assert {e["place"]["name"] for e in layered} == {"Qarabel Vale"}
    assert "Qarabel Vale" not in {(e["place"] or {}).get("name") for e in plain}
    coder = coder_for(Settings(data_dir=override))
    [coded] = coder.code([coder_article(TEXT)])
    assert [(f.kind, f.low) for f in coded.figures] == [("injured", 40)]
    [plain_coded] = coder_for().code([coder_article(TEXT)])
    assert not [f for f in plain_coded.figures if f.kind == "injured"]


def coder_article(text: str):
    from datetime import date

    from dyads.corpus.read import make_article

    return make_article(text, origin="t", article_date=date(2016, 3, 3))


@pytest.mark.parametrize("module", ["dyads.cli", "dyads.cli.serve", "dyads.server.app", "dyads.corpus.export",
                                    "dyads.corpus.store", "dyads.cli.corpus"])
def test_serving_and_exporting_never_import_spacy(module):
    """`dyads serve`, `export`, `events` and `stats` never parse: their modules must not load spaCy
    (seconds of start-up and hundreds of MB)."""
    probe = f"import sys, {module}; print('spacy' in sys.modules or 'dyads.coder' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
