"""Legal lines (domain.md §3): which applies, with its date and source, and the boundary."""

from __future__ import annotations

import datetime as dt
import itertools
import pickle
import re
from typing import ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import (
    Assumptions,
    Borrower,
    LenderType,
    Loan,
    Method,
    check_apr,
    compare_loan,
    legal_line,
    lpr_on,
    monthly_irr,
)
from core.legal import (
    CARD_PLAN_SOURCE,
    CREDIT_CARD_LINE,
    LICENSED_LENDER_LINE,
    LPR_FIXINGS,
    MALICIOUS_OVERDRAFT_AMOUNT,
    PRIVATE_LENDING_SOURCE,
    Source,
    fen_rounding_tolerance,
    private_lending_line,
)
from core.schedules import equal_installment_rows
from core.text import Lang, t

TODAY = dt.date(2026, 11, 28)


class TestLpr:
    @pytest.mark.parametrize(
        "day, rate",
        [
            (dt.date(2020, 8, 20), 0.0385),
            (dt.date(2021, 12, 19), 0.0385),
            (dt.date(2021, 12, 20), 0.0380),
            (dt.date(2022, 8, 22), 0.0365),
            (dt.date(2024, 10, 20), 0.0335),
            (dt.date(2024, 10, 21), 0.0310),
            (dt.date(2025, 5, 20), 0.0300),
            (TODAY, 0.0300),
        ],
    )
    def test_fixing_in_force(self, day, rate):
        assert lpr_on(day).rate == rate

    def test_table_is_in_date_order(self):
        dates = [f.effective for f in LPR_FIXINGS]
        assert dates == sorted(dates)


class TestLegalLine:
    @pytest.mark.parametrize(
        "lender_type, contract_date, rate, key",
        [
            (LenderType.LICENSED, dt.date(2024, 1, 1), 0.24, "licensed"),
            (LenderType.PRIVATE, dt.date(2025, 6, 1), 0.12, "private"),
            (LenderType.PRIVATE, dt.date(2022, 3, 1), 0.148, "private"),
            (LenderType.PRIVATE, dt.date(2020, 9, 1), 0.154, "private"),
            # Signed before 2020-08-20: the line uses the LPR in force now (Art. 31).
            (LenderType.PRIVATE, dt.date(2019, 5, 1), 0.12, "private_transitional"),
            (LenderType.CREDIT_CARD, dt.date(2024, 1, 1), None, "credit_card"),
        ],
    )
    def test_line_for_lender_type(self, lender_type, contract_date, rate, key):
        line = legal_line(Loan(lender_type=lender_type, contract_date=contract_date), TODAY)
        assert line.annual_rate == rate
        assert line.key == key
        assert line.source
        assert isinstance(line.effective, dt.date)

    def test_private_line_names_the_lpr_it_used(self):
        line = private_lending_line(dt.date(2023, 7, 1), TODAY)
        assert line.lpr is not None
        assert line.lpr.effective == dt.date(2023, 6, 20)
        assert line.annual_rate == pytest.approx(4 * 0.0355)


class TestCheckApr:
    @pytest.mark.parametrize(
        "apr, line, above, excess",
        [
            (0.2399, LICENSED_LENDER_LINE, False, 0.0),
            (0.24, LICENSED_LENDER_LINE, False, 0.0),
            (0.24 + 1e-15, LICENSED_LENDER_LINE, False, 0.0),
            (0.2401, LICENSED_LENDER_LINE, True, 0.0001),
            (0.36, LICENSED_LENDER_LINE, True, 0.12),
            (0.1199, private_lending_line(dt.date(2025, 6, 1), TODAY), False, 0.0),
            (0.12, private_lending_line(dt.date(2025, 6, 1), TODAY), False, 0.0),
            (0.1201, private_lending_line(dt.date(2025, 6, 1), TODAY), True, 0.0001),
            (3.65, CREDIT_CARD_LINE, False, 0.0),
        ],
    )
    def test_each_side_of_each_line(self, apr, line, above, excess):
        check = check_apr(apr, line)
        assert check.above is above
        assert check.excess == pytest.approx(excess, abs=1e-12)


class TestSourcesInTheReadersLanguage:
    """Issue 13: a source is cited 第…条 on a Chinese page, Art. … on an English one."""

    SOURCES = (
        LICENSED_LENDER_LINE.source,
        CREDIT_CARD_LINE.source,
        PRIVATE_LENDING_SOURCE,
        MALICIOUS_OVERDRAFT_AMOUNT.source,
        CARD_PLAN_SOURCE,
    )

    @pytest.mark.parametrize("source", SOURCES, ids=str)
    def test_chinese_citation_has_no_english(self, source: Source):
        zh = source.cite("zh")
        assert not re.search(r"[A-Za-z]", zh), zh
        articles = [a for doc in source.documents for a in doc.articles]
        for number in articles:
            assert str(number) in zh and str(number) in source.cite("en")
        if articles:
            assert "条" in zh and "Art" in source.cite("en")

    def test_articles_in_each_language(self):
        assert PRIVATE_LENDING_SOURCE.cite("zh").endswith("（法释〔2020〕17号）第25、29、31条")
        assert PRIVATE_LENDING_SOURCE.cite("en").endswith(", 法释〔2020〕17号, Arts. 25, 29, 31")
        assert str(MALICIOUS_OVERDRAFT_AMOUNT.source).endswith(
            ", as amended by 法释〔2018〕19号, Art. 8"
        )

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_a_template_cites_in_its_own_language(self, lang: Lang):
        for line in (LICENSED_LENDER_LINE, CREDIT_CARD_LINE):
            text = t("legal.source", lang, source=line.source, date=line.effective.isoformat())
            assert line.source.cite(lang) in text and line.effective.isoformat() in text

    def test_the_credit_card_source_does_not_repeat_the_rule(self):
        for lang in ("zh", "en"):
            cited = CREDIT_CARD_LINE.source.cite(lang)
            assert "中国人民银行公告〔2021〕第3号" in cited
            assert "cap" not in cited and "上下限" not in cited

    def test_a_line_survives_a_copy(self):
        assert pickle.loads(pickle.dumps(LICENSED_LENDER_LINE)) == LICENSED_LENDER_LINE


