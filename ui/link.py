"""The share link: widget values to link parameters and back, each value checked.

Pure Python (no Streamlit). A link holds only the values that differ from their default;
reading one keeps every usable value and says why each other one was ignored
(:class:`LinkProblem`, whose reason is a catalog key ``link.<reason>``). The case file
stores its inputs the same way and is read with the same checks.

Every lender travels in the link:

1. The lender being worked on has its inputs as parameters of their own (``principal``,
   ``p1_add``, …), read by :func:`read_link`, exactly as in a link of one lender.
2. ``active=<k>``: its place in the list, 1 to 12 (left out when it is the first).
3. Every other lender ``k`` (its place in the list) has one parameter ``l<k>``: its own
   loan inputs (:data:`LENDER_FIELDS`: the lender's, the loan's and the overdue position's,
   in the registry's order, the name moved last), each written as :func:`serialize` writes
   it and empty at its default, joined by ``~``. Its proposals stay out of the link.
   Because the name comes last, a name may hold ``~``: a value is split at the first 17
   ``~`` only. Empty fields at the end are dropped when the name is empty; a rate at its
   unit's default and the flat-fee method that goes with a flat fee are written empty.
4. Its real bill, when any of it is set, has a parameter ``b<k>`` (:data:`BILL_FIELDS`:
   original principal, money received, original term, joined by ``~``): ``b2=12000~~12``.

``l2=~~30000~daily~0.05~~~24~private~~~90~3200~~~~~借呗`` is 借呗, 30,000 yuan at 0.05 % a
day over 24 months, private lending, 90 days and 3,200 yuan overdue. :func:`read_lenders`
reads ``active`` and ``l<k>`` with the same checks as every other value (a bad field is
said and left at its default, the rest of that lender is kept), and a list with a gap, a
place beyond 12 or an ``active`` that is not free is put right and said.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from core.models import EARLIEST_DATE, MAX_LOANS
from ui.lenders import Lender, own_values
from ui.registry import (
    ALL_PARAMS,
    BY_KEY,
    COUNT_PARAM,
    LANG_PARAM,
    LENDER_PARAMS,
    LOAN_PARAMS,
    OVERDUE_PARAMS,
    Key,
    Param,
    blank_value,
    bounds,
    count,
    default,
)

MAX_TEXT_LENGTH = 40
"""Longest parameter value read from a link: nothing valid here is longer."""


@dataclass(frozen=True, slots=True)
class LinkProblem:
    """A link parameter that was ignored: ``reason`` is a catalog key (``link.<reason>``).

    ``key`` is the parameter, or the input's key for a value of a lender that came in a
    parameter of its own (a link's ``l<k>``, a lender in a case file's list): ``lender``
    is then that lender's place in the list (1-12), else None. ``whole`` is True for the
    whole link, ignored as too long to read (``key`` and ``value`` are then empty).
    """

    key: str
    value: str
    reason: str
    context: dict[str, str] = field(default_factory=dict)
    lender: int | None = None
    whole: bool = False


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
    if param.widget == "text":
        return _parse_text(param, text)
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


def _parse_text(param: Param, text: str) -> tuple[str, LinkProblem | None]:
    """A name: kept as typed (it is always shown as text), cut to its longest with a word."""
    longest = int(param.maximum or MAX_TEXT_LENGTH)
    if len(text) <= longest:
        return text, None
    cut = text[:longest]
    return cut, LinkProblem(param.key, cut + "…", "cut", {"longest": str(longest)})


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


DROPPED_PARAM = "_link_dropped"
"""The one parameter that stands for a whole query string Streamlit refused as too long
(see ``ui.long_links``): ``<limit>~<count>~<most>``, the limit being ``characters`` or
``parameters``. A link that sets it only shows the visitor a message about their own link."""

_DROPPED = re.compile(r"(characters|parameters)~(\d{1,12})~(\d{1,12})")


def dropped_query(query_string: str, most_characters: int, most_parameters: int) -> str:
    """The query string that stands for one too long to read: which limit, and by how much.

    Streamlit ignores the whole query string of an address longer than ``most_characters``
    characters or of more than ``most_parameters`` parameters (it counts the ``&`` signs, plus
    one), the length first.

    >>> dropped_query("a=1&" * 3 + "a=1", 100, 3)
    '_link_dropped=parameters~4~3'
    >>> dropped_query("x" * 101, 100, 3)
    '_link_dropped=characters~101~100'
    """
    if len(query_string) > most_characters:
        limit, count, most = "characters", len(query_string), most_characters
    else:
        limit, count, most = "parameters", query_string.count("&") + 1, most_parameters
    return f"{DROPPED_PARAM}={limit}~{count}~{most}"


def dropped_link(
    query: Mapping[str, Iterable[str]],
) -> tuple[dict[str, list[str]], LinkProblem | None]:
    """The query without the stand-in for a link too long to read, and the problem to say.

    The problem is about the whole link (``whole``). A stand-in that is not one
    :func:`dropped_query` writes stays in the query, an unknown parameter.

    >>> rest, problem = dropped_link({"_link_dropped": ["parameters~1001~1000"], "lang": ["en"]})
    >>> rest, problem.whole, problem.reason, problem.context
    ({'lang': ['en']}, True, 'dropped_parameters', {'count': '1,001', 'most': '1,000'})
    >>> dropped_link({"months": ["24"]})
    ({'months': ['24']}, None)
    """
    rest = {key: list(items) for key, items in query.items()}
    found = _DROPPED.fullmatch(next(iter(rest.get(DROPPED_PARAM) or []), ""))
    if found is None:
        return rest, None
    del rest[DROPPED_PARAM]
    limit, count, most = found.groups()
    context = {"count": f"{int(count):,}", "most": f"{int(most):,}"}
    return rest, LinkProblem("", "", f"dropped_{limit}", context, whole=True)


def read_link(query: Mapping[str, Iterable[str]]) -> tuple[dict[str, Any], list[LinkProblem]]:
    """The usable values of a share link, and a problem for each value that is not.

    ``query`` maps each parameter to all its values (a repeated key uses the first).
    Unknown parameters are reported too. The unit is read first, since the rate's
    bounds depend on it. The other lenders (``active``, ``l<k>``) are left to
    :func:`read_lenders`.

    >>> values, problems = read_link({"principal": ["-5"], "rate": ["abc"], "months": ["24"]})
    >>> values, [(p.key, p.reason) for p in problems]
    ({'months': 24}, [('principal', 'out_of_range'), ('rate', 'not_a_number')])
    """
    raw = {key: list(items) for key, items in query.items()}
    values: dict[str, Any] = {}
    problems: list[LinkProblem] = []
    for key in sorted(raw, key=lambda key: key != Key.UNIT):
        items = raw[key]
        if key == LANG_PARAM.key or is_lender_key(key):
            continue  # the language is read by the page itself, the lenders by read_lenders
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
        if problem is None or value is not None:  # a name cut to length is kept, and said
            values[key] = value
    for param in ALL_PARAMS:  # a flat fee only goes with its method: the unit says it
        implied = param.implied(values)
        if implied is not None and param.key not in values:
            values[param.key] = implied
    for param in ALL_PARAMS:  # a link that sets a new term means no months added, and so on
        other = param.alternative_key
        if other and other not in raw and param.model_value(values.get(param.key)) is not None:
            blank = blank_value(BY_KEY[other])
            if default(BY_KEY[other], values) != blank:  # proposal 1 starts with months added
                values[other] = blank
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
    return written(value)


def written(value: Any) -> str:
    """A value as a link writes it, whatever its input's default.

    >>> written(12_000.0), written(None), written(True)
    ('12000', '', 'true')
    """
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
    for param in ALL_PARAMS:  # both inputs of one idea set: write both, or the reader empties one
        other = param.alternative_key
        if other is None or param.key not in params or other in params:
            continue
        theirs = values.get(other, default(BY_KEY[other], values))
        if param.model_value(values[param.key]) is not None and theirs != blank_value(
            BY_KEY[other]
        ):
            params[other] = written(theirs)
    return params


# --- Every other lender: ``active`` and ``l<k>`` -------------------------------------------

ACTIVE_PARAM = count("active", "", 1, 1, MAX_LOANS)
"""The place (1-12) in the list of the lender whose inputs are the link's own parameters."""
_OWN_PARAMS = (*LENDER_PARAMS, *LOAN_PARAMS, *OVERDUE_PARAMS)
_IN_LENDER_TEXT = tuple(p for p in _OWN_PARAMS if p.group != "bill")
LENDER_FIELDS: tuple[Param, ...] = (
    *(p for p in _IN_LENDER_TEXT if p.widget != "text"),
    *(p for p in _IN_LENDER_TEXT if p.widget == "text"),
)
"""What an ``l<k>`` holds, in its order: free text (the name) last, so that it may hold the
separator."""
BILL_FIELDS: tuple[Param, ...] = tuple(p for p in _OWN_PARAMS if p.group == "bill")
"""What a ``b<k>`` holds, in its order: the real bill of the lender at place k (original
principal, money received, original term). It has a parameter of its own, written only when
one of them is set, so that every ``l<k>`` keeps the fields and order it always had."""
SEPARATOR = "~"
_LENDER_KEY = re.compile(r"l([0-9]+)")
_BILL_KEY = re.compile(r"b([0-9]+)")


