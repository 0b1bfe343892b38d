"""The proposal letter, the chat message and the phone script, built from a proposal's figures.

Every figure comes from the comparison the home page shows, so they always agree. What the
lender reads states the hardship and the ask, never the most the borrower could pay: that
figure (the budget) is the borrower's walk-away point, and a lender who knows it asks for it.
A payment holiday is asked for first, saying whether interest stops during it. The
borrower's own words (name, account, hardship) are inserted as plain text. Pure Python:
the letter page draws what these functions return.

The letter ends as a letter does in its language: "Yours sincerely," then the name and the
date in English; in Chinese 此致 (indented two full-width spaces, as every paragraph is)
and 敬礼 on the next line, flush left, then the name and the date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from core import Comparison, Loan, Option, Proposal
from core.money import yuan_to_fen
from core.text import Lang, t
from ui.format import SENTENCE_GAP, money, percent

CHAT_MAX_CHARS: Final[Mapping[Lang, int]] = {"zh": 300, "en": 500}
"""Longest chat message, in characters: what a platform's in-app chat box comfortably takes.
The situation gives way to keep within it: the borrower's words are shortened, the plain
sentence used when nothing was typed is left out. The ask is never cut, so an unusual one
(every lever at once, in English) may still run over."""

SPREAD_TOLERANCE_FEN: Final = 100
"""Installments that differ by more than this (one yuan) are "at most" the highest one;
equal installments differ by a few fen of rounding."""

MIN_CHAT_HARDSHIP_CHARS: Final = 12
"""Fewer characters than this left for the hardship in a chat message: leave it out rather
than send a stub."""

_LIST_GAP: Final[Mapping[Lang, str]] = {"zh": "\uff0c", "en": ", "}  # between the levers
_PARAGRAPH_INDENT: Final[Mapping[Lang, str]] = {"zh": "\u3000\u3000", "en": ""}
"""A Chinese letter's paragraphs open with two full-width spaces; an English one's do not."""
_FULL_STOP: Final[Mapping[Lang, str]] = {"zh": "\u3002", "en": "."}
_CJK_ENDS: Final = "\u3002\uff01\uff1f\uff1b\u2026"  # 。！？；…: end a sentence wherever they are
_LATIN_ENDS: Final = ".!?;"  # end a sentence only before a space (not in 3.5 or e.g)
_CLOSERS: Final = ")\"'\u201d\u2019\uff09\u300d"  # may follow a sentence's last mark
_ELLIPSIS: Final = "\u2026"


@dataclass(frozen=True, slots=True)
class Details:
    """What the borrower types: all optional, all plain text."""

    name: str = ""
    account: str = ""
    hardship: str = ""
    lender: str = ""
    """The lender's name as the borrower listed it: the letter is addressed to its team."""


def holiday_interest_stops(proposal: Proposal) -> bool:
    """True when no interest accrues in the proposal's payment-holiday months.

    That is 停息挂账 proper: interest stops because the holiday says so, because interest
    is frozen for good, or because the interest-free months cover the whole holiday
    (``core.plans.proposal_schedule``).

    >>> holiday_interest_stops(Proposal(holiday_months=3, holiday_interest_accrues=False))
    True
    >>> holiday_interest_stops(Proposal(holiday_months=3, interest_free_months=2))
    False
    """
    return (
        not proposal.holiday_interest_accrues
        or proposal.interest_frozen_for_good
        or proposal.interest_free_months >= proposal.holiday_months
    )


def _holiday(proposal: Proposal, lang: Lang) -> str:
    """The payment holiday in words, saying whether interest stops and any token payment."""
    stops = holiday_interest_stops(proposal)
    token = yuan_to_fen(proposal.holiday_payment_yuan)
    key = "letter.ask_holiday" + ("_stop" if stops else "") + ("_token" if token else "")
    return t(key, lang, months=proposal.holiday_months, amount=money(token))