class TestARateOnTheLineIsOnIt:
    """Issue 14: rounding payments to the fen never lifts a rate on the line above it.

    The contract's APR is the IRR of its schedule, whose payments are rounded to the fen;
    that moves the IRR by up to a few millionths. Through ``compare_loan``, exactly as
    the home page computes it.
    """

    PRINCIPALS = (3_000, 4_567.89, 10_000, 12_345.67, 50_000, 200_000, 1_000_000)
    TERMS = (1, 2, 3, 5, 6, 12, 18, 24, 36, 60, 120, 360)
    METHODS = (Method.EQUAL_INSTALLMENT, Method.EQUAL_PRINCIPAL, Method.INTEREST_FIRST)
    # A private loan signed after the 2025-05-20 fixing: 4 × 3.00 % = 12 %.
    PRIVATE: ClassVar[dict[str, object]] = {
        "lender_type": LenderType.PRIVATE,
        "contract_date": dt.date(2025, 6, 1),
    }

    @staticmethod
    def check(rate: float, **fields):
        loan = Loan(rate=rate, **fields)
        return compare_loan(loan, (), Borrower(), Assumptions(today=TODAY)).lawfulness

    def grid(self):
        return itertools.product(self.METHODS, self.PRINCIPALS, self.TERMS)

    def test_the_default_loan_at_24_percent_is_on_the_line(self):
        check = self.check(0.24)
        assert check.apr > 0.24  # rounding lifted the IRR ...
        assert not check.above and check.excess == 0.0  # ... but not the verdict

    @pytest.mark.parametrize("rate, fields", [(0.24, {}), (0.12, PRIVATE)], ids=["24", "12"])
    def test_exactly_on_the_line_is_never_above(self, rate, fields):
        flagged = [
            (method.value, principal, months)
            for method, principal, months in self.grid()
            if self.check(
                rate, method=method, principal_yuan=principal, remaining_months=months, **fields
            ).above
        ]
        assert flagged == []

    @pytest.mark.parametrize("rate, fields", [(0.2401, {}), (0.1201, PRIVATE)], ids=["24", "12"])
    def test_a_hundredth_of_a_point_above_is_always_above(self, rate, fields):
        for method, principal, months in self.grid():
            check = self.check(
                rate, method=method, principal_yuan=principal, remaining_months=months, **fields
            )
            assert check.above, (method, principal, months)
            assert check.excess == pytest.approx(0.0001, abs=3e-5)  # fen rounding moves it

    @settings(max_examples=60, deadline=None)
    @given(
        method=st.sampled_from(METHODS),
        principal_fen=st.integers(300_000, 500_000_000),
        months=st.integers(1, 360),
        private=st.booleans(),
    )
    def test_any_loan_on_the_line_is_within_it(self, method, principal_fen, months, private):
        rate, fields = (0.12, self.PRIVATE) if private else (0.24, {})
        check = self.check(
            rate,
            method=method,
            principal_yuan=principal_fen / 100,
            remaining_months=months,
            **fields,
        )
        assert not check.above


class TestFenRoundingTolerance:
    def test_first_order_effect_of_a_fen_on_every_payment(self):
        # The bound is the IRR change from raising every payment by one fen, to first order.
        payments = list(equal_installment_rows(1_000_000, [0.02] * 12).payment)
        rate = monthly_irr(1_000_000, payments)
        raised = monthly_irr(1_000_000, [p + 1 for p in payments])
        tolerance = fen_rounding_tolerance(payments, rate)
        assert tolerance == pytest.approx(12 * (raised - rate), rel=1e-3)
        assert 1e-5 < tolerance < 1e-4  # 0.002 points a year on 10,000 yuan

    def test_shrinks_with_the_principal(self):
        small, large = (
            fen_rounding_tolerance(list(equal_installment_rows(p, [0.02] * 12).payment), 0.02)
            for p in (100_000, 10_000_000)
        )
        assert small == pytest.approx(100 * large, rel=1e-2)

    def test_check_apr_treats_a_rate_within_the_tolerance_as_on_the_line(self):
        line = LICENSED_LENDER_LINE
        assert not check_apr(0.24 + 9e-6, line, tolerance=1e-5).above
        above = check_apr(0.24 + 2e-5, line, tolerance=1e-5)
        assert above.above and above.excess == pytest.approx(2e-5)
        assert check_apr(0.24 + 9e-6, line).above  # no tolerance: strictly the line
        assert not check_apr(0.5, CREDIT_CARD_LINE, tolerance=1e-5).above
