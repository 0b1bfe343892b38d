"""Hypothesis strategies for the models of ``core``: valid loans, proposals, borrowers, cases.

Every strategy draws only values the models accept, so a test can build them without
``assume``. Money is drawn in whole fen and handed to the models in yuan (``fen / 100``
round-trips exactly through :func:`core.yuan_to_fen`). Ranges are those of real online
loans, kept small enough that a comparison runs in milliseconds.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Sequence
from typing import Any

from hypothesis import strategies as st

from core import (
    Assumptions,
    Borrower,
    Bureau,
    Case,
    FeePayee,
    Lawsuit,
    LenderType,
    Loan,
    LoanCase,
    Method,
    Prepayment,
    Proposal,
    RateUnit,
    Strategy,
    yuan_to_fen,
)
from core.contacts import MAX_ENTRIES, Channel, ContactEntry
from core.models import EARLIEST_DATE, MAX_LENDER_ID, MAX_LOANS
from core.overdue import overdue_position
from core.plans import owed_after_waivers
from ui.casefile import LETTER_LIMITS, MAX_BYTES, SCHEMA, LetterTexts, dump_case
from ui.checklist import ITEMS
from ui.lenders import Lender
from ui.link import LENDER_FIELDS, is_lender_key, read_link
from ui.registry import ALL_PARAMS, BY_KEY, COUNT_PARAM, LANG_PARAM, PROPOSAL_PARAMS, Param, bounds

MAX_PRINCIPAL_FEN = 500_000_000
"""5,000,000 yuan."""

MAX_LOAN_MONTHS = 360

# The largest contract rate drawn for each unit: 50 % a year, 4 % a month, 0.15 % a day,
# and a flat monthly fee of 2 % (which only goes with the flat-fee method).
MAX_RATE_BY_UNIT = {
    RateUnit.APR: 0.5,
    RateUnit.MONTHLY: 0.04,
    RateUnit.DAILY: 0.0015,
    RateUnit.FLAT_MONTHLY_FEE: 0.02,
}

MAX_OVERDUE_DAYS = 720

TODAY = dt.date(2026, 12, 1)
"""A fixed signing date, so that cases (and their due dates) do not depend on the clock."""


def yuan(fen: int) -> float:
    """A whole number of fen as the yuan amount the models take."""
    return fen / 100


def fen_amounts(max_fen: int, min_fen: int = 0) -> st.SearchStrategy[int]:
    return st.integers(min_value=min_fen, max_value=max_fen)


def rates(max_rate: float) -> st.SearchStrategy[float]:
    """Rates from 0 to ``max_rate``, zero included (an interest-free loan is valid)."""
    return st.floats(min_value=0.0, max_value=max_rate, allow_nan=False, allow_infinity=False)


def shares(max_share: float = 1.0) -> st.SearchStrategy[float]:
    return st.floats(min_value=0.0, max_value=max_share, allow_nan=False, allow_infinity=False)


MAX_MONTHLY_RATE = MAX_RATE_BY_UNIT[RateUnit.APR] / 12
"""The largest monthly rate the strategies draw (50 % a year)."""

principal_fen_values = fen_amounts(MAX_PRINCIPAL_FEN, min_fen=1)
monthly_rates = st.floats(
    min_value=0.0, max_value=MAX_MONTHLY_RATE, allow_nan=False, allow_subnormal=False
)


@st.composite
def loans(
    draw: st.DrawFn,
    *,
    methods: Sequence[Method] = tuple(Method),
    units: Sequence[RateUnit] = tuple(RateUnit),
    max_principal_fen: int = MAX_PRINCIPAL_FEN,
    max_months: int = MAX_LOAN_MONTHS,
    overdue: bool | None = None,
) -> Loan:
    """A valid loan: any unit and method (a flat fee forces the flat-fee method).

    ``overdue=True`` always draws an overdue amount or days overdue (and charges),
    ``False`` never does, ``None`` lets Hypothesis choose.
    """
    principal_fen = draw(fen_amounts(max_principal_fen, min_fen=1))
    unit = draw(st.sampled_from(units))
    if unit is RateUnit.FLAT_MONTHLY_FEE:
        method = Method.FLAT_FEE
    else:
        method = draw(st.sampled_from(methods))
    is_overdue = draw(st.booleans()) if overdue is None else overdue
    if is_overdue:
        days_overdue = draw(st.integers(min_value=0, max_value=MAX_OVERDUE_DAYS))
        # At most the principal: the validator allows up to the principal plus a month's
        # interest per missed installment, so this is always accepted. Either the days or
        # the amount may be zero (a statement gives one without the other), not both.
        overdue_fen = draw(fen_amounts(principal_fen, min_fen=0 if days_overdue else 1))
        penalty_fen = draw(st.none() | fen_amounts(principal_fen))
        other_fen = draw(fen_amounts(principal_fen // 10))
        monthly_charge_fen = draw(fen_amounts(principal_fen // 100))
    else:
        days_overdue = overdue_fen = other_fen = monthly_charge_fen = 0
        penalty_fen = None
    return Loan(
        principal_yuan=yuan(principal_fen),
        rate=draw(rates(MAX_RATE_BY_UNIT[unit])),
        rate_unit=unit,
        day_basis=draw(st.sampled_from((360, 365))),
        method=method,
        remaining_months=draw(st.integers(min_value=1, max_value=max_months)),
        days_overdue=days_overdue,
        overdue_amount_yuan=yuan(overdue_fen),
        accrued_penalty_yuan=None if penalty_fen is None else yuan(penalty_fen),
        other_charges_yuan=yuan(other_fen),
        monthly_charge_yuan=yuan(monthly_charge_fen),
        penalty_multiplier=draw(
            st.floats(min_value=1.0, max_value=3.0, allow_nan=False, allow_infinity=False)
        ),
        lender_type=draw(st.sampled_from(LenderType)),
        contract_date=draw(
            st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2025, 12, 31))
        ),
    )


def solver_loans(
    principal_yuan: tuple[int, int], max_months: int, days_overdue: Sequence[int] = (0,)
) -> st.SearchStrategy[Loan]:
    """Loans the solver and the ladder answer exactly: whole yuan, whole basis points of rate
    up to 36 %, equal installments or equal principal (for which a longer term lowers the
    payment), ``days_overdue`` drawn from the values given."""
    return st.builds(
        Loan,
        principal_yuan=st.integers(*principal_yuan).map(float),
        rate=st.integers(0, 3600).map(lambda bp: bp / 10_000),
        remaining_months=st.integers(1, max_months),
        method=st.sampled_from([Method.EQUAL_INSTALLMENT, Method.EQUAL_PRINCIPAL]),
        days_overdue=st.sampled_from(days_overdue),
    )


@st.composite
def proposals(
    draw: st.DrawFn,
    loan: Loan,
    *,
    principal_waiver: bool = True,
    charges_waiver: bool = True,
) -> Proposal:
    """A valid proposal for ``loan``: any mix of levers, each present or not.

    Respects the validators: a new term or months added (never both), the principal
    waived as an amount (at most the principal) or a share (never both), the fee as an
    amount or a share (never both), a lump sum of at most the principal, and a plan of
    at most 600 months. ``principal_waiver=False`` / ``charges_waiver=False`` leave those
    levers out, for tests that add them.
    """
    principal_fen = yuan_to_fen(loan.principal_yuan)
    term_lever = draw(st.sampled_from(("unchanged", "term", "added")))
    term_months = months_added = None
    if term_lever == "term":
        term_months = draw(st.integers(min_value=1, max_value=240))
    elif term_lever == "added":
        room = min(120, 600 - loan.remaining_months)
        months_added = draw(st.integers(min_value=1, max_value=room))
    waived_yuan = waived_share = None
    if principal_waiver:
        waiver_lever = draw(st.sampled_from(("none", "amount", "share")))
        if waiver_lever == "amount":
            waived_yuan = yuan(draw(fen_amounts(principal_fen)))
        elif waiver_lever == "share":
            waived_share = draw(shares())
    fee_lever = draw(st.sampled_from(("none", "amount", "share")))
    fee_yuan = fee_share = None
    if fee_lever == "amount":
        fee_yuan = yuan(draw(fen_amounts(max(principal_fen // 10, 1))))
    elif fee_lever == "share":
        fee_share = draw(shares(0.5))
    proposal = Proposal(
        term_months=term_months,
        months_added=months_added,
        new_apr=draw(st.none() | rates(0.5)),
        principal_waived_yuan=waived_yuan,
        principal_waived_share=waived_share,
        overdue_charges_waived_share=draw(shares()) if charges_waiver else 0.0,
        interest_free_months=draw(st.integers(min_value=0, max_value=24)),
        interest_frozen_for_good=draw(st.booleans()),
        holiday_months=draw(st.integers(min_value=0, max_value=12)),
        holiday_interest_accrues=draw(st.booleans()),
        holiday_payment_yuan=yuan(
            draw(st.sampled_from((0, 0, 100_000)) | fen_amounts(principal_fen // 12))
        ),
        new_method=draw(st.none() | st.sampled_from(Method)),
        fee_yuan=fee_yuan,
        fee_share=fee_share,
        fee_payee=draw(st.sampled_from(FeePayee)),
    )
    # The lump sum at signing: at most everything owed after the waivers, as a case allows.
    owed = owed_after_waivers(proposal, overdue_position(loan))
    lump = yuan(draw(fen_amounts(max(min(principal_fen, owed), 0))))
    return proposal.model_copy(update={"lump_sum_yuan": lump})


@st.composite
def borrowers(draw: st.DrawFn) -> Borrower:
    """A borrower whose expenses may exceed income (disposable income below zero)."""
    return Borrower(
        monthly_income_yuan=yuan(draw(fen_amounts(10_000_000))),
        essential_expenses_yuan=yuan(draw(fen_amounts(10_000_000))),
        lump_sum_yuan=yuan(draw(fen_amounts(100_000_000))),
        later_income_yuan=draw(st.none() | fen_amounts(10_000_000).map(yuan)),
        later_from_month=draw(st.integers(min_value=1, max_value=12)),
    )


@st.composite
def assumptions(draw: st.DrawFn, today: dt.date = TODAY) -> Assumptions:
    return Assumptions(
        acceleration_days=draw(st.integers(min_value=1, max_value=720)),
        horizon_months=draw(st.integers(min_value=1, max_value=60)),
        lender_discount_apr=draw(shares(0.3)),
        recovery_share=draw(shares()),
        recovery_delay_months=draw(st.integers(min_value=0, max_value=60)),
        affordable_share=draw(
            st.floats(min_value=0.01, max_value=1.0, allow_nan=False, allow_infinity=False)
        ),
        today=today,
    )


def build_case(
    loan: Loan,
    proposals: Sequence[Proposal] = (),
    *,
    borrower: Borrower | None = None,
    settings: Assumptions | None = None,
) -> Case:
    """A one-loan case around ``loan`` and its ``proposals``, signed on :data:`TODAY`."""
    return Case(
        borrower=borrower or Borrower(),
        loans=(LoanCase(loan=loan, proposals=tuple(proposals)),),
        assumptions=settings or Assumptions(today=TODAY),
    )


@st.composite
def loan_cases(draw: st.DrawFn, *, max_proposals: int = 4) -> LoanCase:
    """A loan with up to ``max_proposals`` proposals made for it."""
    loan = draw(loans())
    drawn = draw(st.lists(proposals(loan), min_size=0, max_size=max_proposals))
    return LoanCase(loan=loan, proposals=tuple(drawn))


@st.composite
def cases(draw: st.DrawFn, *, max_loans: int = 2, max_proposals: int = 4) -> Case:
    """A whole case: a borrower, one or more loans with proposals, and assumptions."""
    return Case(
        borrower=draw(borrowers()),
        loans=tuple(
            draw(st.lists(loan_cases(max_proposals=max_proposals), min_size=1, max_size=max_loans))
        ),
        assumptions=draw(assumptions()),
    )


# --- Bad input over the whole input surface (tests/test_fuzz_surface.py) -----------------
# Share-link values and case files as a careless or hostile sender could make them: random
# text, numbers at and beyond their bounds, values that are not numbers, very long values,
# and files that are malformed, cut short, deeply nested, too large or of another version.

NASTY_SAMPLES: tuple[str, ...] = (
    "",
    " ",
    "<script>alert(1)</script>",
    "<b>bold</b>",
    '<img src=x onerror="alert(1)">',
    "[a link](https://example.invalid)",
    "**bold** _it_ `code`",
    "&amp; &lt;",
    "'; DROP TABLE cases; --",
    "\x00",
    "\x1b[31m",
    "\u202etxet",
    "１２３",
    "٣٤",
    "1_000",
    "0x10",
    "+5",
    "-0",
    "1e3",
    "∞",
    "\n- a line\n# a heading",
    "{name} {0} %s",
    "😀👨‍👩‍👧",
    "欠款 30000",
)

LONG_LENGTHS: tuple[int, ...] = (41, 10_000)
"""A value just over the 40 characters a link value may have, and a very long one."""


def nasty_text(max_size: int = 60) -> st.SearchStrategy[str]:
    """Text a link or a file may carry: any Unicode (control characters included), HTML,
    Markdown, look-alike digits and a few very long strings."""
    return st.one_of(
        st.sampled_from(NASTY_SAMPLES),
        st.text(max_size=max_size),
        st.builds(
            lambda char, size: char * size,
            st.sampled_from(("9", "a", "中", "<", "%")),
            st.sampled_from(LONG_LENGTHS),
        ),
    )


NOT_FINITE: tuple[str, ...] = ("nan", "NaN", "inf", "-inf", "Infinity", "1e309", "-1e309")

TODAY_REAL = dt.date.today()
"""The clock's date: a share link's contract date may be at most today."""


def _number_text(value: float, style: str) -> str:
    if style == "exp":
        return f"{value:e}"
    if style == "padded":
        return f"  {value}\t"
    if style == "signed" and value >= 0:
        return f"+{value}"
    return str(value)


def _kind(draw: st.DrawFn, good: tuple[str, ...], bad: tuple[str, ...], want: bool | None) -> str:
    """Which sort of value to draw: a usable one, an unusable one, or any (random text too)."""
    if want is True:
        return draw(st.sampled_from(good))
    if want is False:
        return draw(st.sampled_from(bad))
    return draw(st.sampled_from((*good, *bad, "random")))


@st.composite
def link_value(
    draw: st.DrawFn, param: Param, unit: str = "apr", want: bool | None = None
) -> tuple[str, bool | None]:
    """One share-link value for ``param`` and whether it is usable.

    The second item is True for a value the README's table accepts, False for one it
    does not, None for random text (whichever it is). ``unit`` decides the rate's bounds;
    ``want`` asks for a usable (True) or an unusable (False) value only.
    """
    if param.widget == "select":
        return draw(_select_value(param, want))
    if param.widget == "checkbox":
        kind = _kind(draw, ("yes_no",), ("other",), want)
        if kind == "yes_no":
            return draw(
                st.sampled_from(("true", "false", "1", "0", "yes", "no", "TRUE", " No "))
            ), True
        if kind == "other":
            return draw(st.sampled_from(("maybe", "2", "y", "on", "真", "true" * 11))), False
        return draw(nasty_text()), None
    if param.widget == "date":
        return draw(_date_value(want))
    if param.widget == "text":
        longest = int(param.maximum or 0)
        kind = _kind(draw, ("name",), ("too_long",), want)
        if kind == "name":
            return draw(names(longest)), True
        if kind == "too_long":  # kept cut to its longest, and said
            return draw(names(longest * 3, min_size=longest + 1)), False
        return draw(nasty_text()), None
    return draw(_numeric_value(param, unit, want))


def names(max_size: int, min_size: int = 0) -> st.SearchStrategy[str]:
    """A name as typed: any characters a link can carry (HTML and Markdown included), with
    no space at either end (a link's values are read stripped)."""
    typed = st.text(st.characters(codec="utf-8"), min_size=min_size, max_size=max_size)
    return typed.map(str.strip).filter(lambda name: len(name) >= min_size)


@st.composite
def _select_value(draw: st.DrawFn, param: Param, want: bool | None) -> tuple[str, bool | None]:
    kind = _kind(draw, ("choice", "padded"), ("other_case", "long", "near"), want)
    choice = draw(st.sampled_from(param.choices))
    if kind == "choice":
        return choice, True
    if kind == "padded":
        return f" {choice}\t", True
    if kind == "other_case" and choice.upper() != choice:
        return choice.upper(), False
    if kind == "long":
        return (choice or "x") * 41, False
    if kind in ("near", "other_case"):
        return choice + "_", False
    return draw(nasty_text()), None


@st.composite
def _date_value(draw: st.DrawFn, want: bool | None) -> tuple[str, bool | None]:
    first = EARLIEST_DATE
    kind = _kind(draw, ("inside", "edge"), ("beyond", "not_a_date"), want)
    if kind == "inside":
        return draw(st.dates(first, TODAY_REAL)).isoformat(), True
    if kind == "edge":
        return draw(st.sampled_from((first, TODAY_REAL))).isoformat(), True
    if kind == "beyond":
        day = draw(st.sampled_from((first - dt.timedelta(days=1), TODAY_REAL + dt.timedelta(1))))
        return day.isoformat(), False
    if kind == "not_a_date":
        return draw(st.sampled_from(("2024-02-30", "2024-13-01", "01/02/2024", "yesterday"))), False
    return draw(nasty_text()), None


@st.composite
def _numeric_value(
    draw: st.DrawFn, param: Param, unit: str, want: bool | None
) -> tuple[str, bool | None]:
    low, high, step = bounds(param, {"unit": unit})
    assert low is not None and high is not None and step is not None
    good = ("inside", "edge", "empty") if param.optional else ("inside", "edge")
    bad: tuple[str, ...] = ("beyond", "not_finite", "too_long")
    bad += ("not_whole",) if param.integer else ()
    bad += () if param.optional else ("empty",)
    kind = _kind(draw, good, bad, want)
    if kind == "empty":
        return "", bool(param.optional)
    if kind == "not_finite":
        return draw(st.sampled_from(NOT_FINITE)), False
    if kind == "not_whole":
        return f"{low + 0.5}", False
    if kind == "too_long":
        return draw(st.sampled_from(LONG_LENGTHS)) * "0", False
    if kind == "random":
        return draw(nasty_text()), None
    number = draw(_number(param, low, high, step, kind))
    styles = ("repr", "exp", "padded", "signed") if kind != "beyond" else ("repr", "padded")
    text = _number_text(number, draw(st.sampled_from(styles)))
    value = float(text)
    usable = low <= value <= high and (value.is_integer() or not param.integer)
    assert usable == (kind != "beyond"), (param.key, text)
    return text, usable


def _number(
    param: Param, low: float, high: float, step: float, kind: str
) -> st.SearchStrategy[float]:
    """A number inside the bounds, at or next to them, or just beyond them."""
    if kind == "inside":
        if param.integer:
            return st.integers(int(low), int(high))
        return st.floats(low, high, allow_nan=False, allow_infinity=False)
    if kind == "edge":
        near = [x for x in (low, high, low + step, high - step) if low <= x <= high]
        return st.sampled_from([int(x) if param.integer else float(x) for x in near])
    if param.integer:
        return st.sampled_from((int(low) - 1, int(high) + 1, int(high) * 1000 + 1))
    outside = (math.nextafter(low, -math.inf), math.nextafter(high, math.inf))
    return st.sampled_from((*outside, low - step, high + step, -1e300, 1e300))


def widget_values(param: Param, unit: str = "apr") -> st.SearchStrategy[float]:
    """Values a slider or number input sends: on its steps, from its minimum to its maximum.

    The bounds and the step are the registry's (``ui.registry.bounds``); ``unit`` decides
    the rate's. A whole-number input gives ``int``.
    """
    low, high, step = bounds(param, {"unit": unit})
    assert low is not None and high is not None and step is not None
    steps = st.integers(0, round((high - low) / step))
    if param.integer:
        return steps.map(lambda k: int(low + k * step))
    return steps.map(lambda k: round(low + k * step, 9))


UNKNOWN_KEY_EXCLUDED = ("lang", "embed", "embed_options")
"""Not unknown: the language, and the two parameters Streamlit keeps for itself."""


@st.composite
def link_queries(
    draw: st.DrawFn, max_params: int = 16
) -> tuple[dict[str, list[str]], dict[str, bool | None]]:
    """A share link's query: known parameters (some repeated), unknown keys and ``lang``.

    Returns the query (each key with all its values, the first being the one read) and,
    for each known key, whether its first value is usable (None: random text).
    """
    keys = draw(
        st.lists(st.sampled_from([p.key for p in ALL_PARAMS]), unique=True, max_size=max_params)
    )
    keys.sort(key=lambda key: key != "unit")  # the rate's bounds follow the unit
    unit = "apr"
    query: dict[str, list[str]] = {}
    expected: dict[str, bool | None] = {}
    for key in keys:
        text, usable = draw(link_value(BY_KEY[key], unit))
        if key == "unit" and usable:
            unit = text.strip()
        repeats = draw(st.lists(link_value(BY_KEY[key], unit).map(lambda v: v[0]), max_size=2))
        query[key] = [text, *repeats]
        expected[key] = usable
    unknown = draw(
        st.dictionaries(
            nasty_text(max_size=20).filter(
                lambda key: (
                    key not in BY_KEY
                    and key.lower() not in UNKNOWN_KEY_EXCLUDED
                    and not is_lender_key(key)  # the other lenders' (active, l<k>) are known
                )
            ),
            st.lists(nasty_text(), min_size=1, max_size=2),
            max_size=3,
        )
    )
    query.update(unknown)
    language = draw(
        st.none()
        | st.lists(
            st.sampled_from((*LANG_PARAM.choices, " zh ", "ZH", "fr", "")) | nasty_text(),
            min_size=1,
            max_size=2,
        )
    )
    if language is not None:
        query[LANG_PARAM.key] = language
    return query, expected


# JSON for case files: any JSON value, strings with escaped lone surrogates included.
json_strings = nasty_text(max_size=30) | st.sampled_from(("\ud800", "a\udfffb"))
json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | json_strings
)
json_values: st.SearchStrategy[Any] = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(json_strings, inner, max_size=4),
    max_leaves=12,
)


