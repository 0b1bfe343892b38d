"""The proposal letter and phone script, built from a proposal's figures (pure Python).

Every figure comes from the comparison the home page shows, so the two always agree.
The borrower's own words (name, account, hardship) are inserted as plain text.
"""

from __future__ import annotations

from dataclasses import dataclass

from core import Comparison, Option, Proposal
from core.text import Lang, t
from ui.format import money, percent


@dataclass(frozen=True, slots=True)
class Details:
    """What the borrower types: all optional, all plain text."""

    name: str = ""
    account: str = ""
    hardship: str = ""
    lender: str = ""
    """The lender's name as the borrower listed it: the letter is addressed to its team."""


def ask_terms(proposal: Proposal, option: Option, lang: Lang) -> str:
    """The levers of a proposal in words: ``36 installments, an annual rate of 9.00 %, …``."""
    months = option.summary.months_to_finish - proposal.holiday_months
    parts = [t("letter.ask_term", lang, months=months)]
    if proposal.new_apr is not None:
        parts.append(t("letter.ask_rate", lang, rate=percent(proposal.new_apr, lang)))
    if option.summary.principal_waived:
        parts.append(t("letter.ask_waiver", lang, amount=money(option.summary.principal_waived)))
    if proposal.overdue_charges_waived_share:
        share = percent(proposal.overdue_charges_waived_share, lang, 0)
        parts.append(t("letter.ask_penalty", lang, share=share))
    if proposal.interest_free_months:
        parts.append(t("letter.ask_free", lang, months=proposal.interest_free_months))
    if proposal.holiday_months:
        parts.append(t("letter.ask_holiday", lang, months=proposal.holiday_months))
    separator = "，" if lang == "zh" else ", "
    return separator.join(parts)


def _addressee(details: Details, lang: Lang) -> str:
    """Who the letter is for: the lender's team by its name, or its team in general.

    >>> _addressee(Details(lender="借呗"), "en"), _addressee(Details(), "en")
    ('借呗 customer service team', 'customer service team')
    """
    lender = " ".join(details.lender.split())  # one line, whatever was typed
    if not lender:
        return t("letter.lender", lang)
    return t("letter.lender_named", lang, lender=lender)


def _identity(details: Details, lang: Lang) -> dict[str, str]:
    account = (
        t("letter.account_part", lang, account=details.account.strip())
        if details.account.strip()
        else ""
    )
    name = t("letter.name_part", lang, name=details.name.strip()) if details.name.strip() else ""
    return {"account": account, "name": name}


def _figures(
    result: Comparison, index: int, proposal: Proposal, details: Details, lang: Lang
) -> dict[str, str]:
    """Every value the letter and the script fill in, formatted once."""
    option = result.proposals[index]
    s = option.summary
    return {
        "hardship": details.hardship.strip() or t("letter.situation_default", lang),
        "budget": money(result.affordable),
        "terms": ask_terms(proposal, option, lang),
        "payment": money(s.highest_payment),
        "months": str(s.months_to_finish),
        "total": money(s.total_paid),
        "amount": money(s.due_at_signing) if s.due_at_signing else "",
        "pv": money(s.lender_pv) if s.beats_default_for_lender else "",
        "recovery": money(s.default_recovery_pv),
        **_identity(details, lang),
    }


def build_letter(
    result: Comparison, index: int, proposal: Proposal, details: Details, lang: Lang
) -> str:
    """The letter (or chat message) for proposal ``index`` of ``result``."""
    f = _figures(result, index, proposal, details, lang)
    lines = [
        t("letter.subject", lang),
        "",
        t("letter.greeting", lang, lender=_addressee(details, lang)),
        "",
        t("letter.who", lang, account=f["account"], name=f["name"]),
        t("letter.situation", lang, hardship=f["hardship"]),
        t("letter.can_pay", lang, budget=f["budget"]),
        t(
            "letter.ask",
            lang,
            terms=f["terms"],
            payment=f["payment"],
            months=f["months"],
            total=f["total"],
        ),
    ]
    if f["amount"]:
        lines.append(t("letter.good_faith", lang, amount=f["amount"]))
    if f["pv"]:
        lines.append(t("letter.lender_view", lang, pv=f["pv"], recovery=f["recovery"]))
    lines += ["", t("letter.written", lang), t("letter.closing", lang), "", t("letter.sign", lang)]
    if details.name.strip():
        lines.append(details.name.strip())
    return "\n".join(lines)


def build_script(
    result: Comparison, index: int, proposal: Proposal, details: Details, lang: Lang
) -> str:
    """The phone script for proposal ``index``: short lines to read from."""
    f = _figures(result, index, proposal, details, lang)
    lines = [
        t("script.open", lang, account=f["account"], name=f["name"]),
        t("script.situation", lang, hardship=f["hardship"]),
        t("script.budget", lang, budget=f["budget"]),
        t("script.ask", lang, terms=f["terms"], payment=f["payment"], months=f["months"]),
    ]
    if f["amount"]:
        lines.append(t("script.good_faith", lang, amount=f["amount"]))
    if f["pv"]:
        lines.append(t("script.lender", lang, pv=f["pv"], recovery=f["recovery"]))
    lines += [t("script.written", lang), t("script.record", lang), t("script.calm", lang)]
    return "\n".join(f"{number}. {line}" for number, line in enumerate(lines, start=1))
