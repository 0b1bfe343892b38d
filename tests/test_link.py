"""The share link: reading links, writing them back, and what a link leaves usable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import LOAN_KEYS, lender_lists

from core import RateUnit
from core.models import EARLIEST_DATE, MAX_LOANS
from core.text import CATALOGS, t
from ui.lenders import Lender
from ui.link import (
    LinkedLenders,
    LinkProblem,
    lender_text,
    lenders_link_params,
    link_params,
    read_lenders,
    read_link,
)
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


# --- Every lender in the link ---------------------------------------------------------------


def sent(params: Mapping[str, str]) -> dict[str, list[str]]:
    """The query as the server receives a link made of ``params``."""
    return parse_qs(urlencode(params), keep_blank_values=True)


def loan_inputs(values: Mapping[str, Any]) -> dict[str, Any]:
    """A lender's loan inputs, defaults filled in: what its ``l<k>`` must give back."""
    return {key: values.get(key, default(BY_KEY[key], values)) for key in LOAN_KEYS}


def reasons(problems: tuple[LinkProblem, ...] | list[LinkProblem]) -> list[tuple[Any, ...]]:
    return [(p.key, p.reason, p.lender) for p in problems]


class TestLinksMadeBefore:
    """A link without ``active`` or ``l<k>`` (every link made before there were several
    lenders) reads as it always did: these values and problems are what the reader gave
    before the change, and the link holds that one lender only."""

    @pytest.mark.parametrize(
        "link, values, problems",
        [
            (
                "principal=30000&unit=daily&rate=0.05&months=24&np=1&p1_add=12&p1_pen=100&lang=zh",
                {"unit": "daily", "principal": 30000.0, "rate": 0.05, "months": 24, "np": "1"}
                | {"p1_add": 12, "p1_pen": 100},
                [],
            ),
            (
                "principal=-5&rate=abc&months=24",
                {"months": 24},
                [("principal", "out_of_range", None), ("rate", "not_a_number", None)],
            ),
            ("unit=flat_fee&rate=0.6", {"unit": "flat_fee", "rate": 0.6, "method": "flat_fee"}, []),
            (
                "zzz=1&signed=1985-01-01&lender=private",
                {"lender": "private"},
                [("zzz", "unknown", None), ("signed", "date_out_of_range", None)],
            ),
            (
                "name=" + "借" * 45 + "&bureau=yes&suit=filed",
                {"name": "借" * 40, "bureau": "yes", "suit": "filed"},
                [("name", "cut", None)],
            ),
            ("", {}, []),
        ],
    )
    def test_reads_as_before(self, link: str, values: dict[str, Any], problems: list[Any]):
        query = parse_qs(link, keep_blank_values=True)
        read, found = read_link(query)
        assert read == values
        assert reasons(found) == problems
        assert read_lenders(query) == LinkedLenders((None,), 0, ())

    def test_the_lenders_parameters_are_not_unknown_to_read_link(self):
        assert read_link({"active": ["2"], "l2": ["x"], "l99": ["y"], "l01": ["z"]}) == ({}, [])
        _, problems = read_link({"L2": ["x"], "l2x": ["y"], "activ": ["1"]})
        assert [p.key for p in problems] == ["L2", "l2x", "activ"]
        assert {p.reason for p in problems} == {"unknown"}


class TestLenderText:
    def test_written_in_the_registry_order_with_the_name_last(self):
        text = lender_text(
            {"name": "借呗", "principal": 30_000.0, "unit": "daily", "rate": 0.06, "months": 24}
            | {"lender": "private", "days": 90, "overdue": 3_200.0, "bureau": "yes"}
        )
        assert text == "yes~~30000~daily~0.06~~~24~private~~~90~3200~~~~~借呗"

    @pytest.mark.parametrize(
        "values, text",
        [
            ({}, ""),
            ({"principal": 10_000.0, "months": 12, "name": ""}, ""),  # all at their defaults
            ({"unit": "monthly", "rate": 1.5}, "~~~monthly"),  # the unit's default rate
            ({"unit": "flat_fee", "rate": 0.6, "method": "flat_fee"}, "~~~flat_fee"),
            ({"penalty": None, "mult": 2.0}, "~~~~~~~~~~~~~~~~2"),
            ({"name": "~"}, "~" * 17 + "~"),
        ],
    )
    def test_what_can_be_left_out_is(self, values: dict[str, Any], text: str):
        assert lender_text(values) == text

    def test_proposals_stay_out(self):
        assert lender_text({"np": "3", "p1_add": 6, "p3_rate": 9.0}) == ""


@settings(max_examples=150, deadline=None)
@given(listed=lender_lists(), lang=st.sampled_from(["zh", "en"]))
def test_every_lender_round_trips(listed: tuple[list[Lender], int], lang: str):
    lenders, active = listed
    params = link_params(lenders[active].values) | lenders_link_params(lenders, active)
    query = sent(params | {"lang": lang, "income": "9000"})
    values, problems = read_link(query)
    linked = read_lenders(query)
    assert not problems and not linked.problems, (problems, linked.problems)
    assert linked.active == active
    assert len(linked.places) == len(lenders)
    for index, lender in enumerate(linked.lenders(values)):
        assert lender.id == index + 1
        assert loan_inputs(lender.values) == loan_inputs(lenders[index].values), index
    assert values["income"] == 9_000


