"""Benchmark of the calculation core: how long one what-if comparison takes, and why.

Run it from the repository root::

    uv run python bench/bench_core.py            # 300 timed runs per measurement
    uv run python bench/bench_core.py --runs 50  # quicker, noisier

It prints three Markdown tables, ready to paste into the README:

1. ``core.compare(case)`` for a case with one loan, 75 days overdue with three
   installments unpaid, and four proposals that together pull every lever (months
   added; a lower rate and a lump sum; 20 % of the principal waived, 3 holiday months
   and a 5 % intermediary fee; 6 interest-free months, a new repayment method and a
   flat fee to the lender), at 12, 60 and 360 remaining months. Each row is timed
   ``--runs`` times after 20 warm-up calls with ``time.perf_counter_ns``; the table
   gives the median, the 5th and 95th percentiles and their spread, in milliseconds.
   The target (README, "Speed") is a 360-month comparison under 5 ms median on a 2-core
   machine, so the machine's CPU count and Python version are printed too.
2. Where the time goes at 360 months: the median of each piece ``compare`` is made of
   (the contract and proposal schedules, the stay-overdue path, the APR by IRR of
   each option's payments, the summaries' passes over the rows and present values),
   timed on its own with the same inputs ``compare`` gives it, against the median of
   the whole call; what is left is call overhead, copies and dataclass construction.
3. The IRR solver: ``core.monthly_irr`` (Newton's method on numpy arrays) against
   ``numpy_financial.irr`` (the roots of a degree-n polynomial, an n×n eigenvalue
   problem) on 12, 60 and 360 equal installments, with the median time of each and
   the absolute difference of the monthly rates they find. ``numpy_financial.irr`` is
   slow at 360 payments, so there it is timed over at most 20 runs.

Dates are fixed (``Assumptions(today=2026-12-01)``) so every run computes the same
thing. The garbage collector stays on, as it is in the app, which shows in p95.
Everything takes well under a minute with the default 300 runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))  # so that ``python bench/bench_core.py`` finds ``core``

import numpy as np
import numpy_financial as npf

from core import (
    Assumptions,
    Borrower,
    Case,
    Comparison,
    FeePayee,
    Loan,
    LoanCase,
    Method,
    Proposal,
    TrueCost,
    check_apr,
    compare,
    contract_schedule,
    equal_installment_rows,
    legal_line,
    monthly_irr,
    overdue_position,
    proposal_schedule,
    stay_overdue_path,
    true_cost,
    yuan_to_fen,
)
from core.compare import contract_true_cost, present_value
from core.schedules import Schedule, default_first_due, rate_path

TODAY = dt.date(2026, 12, 1)
PRINCIPAL_YUAN = 50_000.0
APR = 0.18
DAYS_OVERDUE = 75  # three installments unpaid
MISSED = 3
MONTHS = (12, 60, 360)
WARMUP = 20
NPF_RUNS_AT_360 = 20
TARGET_MS = 5.0


def build_proposals() -> tuple[Proposal, ...]:
    """The four proposals: together they pull every lever a proposal has."""
    return (
        Proposal(name="P1: +12 months", months_added=12),
        Proposal(name="P2: 12 % APR + ¥5,000 lump sum", new_apr=0.12, lump_sum_yuan=5_000),
        Proposal(
            name="P3: 20 % waived, 3 holiday months, 5 % fee",
            principal_waived_share=0.2,
            holiday_months=3,
            fee_share=0.05,
            fee_payee=FeePayee.INTERMEDIARY,
        ),
        Proposal(
            name="P4: 6 interest-free, equal principal, ¥800 fee",
            interest_free_months=6,
            new_method=Method.EQUAL_PRINCIPAL,
            fee_yuan=800,
            fee_payee=FeePayee.LENDER,
        ),
    )


# --- timing -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Timing:
    """Percentiles of a series of timings, in milliseconds."""

    runs: int
    median: float
    p5: float
    p95: float

    @property
    def spread(self) -> float:
        return self.p95 - self.p5


def measure(call: Callable[[], object], runs: int, warmup: int = WARMUP) -> Timing:
    """Time ``call()`` ``runs`` times after ``warmup`` untimed calls."""
    for _ in range(warmup):
        call()
    samples = np.empty(runs, dtype=np.int64)
    for i in range(runs):
        start = time.perf_counter_ns()
        call()
        samples[i] = time.perf_counter_ns() - start
    p5, median, p95 = np.percentile(samples, [5, 50, 95]) / 1e6
    return Timing(runs, float(median), float(p5), float(p95))


def ms(value: float) -> str:
    return f"{value:.3f}"


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table; columns after the first are right-aligned."""
    align = [":--"] + ["--:"] * (len(header) - 1)
    lines = [header, align, *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


# --- the case -----------------------------------------------------------------------


def overdue_yuan(months: int) -> float:
    """Three unpaid installments of the contract at ``months`` remaining installments."""
    installment = equal_installment_rows(
        yuan_to_fen(PRINCIPAL_YUAN), rate_path(APR / 12, months)
    ).payment[0]
    return MISSED * installment / 100


def build_case(months: int, overdue: float | None = None) -> Case:
    """The benchmark case at ``months`` remaining installments, three of them unpaid."""
    loan = Loan(
        name="benchmark loan",
        principal_yuan=PRINCIPAL_YUAN,
        rate=APR,
        method=Method.EQUAL_INSTALLMENT,
        remaining_months=months,
        days_overdue=DAYS_OVERDUE,
        overdue_amount_yuan=overdue_yuan(months) if overdue is None else overdue,
        other_charges_yuan=200,
        monthly_charge_yuan=50,
    )
    return Case(
        borrower=Borrower(
            monthly_income_yuan=9_000, essential_expenses_yuan=5_000, lump_sum_yuan=6_000
        ),
        loans=(LoanCase(loan=loan, proposals=build_proposals()),),
        assumptions=Assumptions(today=TODAY),
    )


def machine_line() -> str:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    cpus = f"{os.cpu_count()} CPUs" + (f" ({usable} usable by this process)" if usable else "")
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            model = next(
                (line.split(":", 1)[1].strip() for line in info if line.startswith("model name")),
                "",
            )
    except OSError:
        pass
    return (
        f"Machine: {cpus}{', ' + model if model else ''}; {platform.system()} "
        f"{platform.machine()}; {platform.python_implementation()} "
        f"{platform.python_version()}; numpy {np.__version__}."
    )


# --- 1. the whole comparison --------------------------------------------------------


def bench_compare(runs: int) -> dict[int, Timing]:
    print("## 1. `core.compare(case)`: one loan 75 days overdue, four proposals\n")
    print(machine_line())
    print(f"Each row: {runs} timed runs after {WARMUP} warm-up calls.\n")
    timings: dict[int, Timing] = {}
    rows = []
    for months in MONTHS:
        case = build_case(months)
        result = compare(case)
        timing = measure(partial(compare, case), runs)
        timings[months] = timing
        schedule_rows = sum(len(option.schedule) for option in result.options)
        rows.append(
            [
                str(months),
                str(len(result.options)),
                str(schedule_rows),
                ms(timing.median),
                ms(timing.p5),
                ms(timing.p95),
                ms(timing.spread),
            ]
        )
    print(
        table(
            [
                "remaining months",
                "options",
                "schedule rows",
                "median ms",
                "p5 ms",
                "p95 ms",
                "spread (p95−p5) ms",
            ],
            rows,
        )
    )
    at_360 = timings[360].median
    verdict = "met" if at_360 < TARGET_MS else "NOT met"
    print(
        f"\nTarget, 360 months under {TARGET_MS:g} ms median on a 2-core machine: "
        f"{verdict} here ({ms(at_360)} ms, {at_360 / TARGET_MS:.0%} of the budget).\n"
    )
    return timings


# --- 2. where the time goes ---------------------------------------------------------


def summary_irr_inputs(result: Comparison) -> list[tuple[str, float, list[int], TrueCost]]:
    """The (received, payments) each option's summary gives ``true_cost``, and its answer.

    Rebuilt from the published summary figures: the debt financed at signing, net of
    any fee paid then, against the payments from month 1 on.
    """
    total = result.position.total
    inputs: list[tuple[str, float, list[int], TrueCost]] = []
    for option in result.options:
        summary = option.summary
        if summary.apr is None:
            continue
        financed = (
            total
            - summary.principal_waived
            - summary.charges_waived
            - (summary.due_at_signing - summary.fees)
        )
        name = option.name or option.kind.value
        inputs.append(
            (name, financed - summary.fees, option.schedule.cash_flows()[1:], summary.apr)
        )
    return inputs


def summary_passes(schedules: Sequence[Schedule], horizon: int) -> list[object]:
    """The passes over each schedule's rows that the summaries make (present value aside)."""
    out: list[object] = []
    for plan in schedules:
        installments = plan.installments()
        out += [
            max(installments, default=0),
            plan.cash_flows(),
            plan.total_fee,
            plan.total_paid,
            plan.total_principal,
            plan.total_principal,
            plan.total_interest,
            plan.total_arrears,
            plan.months_to_finish,
            plan.position_after(horizon),
        ]
    return out


def bench_pieces(runs: int, whole: Timing) -> None:
    months = 360
    print(f"## 2. Where the time goes at {months} months\n")
    case = build_case(months)
    loan, proposals = case.loans[0].loan, case.loans[0].proposals
    today = TODAY
    first_due = default_first_due(today)
    position = overdue_position(loan)
    line = legal_line(loan, today)
    contract = contract_schedule(loan, position, today=today, first_due=first_due)
    result = compare(case)

    pieces: list[tuple[str, str, Callable[[], object]]] = [
        (
            "setup: overdue_position, legal_line, check_apr",
            "setup",
            lambda: (overdue_position(loan), check_apr(APR, legal_line(loan, today))),
        ),
        (
            "contract_schedule",
            "schedules",
            lambda: contract_schedule(loan, position, today=today, first_due=first_due),
        ),
    ]
    for proposal in proposals:
        pieces.append(
            (
                f"proposal_schedule, {proposal.name}",
                "schedules",
                partial(
                    proposal_schedule, loan, proposal, position, today=today, first_due=first_due
                ),
            )
        )
    horizon = case.assumptions.horizon_months
    pieces.append(
        (
            f"stay_overdue_path ({horizon}-month horizon)",
            "stay overdue",
            lambda: stay_overdue_path(loan, contract, line, today=today, horizon_months=horizon),
        )
    )
    pieces.append(
        (
            "contract_true_cost (rows + IRR on 360 payments)",
            "APR by IRR",
            lambda: contract_true_cost(loan),
        )
    )
    mismatches = []
    for name, received, payments, expected in summary_irr_inputs(result):
        if true_cost(received, payments) != expected:
            mismatches.append(name)
        pieces.append(
            (
                f"true_cost in summary, {name} ({len(payments)} months)",
                "APR by IRR",
                partial(true_cost, received, payments),
            )
        )

    schedules = [option.schedule for option in result.options if len(option.schedule)]
    flows = [plan.cash_flows() for plan in schedules]
    discount = case.assumptions.lender_discount_apr / 12
    pieces.append(
        (
            f"summaries: totals, cash_flows, position_after of the {len(schedules)} schedules",
            "summary passes",
            lambda: summary_passes(schedules, horizon),
        )
    )
    pieces.append(
        (
            f"summaries: present_value of the {len(flows)} lender cash flows",
            "summary passes",
            lambda: [present_value(f, discount) for f in flows],
        )
    )

    rows = []
    by_kind: dict[str, float] = {}
    for label, kind, call in pieces:
        timing = measure(call, runs)
        by_kind[kind] = by_kind.get(kind, 0.0) + timing.median
        rows.append([label, ms(timing.median), f"{timing.median / whole.median:.1%}"])
    timed = sum(by_kind.values())
    rest = whole.median - timed
    rows.append(["**sum of the pieces above**", ms(timed), f"{timed / whole.median:.1%}"])
    rows.append(
        [
            "rest: calls, copies, dataclasses, timing noise",
            ms(rest),
            f"{rest / whole.median:.1%}",
        ]
    )
    rows.append(["**`compare(case)`, whole call (from table 1)**", ms(whole.median), "100.0%"])
    print(f"Median of {runs} runs of each piece, called with the inputs `compare` gives it.\n")
    print(table(["piece (as often as compare calls it)", "median ms", "share of compare"], rows))
    shares = ", ".join(
        f"{kind} {ms(value)} ms ({value / whole.median:.0%})"
        for kind, value in sorted(by_kind.items(), key=lambda item: -item[1])
    )
    print(f"\nBy kind: {shares}, rest {ms(rest)} ms ({rest / whole.median:.0%}).")
    if mismatches:
        print(
            "Note: the rebuilt IRR inputs no longer reproduce the summary APR of "
            f"{', '.join(mismatches)}; core.compare has changed, update this benchmark."
        )
    overdue = overdue_yuan(months)
    validation = measure(lambda: build_case(months, overdue), runs)
    print(
        "Outside `compare`: building and validating the whole `Case` (pydantic: loan, "
        f"borrower, four proposals, assumptions) takes {ms(validation.median)} ms median.\n"
    )


# --- 3. the IRR solver --------------------------------------------------------------


def bench_irr(runs: int) -> None:
    print("## 3. IRR: `core.monthly_irr` (Newton) vs `numpy_financial.irr` (polynomial roots)\n")
    principal = yuan_to_fen(PRINCIPAL_YUAN)
    received = principal * 0.98  # a 2 % fee kept at payout
    print(
        f"Equal installments on ¥{PRINCIPAL_YUAN:,.0f} at {APR:.0%} APR, ¥"
        f"{(principal - received) / 100:,.0f} fee withheld at payout; "
        f"`numpy_financial.irr` at 360 payments over at most {NPF_RUNS_AT_360} runs.\n"
    )
    rows = []
    for n in MONTHS:
        payments = equal_installment_rows(principal, rate_path(APR / 12, n)).payment
        flows = np.array([-received, *payments], dtype=float)
        npf_runs = min(runs, NPF_RUNS_AT_360) if n >= 360 else runs
        newton = measure(partial(monthly_irr, received, payments), runs)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            roots_rate = float(npf.irr(flows))
            roots = measure(
                partial(npf.irr, flows), npf_runs, warmup=min(WARMUP, max(npf_runs // 5, 1))
            )
        newton_rate = monthly_irr(received, payments)
        messages = sorted({type(w.message).__name__ for w in caught})
        difference = abs(newton_rate - roots_rate) if np.isfinite(roots_rate) else float("nan")
        rows.append(
            [
                str(n),
                f"{ms(newton.median)} ({newton.runs})",
                f"{ms(roots.median)} ({roots.runs})",
                f"{roots.median / newton.median:,.0f}×",
                f"{newton_rate:.10f}",
                f"{difference:.1e}",
                ", ".join(messages) or "none",
            ]
        )
    print(
        table(
            [
                "payments",
                "monthly_irr median ms (runs)",
                "npf.irr median ms (runs)",
                "npf / Newton",
                "monthly rate (Newton)",
                "abs difference",
                "npf warnings",
            ],
            rows,
        )
    )
    print()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument(
        "--runs", type=int, default=300, help="timed runs per measurement (default 300)"
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    started = time.perf_counter()
    timings = bench_compare(args.runs)
    bench_pieces(args.runs, timings[360])
    bench_irr(args.runs)
    print(f"Benchmark wall time: {time.perf_counter() - started:.1f} s.")


if __name__ == "__main__":
    main()
