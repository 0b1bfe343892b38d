"""The input spec: reading share links, writing them back, and building the case."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import Case, Method, RateUnit
from core.text import CATALOGS
from ui.spec import (
    ALL_PARAMS,
    BY_KEY,
    RATE_BOUNDS,
    bounds,
    case_from_values,
    default,
    link_params,
    read_link,
)


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


class TestCaseFromValues:
    def test_defaults_give_the_default_loan_and_two_empty_proposals(self):
        built = case_from_values({})
        assert built.case is not None
        assert built.case.loans[0].loan == Case().loans[0].loan
        assert built.proposal_numbers == (1, 2)
        assert not built.errors

    def test_percent_inputs_become_fractions(self):
        built = case_from_values(
            {"rate": 24.0, "p1_rate": 12.0, "p1_pen": 50, "afford": 80, "np": "1"}
        )
        assert built.case is not None
        loan_case = built.case.loans[0]
        assert loan_case.loan.rate == pytest.approx(0.24)
        assert loan_case.proposals[0].new_apr == pytest.approx(0.12)
        assert loan_case.proposals[0].overdue_charges_waived_share == pytest.approx(0.5)
        assert built.case.assumptions.affordable_share == pytest.approx(0.8)

    def test_invalid_proposal_is_left_out_and_reported(self):
        built = case_from_values({"np": "3", "p2_waive": 50_000.0, "p3_add": 6})
        assert built.proposal_numbers == (1, 3)
        assert set(built.errors) == {"p2"}

    def test_flat_fee_unit_with_another_method_is_an_error_not_a_crash(self):
        built = case_from_values({"unit": "flat_fee", "method": Method.EQUAL_INSTALLMENT.value})
        assert built.case is None
        assert "loan" in built.errors

    def test_rate_default_depends_on_the_unit(self):
        for unit, (_, _, _, rate) in RATE_BOUNDS.items():
            assert default(BY_KEY["rate"], {"unit": unit}) == rate


def test_flat_fee_link_picks_the_flat_fee_method():
    values, problems = read_link({"unit": ["flat_fee"], "rate": ["0.6"]})
    assert not problems
    built = case_from_values(values)
    assert built.case is not None
    assert built.case.loans[0].loan.method is Method.FLAT_FEE
