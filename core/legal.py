"""Legal numbers, each with its date and source, in one place (domain.md §3).

A new LPR fixing or a new rule is a one-line change here: add a row to ``LPR_FIXINGS``
or edit a ``LegalLine``. Nothing else in the project spells out a legal number. Sources are
kept as documents and article numbers (``Source``), cited in the page's language: 第25条 on
a Chinese page, Art. 25 on an English one (the words come from the text catalogs).
Confidence marks follow domain.md: "H" high (primary text), "M" medium, "L" low.

Every line, amount and rule carries the date its numbers were last checked against their
sources (``last_checked``); :func:`is_stale` says when that is more than
``STALE_AFTER_DAYS`` before today, and the pages then say so. A new check is a change of
``LPR_LAST_CHECKED`` or ``RULES_LAST_CHECKED``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from core.models import LenderType, Loan
from core.text import LANGS, Lang, t


@dataclass(frozen=True, slots=True)
class LprFixing:
    """A one-year Loan Prime Rate in force from ``effective`` until the next fixing."""

    effective: dt.date
    rate: float


# The latest fixing at which the table below was seen to be current. domain.md §3 reports
# the one-year LPR unchanged at 3.00 % at every monthly fixing through March 2026 (the
# fixing of 2026-03-20) and leaves later fixings unverified: that fixing is the last check.
LPR_LAST_CHECKED = dt.date(2026, 3, 20)
# The date the rules below (lines, amounts, the newer rules) were last checked. They come
# from domain.md, gathered with the LPR fixings above; the latest date it vouches for is
# the same fixing of 2026-03-20, and nothing here has been checked against a source since.
RULES_LAST_CHECKED = dt.date(2026, 3, 20)
STALE_AFTER_DAYS = 60
"""A table not checked for this many days says so on screen (domain.md §3)."""

LPR_FIXINGS: tuple[LprFixing, ...] = (
    LprFixing(dt.date(2020, 4, 20), 0.0385),
    LprFixing(dt.date(2021, 12, 20), 0.0380),
    LprFixing(dt.date(2022, 1, 20), 0.0370),
    LprFixing(dt.date(2022, 8, 22), 0.0365),
    LprFixing(dt.date(2023, 6, 20), 0.0355),
    LprFixing(dt.date(2023, 8, 21), 0.0345),
    LprFixing(dt.date(2024, 7, 22), 0.0335),
    LprFixing(dt.date(2024, 10, 21), 0.0310),
    LprFixing(dt.date(2025, 5, 20), 0.0300),
)


@dataclass(frozen=True, slots=True)
class Document:
    """One published text a rule rests on, named as it is published (in Chinese).

    ``number`` is its document number (文号) where the title is not the number itself;
    ``amended_by`` names the text that amended it; ``articles`` the articles relied on.
    """

    title: str
    number: str = ""
    amended_by: str = ""
    articles: tuple[int, ...] = ()

    def cite(self, lang: Lang) -> str:
        """The document as a citation in ``lang``: articles as 第…条 or Art. ….

        >>> doc = Document("法发〔2017〕22号", articles=(2,))
        >>> doc.cite("zh"), doc.cite("en")
        ('法发〔2017〕22号第2条', '法发〔2017〕22号, Art. 2')
        """
        text = self.title
        if self.number:
            text += t("legal.cite.number", lang, number=self.number)
        if self.amended_by:
            text += t("legal.cite.amended", lang, by=self.amended_by)
        if self.articles:
            numbers = t("legal.cite.and", lang).join(str(a) for a in self.articles)
            key = "legal.cite.article" if len(self.articles) == 1 else "legal.cite.articles"
            text += t(key, lang, numbers=numbers)
        return text


@dataclass(frozen=True, slots=True)
class Source:
    """Where a legal number comes from: one or more documents, cited in either language.

    In a catalog template, ``{source:zh}`` writes it in Chinese and ``{source:en}`` in
    English, so a page passes the source itself and the template picks the language. As a
    plain string (``str()``, an f-string) it is the English citation.

    >>> source = Source((Document("法释〔2020〕27号"), Document("法发〔2017〕22号", articles=(2,))))
    >>> "来源：{s:zh}".format(s=source)
    '来源：法释〔2020〕27号；法发〔2017〕22号第2条'
    >>> str(source), "第2条" in source, "Art. 2" in source
    ('法释〔2020〕27号; 法发〔2017〕22号, Art. 2', True, True)
    """

    documents: tuple[Document, ...]

    def cite(self, lang: Lang) -> str:
        return t("legal.cite.join", lang).join(doc.cite(lang) for doc in self.documents)

    def __str__(self) -> str:
        return self.cite("en")

    def __format__(self, spec: str) -> str:
        for lang in LANGS:
            if spec == lang:
                return self.cite(lang)
        return format(str(self), spec)

    def __contains__(self, text: str) -> bool:
        """True when the citation in either language holds ``text``."""
        return any(text in self.cite(lang) for lang in LANGS)


@dataclass(frozen=True, slots=True)
class LegalLine:
    """A ceiling on the annual cost of credit (interest, penalty, compound interest, fees).

    ``annual_rate`` is None where no ceiling applies (credit cards). ``key`` names the
    rule's explanation in the text catalogs (``legal.<key>``).
    """

    key: str
    annual_rate: float | None
    effective: dt.date
    source: Source
    confidence: str
    last_checked: dt.date
    """When the line's numbers were last checked against its sources (and the LPR table)."""
    lpr: LprFixing | None = None