class TestNames:
    @pytest.mark.parametrize(
        "name",
        [
            "a~b",
            "~",
            "~~开头和结尾~~",
            "<script>alert(1)</script>",
            '<img src=x onerror="alert(1)">',
            "**借呗** [客服](https://example.invalid)",
            "招联好期贷",
            "x" * 40,
            "借" * 40,
        ],
    )
    def test_kept_as_typed(self, name: str):
        lenders = [Lender(1), Lender(2, {"name": name, "principal": 5_000.0})]
        linked = read_lenders(sent(lenders_link_params(lenders, 0)))
        assert linked.problems == ()
        assert linked.places[1] == {"principal": 5_000.0, "name": name}

    @pytest.mark.parametrize("name", ["借" * 41, "a~" * 30, "<b>" * 20])
    def test_a_longer_name_is_cut_and_said(self, name: str):
        lenders = [Lender(1), Lender(2), Lender(3, {"name": name})]
        linked = read_lenders(sent(lenders_link_params(lenders, 1)))
        assert linked.places[2] == {"name": name[:40]}
        assert [(p.key, p.value, p.reason, p.lender) for p in linked.problems] == [
            ("name", name[:40] + "…", "cut", 3)
        ]


def test_twelve_typical_lenders_fit_in_2000_characters():
    """Twelve lenders as a borrower types them (names of two to six Chinese characters,
    amounts to the fen, each rate unit) and the budget: a link that every browser and chat
    app carries."""
    names = ["借呗", "微粒贷", "京东金条", "美团生活费", "招联好期贷", "平安普惠小额贷"[:6]] * 2
    units = [("daily", 0.065), ("apr", 23.9), ("monthly", 1.75), ("flat_fee", 0.79)] * 3
    lenders = [
        Lender(
            number,
            {"name": name, "principal": 123_456.78, "unit": unit, "rate": rate, "months": 36}
            | {"days": 365, "overdue": 12_345.67, "lender": "private" if number % 2 else "licensed"}
            | ({"method": "flat_fee"} if unit == "flat_fee" else {}),
        )
        for number, (name, (unit, rate)) in enumerate(zip(names, units, strict=True), start=1)
    ]
    assert len(lenders) == MAX_LOANS
    budget = {"income": 8_500.0, "expenses": 4_200.0, "cash": 3_000.0}
    active = lenders[4]
    params = link_params(budget | dict(active.values) | {"np": "2", "p1_add": 24, "p2_pen": 50})
    params |= lenders_link_params(lenders, 4) | {"lang": "zh"}
    link = urlencode(params)
    assert len(link) < 2_000, len(link)
    values, problems = read_link(sent(params))
    linked = read_lenders(sent(params))
    assert not problems and not linked.problems
    assert [loan_inputs(lender.values) for lender in linked.lenders(values)] == [
        loan_inputs(lender.values) for lender in lenders
    ]


