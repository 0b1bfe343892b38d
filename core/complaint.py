"""A complaint about collection, built from the contact log's contacts that break the rules.

The rules are those :func:`core.contacts.rule_flags` checks (NIFA 互联网金融贷后催收业务指引,
``core.contacts.RULES_SOURCE``): no collection between 22:00 and 08:00 unless the borrower
agreed, at most three connected calls a day. The letter goes to one lender's complaints team,
so the log is split by lender first and each lender is held only to its own contacts: four
calls in a day from four lenders are not four calls from one (:func:`complaints`).

The letter (:func:`complaint_letter`) lists each contact (date and time, channel, who, what
happened shortened to :data:`SAID_LIMIT` characters, the rule broken with its source and date,
whether evidence was kept), asks the lender to stop and to answer in writing, and names the
regulator's consumer hotline (``core.legal.CONSUMER_HOTLINE``) as the next step. It says
nothing of the borrower's money: no income, budget or debt figure goes into it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from core.contacts import (
    MAX_CALLS_A_DAY,
    QUIET_HOURS_END,
    QUIET_HOURS_START,
    RULES_SOURCE,
    ContactEntry,
    Flag,
    rule_flags,
)
from core.legal import CONSUMER_HOTLINE
from core.text import Lang, t

SAID_LIMIT = 200
"""What happened, as the letter quotes it: enough for the gist, short enough to read."""
MAX_LISTED = 50
"""The most contacts one letter lists (the latest ones); the rest are counted in one line."""
ELLIPSIS = "…"


def one_line(text: str, limit: int) -> str:
    """``text`` on one line (every run of spaces and line breaks one space), at most
    ``limit`` characters: a longer text is cut and ends with an ellipsis.

    >>> one_line("  called\\n at   night ", 200), one_line("abcdef", 4)
    ('called at night', 'abc…')
    """
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[: max(limit - 1, 0)].rstrip() + ELLIPSIS


def rules_source() -> tuple[str, str, str]:
    """``RULES_SOURCE`` in its parts: who issued the rules, their title, and their date.

    >>> rules_source()
    ('中国互联网金融协会', '互联网金融贷后催收业务指引', '2024-05-15')
    """
    named, _, date = RULES_SOURCE.rpartition(", ")
    issuer, _, title = named.rpartition(" ")
    return issuer, title, date


@dataclass(frozen=True, slots=True)
class FlaggedContact:
    """A contact that breaks a collection rule, and how many lender calls its day had."""

    entry: ContactEntry
    flags: frozenset[Flag]
    calls_that_day: int
    """The lender's calls on the contact's day (counted when there were too many)."""


@dataclass(frozen=True, slots=True)
class Complaint:
    """One lender's contacts that break the rules, oldest first."""

    lender: int | None
    """The lender's number in the list of lenders; None when the log does not say."""
    contacts: tuple[FlaggedContact, ...]


def _flagged(entries: Sequence[ContactEntry]) -> tuple[FlaggedContact, ...]:
    """The entries (one lender's) that break a rule, oldest first."""
    ordered = sorted(entries, key=lambda e: e.when)
    # Held as one lender's, whatever numbers the entries carry.
    flags = rule_flags([entry.model_copy(update={"lender": None}) for entry in ordered])
    too_many: dict[dt.date, int] = {}
    for entry, found in zip(ordered, flags, strict=True):
        if Flag.TOO_MANY_CALLS in found:  # every lender call of such a day is flagged so
            too_many[entry.when.date()] = too_many.get(entry.when.date(), 0) + 1
    return tuple(
        FlaggedContact(entry, frozenset(found), too_many.get(entry.when.date(), 0))
        for entry, found in zip(ordered, flags, strict=True)
        if found
    )