@st.composite
def contact_entries(draw: st.DrawFn) -> ContactEntry:
    """A valid contact-log entry (``core.contacts.ContactEntry``) with any text in it."""
    return ContactEntry(
        when=draw(st.datetimes(dt.datetime(2015, 1, 1), dt.datetime(2030, 12, 31))),
        channel=draw(st.sampled_from(Channel)),
        who=draw(nasty_text(max_size=30).filter(lambda text: len(text) <= 200)),
        said=draw(st.text(max_size=80)),
        proposal=draw(st.none() | st.integers(1, 4)),
        lender=draw(st.none() | st.integers(1, MAX_LENDER_ID)),
        outcome=draw(st.text(max_size=40)),
        follow_up=draw(st.none() | st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31))),
        evidence_kept=draw(st.booleans()),
        they_called=draw(st.booleans()),
    )


@st.composite
def good_link_values(draw: st.DrawFn, max_params: int = 12) -> dict[str, Any]:
    """Widget values a borrower could have entered: some inputs, each at a usable value."""
    keys = draw(
        st.lists(st.sampled_from([p.key for p in ALL_PARAMS]), unique=True, max_size=max_params)
    )
    keys.sort(key=lambda key: key != "unit")
    query: dict[str, list[str]] = {}
    unit = "apr"
    for key in keys:
        text = draw(link_value(BY_KEY[key], unit, want=True))[0]
        query[key] = [text]
        if key == "unit":
            unit = text.strip()
    values, problems = read_link(query)
    assert not problems, problems
    return values


