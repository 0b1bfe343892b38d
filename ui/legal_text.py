"""Legal rules in words for any page: their numbers and dates are read from ``core.legal``."""

from __future__ import annotations

from core.legal import OLD_PRIVATE_LENDING_LINES, PRIVATE_LENDING_RULES_IN_FORCE, LegalLine
from core.text import Lang, t
from ui.format import percent


def line_rule(line: LegalLine, lang: Lang) -> str:
    """The rule behind a legal line in words, its numbers taken from ``core.legal``.

    >>> from core.legal import LICENSED_LENDER_LINE
    >>> line_rule(LICENSED_LENDER_LINE, "en")
    'Licensed lenders: courts cut interest, penalty and fees above 24.00 % a year when the borrower asks.'
    """
    return t(
        f"legal.{line.key}",
        lang,
        line=percent(line.annual_rate or 0.0, lang),
        lpr=percent(line.lpr.rate, lang) if line.lpr else "",
        lpr_date=line.lpr.effective.isoformat() if line.lpr else "",
        since=PRIVATE_LENDING_RULES_IN_FORCE.isoformat(),
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
