"""Benchmark of the offer ladder: is it fast enough to rerun on every slider move?

Run from the repository root: ``uv run python bench/bench_ladder.py [--runs N]``. Times
``core.ladder.offer_ladder`` (three rungs: the solver's bisections, then a comparison of
the three offers) for a loan 45 days overdue at 12, 36 and 60 months left, with a budget
that needs a longer term, and prints the median and spread. Target: under 20 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core import Assumptions, Borrower, Loan
from core.ladder import offer_ladder

TARGET_MS = 20.0


def time_ladder(months: int, runs: int) -> list[float]:
    loan = Loan(
        principal_yuan=30_000,
        rate=0.24,
        remaining_months=months,
        days_overdue=45,
        overdue_amount_yuan=3_000,
    )
    borrower = Borrower(monthly_income_yuan=5_000, essential_expenses_yuan=4_200)
    assumptions = Assumptions(today=dt.date(2026, 12, 1))
    for _ in range(5):
        offer_ladder(loan, borrower, assumptions)
    samples = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        offer_ladder(loan, borrower, assumptions)
        samples.append((time.perf_counter_ns() - start) / 1e6)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    runs = parser.parse_args().runs
    print(f"Offer ladder, {runs} runs each (CPython {sys.version.split()[0]})\n")
    print("| months left | median ms | p5 ms | p95 ms | target |")
    print("| --: | --: | --: | --: | :-- |")
    for months in (12, 36, 60):
        samples = sorted(time_ladder(months, runs))
        median = statistics.median(samples)
        p5, p95 = samples[len(samples) // 20], samples[len(samples) * 19 // 20]
        verdict = "met" if median < TARGET_MS else "not met"
        print(
            f"| {months} | {median:.2f} | {p5:.2f} | {p95:.2f} | < {TARGET_MS:.0f} ms: {verdict} |"
        )


if __name__ == "__main__":
    main()
