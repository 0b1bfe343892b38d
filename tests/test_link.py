"""The share link: reading links, writing them back, and what a link leaves usable."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import RateUnit
from core.models import EARLIEST_DATE
from core.text import CATALOGS, t
from ui.link import link_params, read_link
from ui.registry import ALL_PARAMS, BY_KEY, bounds, default
from ui.values import case_from_values


class TestReadLink:
    @pytest.mark.parametrize(
        "query, key, reason",
        [
            ({"principal": ["-5"]}, "principal", "out_of_range"),
            ({"rate": ["abc"]}, "rate", "not_a_number"),
            ({"months": ["99999"]}, "months", "out_of_range"),
            ({"months": ["12.5"]}, "months", "not_whole"),
            ({"principal": ["inf"]}, "principal", "not_a_number"),
            ({"principal": ["nan"]}, "principal", "not_a_number"),
            ({"unit": ["weekly"]}, "unit", "not_a_choice"),
            ({"p1_stop": ["maybe"]}, "p1_stop", "not_yes_no"),
            ({"signed": ["2024-02-30"]}, "signed", "not_a_date"),
            ({"signed": ["1985-01-01"]}, "signed", "date_out_of_range"),
            ({"principal": ["1" * 41]}, "principal", "too_long"),
            ({"zzz": ["1"]}, "zzz", "unknown"),
        ],
    )
    def test_each_kind_of_bad_value(self, query, key, reason):
        values, problems = read_link(query)
        assert values == {}
        assert [(p.key, p.reason) for p in problems] == [(key, reason)]

    def test_rate_bounds_follow_the_unit_in_the_same_link(self):
        values, problems = read_link({"rate": ["0.08"], "unit": ["daily"]})
        assert values == {"unit": "daily", "rate": 0.08}
        assert not problems
        _, problems = read_link({"rate": ["50"], "unit": ["daily"]})
        assert problems[0].reason == "out_of_range"

    def test_repeated_key_uses_the_first_value(self):
        values, _ = read_link({"months": ["24", "36"]})
        assert values == {"months": 24}

    def test_empty_optional_number_means_unused(self):
        values, problems = read_link({"p1_rate": [""]})
        assert values == {"p1_rate": None}
        assert not problems

    def test_every_problem_reason_has_a_message(self):
        reasons = {"unknown", "too_long", "not_a_choice", "not_yes_no", "not_a_date"}
        reasons |= {"date_out_of_range", "not_a_number", "not_whole", "out_of_range", "lang"}
        for lang in ("zh", "en"):
            assert all(f"link.{reason}" in CATALOGS[lang] for reason in reasons)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([p.key for p in ALL_PARAMS] + ["lang", "junk", ""]),
        st.lists(st.text(max_size=60), max_size=3),
        max_size=12,
    )
)
def test_any_link_reads_without_error_and_values_stay_in_bounds(query: dict[str, list[str]]):
    values, problems = read_link(query)
    for key, value in values.items():
        param = BY_KEY[key]
        low, high, _ = bounds(param, values)
        if isinstance(value, int | float) and not isinstance(value, bool):
            assert low is None or value >= low
            assert high is None or value <= high
        if param.choices:
            assert value in param.choices
    reported = {p.key for p in problems}
    for key, items in query.items():
        if key != "lang" and items:
            assert key in values or key[:40] in reported
    # Whatever the link held, the page can build a case from what was kept.
    built = case_from_values(values)
    assert built.case is not None or built.errors


valid_values = st.fixed_dictionaries(
    {
        "principal": st.integers(1, 50_000).map(lambda k: k * 100.0),
        "unit": st.sampled_from([u.value for u in RateUnit if u is not RateUnit.FLAT_MONTHLY_FEE]),
        "months": st.integers(1, 360),
        "income": st.integers(0, 2_000).map(lambda k: k * 100.0),
        "p1_add": st.integers(0, 120),
        "p1_rate": st.none() | st.floats(0, 100, allow_nan=False).map(lambda r: round(r, 2)),
        "p1_stop": st.booleans(),
        "signed": st.dates(dt.date(1990, 1, 1), dt.date.today()),
    }
)


@settings(max_examples=200, deadline=None)
@given(valid_values)
def test_link_round_trip(values: dict[str, Any]):
    params = link_params(values)
    read, problems = read_link({key: [value] for key, value in params.items()})
    assert not problems
    full = {key: read.get(key, default(BY_KEY[key], read)) for key in values}
    assert full == values


def test_a_date_before_the_earliest_names_the_earliest_year():
    _, problems = read_link({"signed": ["1985-01-01"]})
    for lang in ("zh", "en"):
        message = t("link.date_out_of_range", lang, **problems[0].context)
        assert str(EARLIEST_DATE.year) in message and "{" not in message
