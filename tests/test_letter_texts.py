"""The letter, the chat message and the phone script (``ui.letter``): what they say, and
what they never say: the most the borrower could pay."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import pytest

from core import (
    Assumptions,
    Borrower,
    Case,
    Comparison,
    Loan,
    LoanCase,
    Method,
    Proposal,
    compare,
)
from core.text import LANGS, Lang, t
from ui import letter
from ui.format import money, percent
from ui.letter import Details, build_letter

TODAY = dt.date(2026, 12, 1)
KINDS = ("letter", "chat", "script")
HARDSHIP: dict[Lang, str] = {
    "zh": "今年五月我被裁员，三个月后才找到新工作，收入少了三成。",
    "en": "I lost my job in May and found a new one three months later, at a third less pay.",
}
NAME: dict[Lang, str] = {"zh": "张伟", "en": "Zhang Wei"}


def details(lang: Lang, **changes: str) -> Details:
    typed = {"name": NAME[lang], "account": "JB-2024-0101", "hardship": HARDSHIP[lang]}
    return Details(**{**typed, "lender": "借呗", **changes})


def comparison(
    *proposals: Proposal,
    income: float = 6_000,
    expenses: float = 4_500,
    lump_sum: float = 0,
    loan: Loan | None = None,
) -> Comparison:
    borrower = Borrower(
        monthly_income_yuan=income, essential_expenses_yuan=expenses, lump_sum_yuan=lump_sum
    )
    case = Case(
        borrower=borrower,
        assumptions=Assumptions(today=TODAY),
        loans=(LoanCase(loan=loan or Loan(), proposals=proposals),),
    )
    return compare(case)


def written(kind: str, result: Comparison, proposal: Proposal, lang: Lang, **typed: str) -> str:
    """Proposal 0's text of ``kind``, looked up by name (so one kind missing fails alone)."""
    build = getattr(letter, f"build_{kind}")
    text: str = build(result, 0, proposal, details(lang, **typed), lang)
    return text


class TestNeverTheCeiling:
    """The budget is the borrower's walk-away point: the lender never reads it."""

    @pytest.mark.parametrize("lang", LANGS)
    @pytest.mark.parametrize("kind", KINDS)
    def test_the_budget_is_not_named(self, kind: str, lang: Lang):
        asked = Proposal(months_added=12)
        result = comparison(asked)
        budget, payment = (
            money(result.affordable),
            money(result.proposals[0].summary.highest_payment),
        )
        assert budget != payment
        text = written(kind, result, asked, lang)
        assert payment in text  # the ask is there
        assert budget not in text

    @pytest.mark.parametrize("lang", LANGS)
    @pytest.mark.parametrize("kind", KINDS)
    def test_no_income_to_spare_is_said_without_amounts(self, kind: str, lang: Lang):
        asked = Proposal(months_added=12, holiday_months=3, holiday_interest_accrues=False)
        result = comparison(asked, income=3_000, expenses=3_500)
        assert result.affordable == 0
        text = written(kind, result, asked, lang, hardship="")
        assert money(0) not in text  # never "I can pay ¥0.00"
        assert t("letter.no_spare", lang) in text

    @pytest.mark.parametrize("lang", LANGS)
    def test_the_letters_situation_paragraph_holds_no_figure(self, lang: Lang):
        asked = Proposal(months_added=12, holiday_months=3, holiday_interest_accrues=False)
        result = comparison(asked, income=3_000, expenses=3_500)
        text = written("letter", result, asked, lang)
        [situation] = [p for p in text.split("\n\n") if t("letter.no_spare", lang) in p]
        assert HARDSHIP[lang] in situation
        assert "¥" not in situation

    @pytest.mark.parametrize("lang", LANGS)
    @pytest.mark.parametrize("kind", KINDS)
    def test_a_payment_at_signing_stays_a_sign_of_good_faith(self, kind: str, lang: Lang):
        asked = Proposal(months_added=12, lump_sum_yuan=1_000)
        result = comparison(asked, lump_sum=1_000)
        assert money(100_000) in written(kind, result, asked, lang)


class TestClosing:
    def test_a_chinese_letter_ends_with_cizhi_jingli_the_name_and_the_date(self):
        asked = Proposal(months_added=12)
        lines = written("letter", comparison(asked), asked, "zh").splitlines()
        assert lines[-4:] == ["\u3000\u3000此致", "敬礼", "张伟", "2026年12月1日"]

    def test_an_english_letter_ends_yours_sincerely_the_name_and_the_date(self):
        asked = Proposal(months_added=12)
        lines = written("letter", comparison(asked), asked, "en").splitlines()
        assert lines[-3:] == ["Yours sincerely,", "Zhang Wei", "1 December 2026"]

    @pytest.mark.parametrize(
        ("lang", "ending"),
        [
            ("zh", ["\u3000\u3000此致", "敬礼", "2026年12月1日"]),
            ("en", ["Yours sincerely,", "1 December 2026"]),
        ],
    )
    def test_without_a_name_the_date_follows_the_closing(self, lang: Lang, ending: list[str]):
        asked = Proposal(months_added=12)
        lines = written("letter", comparison(asked), asked, lang, name="").splitlines()
        assert lines[-len(ending) :] == ending