class TestBadLenders:
    @pytest.mark.parametrize(
        "query, places, active, problems",
        [
            ({"l13": ["~~5000"]}, 1, 0, [("l13", "lender_place", None)]),
            ({"l0": ["~~5000"]}, 1, 0, [("l0", "lender_place", None)]),
            ({"l02": ["~~5000"]}, 1, 0, [("l02", "lender_place", None)]),
            ({"l" + "9" * 5_000: ["x"]}, 1, 0, [("l" + "9" * 39, "lender_place", None)]),
            ({"l3": ["~~5000"]}, 2, 0, [("l2", "lender_gap", None)]),
            (
                {"l2": ["~~5000"], "l5": [""]},
                3,
                0,
                [("l3", "lender_gap", None), ("l4", "lender_gap", None)],
            ),
            ({"active": ["3"], "l2": ["~~5000"]}, 2, 0, [("active", "lender_moved", None)]),
            ({"active": ["2"], "l2": ["~~5000"]}, 2, 0, [("active", "lender_moved", None)]),
            ({"l1": ["~~5000"]}, 2, 1, [("active", "lender_moved", None)]),
            ({"active": ["abc"]}, 1, 0, [("active", "not_a_number", None)]),
            ({"active": ["0"]}, 1, 0, [("active", "out_of_range", None)]),
            ({"active": ["13"]}, 1, 0, [("active", "out_of_range", None)]),
            ({"active": ["1.5"]}, 1, 0, [("active", "not_whole", None)]),
            ({"active": ["9" * 50]}, 1, 0, [("active", "too_long", None)]),
            ({"l2": ["abc"]}, 2, 0, [("bureau", "not_a_choice", 2)]),
            (
                {"l2": ["~~-5~weekly~~~~0"]},
                2,
                0,
                [
                    ("unit", "not_a_choice", 2),
                    ("principal", "out_of_range", 2),
                    ("months", "out_of_range", 2),
                ],
            ),
        ],
    )
    def test_each_kind_of_bad_lender(
        self, query: dict[str, list[str]], places: int, active: int, problems: list[Any]
    ):
        linked = read_lenders(query)
        assert len(linked.places) == places
        assert linked.active == active
        assert reasons(linked.problems) == problems

    def test_a_gap_closes_up_and_is_said_once_per_missing_place(self):
        linked = read_lenders({"l2": ["~~5000"], "l5": ["~~6000"]})
        assert linked.places == (None, {"principal": 5_000.0}, {"principal": 6_000.0})
        assert reasons(linked.problems) == [("l3", "lender_gap", None), ("l4", "lender_gap", None)]

    def test_an_active_place_that_is_taken_moves_to_the_first_free_one(self):
        linked = read_lenders({"active": ["2"], "l2": ["~~5000"], "l3": ["~~6000"]})
        assert linked.places == (None, {"principal": 5_000.0}, {"principal": 6_000.0})
        assert linked.active == 0
        assert linked.problems[-1].context == {"count": "3", "shown": "1"}

    def test_a_bad_field_is_said_and_the_rest_of_the_lender_kept(self):
        linked = read_lenders({"l2": ["~~-5~weekly~abc~~~0~~1985-01-01~~~~~~~~借呗"]})
        assert linked.places[1] == {"name": "借呗"}
        assert reasons(linked.problems) == [
            ("unit", "not_a_choice", 2),
            ("principal", "out_of_range", 2),
            ("rate", "not_a_number", 2),
            ("months", "out_of_range", 2),
            ("signed", "date_out_of_range", 2),
        ]

    def test_a_repeated_parameter_uses_the_first_value(self):
        linked = read_lenders({"l3": ["~~5000", "~~6000"], "active": ["2", "1"], "l1": [""]})
        assert linked.places == ({}, None, {"principal": 5_000.0})
        assert linked.problems == ()

    def test_an_empty_lender_is_a_lender_at_its_defaults(self):
        assert read_lenders({"l2": [""]}).places == (None, {})

    @settings(max_examples=300, deadline=None)
    @given(
        st.dictionaries(
            st.sampled_from(["active", "l1", "l2", "l3", "l7", "l12", "l13", "l0", "l00"])
            | st.text(max_size=4).map(lambda tail: "l" + tail),
            st.lists(st.text(max_size=200) | st.text("~0123456789.-", max_size=60), max_size=2),
            max_size=6,
        )
    )
    def test_any_query_reads_without_error(self, query: dict[str, list[str]]):
        linked = read_lenders(query)
        assert 0 <= linked.active < len(linked.places) <= MAX_LOANS
        assert linked.places[linked.active] is None
        assert sum(place is None for place in linked.places) == 1
        lenders = linked.lenders({})
        assert [lender.id for lender in lenders] == list(range(1, len(lenders) + 1))

    def test_every_new_reason_has_a_message_in_both_languages(self):
        context = {"most": "12", "place": "3", "count": "4", "shown": "2"}
        for reason in ("lender_place", "lender_gap", "lender_moved", "misplaced"):
            for lang in ("zh", "en"):
                assert f"link.{reason}" in CATALOGS[lang]
                message = t(f"link.{reason}", lang, **context)
                chinese = any("\u4e00" <= char <= "\u9fff" for char in message)
                assert "{" not in message and chinese is (lang == "zh"), message


def test_the_readmes_example_of_three_lenders():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    example = readme.split("being\nworked on:\n`?", 1)[1].split("`")[0]
    query = parse_qs(example)
    values, problems = read_link(query)
    linked = read_lenders(query)
    assert not problems and not linked.problems
    lenders = linked.lenders(values)
    assert [lender.values["name"] for lender in lenders] == ["借呗", "微粒贷", "信用卡"]
    assert linked.active == 1
    assert lenders_link_params(lenders, 1) == {k: v[0] for k, v in query.items() if k[0] in "al"}


class TestOneIdeaOneInput:
    @pytest.mark.parametrize(
        "query, other, blank",
        [
            ({"np": ["1"], "p1_term": ["48"]}, "p1_add", 0),
            ({"p2_add": ["6"]}, "p2_term", None),
            ({"p3_waivepct": ["20"]}, "p3_waive", None),
            ({"p4_fee": ["500"]}, "p4_feepct", None),
        ],
    )
    def test_a_link_that_sets_one_empties_the_other(self, query, other, blank):
        values, problems = read_link(query)
        assert not problems and values.get(other, default(BY_KEY[other], values)) == blank
        assert case_from_values(values).errors == {}

    def test_a_link_that_sets_both_keeps_both_and_the_page_says_why(self):
        values, _ = read_link({"np": ["1"], "p1_term": ["48"], "p1_add": ["6"]})
        assert values["p1_term"] == 48 and values["p1_add"] == 6
        assert set(case_from_values(values).errors) == {"p1"}
