"""`dyads.to_frame`: coded events as a pandas DataFrame with flat, typed columns."""

from __future__ import annotations

import pandas as pd
import pytest

import dyads
from dyads.corpus.rows import EVENT_COLUMNS
from dyads.errors import InputError


def test_events_become_flat_typed_columns(vienna_events):
    frame = dyads.to_frame(vienna_events)
    assert list(frame.columns) == list(EVENT_COLUMNS) and len(frame) == len(vienna_events)
    call = next(i for i, e in enumerate(vienna_events) if e.code == "041")
    event, row = vienna_events[call], frame.iloc[call]
    assert (row.source_code, row.target_code, row.code, row.root_code) == \
        (event.source.code, event.target.code, "041", "04")
    assert row.date == pd.Timestamp(event.date) and row.sentence == event.sentence
    assert (row.place_name, row.place_lat) == (event.place.name, event.place.lat)
    assert row.modifiers == " ".join(event.modifiers)
    assert frame["date"].dtype.kind == "M" and str(frame["quad_class"].dtype) == "Int64"
    assert str(frame["fatalities_low"].dtype) == "Int64" and frame["goldstein"].dtype == "float64"
    assert frame.groupby("root_code").size().sum() == len(vienna_events)


def test_coded_articles_give_their_events_and_an_empty_list_a_typed_frame(vienna_events):
    article = dyads.Article("one", "Iran's foreign minister met his Russian counterpart in Moscow on Monday.")
    coded = list(dyads.code_articles([article, article]))
    frame = dyads.to_frame(coded)
    assert len(frame) == 2 * len(coded[0].events) > 0
    empty = dyads.to_frame([])
    assert list(empty.columns) == list(EVENT_COLUMNS) and len(empty) == 0 and empty["date"].dtype.kind == "M"
    with pytest.raises(InputError, match="takes events or coded articles, not str"):
        dyads.to_frame(["IRN met RUS"])