class TestTheLendersView:
    """From the lender's side: more than collection or a lawsuit would bring it; no word of
    the borrower defaulting."""

    WORDS: ClassVar[dict[Lang, tuple[tuple[str, ...], tuple[str, ...]]]] = {
        "zh": (("催收", "诉讼"), ("违约", "不还")),
        "en": (("collection", "lawsuit"), ("default", "stop paying")),
    }

    @pytest.mark.parametrize("lang", LANGS)
    @pytest.mark.parametrize("kind", ["letter", "script"])
    def test_the_plan_brings_the_lender_more_than_collection(self, kind: str, lang: Lang):
        asked = Proposal(months_added=12)
        result = comparison(asked)
        summary = result.proposals[0].summary
        assert summary.beats_default_for_lender
        text = written(kind, result, asked, lang)
        [line] = [line for line in text.splitlines() if money(summary.lender_pv) in line]
        assert money(summary.default_recovery_pv) in line
        said, unsaid = self.WORDS[lang]
        assert all(word in line for word in said)
        assert not any(word in text.lower() for word in unsaid)


class TestChat:
    @pytest.mark.parametrize("lang", LANGS)
    def test_names_the_account_the_hardship_the_ask_and_asks_for_writing(self, lang: Lang):
        asked = Proposal(months_added=12, new_apr=0.09)
        result = comparison(asked)
        chat = written("chat", result, asked, lang)
        assert len(chat) <= letter.CHAT_MAX_CHARS[lang]
        assert "\n" not in chat
        for part in (
            "JB-2024-0101",
            HARDSHIP[lang],
            percent(0.09, lang),
            money(result.proposals[0].summary.highest_payment),
            t("letter.ask_term", lang, months=24),
            t("chat.written", lang),
        ):
            assert part in chat

    @pytest.mark.parametrize("lang", LANGS)
    @pytest.mark.parametrize("holiday", [0, 3])
    def test_long_fields_and_a_long_hardship_stay_within_the_limit(self, lang: Lang, holiday: int):
        """The longest account and lender name the page takes and a hardship of the page's
        longest, with a typical ask (the ladder's levers, a payment at signing, a holiday):
        the hardship gives way."""
        asked = Proposal(
            term_months=24,
            new_apr=0.09,
            overdue_charges_waived_share=1.0,
            lump_sum_yuan=1_000,
            holiday_months=holiday,
            holiday_interest_accrues=False,
        )
        overdue = Loan(principal_yuan=48_000, days_overdue=95, overdue_amount_yuan=8_000)
        result = comparison(asked, loan=overdue, lump_sum=1_000)
        gap = "" if lang == "zh" else " "
        hardship = gap.join([HARDSHIP[lang]] * 40)[:1_000]
        account, lender = "0123456789" * 4, ("某某消费金融股份有限公司" * 4)[:40]
        chat = written(
            "chat", result, asked, lang, account=account, lender=lender, hardship=hardship
        )
        assert len(chat) <= letter.CHAT_MAX_CHARS[lang]
        assert account in chat and t("chat.written", lang) in chat
        assert money(result.proposals[0].summary.highest_payment) in chat
        assert HARDSHIP[lang][:24] in chat  # shortened, not dropped
        plain = written("chat", result, asked, lang, account=account, lender=lender, hardship="")
        assert len(plain) <= letter.CHAT_MAX_CHARS[lang]

    @pytest.mark.parametrize(
        ("text", "limit", "expected"),
        [
            ("I was ill. I lost my job. The shop closed.", 28, "I was ill. I lost my job."),
            ("I was ill for 3.5 months and lost my job", 30, "I was ill for 3.5 months and…"),
            ("我病了三个月。后来失业了。店也关了。", 14, "我病了三个月。后来失业了。"),
            ("我病了三个月后来失业了店也关了", 8, "我病了三个月后…"),
            ("Short enough.", 40, "Short enough."),
            ("Line one\nline two", 40, "Line one line two"),
        ],
    )
    def test_shorten_cuts_at_a_sentence_or_with_an_ellipsis(
        self, text: str, limit: int, expected: str
    ):
        shortened = letter.shorten(text, limit)
        assert shortened == expected
        assert len(shortened) <= limit


class TestTheInstallment:
    @pytest.mark.parametrize("lang", LANGS)
    def test_equal_installments_are_named_as_they_are(self, lang: Lang):
        asked = Proposal(months_added=12)
        result = comparison(asked)
        payment = money(result.proposals[0].summary.highest_payment)
        assert t("letter.monthly", lang, payment=payment) in written("letter", result, asked, lang)

    @pytest.mark.parametrize("lang", LANGS)
    def test_falling_installments_are_at_most_the_first(self, lang: Lang):
        asked = Proposal(months_added=12, new_method=Method.EQUAL_PRINCIPAL)
        result = comparison(asked)
        payment = money(result.proposals[0].summary.highest_payment)
        text = written("letter", result, asked, lang)
        assert t("letter.monthly_most", lang, payment=payment) in text