def is_lender_key(key: str) -> bool:
    """Whether ``key`` is read by :func:`read_lenders` rather than by :func:`read_link`.

    >>> is_lender_key("active"), is_lender_key("l3"), is_lender_key("lender")
    (True, True, False)
    >>> is_lender_key("b3"), is_lender_key("basis")
    (True, False)
    """
    return (
        key == ACTIVE_PARAM.key
        or _LENDER_KEY.fullmatch(key) is not None
        or _BILL_KEY.fullmatch(key) is not None
    )


def lender_key(place: int) -> str:
    """The link parameter of the lender at ``place`` (1-12) in the list.

    >>> lender_key(3)
    'l3'
    """
    return f"l{place}"


def bill_key(place: int) -> str:
    """The link parameter of the real bill of the lender at ``place`` (1-12) in the list.

    >>> bill_key(3)
    'b3'
    """
    return f"b{place}"


def bill_text(values: Mapping[str, Any]) -> str:
    """One lender's real bill as the value of its ``b<k>``: empty when none of it is set.

    >>> bill_text({"orig": 12_000.0, "origterm": 12}), bill_text({"principal": 5_000.0})
    ('12000~~12', '')
    """
    fields = [_field_text(param, values) for param in BILL_FIELDS]
    while fields and fields[-1] == "":
        fields.pop()
    return SEPARATOR.join(fields)


