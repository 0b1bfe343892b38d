"""Legal lines (domain.md §3): which applies, with its date and source, and the boundary."""

from __future__ import annotations

import datetime as dt
import pickle
import re

import pytest

from core import LenderType, Loan, check_apr, legal_line, lpr_on
from core.legal import (
    CARD_PLAN_SOURCE,
    CREDIT_CARD_LINE,
    LICENSED_LENDER_LINE,
    LPR_FIXINGS,
    MALICIOUS_OVERDRAFT_AMOUNT,
    PRIVATE_LENDING_SOURCE,
    Source,
    private_lending_line,
)
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