def checklist_ticks() -> st.SearchStrategy[dict[str, bool]]:
    """The checklist's boxes as the page keeps them: some of its items, each ticked or not."""
    return st.dictionaries(st.sampled_from([item.key for item in ITEMS]), st.booleans())


def letter_texts() -> st.SearchStrategy[LetterTexts]:
    """The letter page's texts: any Unicode (line breaks, HTML, Chinese), up to each box's
    limit, the limit itself often."""
    return st.builds(
        LetterTexts,
        **{
            field: st.one_of(st.text(max_size=limit), st.just("中" * limit))
            for field, limit in LETTER_LIMITS.items()
        },
    )


@st.composite
def saved_cases(draw: st.DrawFn) -> bytes:
    """A case file as the app saves it: some inputs, one to four lenders with their
    proposals, some ticks, a few logged contacts."""
    lenders, active = draw(lender_lists(proposals=True, max_size=4))
    return dump_case(
        draw(good_link_values()),
        draw(checklist_ticks()),
        draw(st.lists(contact_entries(), max_size=3)),
        draw(st.datetimes(dt.datetime(2020, 1, 1), dt.datetime(2030, 12, 31))),
        lenders=lenders,
        active=active,
    )


CASE_FILE_DAMAGE: tuple[str, ...] = (
    "none",
    "reformatted",
    "truncated",
    "byte_flipped",
    "value_replaced",
    "key_deleted",
    "key_added",
    "version",
    "schema",
    "out_of_range",
    "deep",
    "huge",
    "random_bytes",
    "not_an_object",
    "encoding",
)
"""What :func:`case_files` does to a saved file (``none`` leaves it as saved)."""


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON document (a path of keys and indexes), the root excepted."""
    found: list[tuple[Any, ...]] = []
    children: list[tuple[Any, Any]] = []
    if isinstance(node, dict):
        children = list(node.items())
    elif isinstance(node, list):
        children = list(enumerate(node))
    for step, child in children:
        found.append((*path, step))
        found.extend(_paths(child, (*path, step)))
    return found


def _parent(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        document = document[step]
    return document


def _dumps(document: Any, draw: st.DrawFn) -> bytes:
    """JSON bytes in one of the ways an editor may write them."""
    indent = draw(st.sampled_from((None, 2)))
    text = json.dumps(document, ensure_ascii=draw(st.booleans()), indent=indent)
    return text.encode("utf-8", "surrogatepass")


@st.composite
def case_files(draw: st.DrawFn, damage: str | None = None) -> tuple[str, bytes]:
    """An uploaded case file: a saved one, damaged in one of the :data:`CASE_FILE_DAMAGE` ways
    (``damage``, or any of them).

    Returns (what was done, the bytes). Files stay small except ``huge`` ones, which
    are just over :data:`ui.casefile.MAX_BYTES` (or exactly at it).
    """
    if damage is None:
        damage = draw(st.sampled_from(CASE_FILE_DAMAGE))
    assert damage in CASE_FILE_DAMAGE, damage
    saved = draw(saved_cases())
    if damage in ("none", "truncated", "byte_flipped", "huge", "random_bytes", "encoding"):
        return damage, draw(_damaged_bytes(damage, saved))
    document = json.loads(saved)
    if damage == "deep":
        return damage, draw(_deep(document))
    if damage == "not_an_object":
        document = draw(json_values.filter(lambda value: not isinstance(value, dict)))
    elif damage in ("value_replaced", "key_deleted", "key_added"):
        document = _edit(draw, damage, document)
    elif damage == "version":
        document["version"] = draw(
            st.integers(-(2**70), 2**70)
            | st.sampled_from((0, 1, 2, 99))
            | st.sampled_from(("1", 1.0, 1.5, True, None, [1]))
        )
    elif damage == "schema":
        document["schema"] = draw(
            st.sampled_from((SCHEMA.upper(), SCHEMA + "/2", SCHEMA + " ", None, 1)) | nasty_text()
        )
    elif damage == "out_of_range":
        document = draw(_out_of_range(document))
    return damage, _dumps(document, draw)


@st.composite
def _damaged_bytes(draw: st.DrawFn, damage: str, saved: bytes) -> bytes:
    if damage == "none":
        return saved
    if damage == "truncated":
        return saved[: draw(st.integers(0, len(saved) - 1))]
    if damage == "byte_flipped":
        at = draw(st.integers(0, len(saved) - 1))
        flipped = saved[at] ^ draw(st.integers(1, 255))
        return saved[:at] + bytes([flipped]) + saved[at + 1 :]
    if damage == "huge":
        size = MAX_BYTES + draw(st.sampled_from((0, 1, 1_000)))
        return saved + b" " * (size - len(saved))
    if damage == "random_bytes":
        return draw(st.binary(max_size=3_000))
    return draw(
        st.sampled_from(
            (
                b"\xef\xbb\xbf" + saved,  # a byte-order mark, as some editors write
                saved.decode("utf-8").encode("utf-16"),
                saved.decode("utf-8").encode("gb18030"),
            )
        )
    )


def _edit(draw: st.DrawFn, damage: str, document: dict[str, Any]) -> dict[str, Any]:
    paths = _paths(document)
    if damage == "value_replaced":
        path = draw(st.sampled_from(paths))
        _parent(document, path)[path[-1]] = draw(json_values)
    elif damage == "key_deleted":
        keyed = [path for path in paths if isinstance(_parent(document, path), dict)]
        path = draw(st.sampled_from(keyed))
        del _parent(document, path)[path[-1]]
    else:
        holders = [()] + [p for p in paths if isinstance(_parent(document, (*p, 0)), dict)]
        path = draw(st.sampled_from(holders))
        holder = document
        for step in path:
            holder = holder[step]
        holder[draw(json_strings)] = draw(json_values)
    return document


@st.composite
def _out_of_range(draw: st.DrawFn, document: dict[str, Any]) -> dict[str, Any]:
    """A value the file's format allows but the tool cannot use, in one part of the file."""
    part = draw(st.sampled_from(("input", "checklist", "log_field", "log_size")))
    if part == "input":
        key = draw(st.sampled_from([p.key for p in ALL_PARAMS]))
        document["inputs"][key] = draw(link_value(BY_KEY[key], want=False))[0]
    elif part == "checklist":
        document["checklist"][draw(json_strings)] = draw(json_values)
    elif part == "log_field":
        if not document["log"]:
            document["log"].append({"when": "2026-12-01T09:30:00"})
        entry = draw(st.sampled_from(document["log"]))
        field, value = draw(
            st.sampled_from(
                (
                    ("when", "9999-12-31T23:59:59"),
                    ("when", "0001-01-01T00:00:00"),
                    ("when", "2026-12-01T09:30:00+08:00"),
                    ("when", "2026-02-30T09:30:00"),
                    ("follow_up", "9999-12-31"),
                    ("follow_up", "0001-01-01"),
                    ("proposal", 0),
                    ("proposal", 5),
                    ("proposal", 2.5),
                    ("channel", "fax"),
                    ("who", "x" * 201),
                    ("said", "x" * 2_001),
                    ("evidence_kept", "maybe"),
                )
            )
        )
        entry[field] = value
    else:
        document["log"] = [{"when": "2026-12-01T09:30:00"}] * (MAX_ENTRIES + 1)
    return document