PRIVATE_LENDING_RULES_IN_FORCE = dt.date(2020, 8, 20)
PRIVATE_LENDING_SOURCE = Source(
    (Document("最高人民法院 民间借贷司法解释", number="法释〔2020〕17号", articles=(25, 29, 31)),)
)
LPR_MULTIPLE = 4

LICENSED_LENDER_LINE = LegalLine(
    key="licensed",
    annual_rate=0.24,
    effective=dt.date(2021, 1, 1),
    source=Source((Document("法释〔2020〕27号"), Document("法发〔2017〕22号", articles=(2,)))),
    confidence="H/M",
    last_checked=RULES_LAST_CHECKED,
)
CREDIT_CARD_LINE = LegalLine(
    key="credit_card",
    annual_rate=None,
    effective=dt.date(2021, 1, 1),
    # The rate is free from 2021-01-01 (中国人民银行, as the line's text says), and the
    # annualised rate must be disclosed (the announcement).
    source=Source((Document("中国人民银行"), Document("中国人民银行公告〔2021〕第3号"))),
    confidence="H",
    last_checked=RULES_LAST_CHECKED,
)
OLD_PRIVATE_LENDING_LINES = (0.24, 0.36)
"""History only: before 2020-08-20, up to 24 % was enforceable and above 36 % void (法释〔2015〕18号)."""


@dataclass(frozen=True, slots=True)
class LegalAmount:
    """A sum of money a rule turns on, in fen, with the date it applies from and its source."""

    amount_fen: int
    effective: dt.date
    source: Source
    confidence: str
    last_checked: dt.date


# Credit cards, malicious overdraft (恶意透支, domain.md §5): 50,000 yuan or more overdrawn
# and not repaid is "数额较大", the threshold of the crime (Criminal Law Art. 196). Raised
# from 10,000 yuan by the 2018 amendment, published 2018-11-28 and in force 2018-12-01 (H:
# the SPC/SPP announcement of the amendment states that date). The amount counts the
# principal overdrawn, not interest or fees (Art. 9 of the amended text; M). Intent to take
# the money is required: a cardholder who keeps in touch and pays what they can lacks it.
MALICIOUS_OVERDRAFT_AMOUNT = LegalAmount(
    amount_fen=5_000_000,
    effective=dt.date(2018, 12, 1),
    source=Source(
        (
            Document(
                "最高人民法院、最高人民检察院关于办理妨害信用卡管理刑事案件具体应用法律若干问题的解释",
                amended_by="法释〔2018〕19号",
                articles=(8,),
            ),
        )
    ),
    confidence="H",
    last_checked=RULES_LAST_CHECKED,
)

# Credit cards, personalised installment (个性化分期): a bank may agree to a plan of at most
# 60 months (domain.md §5; H for the rule; the 2011 date of force not re-checked here: M).
CARD_PLAN_MAX_MONTHS = 60
CARD_PLAN_SOURCE = Source(
    (
        Document(
            "商业银行信用卡业务监督管理办法",
            number="中国银行业监督管理委员会令 2011年第2号",
            articles=(70,),
        ),
    )
)


@dataclass(frozen=True, slots=True)
class RecentRule:
    """A rule of 2025-2026 on the cost of a loan or its collection, shown beside the lines.

    ``key`` names its words in the catalogs (``legal.recent.<key>``). ``date`` is what
    ``date_kind`` says ("in_force", "published", "issued_about" or "reported"), known to
    the month only when ``month_only``. ``source`` is None when no document is published
    (press reports only: never to be shown as law). ``lender_types`` are the lenders it
    bears on. The numbers it states are fields, so the words never spell one out; a
    reported number is named as reported.
    """

    key: str
    date: dt.date
    date_kind: str
    source: Source | None
    confidence: str
    lender_types: tuple[LenderType, ...]
    last_checked: dt.date
    month_only: bool = False
    annual_rate: float | None = None
    deadline: dt.date | None = None
    quiet_hours: tuple[dt.time, dt.time] | None = None
    reported_unanswered_calls: int | None = None