class TestHolidayFirst:
    @pytest.mark.parametrize("lang", LANGS)
    @pytest.mark.parametrize("kind", KINDS)
    def test_a_holiday_with_interest_stopped_is_asked_for_first(self, kind: str, lang: Lang):
        asked = Proposal(
            months_added=12, new_apr=0.09, holiday_months=3, holiday_interest_accrues=False
        )
        result = comparison(asked)
        text = written(kind, result, asked, lang)
        holiday = t("letter.ask_holiday_stop", lang, months=3)
        assert holiday in text
        assert "停息挂账" in holiday
        assert text.index(holiday) < text.index(t("letter.ask_term", lang, months=24))
        assert text.index(holiday) < text.index(percent(0.09, lang))

    @pytest.mark.parametrize("lang", LANGS)
    def test_a_holiday_with_interest_running_says_so(self, lang: Lang):
        asked = Proposal(months_added=12, holiday_months=3)
        text = written("letter", comparison(asked), asked, lang)
        assert t("letter.ask_holiday", lang, months=3) in text
        assert "停息挂账" not in text

    def test_interest_free_months_covering_the_holiday_stop_its_interest(self):
        asked = Proposal(months_added=12, holiday_months=3, interest_free_months=3)
        assert letter.holiday_interest_stops(asked)
        terms = letter.ask_terms(asked, comparison(asked).proposals[0], "en")
        holiday = t("letter.ask_holiday_stop", "en", months=3)
        then = t(
            "letter.ask_then", "en", holiday=holiday, terms=t("letter.ask_term", "en", months=24)
        )
        assert terms == then  # no interest said once, by the holiday


class TestRealBill:
    """Fees deducted at payout (砍头息): the letter, not the chat, says what was received."""

    DEDUCTED = Loan(principal_yuan=10_000, received_yuan=9_000)

    @pytest.mark.parametrize("lang", LANGS)
    def test_the_letter_names_the_money_received_and_the_legal_line(self, lang: Lang):
        asked = Proposal(months_added=12, new_apr=0.12)
        result = comparison(asked, loan=self.DEDUCTED)
        assert result.contract_cost is not None and result.lawfulness.above
        text = letter.build_letter(result, 0, asked, details(lang), lang, loan=self.DEDUCTED)
        apr = percent(result.contract_cost.nominal_apr, lang)
        assert (
            t("letter.payout", lang, received="¥9,000.00", original="¥10,000.00", apr=apr) in text
        )
        assert t("letter.payout_above", lang, line=percent(0.24, lang)) in text
        chat = letter.write("chat", result, 0, asked, details(lang), lang, loan=self.DEDUCTED)
        assert "¥9,000.00" not in chat

    def test_nothing_deducted_nothing_said(self):
        asked = Proposal(months_added=12)
        result = comparison(asked)
        text = letter.build_letter(result, 0, asked, details("en"), "en", loan=Loan())
        assert "paid out" not in text


class TestBudgetWarning:
    def test_a_plan_that_fits_needs_no_warning(self):
        asked = Proposal(months_added=12)
        assert letter.budget_warning(comparison(asked), 0, asked, 0, "en") is None

    @pytest.mark.parametrize("lang", LANGS)
    def test_names_the_payment_and_the_budget(self, lang: Lang):
        asked = Proposal(months_added=1)
        result = comparison(asked, income=3_600, expenses=3_500)
        warning = letter.budget_warning(result, 0, asked, 0, lang)
        assert warning is not None
        payment = money(result.proposals[0].summary.highest_payment)
        assert (
            t("letter.over_budget", lang, payment=payment, budget=money(result.affordable))
            in warning
        )

    @pytest.mark.parametrize("lang", LANGS)
    def test_no_income_to_spare_points_to_a_holiday(self, lang: Lang):
        asked = Proposal(months_added=12, holiday_months=3, holiday_interest_accrues=False)
        result = comparison(asked, income=3_000, expenses=3_500)
        warning = letter.budget_warning(result, 0, asked, 0, lang)
        assert warning is not None
        assert t("letter.no_spare_warning", lang, step=t("way.ask", lang)) in warning
        assert "停息挂账" in warning
        payment = money(result.proposals[0].summary.highest_payment)
        assert t("letter.no_spare_holiday", lang, months=3, payment=payment) in warning


@pytest.mark.parametrize(("lang", "expected"), [("zh", "2026年12月1日"), ("en", "1 December 2026")])
def test_letter_date(lang: Lang, expected: str):
    assert letter.letter_date(TODAY, lang) == expected


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_pause_says_when_income_is_expected_back_but_not_how_much(lang: Lang):
    from ui.guide_cases import case_study_values
    from ui.values import case_from_values

    built = case_from_values(case_study_values("illness"))  # income back from month 4
    assert built.case is not None
    result = compare(built.case)
    proposal = built.case.loans[0].proposals[0]
    text = build_letter(result, 0, proposal, Details(), lang)
    assert t("letter.recovery", lang, months=3) in text
    assert money(result.budget.later or 0) not in text
    assert "5,000" not in text  # the later income itself