@st.composite
def _deep(draw: st.DrawFn, document: dict[str, Any]) -> bytes:
    """Nesting far deeper than any case file: on its own, or in place of one of its parts."""
    depth = draw(st.sampled_from((100, 990, 1_000, 10_000, 100_000)))
    opening, closing = draw(st.sampled_from((("[", "]"), ('{"a":', "}"))))
    closed = draw(st.booleans())
    nested = opening * depth + ("0" + closing * depth if closed else "")
    where = draw(st.sampled_from((None, "inputs", "checklist", "log", "version")))
    if where is None:
        return nested.encode()
    document[where] = "__DEEP__"
    return json.dumps(document).replace('"__DEEP__"', nested).encode()


# --- All lenders against one budget (tests/test_split.py) -----------------------------------


@st.composite
def lender_loans(draw: st.DrawFn, **loan_options: Any) -> Loan:
    """A valid loan (:func:`loans`, which takes the same options) with what its lender can
    do: whether it reports to the credit bureau, and a lawsuit threatened or filed, any of each.
    """
    loan = draw(loans(**loan_options))
    return Loan.model_validate(
        {
            **loan.model_dump(),
            "reports_to_bureau": draw(st.sampled_from(Bureau)),
            "lawsuit": draw(st.sampled_from(Lawsuit)),
        }
    )