def lender_text(values: Mapping[str, Any]) -> str:
    """One lender's own loan inputs as the value of its ``l<k>`` (its proposals stay out).

    >>> lender_text({"name": "借呗", "principal": 30_000.0, "unit": "daily", "rate": 0.06,
    ...              "months": 24, "lender": "private", "days": 90, "overdue": 3_200.0})
    '~~30000~daily~0.06~~~24~private~~~90~3200~~~~~借呗'
    >>> lender_text({"principal": 8_000.0, "unit": "daily", "rate": 0.05})
    '~~8000~daily'
    """
    fields = [_field_text(param, values) for param in LENDER_FIELDS]
    while fields and fields[-1] == "":  # only when the name, which comes last, is empty
        fields.pop()
    return SEPARATOR.join(fields)


def _field_text(param: Param, values: Mapping[str, Any]) -> str:
    """One field of an ``l<k>``: as :func:`link_params` writes it, empty at its default."""
    if param.key not in values:
        return ""
    value = values[param.key]
    if param.by_unit is not None and value == default(param, values):
        return ""
    implied = param.implied(values)
    if implied is not None and value == implied:
        return ""  # read back from the unit, as read_link does
    return serialize(param, value) or ""


def read_lender_text(text: str, place: int) -> tuple[dict[str, Any], list[LinkProblem]]:
    """The values of the lender at ``place`` from its ``l<k>``, each checked as
    :func:`read_link` checks it: a bad field is said and left at its default.

    >>> values, problems = read_lender_text("~~-5~daily~~~~24~~~~~~~~~~a~b", 2)
    >>> values, [(p.key, p.reason, p.lender) for p in problems]
    ({'unit': 'daily', 'months': 24, 'name': 'a~b'}, [('principal', 'out_of_range', 2)])
    """
    parts = text.split(SEPARATOR, len(LENDER_FIELDS) - 1)
    query = {param.key: [part] for param, part in zip(LENDER_FIELDS, parts, strict=False) if part}
    values, problems = read_link(query)
    return values, [replace(problem, lender=place) for problem in problems]


