"""Every widget at its extremes, in random mixes: the home page renders without an exception."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from apptest_helpers import open_tab
from streamlit.testing.v1 import AppTest

from core.text import Lang, t
from ui.link import serialize
from ui.registry import ALL_PARAMS, RATE_BOUNDS
from ui.results import DETAIL_TABS

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def extreme_link(seed: int) -> dict[str, str]:
    """About half the inputs, each at its minimum, its maximum or a random value between."""
    rng = random.Random(seed)
    params: dict[str, str] = {}
    for param in ALL_PARAMS:
        if rng.random() < 0.5 or param.widget == "date" or param.key == "rate":
            continue
        if param.choices:
            value: object = rng.choice(param.choices)
        elif param.widget == "checkbox":
            value = rng.random() < 0.5
        else:
            low = param.minimum or 0.0
            high = min(param.maximum if param.maximum is not None else 1e6, 5_000_000)
            number = rng.choice([low, high, rng.uniform(low, high)])
            value = int(number) if param.integer else round(number, 2)
        text = serialize(param, value)
        if text is not None:
            params[param.key] = text
    unit = params.get("unit", "apr")
    params["rate"] = str(rng.choice([0.0, RATE_BOUNDS[unit][1], RATE_BOUNDS[unit][1] / 3]))
    return params


@pytest.mark.parametrize("seed", range(12))
def test_extreme_inputs_render_without_exception(seed: int):
    at = AppTest.from_file(APP, default_timeout=60)
    at.context = {"locale": "zh-CN" if seed % 2 else "en-US"}
    for key, value in extreme_link(seed).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, extreme_link(seed)
    # Either the comparison is shown, or the page says which inputs do not fit together.
    assert at.metric or at.error
    # Each tab below the charts (only the open one is drawn) renders too.
    lang: Lang = "zh" if seed % 2 else "en"
    for key in DETAIL_TABS[1:]:
        open_tab(at, key, lang)
        assert not at.exception, (key, extreme_link(seed))
        opened = [tab for tab in at.tabs if tab.label == t(key, lang)]
        assert not at.metric or (opened and opened[0].children), key