@st.composite
def household_borrowers(draw: st.DrawFn) -> Borrower:
    """A borrower whose spare income is mostly of the size of a few online loans' payments:
    up to 15,000 yuan a month, sometimes nothing or less (the hardship route)."""
    expenses_fen = draw(fen_amounts(1_000_000))
    if draw(st.integers(min_value=0, max_value=9)) == 0:  # about one case in ten
        spare_fen = draw(st.integers(min_value=-100_000, max_value=0))
    else:
        spare_fen = draw(st.integers(min_value=100, max_value=1_500_000))
    return Borrower(
        monthly_income_yuan=yuan(max(expenses_fen + spare_fen, 0)),
        essential_expenses_yuan=yuan(expenses_fen),
        lump_sum_yuan=yuan(draw(st.sampled_from((0, 0, 100_000, 5_000_000)))),
    )


@st.composite
def lender_cases(
    draw: st.DrawFn,
    *,
    min_loans: int = 1,
    max_loans: int = MAX_LOANS,
    max_principal_fen: int = 10_000_000,
    max_months: int = 60,
) -> Case:
    """A case of several lenders (no proposals: the split solves them) and a household budget.

    Principal up to 100,000 yuan a loan by default, the range of online loans, so that a
    case of twelve plans in a few tens of milliseconds.
    """
    drawn = draw(
        st.lists(
            lender_loans(max_principal_fen=max_principal_fen, max_months=max_months),
            min_size=min_loans,
            max_size=max_loans,
        )
    )
    return Case(
        borrower=draw(household_borrowers()),
        loans=tuple(LoanCase(loan=loan) for loan in drawn),
        assumptions=draw(assumptions()),
    )