def lenders_link_params(lenders: Sequence[Lender], active: int) -> dict[str, str]:
    """The link parameters of every lender but ``lenders[active]`` (the one being worked on,
    whose inputs :func:`link_params` writes), and ``active`` (1-based) unless it is 0.

    >>> lenders_link_params([Lender(1, {"principal": 8_000.0}), Lender(4, {"name": "借呗"})], 1)
    {'active': '2', 'l1': '~~8000'}
    """
    params: dict[str, str] = {}
    if active != 0:
        params[ACTIVE_PARAM.key] = str(active + 1)
    for index, lender in enumerate(lenders):
        if index != active:
            params[lender_key(index + 1)] = lender_text(lender.values)
            bill = bill_text(lender.values)
            if bill:
                params[bill_key(index + 1)] = bill
    return params


@dataclass(frozen=True, slots=True)
class LinkedLenders:
    """The lenders a link holds, in the list's order.

    ``places`` has an entry per lender: its own values as :func:`read_link` reads them
    (only those the link sets), or None for the lender being worked on, whose values are
    the link's own parameters. ``active`` is that lender's index in the list (0-based).
    """

    places: tuple[dict[str, Any] | None, ...]
    active: int
    problems: tuple[LinkProblem, ...]

    def lenders(self, values: Mapping[str, Any]) -> tuple[Lender, ...]:
        """Every lender, numbered 1, 2, … in the list's order; the one being worked on has
        its own values of ``values`` (what :func:`read_link` read from the same link).

        >>> read_lenders({"l2": ["~~8000"]}).lenders({"principal": 5_000.0, "income": 1.0})
        (Lender(id=1, values={'principal': 5000.0}), Lender(id=2, values={'principal': 8000.0}))
        """
        return tuple(
            Lender(number, own_values(values) if own is None else own)
            for number, own in enumerate(self.places, start=1)
        )


def read_lenders(query: Mapping[str, Iterable[str]]) -> LinkedLenders:
    """The other lenders of a share link and the place of the one being worked on.

    Never raises. A link without ``active`` or ``l<k>`` (every link of one lender) holds
    that one lender only. A place beyond 12 is left out; a gap in the places closes up;
    an ``active`` beyond the list or taken by an ``l<k>`` moves to the first free place.

    >>> linked = read_lenders({"active": ["2"], "l1": ["~~8000"], "l3": ["~~x"]})
    >>> linked.places, linked.active
    (({'principal': 8000.0}, None, {}), 1)
    >>> [(p.key, p.reason, p.lender) for p in linked.problems]
    [('principal', 'not_a_number', 3)]
    >>> read_lenders({"principal": ["8000"]})
    LinkedLenders(places=(None,), active=0, problems=())
    """
    problems: list[LinkProblem] = []
    requested = _requested_place(query, problems)
    others = _listed_lenders(query, problems)
    _add_bills(query, others, problems)
    places, active = _arrange(others, requested, problems)
    entries = tuple(None if place == active else others[place] for place in places)
    return LinkedLenders(entries, places.index(active), tuple(problems))


