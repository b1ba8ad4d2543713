from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
VIENNA = EXAMPLES / "presstv_iran_russia_vienna_talks.txt"
TRUCE_PAGE = EXAMPLES / "presstv_iran_russia_syria_truce_page.txt"
GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="session")
def vienna_events():
    import dyads

    return dyads.code(VIENNA.read_text(encoding="utf-8"), date="2015-12-02")


@pytest.fixture(scope="session")
def truce_events():
    import dyads

    return dyads.code(TRUCE_PAGE.read_text(encoding="utf-8"), date="2016-03-26")