split_totals_fen = fen_amounts(10**12)
"""An amount to split, up to 10 billion yuan: far beyond any budget, to stress the integers."""

split_weights = st.lists(fen_amounts(10**10), max_size=MAX_LOANS)
"""Pro-rata weights (debts in fen), zeros included, none at all included."""


# --- Every lender in a share link and a case file (tests/test_link.py, test_casefile.py) ----


def any_widget_value(param: Param, unit: str = "apr") -> st.SearchStrategy[Any]:
    """A value the widget of ``param`` can hold (numbers on its steps, :func:`widget_values`),
    so that a link or a case file gives it back exactly; ``unit`` decides the rate's."""
    if param.widget == "select":
        return st.sampled_from(param.choices)
    if param.widget == "checkbox":
        return st.booleans()
    if param.widget == "date":
        return st.dates(EARLIEST_DATE, TODAY_REAL)
    if param.widget == "text":
        return names(int(param.maximum or 0))
    numbers = widget_values(param, unit)
    return st.none() | numbers if param.optional else numbers


LOAN_KEYS: tuple[str, ...] = tuple(param.key for param in LENDER_FIELDS)
"""A lender's loan inputs: what its ``l<k>`` carries in a link."""
PROPOSAL_KEYS: tuple[str, ...] = (
    COUNT_PARAM.key,
    *(param.key for levers in PROPOSAL_PARAMS for param in levers),
)