RECENT_RULES: tuple[RecentRule, ...] = (
    # Loan facilitation (助贷, domain.md §3, M): credit-enhancement and guarantee fees count in
    # the comprehensive cost, read as a 24 % ceiling; in force 2025-10-01.
    RecentRule(
        key="facilitation",
        date=dt.date(2025, 10, 1),
        date_kind="in_force",
        source=Source((Document("国家金融监督管理总局 金规〔2025〕9号"),)),
        confidence="M",
        lender_types=(LenderType.LICENSED,),
        last_checked=RULES_LAST_CHECKED,
        annual_rate=0.24,
    ),
    # Micro-loan companies, new loans (domain.md §3, M): none above 24 % comprehensive cost,
    # within 4 × LPR by the end of 2027. Issued about 2025-12: the day is not known here.
    RecentRule(
        key="micro_loan",
        date=dt.date(2025, 12, 1),
        date_kind="issued_about",
        source=Source(
            (Document("中国人民银行、国家金融监督管理总局 小额贷款公司综合融资成本管理工作指引"),)
        ),
        confidence="M",
        lender_types=(LenderType.LICENSED,),
        last_checked=RULES_LAST_CHECKED,
        month_only=True,
        annual_rate=0.24,
        deadline=dt.date(2027, 12, 31),
    ),
    # China Banking Association self-regulation for member banks and consumer-finance
    # companies, published 2026-01-30 (domain.md §5, M, from press reports of its text). The
    # limit on unanswered calls is reported as 6 a day: shown as reported, never as fact.
    RecentRule(
        key="collection",
        date=dt.date(2026, 1, 30),
        date_kind="published",
        source=Source((Document("中国银行业协会 金融机构个人消费类贷款催收工作指引（试行）"),)),
        confidence="M",
        lender_types=(LenderType.LICENSED,),
        last_checked=RULES_LAST_CHECKED,
        quiet_hours=(dt.time(22, 0), dt.time(8, 0)),
        reported_unanswered_calls=6,
    ),
    # Consumer-finance companies (domain.md §3, L): window guidance to keep new loans at or
    # below 20 %, reported 2025-10. No published document: mentioned as reported, not law.
    RecentRule(
        key="consumer_finance",
        date=dt.date(2025, 10, 1),
        date_kind="reported",
        source=None,
        confidence="L",
        lender_types=(LenderType.LICENSED,),
        last_checked=RULES_LAST_CHECKED,
        month_only=True,
        annual_rate=0.20,
    ),
)


def recent_rules(lender_type: LenderType | None) -> tuple[RecentRule, ...]:
    """The newer rules that bear on a loan from ``lender_type`` (all of them for None).

    >>> [r.key for r in recent_rules(LenderType.LICENSED)]
    ['facilitation', 'micro_loan', 'collection', 'consumer_finance']
    >>> recent_rules(LenderType.PRIVATE)
    ()
    """
    return tuple(r for r in RECENT_RULES if lender_type is None or lender_type in r.lender_types)


class Checked(Protocol):
    """Anything whose numbers carry the date they were last checked."""

    @property
    def last_checked(self) -> dt.date: ...


def is_stale(rule: Checked, today: dt.date) -> bool:
    """True when ``rule`` was last checked more than ``STALE_AFTER_DAYS`` before ``today``.

    >>> is_stale(LICENSED_LENDER_LINE, dt.date(2026, 5, 19))
    False
    >>> is_stale(LICENSED_LENDER_LINE, dt.date(2026, 5, 20))
    True
    """
    return (today - rule.last_checked).days > STALE_AFTER_DAYS


def lpr_on(day: dt.date) -> LprFixing:
    """The one-year LPR in force on ``day`` (the earliest in the table for older dates).

    >>> lpr_on(dt.date(2024, 9, 1)).rate
    0.0335
    """
    current = LPR_FIXINGS[0]
    for fixing in LPR_FIXINGS:
        if fixing.effective <= day:
            current = fixing
    return current


def private_lending_rate(fixing: LprFixing) -> float:
    """The private-lending line on the annual rate: ``LPR_MULTIPLE`` × the one-year LPR.

    ``round(LPR_MULTIPLE × LPR, 6)`` (法释〔2020〕17号 Art. 25): rounded so that a rate
    on the line compares as on it, whatever the binary rounding of the product.

    >>> private_lending_rate(lpr_on(dt.date(2025, 6, 1)))
    0.12
    """
    return round(LPR_MULTIPLE * fixing.rate, 6)


