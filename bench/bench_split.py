"""Benchmark of all lenders against one budget: fast enough to rerun on every slider move?

Run from the repository root: ``uv run python bench/bench_split.py [--runs N]``. Times
``core.split.plan_all`` for a case of 12 lenders (the most a case holds: cards, licensed
and private lenders, some overdue, suits filed and threatened) whose budget does not cover every
contract, under both strategies, and prints the median, p5, p95 and the spread (p95 /
median) of the runs. Target: a median under 30 ms.

Beside it, ``core.prepay.prepay`` on those plans, highest cost first and smallest debt
first: what using the money left over adds to ``plan_all``'s median (the ratio column).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core import Assumptions, Borrower, Case, Loan, LoanCase
from core.models import MAX_LOANS, Bureau, Lawsuit, LenderType, Method
from core.prepay import Prepayment, prepay
from core.split import AllLenders, Strategy, plan_all

TARGET_MS = 30.0


def twelve_lenders() -> Case:
    """Twelve lenders of every kind, 3,000 to 58,000 yuan, and a budget short of them all.

    Cards, licensed and private lenders, some overdue, two suits filed and one threatened:
    9,000 yuan a month and 6,000 now against 366,000 yuan owed. ``tests/test_split.py``
    checks the whole picture on this case too.
    """
    loans = [
        Loan(
            principal_yuan=3_000 + 5_000 * k,
            rate=(0.18, 0.24, 0.36, 0.12)[k % 4],
            method=(Method.EQUAL_INSTALLMENT, Method.EQUAL_PRINCIPAL)[k % 2],
            remaining_months=(12, 24, 36)[k % 3],
            days_overdue=(0, 45, 100)[k % 3],
            overdue_amount_yuan=(0, 600, 1_500)[k % 3],
            lender_type=(LenderType.LICENSED, LenderType.CREDIT_CARD, LenderType.PRIVATE)[k % 3],
            reports_to_bureau=(Bureau.YES, Bureau.UNKNOWN, Bureau.NO)[k % 3],
            lawsuit={4: Lawsuit.FILED, 9: Lawsuit.FILED, 7: Lawsuit.THREATENED}.get(
                k, Lawsuit.NONE
            ),
        )
        for k in range(MAX_LOANS)
    ]
    return Case(
        borrower=Borrower(
            monthly_income_yuan=14_000, essential_expenses_yuan=5_000, lump_sum_yuan=6_000
        ),
        loans=tuple(LoanCase(loan=loan) for loan in loans),
        assumptions=Assumptions(today=dt.date(2026, 12, 1)),
    )


def time_plan_all(case: Case, strategy: Strategy, runs: int) -> list[float]:
    for _ in range(3):
        plan_all(case, strategy)
    samples = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        plan_all(case, strategy)
        samples.append((time.perf_counter_ns() - start) / 1e6)
    return samples


def time_prepay(planned: AllLenders, choice: Prepayment, runs: int) -> list[float]:
    for _ in range(3):
        prepay(planned, choice)
    samples = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        prepay(planned, choice)
        samples.append((time.perf_counter_ns() - start) / 1e6)
    return samples


def print_prepay(case: Case, runs: int, plan_all_median: dict[Strategy, float]) -> None:
    """Each strategy's plans prepaid both ways: medians, and the share of ``plan_all``'s."""
    print("\n| plans of | prepaid | median ms | p5 ms | p95 ms | of plan_all | months |")
    print("| :-- | :-- | --: | --: | --: | --: | --: |")
    for strategy in Strategy:
        planned = plan_all(case, strategy)
        for choice in (Prepayment.HIGHEST_COST_FIRST, Prepayment.SMALLEST_DEBT_FIRST):
            samples = sorted(time_prepay(planned, choice, runs))
            median = statistics.median(samples)
            p5, p95 = samples[len(samples) // 20], samples[len(samples) * 19 // 20]
            months = prepay(planned, choice).totals.months_to_clear
            print(
                f"| {strategy.value} | {choice.value} | {median:.2f} | {p5:.2f} | {p95:.2f} "
                f"| {median / plan_all_median[strategy]:.1%} "
                f"| {months} of {planned.totals.months_to_clear} |"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    runs = parser.parse_args().runs
    case = twelve_lenders()
    print(f"plan_all, {len(case.loans)} lenders, {runs} runs each ", end="")
    print(f"(CPython {sys.version.split()[0]})\n")
    print("| strategy | median ms | p5 ms | p95 ms | p95 / median | plans | target |")
    print("| :-- | --: | --: | --: | --: | --: | :-- |")
    medians = {}
    for strategy in Strategy:
        samples = sorted(time_plan_all(case, strategy, runs))
        median = medians[strategy] = statistics.median(samples)
        p5, p95 = samples[len(samples) // 20], samples[len(samples) * 19 // 20]
        planned = sum(lender.plan is not None for lender in plan_all(case, strategy).lenders)
        verdict = "met" if median <= TARGET_MS else "not met"
        print(
            f"| {strategy.value} | {median:.2f} | {p5:.2f} | {p95:.2f} | {p95 / median:.2f} "
            f"| {planned}/{len(case.loans)} | ≤ {TARGET_MS:.0f} ms: {verdict} |"
        )
    print_prepay(case, runs, medians)


if __name__ == "__main__":
    main()