@st.composite
def lender_values(draw: st.DrawFn, proposals: bool = False, max_inputs: int = 10) -> dict[str, Any]:
    """One lender's own inputs as the widgets hold them (``ui.lenders.Lender.values``): some
    of its loan inputs and, with ``proposals``, of its proposals, the others left out (at
    their defaults). A flat fee comes with the flat-fee method, as the sidebar sets it."""
    keys = LOAN_KEYS + (PROPOSAL_KEYS if proposals else ())
    chosen = draw(st.lists(st.sampled_from(keys), unique=True, max_size=max_inputs))
    unit = draw(st.sampled_from(BY_KEY["unit"].choices)) if "unit" in chosen else "apr"
    values = {key: draw(any_widget_value(BY_KEY[key], unit)) for key in chosen if key != "unit"}
    if "unit" in chosen:
        values["unit"] = unit
    if unit == RateUnit.FLAT_MONTHLY_FEE.value:
        values["method"] = Method.FLAT_FEE.value
    return values


@st.composite
def lender_lists(
    draw: st.DrawFn, proposals: bool = False, max_size: int = MAX_LOANS
) -> tuple[list[Lender], int]:
    """The list of lenders as the pages keep it (1 to ``max_size``, each numbered, in any
    order of numbers) and the index of the one being worked on."""
    own = draw(st.lists(lender_values(proposals), min_size=1, max_size=max_size))
    ids = draw(st.lists(st.integers(1, 1_000), unique=True, min_size=len(own), max_size=len(own)))
    lenders = [Lender(number, values) for number, values in zip(ids, own, strict=True)]
    return lenders, draw(st.integers(0, len(lenders) - 1))