def private_lending_line(contract_date: dt.date, today: dt.date) -> LegalLine:
    """4 × the one-year LPR for private lending.

    The LPR is the one in force at the contract date. For a contract signed before
    2020-08-20, Art. 31 applies the new line to interest from 2020-08-20 on, with the
    LPR at the time a suit is filed: we use the fixing in force ``today``.

    >>> private_lending_line(dt.date(2025, 6, 1), dt.date(2026, 1, 1)).annual_rate
    0.12
    """
    transitional = contract_date < PRIVATE_LENDING_RULES_IN_FORCE
    fixing = lpr_on(today if transitional else contract_date)
    return LegalLine(
        key="private_transitional" if transitional else "private",
        annual_rate=private_lending_rate(fixing),
        effective=PRIVATE_LENDING_RULES_IN_FORCE,
        source=PRIVATE_LENDING_SOURCE,
        confidence="H",
        last_checked=min(LPR_LAST_CHECKED, RULES_LAST_CHECKED),
        lpr=fixing,
    )


def legal_line(loan: Loan, today: dt.date) -> LegalLine:
    """The line that applies to ``loan``: which one depends on who lent the money."""
    if loan.lender_type is LenderType.PRIVATE:
        return private_lending_line(loan.contract_date, today)
    if loan.lender_type is LenderType.CREDIT_CARD:
        return CREDIT_CARD_LINE
    return LICENSED_LENDER_LINE


@dataclass(frozen=True, slots=True)
class LawfulnessCheck:
    """A rate against its line: ``excess`` is the part above the line (0 when within it)."""

    line: LegalLine
    apr: float
    above: bool
    excess: float


def fen_rounding_tolerance(payments_fen: Sequence[int], monthly_rate: float) -> float:
    """How far rounding every payment to the fen can move a schedule's APR, as an annual rate.

    A lender rounds to the fen, so the IRR ``r`` of the schedule it charges differs from
    the contract rate by up to a few millionths: 24 % can come out as 24.00006 %. In
    ``core.schedules`` each interest and each installment is rounded by at most half a
    fen, and the last payment clears what is left; that residue can reach several fen
    against a schedule of unrounded installments, but the schedules round the exact
    balance each month, so in present value it too is worth at most half a fen. Moving
    every payment ``CF_k`` by at most ε_k moves the IRR by at most

    ``Δr ≤ Σ_k ε_k·v^k / Σ_k k·CF_k·v^(k+1)``, with ``v = 1/(1+r)``,

    the change in present value over the slope of the present value at the computed r
    (a bound for a rise in r, the present value being convex in r; first order only in
    the numerator's discounting). We take ε_k = one fen for every payment, twice the
    most rounding moves it: the margin covers that second-order term and the solver's
    precision. Returned as ``12·Δr``, the nominal APR's unit. On 10,000 yuan over 12
    months at 24 % it is about 0.002 points; it scales as one over the principal, so on
    1,000 yuan it is 0.02 points and a rate 0.01 points above the line counts as on it:
    at that size the fen cannot tell them apart.

    >>> round(fen_rounding_tolerance([94_560] * 11 + [94_555], 0.02) * 1e6, 1)
    20.7
    """
    discount = 1 / (1 + monthly_rate)
    moved = slope = 0.0
    factor = 1.0
    for month, payment in enumerate(payments_fen, start=1):
        factor *= discount
        moved += factor
        slope += month * payment * factor * discount
    return 12 * moved / slope if slope > 0 else 0.0


def check_apr(apr: float, line: LegalLine, tolerance: float = 0.0) -> LawfulnessCheck:
    """Compare an annual cost ``apr`` with ``line``; a rate on the line is within it.

    ``tolerance`` (an annual rate) is how far ``apr`` can be from the true rate for
    reasons that are not the contract's, such as rounding its payments to the fen
    (:func:`fen_rounding_tolerance`): a rate within it of the line is on the line, so
    rounding never turns "on the line" into "above". Above the line, ``excess`` is
    ``apr`` minus the line. Rates are also compared at 1e-9, so that a rate computed as
    0.24000000000000002 is on the line.

    >>> check_apr(0.25, LICENSED_LENDER_LINE).above, check_apr(0.24, LICENSED_LENDER_LINE).above
    (True, False)
    >>> check_apr(0.2400006, LICENSED_LENDER_LINE, tolerance=2e-5).above
    False
    """
    if line.annual_rate is None:
        return LawfulnessCheck(line, apr, False, 0.0)
    above = apr > line.annual_rate + max(tolerance, 1e-9)
    return LawfulnessCheck(line, apr, above, apr - line.annual_rate if above else 0.0)


# --- Where a complaint goes next (issue 14) ------------------------------------------------

# 国家金融监督管理总局 (NFRA) consumer complaint hotline, where a borrower takes a complaint
# about collection that the lender leaves unanswered. Source: domain.md §5 ("Complaints:
# 12378 (NFRA hotline)"), copied here 2026-12-02; confidence "M" (one good secondary source,
# not checked against NFRA's own site). The complaint letter (core/complaint.py) names it.
CONSUMER_HOTLINE = "12378"
CONSUMER_HOTLINE_CONFIDENCE = "M"