def ask_terms(proposal: Proposal, option: Option, lang: Lang) -> str:
    """The levers of a proposal in words, a payment holiday first.

    Parameters
    ----------
    proposal : Proposal
        The proposal as the borrower set it.
    option : Option
        Its computed option (``Comparison.proposals[index]``): the months and amounts.
    lang : Lang
        The language.

    Returns
    -------
    str
        ``8 installments, an annual rate of 9.00 %``; with a holiday,
        ``the first 3 months with no payment and no interest (停息挂账), then 8 installments, …``.

    Examples
    --------
    >>> from core import Case, Loan, LoanCase, compare
    >>> asked = Proposal(months_added=12, holiday_months=3, holiday_interest_accrues=False)
    >>> result = compare(Case(loans=(LoanCase(loan=Loan(), proposals=(asked,)),)))
    >>> ask_terms(asked, result.proposals[0], "en")
    'the first 3 months with no payment and no interest (停息挂账), then 24 installments'
    """
    summary = option.summary
    months = summary.months_to_finish - proposal.holiday_months
    parts = [t("letter.ask_term", lang, months=months)]
    if proposal.interest_frozen_for_good:
        parts.append(t("letter.ask_frozen", lang))
    elif proposal.new_apr is not None:
        parts.append(t("letter.ask_rate", lang, rate=percent(proposal.new_apr, lang)))
    if summary.principal_waived:
        parts.append(t("letter.ask_waiver", lang, amount=money(summary.principal_waived)))
    if summary.charges_waived:
        share = proposal.overdue_charges_waived_share
        if share >= 1:
            parts.append(t("letter.ask_penalty_all", lang))
        else:
            parts.append(t("letter.ask_penalty", lang, share=percent(share, lang, 0)))
    free = proposal.interest_free_months
    said_by_holiday = holiday_interest_stops(proposal) and free <= proposal.holiday_months
    if free and not proposal.interest_frozen_for_good and not said_by_holiday:
        parts.append(t("letter.ask_free", lang, months=free))
    terms = _LIST_GAP[lang].join(parts)
    if proposal.holiday_months:
        return t("letter.ask_then", lang, holiday=_holiday(proposal, lang), terms=terms)
    return terms


def _monthly(option: Option, proposal: Proposal, lang: Lang) -> str:
    """The installment in words: ``¥499.27 a month``, or ``at most …`` when it changes."""
    schedule = option.schedule
    installments = [
        payment
        for month, payment in zip(schedule.month, schedule.payment, strict=True)
        if month > proposal.holiday_months and payment > 0
    ]
    highest = option.summary.highest_payment
    varies = bool(installments) and highest - min(installments) > SPREAD_TOLERANCE_FEN
    return t("letter.monthly_most" if varies else "letter.monthly", lang, payment=money(highest))


def _paid_to_lender_at_signing(option: Option) -> int:
    """What is paid at signing toward the debt, in fen: not a fee (to an intermediary or
    to the lender), which is no sign of good faith."""
    schedule = option.schedule
    rows = zip(schedule.month, schedule.payment, schedule.fee, strict=True)
    return sum(payment - fee for month, payment, fee in rows if month == 0)


def as_sentence(text: str, lang: Lang) -> str:
    """``text`` on one line, ending as a sentence does (a full stop added if it has none).

    >>> as_sentence("I lost my job\\nin May", "en"), as_sentence("我失业了。", "zh")
    ('I lost my job in May.', '我失业了。')
    """
    text = " ".join(text.split())
    if not text or text.rstrip(_CLOSERS)[-1:] in _CJK_ENDS + _LATIN_ENDS:
        return text
    return text + _FULL_STOP[lang]