# --- Using the money left over (tests/test_prepay.py) ---------------------------------------

prepayments = st.sampled_from(Prepayment)
"""Highest cost first, smallest debt first, or not at all."""

split_strategies = st.sampled_from(Strategy)


def small_lender_cases() -> st.SearchStrategy[Case]:
    """A case of 1 to 6 lenders (:func:`lender_cases`) to plan with ``core.split.plan_all``."""
    return lender_cases(min_loans=1, max_loans=6)


@st.composite
def prepay_plans(
    draw: st.DrawFn,
    *,
    methods: Sequence[Method] = (
        Method.EQUAL_INSTALLMENT,
        Method.EQUAL_PRINCIPAL,
        Method.INTEREST_FIRST,
    ),
    max_principal_fen: int = 5_000_000,
) -> tuple[Loan, Proposal]:
    """A loan and a plan for it with the levers prepaying must respect: a payment holiday
    (interest accruing or not), interest-free months, arrears spread over the installments
    (overdue, charges not waived), a lump sum and a fee at signing, a new method."""
    loan = draw(
        loans(
            methods=methods,
            units=(RateUnit.APR, RateUnit.MONTHLY),
            max_principal_fen=max_principal_fen,
            max_months=36,
        )
    )
    principal_fen = yuan_to_fen(loan.principal_yuan)
    proposal = Proposal(
        term_months=draw(st.integers(min_value=1, max_value=48)),
        new_apr=draw(st.none() | rates(0.36)),
        interest_free_months=draw(st.integers(min_value=0, max_value=6)),
        holiday_months=draw(st.integers(min_value=0, max_value=4)),
        holiday_interest_accrues=draw(st.booleans()),
        overdue_charges_waived_share=draw(st.sampled_from((0.0, 0.5))),
        lump_sum_yuan=yuan(draw(fen_amounts(principal_fen // 4))),
        fee_yuan=yuan(draw(fen_amounts(principal_fen // 20))),
        new_method=draw(st.none() | st.sampled_from(methods)),
    )
    return loan, proposal
