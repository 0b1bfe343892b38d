"""Legal rules in words for any page: their numbers and dates are read from ``core.legal``.

A rule's source goes into a catalog template as the ``core.legal.Source`` itself: the
template writes ``{source:zh}`` or ``{source:en}`` and so cites in the page's language
(:func:`source_line`). Wherever a legal line is shown, :func:`checked_note` says when its
numbers were last checked, and plainly when that is too long ago to pass as current.
"""

from __future__ import annotations

import datetime as dt

from core.legal import (
    LPR_MULTIPLE,
    OLD_PRIVATE_LENDING_LINES,
    PRIVATE_LENDING_RULES_IN_FORCE,
    STALE_AFTER_DAYS,
    Checked,
    LegalAmount,
    LegalLine,
    RecentRule,
    is_stale,
    recent_rules,
)
from core.models import LenderType
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


def checked_note(rule: Checked, today: dt.date, lang: Lang) -> str:
    """When ``rule``'s numbers were last checked; past ``STALE_AFTER_DAYS``, a notice too.

    >>> from core.legal import LICENSED_LENDER_LINE
    >>> checked_note(LICENSED_LENDER_LINE, dt.date(2026, 4, 1), "en")
    'Last checked 2026-03-20.'
    >>> checked_note(LICENSED_LENDER_LINE, dt.date(2026, 6, 1), "en")[:60]
    'Last checked 2026-03-20: 73 days ago, more than 60. A rule o'
    """
    checked = rule.last_checked.isoformat()
    if not is_stale(rule, today):
        return t("legal.checked", lang, checked=checked)
    days = (today - rule.last_checked).days
    return t("legal.checked_stale", lang, checked=checked, days=days, limit=STALE_AFTER_DAYS)


def recent_rule(rule: RecentRule, lang: Lang) -> str:
    """One newer rule as a Markdown list item: the rule, its source and date, how sure we are.

    >>> from core.legal import RECENT_RULES
    >>> recent_rule(RECENT_RULES[0], "en")[:58]
    '- Loan facilitation (助贷): credit-enhancement and guarantee'
    """
    day = f"{rule.date:%Y-%m}" if rule.month_only else rule.date.isoformat()
    start, end = rule.quiet_hours or (None, None)
    words = t(
        f"legal.recent.{rule.key}",
        lang,
        line=percent(rule.annual_rate or 0.0, lang, 0),
        multiple=LPR_MULTIPLE,
        deadline=rule.deadline.isoformat() if rule.deadline else "",
        quiet_start=f"{start:%H:%M}" if start else "",
        quiet_end=f"{end:%H:%M}" if end else "",
        calls=rule.reported_unanswered_calls or "",
    )
    parts = {
        "rule": words,
        "when": t(f"legal.when.{rule.date_kind}", lang, date=day),
        "confidence": t(f"legal.confidence.{rule.confidence}", lang),
    }
    if rule.source is None:
        return t("legal.recent.row_reported", lang, **parts)
    return t("legal.recent.row", lang, source=rule.source, **parts)


def recent_rule_lines(lender_type: LenderType | None, lang: Lang) -> list[str]:
    """The newer rules on loans from ``lender_type`` (all for None) under their title.

    Empty when none applies (private lending, credit cards).

    >>> recent_rule_lines(LenderType.PRIVATE, "en")
    []
    >>> len(recent_rule_lines(LenderType.LICENSED, "en"))
    5
    """
    rules = recent_rules(lender_type)
    if not rules:
        return []
    return [t("legal.recent.title", lang), *(recent_rule(rule, lang) for rule in rules)]


def line_notes(line: LegalLine, lender_type: LenderType, today: dt.date, lang: Lang) -> list[str]:
    """What the lawfulness panel adds under a line: its last check, and the newer rules.

    The rules come as one Markdown block, a list under its title.
    """
    notes = [checked_note(line, today, lang)]
    rules = recent_rule_lines(lender_type, lang)
    if rules:
        notes.append("\n".join(rules))
    return notes
