"""Legal rules in words for any page: their numbers and dates are read from ``core.legal``.

A rule's source goes into a catalog template as the ``core.legal.Source`` itself: the
template writes ``{source:zh}`` or ``{source:en}`` and so cites in the page's language
(:func:`source_line`).
"""

from __future__ import annotations

from core.legal import (
    OLD_PRIVATE_LENDING_LINES,
    PRIVATE_LENDING_RULES_IN_FORCE,
    LegalAmount,
    LegalLine,
)
from core.text import Lang, t
from ui.format import percent


def line_rule(line: LegalLine, lang: Lang) -> str:
    """The rule behind a legal line in words, its numbers taken from ``core.legal``.

    >>> from core.legal import LICENSED_LENDER_LINE
    >>> line_rule(LICENSED_LENDER_LINE, "en")
    'Licensed lenders: courts cut interest, penalty and fees above 24.00 % a year when the borrower asks.'
    >>> from core.legal import CREDIT_CARD_LINE
    >>> line_rule(CREDIT_CARD_LINE, "zh")
    '信用卡：2021-01-01 起透支利率不设上下限，但银行必须展示年化利率。'
    """
    return t(
        f"legal.{line.key}",
        lang,
        line=percent(line.annual_rate or 0.0, lang),
        lpr=percent(line.lpr.rate, lang) if line.lpr else "",
        lpr_date=line.lpr.effective.isoformat() if line.lpr else "",
        since=PRIVATE_LENDING_RULES_IN_FORCE.isoformat(),
        date=line.effective.isoformat(),
    )


def history_rule(lang: Lang) -> str:
    """The private-lending rule before 2020-08-20, shown as history.

    >>> history_rule("en")
    'Before 2020-08-20 private lending was judged against 24 % (enforceable) and 36 % (void); that rule is history.'
    """
    enforceable, void = OLD_PRIVATE_LENDING_LINES
    return t(
        "lawful.history",
        lang,
        since=PRIVATE_LENDING_RULES_IN_FORCE.isoformat(),
        enforceable=percent(enforceable, lang, 0),
        void=percent(void, lang, 0),
    )


def source_line(rule: LegalLine | LegalAmount, lang: Lang) -> str:
    """A rule's source and the date it applies from, cited in ``lang``.

    >>> from core.legal import LICENSED_LENDER_LINE
    >>> source_line(LICENSED_LENDER_LINE, "zh")
    '来源：法释〔2020〕27号；法发〔2017〕22号第2条（2021-01-01 起施行）。'
    >>> source_line(LICENSED_LENDER_LINE, "en")
    'Source: 法释〔2020〕27号; 法发〔2017〕22号, Art. 2 (in force from 2021-01-01).'
    """
    return t("legal.source", lang, source=rule.source, date=rule.effective.isoformat())
