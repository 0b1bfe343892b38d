"""Legal numbers, each with its date and source, in one place (domain.md §3).

A new LPR fixing or a new rule is a one-line change here: add a row to ``LPR_FIXINGS``
or edit a ``LegalLine``. Nothing else in the project spells out a legal number. Sources are
kept as documents and article numbers (``Source``), cited in the page's language: 第25条 on
a Chinese page, Art. 25 on an English one (the words come from the text catalogs).
Confidence marks follow domain.md: "H" high (primary text), "M" medium, "L" low.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.models import LenderType, Loan
from core.text import LANGS, Lang, t


@dataclass(frozen=True, slots=True)
class LprFixing:
    """A one-year Loan Prime Rate in force from ``effective`` until the next fixing."""

    effective: dt.date
    rate: float


LPR_LAST_CHECKED = dt.date(2026, 2, 24)
"""The most recent fixing date at which the table was seen to be current."""

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
)
CREDIT_CARD_LINE = LegalLine(
    key="credit_card",
    annual_rate=None,
    effective=dt.date(2021, 1, 1),
    # The rate is free from 2021-01-01 (中国人民银行, as the line's text says), and the
    # annualised rate must be disclosed (the announcement).
    source=Source((Document("中国人民银行"), Document("中国人民银行公告〔2021〕第3号"))),
    confidence="H",
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


def check_apr(apr: float, line: LegalLine) -> LawfulnessCheck:
    """Compare an annual cost ``apr`` with ``line``; a rate exactly on the line is within it.

    >>> check_apr(0.25, LICENSED_LENDER_LINE).above, check_apr(0.24, LICENSED_LENDER_LINE).above
    (True, False)
    """
    if line.annual_rate is None:
        return LawfulnessCheck(line, apr, False, 0.0)
    # Rates are compared at 1e-9 so that a rate computed as 0.24000000000000002 is on the line.
    above = apr > line.annual_rate + 1e-9
    return LawfulnessCheck(line, apr, above, apr - line.annual_rate if above else 0.0)