def complaints(entries: Sequence[ContactEntry], *, by_lender: bool) -> tuple[Complaint, ...]:
    """One complaint for each lender with contacts that break the rules.

    With ``by_lender`` (the borrower has several lenders) each lender's contacts are
    checked on their own, by the number the log gives them (contacts with none together,
    last); without, the whole log is one lender's.

    >>> calls = [ContactEntry(when=dt.datetime(2026, 12, 1, h), lender=1 + h % 2)
    ...          for h in (9, 10, 11, 23)]
    >>> [(c.lender, len(c.contacts)) for c in complaints(calls, by_lender=True)]
    [(2, 1)]
    >>> [(c.lender, len(c.contacts)) for c in complaints(calls, by_lender=False)]
    [(None, 4)]
    """
    groups: dict[int | None, list[ContactEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.lender if by_lender else None, []).append(entry)
    found = []
    for lender in sorted(groups, key=lambda number: (number is None, number or 0)):
        flagged = _flagged(groups[lender])
        if flagged:
            found.append(Complaint(lender, flagged))
    return tuple(found)


def _rule(flag: Flag, contact: FlaggedContact, lang: Lang) -> str:
    if flag is Flag.QUIET_HOURS:
        return t(
            "complaint.rule.quiet_hours",
            lang,
            start=QUIET_HOURS_START.strftime("%H:%M"),
            end=QUIET_HOURS_END.strftime("%H:%M"),
        )
    return t(
        "complaint.rule.too_many_calls", lang, calls=MAX_CALLS_A_DAY, count=contact.calls_that_day
    )


def _contact_lines(number: int, contact: FlaggedContact, lang: Lang) -> list[str]:
    """One contact as the letter lists it: when and how, what happened, the rule broken."""
    entry = contact.entry
    who = one_line(entry.who, SAID_LIMIT)
    when = {
        "number": number,
        "day": entry.when.date().isoformat(),
        "time": entry.when.strftime("%H:%M"),
        "channel": t(f"complaint.channel.{entry.channel.value}", lang),
    }
    lines = [
        t("complaint.contact_who", lang, **when, who=who)
        if who
        else t("complaint.contact", lang, **when)
    ]
    said = one_line(entry.said, SAID_LIMIT)
    if said:
        lines.append(t("complaint.said", lang, said=said))
    rules = t("complaint.rule_join", lang).join(
        _rule(flag, contact, lang) for flag in sorted(contact.flags)
    )
    lines.append(t("complaint.rule", lang, rule=rules))
    if entry.evidence_kept:
        lines.append(t("complaint.evidence", lang))
    return lines


def complaint_letter(
    complaint: Complaint, lang: Lang, *, today: dt.date, lender: str = "", name: str = ""
) -> str:
    """The complaint to ``lender``'s complaints team about ``complaint``'s contacts.

    ``lender`` and ``name`` are what the borrower typed (either may be empty); ``today``
    dates the letter.

    >>> night = ContactEntry(when=dt.datetime(2026, 12, 2, 23, 15), who="A-17")
    >>> (complaint,) = complaints([night], by_lender=False)
    >>> letter = complaint_letter(complaint, "en", today=dt.date(2026, 12, 3), lender="借呗")
    >>> print(letter.splitlines()[10])
    1. 2026-12-02 at 23:15: a phone call from A-17.
    """
    lender = one_line(lender, SAID_LIMIT)
    name = one_line(name, SAID_LIMIT)
    issuer, title, date = rules_source()
    listed = complaint.contacts[-MAX_LISTED:]
    lines = [
        t("complaint.subject", lang),
        "",
        t("complaint.to_named", lang, lender=lender) if lender else t("complaint.to", lang),
        "",
        t("complaint.opening_named", lang, name=name) if name else t("complaint.opening", lang),
        "",
        t("complaint.rules_intro", lang, issuer=issuer, title=title, date=date),
        "",
    ]
    for number, contact in enumerate(listed, start=1):
        lines += [*_contact_lines(number, contact, lang), ""]
    earlier = len(complaint.contacts) - len(listed)
    if earlier:
        lines += [t("complaint.earlier", lang, count=earlier), ""]
    lines += [
        t("complaint.asks", lang),
        t("complaint.ask_stop", lang),
        t("complaint.ask_written", lang),
        "",
        t("complaint.next_step", lang, hotline=CONSUMER_HOTLINE),
        "",
        t("complaint.sign_off", lang),
        "",
    ]
    if name:
        lines.append(name)
    lines.append(t("complaint.date", lang, year=today.year, month=today.month, day=today.day))
    return "\n".join(lines)
