"""The share link: widget values to link parameters and back, each value checked.

Pure Python (no Streamlit). A link holds only the values that differ from their default;
reading one keeps every usable value and says why each other one was ignored
(:class:`LinkProblem`, whose reason is a catalog key ``link.<reason>``). The case file
stores its inputs the same way and is read with the same checks.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from core import Method, RateUnit
from core.models import EARLIEST_DATE
from ui.registry import ALL_PARAMS, BY_KEY, COUNT_PARAM, LANG_PARAM, Key, Param, bounds, default

MAX_TEXT_LENGTH = 40
"""Longest parameter value read from a link: nothing valid here is longer."""


@dataclass(frozen=True, slots=True)
class LinkProblem:
    """A link parameter that was ignored: ``reason`` is a catalog key (``link.<reason>``)."""

    key: str
    value: str
    reason: str
    context: dict[str, str] = field(default_factory=dict)


def parse_value(
    param: Param, raw: str, values: Mapping[str, Any]
) -> tuple[Any, LinkProblem | None]:
    """Read one link value as the widget would hold it, or say why it cannot be used.

    >>> parse_value(BY_KEY["months"], "24", {})
    (24, None)
    >>> parse_value(BY_KEY["months"], "99999", {})[1].reason
    'out_of_range'
    """
    text = raw.strip()
    if len(text) > MAX_TEXT_LENGTH:
        return None, LinkProblem(param.key, raw[:MAX_TEXT_LENGTH] + "…", "too_long")
    if param.widget == "select":
        if text in param.choices:
            return text, None
        return None, LinkProblem(
            param.key, text, "not_a_choice", {"choices": ", ".join(param.choices)}
        )
    if param.widget == "checkbox":
        lowered = text.lower()
        if lowered in ("true", "1", "yes"):
            return True, None
        if lowered in ("false", "0", "no"):
            return False, None
        return None, LinkProblem(param.key, text, "not_yes_no")
    if param.widget == "date":
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            return None, LinkProblem(param.key, text, "not_a_date")
        if not EARLIEST_DATE <= day <= dt.date.today():
            context = {"first": str(EARLIEST_DATE.year)}
            return None, LinkProblem(param.key, text, "date_out_of_range", context)
        return day, None
    if param.optional and text == "":
        return None, None
    return _parse_number(param, text, values)


def _parse_number(
    param: Param, text: str, values: Mapping[str, Any]
) -> tuple[Any, LinkProblem | None]:
    try:
        number = float(text)
    except ValueError:
        return None, LinkProblem(param.key, text, "not_a_number")
    if not math.isfinite(number):
        return None, LinkProblem(param.key, text, "not_a_number")
    if param.integer:
        if not number.is_integer():
            return None, LinkProblem(param.key, text, "not_whole")
        number = int(number)
    low, high, _ = bounds(param, values)
    if (low is not None and number < low) or (high is not None and number > high):
        context = {"min": _plain(low), "max": _plain(high)}
        return None, LinkProblem(param.key, text, "out_of_range", context)
    return number, None


def _plain(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def read_link(query: Mapping[str, Iterable[str]]) -> tuple[dict[str, Any], list[LinkProblem]]:
    """The usable values of a share link, and a problem for each value that is not.

    ``query`` maps each parameter to all its values (a repeated key uses the first).
    Unknown parameters are reported too. The unit is read first, since the rate's
    bounds depend on it.

    >>> values, problems = read_link({"principal": ["-5"], "rate": ["abc"], "months": ["24"]})
    >>> values, [(p.key, p.reason) for p in problems]
    ({'months': 24}, [('principal', 'out_of_range'), ('rate', 'not_a_number')])
    """
    raw = {key: list(items) for key, items in query.items()}
    values: dict[str, Any] = {}
    problems: list[LinkProblem] = []
    for key in sorted(raw, key=lambda key: key != Key.UNIT):
        items = raw[key]
        if key == LANG_PARAM.key:
            continue  # the language is read by the page itself
        param = BY_KEY.get(key)
        if param is None:
            first = (items[0] if items else "")[:MAX_TEXT_LENGTH]
            problems.append(LinkProblem(key[:MAX_TEXT_LENGTH], first, "unknown"))
            continue
        if not items:
            continue
        value, problem = parse_value(param, items[0], values)
        if problem is not None:
            problems.append(problem)
        else:
            values[key] = value
    if values.get(Key.UNIT) == RateUnit.FLAT_MONTHLY_FEE and Key.METHOD not in values:
        values[Key.METHOD] = Method.FLAT_FEE.value  # a flat fee only goes with that method
    return values, problems


def serialize(param: Param, value: Any) -> str | None:
    """How a value is written into a link; None when it is the default (left out).

    An input whose default depends on the unit is always written: only
    :func:`link_params`, which knows the unit, can tell its default.

    >>> serialize(BY_KEY["principal"], 12_000.0), serialize(BY_KEY["months"], 12)
    ('12000', None)
    """
    if value == param.default and param.by_unit is None:
        return None
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


def link_params(values: Mapping[str, Any]) -> dict[str, str]:
    """The share-link parameters for these widget values: only those not at their default.

    A proposal beyond the number shown is left out.

    >>> link_params({"principal": 12_000.0, "np": "1", "p1_add": 6, "p2_add": 6})
    {'principal': '12000', 'np': '1', 'p1_add': '6'}
    """
    params: dict[str, str] = {}
    shown = int(values.get(COUNT_PARAM.key, COUNT_PARAM.default))
    for param in ALL_PARAMS:
        if param.proposal is not None and param.proposal > shown:
            continue
        if param.key not in values:
            continue
        value = values[param.key]
        if param.by_unit is not None and value == default(param, values):
            continue
        text = serialize(param, value)
        if text is not None:
            params[param.key] = text
    return params
