"""The input registry: one row per input, its bounds and its conversions."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import widget_values

from core.text import CATALOGS
from ui.registry import (
    ALL_PARAMS,
    BY_KEY,
    COUNT_PARAM,
    LANG_PARAM,
    PROPOSAL_PARAMS,
    RATE_BOUNDS,
    SAME_METHOD,
    Key,
    Param,
    blank_value,
    default,
)

ROOT = Path(__file__).resolve().parent.parent


class TestDefaults:
    def test_rate_default_depends_on_the_unit(self):
        for unit, (_, _, _, rate) in RATE_BOUNDS.items():
            assert default(BY_KEY["rate"], {"unit": unit}) == rate


def widget_value_of(param: Param) -> st.SearchStrategy[Any]:
    """Any value the widget of ``param`` can hold (an optional input may be empty)."""
    if param.widget == "select":
        values: st.SearchStrategy[Any] = st.sampled_from(param.choices)
    elif param.widget == "checkbox":
        values = st.booleans()
    elif param.widget == "text":
        values = st.text(max_size=int(param.maximum or 0))
    else:
        values = widget_values(param)
    return st.none() | values if param.optional else values


LEVERS_AND_NUMBERS = [p for p in ALL_PARAMS if p.widget != "date" and p.by_unit is None]


class TestConversions:
    @pytest.mark.parametrize("param", LEVERS_AND_NUMBERS, ids=lambda p: p.key)
    @settings(max_examples=40, deadline=None)
    @given(data=st.data())
    def test_widget_value_of_the_model_value_is_the_widget_value(self, param: Param, data):
        value = data.draw(widget_value_of(param))
        assert param.widget_value(param.model_value(value)) == value

    @pytest.mark.parametrize("unit", list(RATE_BOUNDS))
    @settings(max_examples=40, deadline=None)
    @given(data=st.data())
    def test_the_rate_converts_both_ways_in_every_unit(self, unit: str, data):
        rate = BY_KEY[Key.RATE]
        value = data.draw(widget_values(rate, unit))
        assert rate.widget_value(rate.model_value(value)) == pytest.approx(value, abs=1e-9)

    @pytest.mark.parametrize(
        "key, widget, model",
        [
            ("p1_add", 0, None),  # no months added: the lever is not used
            ("p1_add", 12, 12),
            ("p1_method", SAME_METHOD, None),
            ("p1_rate", 12.5, 0.125),
            ("p1_pen", 100, 1.0),
            ("afford", 80, 0.8),
            ("basis", "365", 365),
            ("p1_term", None, None),
        ],
    )
    def test_widget_to_model(self, key: str, widget: Any, model: Any):
        assert BY_KEY[key].model_value(widget) == model
        assert BY_KEY[key].widget_value(model) == widget


class TestRows:
    def test_every_label_and_help_is_in_both_catalogs(self):
        for lang in ("zh", "en"):
            for param in (*ALL_PARAMS, LANG_PARAM):
                if param is LANG_PARAM or param is COUNT_PARAM:
                    continue
                units = list(RATE_BOUNDS) if param.by_unit is not None else ["apr"]
                for unit in units:
                    assert param.label_key_for(unit) in CATALOGS[lang], (lang, param.key)
                assert param.help_key in CATALOGS[lang], (lang, param.key)

    def test_proposal_levers_know_their_proposal_and_share_their_catalog_names(self):
        for number, levers in enumerate(PROPOSAL_PARAMS, start=1):
            assert {p.proposal for p in levers} == {number}
            assert [p.key for p in levers] == [f"p{number}_{p.name}" for p in levers]
            assert [p.label_key for p in levers] == [p.label_key for p in PROPOSAL_PARAMS[0]]

    def test_only_the_first_two_proposals_start_with_levers_set(self):
        started = {
            p.key: p.default
            for levers in PROPOSAL_PARAMS
            for p in levers
            if p.default != blank_value(p)
        }
        assert started == {"p1_add": 12, "p2_rate": 12.0, "p2_pen": 100}


SHELL = [
    ROOT / "app.py",
    *sorted((ROOT / "pages").glob("*.py")),
    *sorted((ROOT / "ui").glob("*.py")),
]


@pytest.mark.parametrize("path", SHELL, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_input_is_singled_out_by_its_key_outside_the_registry(path: Path):
    """What sets one input apart is an attribute of its row, never a test of its key."""
    if path.name == "registry.py":
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            keyed = any(isinstance(s, ast.Attribute) and s.attr == "key" for s in sides)
            named = any(
                (isinstance(s, ast.Constant) and isinstance(s.value, str))
                or (isinstance(s, ast.Attribute) and getattr(s.value, "id", "") == "Key")
                or isinstance(s, ast.Tuple | ast.List | ast.Set)
                for s in sides
            )
            assert not (keyed and named), f"{path.name}:{node.lineno} singles out a key"
        if isinstance(node, ast.Subscript):
            value = node.value
            assert not (isinstance(value, ast.Attribute) and value.attr == "key"), (
                f"{path.name}:{node.lineno} reads a key's characters"
            )