def shorten(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, on one line: whole sentences when the first
    ones fill at least half of it, otherwise cut with an ellipsis (between words if it can).

    >>> shorten("I was ill. I lost my job. The shop closed.", 28)
    'I was ill. I lost my job.'
    >>> shorten("I lost my job in May and found a new one", 20)
    'I lost my job in…'
    >>> shorten("我生了一场大病，住院三个月", 8)
    '我生了一场大病…'
    >>> shorten("Long words", 0)
    ''
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    if limit <= 0:
        return ""
    ends = [
        i
        for i, ch in enumerate(text[:limit])
        if ch in _CJK_ENDS or (ch in _LATIN_ENDS and text[i + 1 : i + 2] == " ")
    ]
    if ends and ends[-1] + 1 >= limit // 2:
        return text[: ends[-1] + 1]
    cut = text.rfind(" ", 0, limit)  # between words, where words have spaces between them
    if cut < limit // 2:
        cut = limit - 1
    return text[:cut].rstrip() + _ELLIPSIS


def letter_date(day: dt.date, lang: Lang) -> str:
    """A letter's date: ``1 December 2026``, ``2026年12月1日``.

    >>> letter_date(dt.date(2026, 12, 1), "en"), letter_date(dt.date(2026, 12, 1), "zh")
    ('1 December 2026', '2026年12月1日')
    """
    month = t("letter.month_names", lang).split()[day.month - 1]
    return t("letter.date", lang, year=day.year, month=month, day=day.day)


def _addressee(details: Details, lang: Lang) -> str:
    """Who the letter is for: the lender's team by its name, or its team in general.

    >>> _addressee(Details(lender="借呗"), "en"), _addressee(Details(), "en")
    ('借呗 customer service team', 'customer service team')
    """
    lender = " ".join(details.lender.split())  # one line, whatever was typed
    if not lender:
        return t("letter.lender", lang)
    return t("letter.lender_named", lang, lender=lender)


def _identity(details: Details, lang: Lang, texts: str = "letter") -> dict[str, str]:
    """The account and the name as ``texts`` (``letter`` or the shorter ``chat``) words them."""
    account = " ".join(details.account.split())
    name = " ".join(details.name.split())
    return {
        "account": t(f"{texts}.account_part", lang, account=account) if account else "",
        "name": t(f"{texts}.name_part", lang, name=name) if name else "",
    }


def _figures(
    result: Comparison, index: int, proposal: Proposal, details: Details, lang: Lang
) -> dict[str, str]:
    """Every value the texts fill in, formatted once. Never the borrower's budget."""
    option = result.proposals[index]
    s = option.summary
    signing = _paid_to_lender_at_signing(option)
    return {
        "terms": ask_terms(proposal, option, lang),
        "monthly": _monthly(option, proposal, lang),
        "total": money(s.total_paid),
        "amount": money(signing) if signing > 0 else "",
        "pv": money(s.lender_pv) if s.beats_default_for_lender else "",
        "recovery": money(s.default_recovery_pv),
        **_identity(details, lang),
    }


def _situation(
    result: Comparison, hardship: str, lang: Lang, key: str = "letter.situation"
) -> list[str]:
    """What happened (the borrower's words in ``key``'s frame, or a plain default) and, when
    income does not cover essential expenses, that it does not: no amounts, nothing to
    bargain down."""
    no_spare = result.disposable <= 0
    hardship = hardship.strip()
    sentences = []
    if hardship:
        sentences.append(t(key, lang, hardship=as_sentence(hardship, lang)))
    elif not no_spare:
        sentences.append(t("letter.situation_default", lang))
    if no_spare:
        sentences.append(t("letter.no_spare", lang))
        later = result.budget
        if later.later is not None and later.later > 0 and later.later_from_month > 1:
            # When the income is expected back, not how much: the reason for the pause.
            sentences.append(t("letter.recovery", lang, months=later.later_from_month - 1))
    return sentences


def _paragraph(sentences: list[str], lang: Lang) -> str:
    return _PARAGRAPH_INDENT[lang] + SENTENCE_GAP[lang].join(sentences)


def _payout_cost(result: Comparison, loan: Loan | None, lang: Lang) -> list[str]:
    """When fees were taken off at payout (砍头息): what the loan paid out against its
    contract principal, the true annual cost on the money received, and whether that is
    above the legal line. Nothing when the whole loan is not known, as the true cost then
    cannot count the deduction (``core.compare.contract_true_cost``)."""
    if loan is None or loan.deducted_fen <= 0 or loan.whole_loan is None:
        return []
    if loan.received_yuan is None or result.contract_cost is None:
        return []
    original = loan.original_principal_yuan or loan.principal_yuan
    sentences = [
        t(
            "letter.payout",
            lang,
            received=money(yuan_to_fen(loan.received_yuan)),
            original=money(yuan_to_fen(original)),
            apr=percent(result.contract_cost.nominal_apr, lang),
        )
    ]
    line = result.lawfulness.line.annual_rate
    if result.lawfulness.above and line is not None:
        sentences.append(t("letter.payout_above", lang, line=percent(line, lang)))
    return sentences


def build_letter(
    result: Comparison,
    index: int,
    proposal: Proposal,
    details: Details,
    lang: Lang,
    *,
    loan: Loan | None = None,
) -> str:
    """The letter for proposal ``index`` of ``result``, signed and dated ``result.today``.

    Parameters
    ----------
    result : Comparison
        The comparison the home page shows (``core.compare``).
    index : int
        Which of its proposals.
    proposal : Proposal
        That proposal as the borrower set it (the levers to name).
    details : Details
        What the borrower typed.
    lang : Lang
        The letter's language.
    loan : Loan, optional
        The loan as it stands. When it paid out less than its contract principal (fees
        deducted at payout), the letter says so with the true cost on the money received.

    Returns
    -------
    str
        Plain text: subject, greeting, paragraphs, then the closing, name and date.
    """
    f = _figures(result, index, proposal, details, lang)
    who = t("letter.who", lang, account=f["account"], name=f["name"])
    ask = [t("letter.ask", lang, terms=f["terms"], monthly=f["monthly"], total=f["total"])]
    if f["amount"]:
        ask.append(t("letter.good_faith", lang, amount=f["amount"]))
    paragraphs = [[who, *_situation(result, details.hardship, lang)]]
    if cost := _payout_cost(result, loan, lang):
        paragraphs.append(cost)
    paragraphs.append(ask)
    if f["pv"]:
        paragraphs.append([t("letter.lender_view", lang, pv=f["pv"], recovery=f["recovery"])])
    paragraphs += [[t("letter.written", lang)], [t("letter.closing", lang)]]
    lines = [
        t("letter.subject", lang),
        "",
        t("letter.greeting", lang, lender=_addressee(details, lang)),
    ]
    for sentences in paragraphs:
        lines += ["", _paragraph(sentences, lang)]
    lines += ["", *t("letter.sign", lang).splitlines()]
    if details.name.strip():
        lines.append(" ".join(details.name.split()))
    lines.append(letter_date(result.today, lang))
    return "\n".join(lines)


def build_chat(
    result: Comparison, index: int, proposal: Proposal, details: Details, lang: Lang
) -> str:
    """A short message for a platform's in-app chat, within ``CHAT_MAX_CHARS[lang]``.

    The account, the hardship in a sentence, the ask, any payment at signing, and a request
    for written confirmation. The hardship is the borrower's words shortened to what the
    limit leaves (or, with nothing typed, that income no longer covers the installments, or
    not even essential expenses). No lender's view: a chat agent reads a few lines, and
    the letter carries the argument.
    """
    f = _figures(result, index, proposal, details, lang)
    gap = SENTENCE_GAP[lang]
    head = [t("chat.open", lang, **_identity(details, lang, "chat"))]
    tail = [t("chat.ask", lang, terms=f["terms"], monthly=f["monthly"])]
    if f["amount"]:
        tail.append(t("chat.good_faith", lang, amount=f["amount"]))
    tail.append(t("chat.written", lang))
    # What the limit leaves for the situation, a sentence with its gap.
    room = CHAT_MAX_CHARS[lang] - len(gap.join([*head, *tail])) - len(gap)
    typed = details.hardship.strip()
    frame = t("chat.situation", lang, hardship="")
    words_room = room - len(frame) - 1  # one more for a full stop
    if typed and words_room >= MIN_CHAT_HARDSHIP_CHARS:
        words = as_sentence(shorten(typed, words_room), lang)
        situation = t("chat.situation", lang, hardship=words)
    else:  # the plain default, or no income to spare, when it fits
        situation = gap.join(_situation(result, "", lang))
        situation = situation if len(situation) <= room else ""
    return gap.join(part for part in (*head, situation, *tail) if part)


def build_script(
    result: Comparison, index: int, proposal: Proposal, details: Details, lang: Lang
) -> str:
    """The phone script for proposal ``index``: numbered short lines to read from."""
    f = _figures(result, index, proposal, details, lang)
    lines = [
        t("script.open", lang, account=f["account"], name=f["name"]),
        *_situation(result, details.hardship, lang, "script.situation"),
        t("script.ask", lang, terms=f["terms"], monthly=f["monthly"], total=f["total"]),
    ]
    if f["amount"]:
        lines.append(t("script.good_faith", lang, amount=f["amount"]))
    if f["pv"]:
        lines.append(t("script.lender", lang, pv=f["pv"], recovery=f["recovery"]))
    lines += [
        t("script.ceiling", lang),
        t("script.written", lang),
        t("script.record", lang),
        t("script.calm", lang),
    ]
    return "\n".join(f"{number}. {line}" for number, line in enumerate(lines, start=1))


KINDS: Final = ("letter", "chat", "script")
"""The texts the letter page writes (catalog names ``letter.kind.<kind>``,
``letter.copy_<kind>``)."""


def write(
    kind: str,
    result: Comparison,
    index: int,
    proposal: Proposal,
    details: Details,
    lang: Lang,
    *,
    loan: Loan | None = None,
) -> str:
    """The text of ``kind`` (one of :data:`KINDS`) for proposal ``index`` of ``result``;
    ``loan`` as :func:`build_letter` takes it."""
    if kind == "chat":
        return build_chat(result, index, proposal, details, lang)
    if kind == "script":
        return build_script(result, index, proposal, details, lang)
    return build_letter(result, index, proposal, details, lang, loan=loan)


def budget_warning(
    result: Comparison, index: int, proposal: Proposal, lump_sum_fen: int, lang: Lang
) -> str | None:
    """Why proposal ``index`` is more than the borrower can pay, for their screen only (it
    names the budget, which the texts never do); None when it fits.

    With no income to spare after essential expenses, it says so and points to the
    hardship way: a payment holiday with interest stopped (停息挂账).

    >>> from core import Borrower, Case, Loan, LoanCase, compare
    >>> tight = Borrower(monthly_income_yuan=3_600, essential_expenses_yuan=3_500)
    >>> asked = Proposal(months_added=1)
    >>> result = compare(Case(borrower=tight, loans=(LoanCase(loan=Loan(), proposals=(asked,)),)))
    >>> budget_warning(result, 0, asked, 0, "en")[:48]
    'This proposal asks more than your budget allows:'
    """
    summary = result.proposals[index].summary
    if summary.fits:
        return None
    step = t("way.ask", lang)
    if result.disposable <= 0:
        parts = [t("letter.no_spare_warning", lang, step=step)]
        if proposal.holiday_months:
            payment = money(summary.highest_payment)
            parts.append(
                t("letter.no_spare_holiday", lang, months=proposal.holiday_months, payment=payment)
            )
        return SENTENCE_GAP[lang].join(parts)
    parts = []
    if summary.highest_payment > result.affordable:
        payment, budget = money(summary.highest_payment), money(result.affordable)
        parts.append(t("letter.over_budget", lang, payment=payment, budget=budget))
    if summary.due_at_signing > lump_sum_fen:
        amount, lump = money(summary.due_at_signing), money(lump_sum_fen)
        parts.append(t("letter.over_signing", lang, amount=amount, lump=lump))
    parts.append(t("letter.over_ask", lang, step=step))
    return SENTENCE_GAP[lang].join(parts)