def _requested_place(query: Mapping[str, Iterable[str]], problems: list[LinkProblem]) -> int:
    items = list(query.get(ACTIVE_PARAM.key, ()))
    if not items:
        return int(ACTIVE_PARAM.default)
    place, problem = parse_value(ACTIVE_PARAM, items[0], {})
    if problem is not None:
        problems.append(problem)
        return int(ACTIVE_PARAM.default)
    return int(place)


def _listed_lenders(
    query: Mapping[str, Iterable[str]], problems: list[LinkProblem]
) -> dict[int, dict[str, Any]]:
    """Each ``l<k>``'s values by its place, read in the order of the places."""
    texts: dict[int, str] = {}
    for key, items in query.items():
        found = _LENDER_KEY.fullmatch(key)
        if found is None:
            continue
        first = next(iter(items), None)
        place = _place(found.group(1))
        if place is None:
            text = (first or "")[:MAX_TEXT_LENGTH]
            context = {"most": str(MAX_LOANS)}
            problems.append(LinkProblem(key[:MAX_TEXT_LENGTH], text, "lender_place", context))
        elif first is not None:
            texts[place] = first
    others: dict[int, dict[str, Any]] = {}
    for place in sorted(texts):
        others[place], found_problems = read_lender_text(texts[place], place)
        problems.extend(found_problems)
    return others


def _add_bills(
    query: Mapping[str, Iterable[str]],
    others: dict[int, dict[str, Any]],
    problems: list[LinkProblem],
) -> None:
    """Each ``b<k>``'s values into the lender of its ``l<k>``, checked as :func:`read_link`
    checks them; a ``b<k>`` with no ``l<k>`` beside it is said and left out."""
    for key in sorted(query):
        found = _BILL_KEY.fullmatch(key)
        first = next(iter(query[key]), None)
        if found is None or first is None:
            continue
        place = _place(found.group(1))
        if place is None or place not in others:
            cut = key[:MAX_TEXT_LENGTH], first[:MAX_TEXT_LENGTH]
            problems.append(LinkProblem(*cut, "bill_without_lender"))
            continue
        parts = first.split(SEPARATOR, len(BILL_FIELDS) - 1)
        bill = {param.key: [part] for param, part in zip(BILL_FIELDS, parts, strict=False) if part}
        values, found_problems = read_link(bill)
        others[place] |= values
        problems.extend(replace(problem, lender=place) for problem in found_problems)


def _place(digits: str) -> int | None:
    """The place an ``l<k>`` names, 1 to 12 and written plainly (``l01`` is not ``l1``)."""
    if len(digits) > 2 or digits.startswith("0"):
        return None  # also keeps int() away from a number of thousands of digits
    place = int(digits)
    return place if place <= MAX_LOANS else None


def _arrange(
    others: Mapping[int, Any], requested: int, problems: list[LinkProblem]
) -> tuple[list[int], int]:
    """Every lender's place in order, and the active one's: put right and said if needed."""
    size = len(others) + 1
    active = requested
    if active > size or active in others:
        active = min(set(range(1, size + 1)) - set(others))
    places = sorted({*others, active})
    for missing in sorted(set(range(1, places[-1] + 1)) - set(places)):
        context = {"place": str(missing)}
        problems.append(LinkProblem(lender_key(missing), "", "lender_gap", context))
    if active != requested:
        context = {"count": str(size), "shown": str(places.index(active) + 1)}
        problems.append(LinkProblem(ACTIVE_PARAM.key, str(requested), "lender_moved", context))
    return places, active
