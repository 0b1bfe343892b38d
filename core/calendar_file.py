"""A calendar file (iCalendar, RFC 5545) of the follow-ups and an agreed plan's payments.

Written by hand rather than with a library: the part of RFC 5545 needed here is small (one
calendar of all-day events, some with a reminder) and the standard is stable, so a new
dependency would buy nothing. What the file does, step by step:

1. Each event is an all-day event: ``DTSTART;VALUE=DATE`` the day, ``DTEND;VALUE=DATE`` the
   next day (§3.6.1: the end is exclusive), ``TRANSP:TRANSPARENT`` so it blocks no time.
2. Its ``UID`` is a hash of what the event is about, with its date, ``@`` :data:`UID_DOMAIN`:
   the same file made twice is the same file, and opening a newer one updates an event
   rather than adding a copy, in calendars that follow the UID.
3. ``DTSTAMP`` (when the file was made, in UTC) is passed in, so a test gets fixed bytes.
4. Text values are escaped (§3.3.11): backslash, semicolon and comma get a backslash, a
   line break becomes ``\\n``; other control characters are dropped (TEXT does not allow them).
5. A payment gets a ``VALARM`` (``ACTION:DISPLAY``) at :data:`REMINDER_AT` the day before.
   For an all-day event the trigger counts from the start of its day (00:00), so the
   reminder is the negative duration back to that time: ``TRIGGER:-PT15H`` for 09:00.
6. Lines end with CRLF; a line longer than 75 octets is folded (§3.1) with CRLF and a
   space, counting UTF-8 octets and never splitting a character.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from core.complaint import one_line
from core.contacts import ContactEntry
from core.schedules import Schedule
from core.text import Lang, t

PRODID = "-//Loan Negotiation Planner//Calendar file//EN"
UID_DOMAIN = "loan-negotiation-planner"
CRLF = "\r\n"
MAX_LINE_OCTETS = 75
"""RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break."""
REMINDER_AT = dt.time(9, 0)
"""When a payment's reminder goes off, on the day before the payment."""
SUMMARY_LIMIT = 60
"""The outcome as a follow-up's title quotes it: a phone's calendar shows one line."""

# TEXT allows no control character but the tab (§3.3.11); a lone surrogate is no character.
_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One all-day event."""

    day: dt.date
    summary: str
    description: str = ""
    reminder: bool = False
    """True for a reminder at ``REMINDER_AT`` the day before."""
    about: str = ""
    """What the event is about, in no language (the UID is made from it and the day)."""


def escape_text(text: str) -> str:
    r"""``text`` as an iCalendar TEXT value (RFC 5545 §3.3.11).

    >>> print(escape_text('a\\b; c, d\r\ne'))
    a\\b\; c\, d\ne
    """
    text = _SURROGATE.sub("\ufffd", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _NOT_TEXT.sub("", text)
    for raw, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
        text = text.replace(raw, escaped)
    return text


def fold(line: str) -> str:
    """``line`` folded (RFC 5545 §3.1): at most 75 octets a physical line, the next ones
    starting with a space, never splitting a character's UTF-8 octets.

    >>> [len(part.encode()) for part in fold("SUMMARY:" + "还" * 40).split("\\r\\n")]
    [74, 55]
    """
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > MAX_LINE_OCTETS:
            parts.append(current)
            current, size = " ", 1  # the space that marks a continuation counts too
        current += char
        size += octets
    parts.append(current)
    return CRLF.join(parts)


def _uid(event: CalendarEvent) -> str:
    about = event.about or f"{event.summary}\n{event.description}"
    digest = hashlib.sha256(f"{event.day.isoformat()}\n{about}".encode()).hexdigest()[:24]
    return f"{digest}-{event.day:%Y%m%d}@{UID_DOMAIN}"


def _trigger() -> str:
    """The reminder as a duration back from the event's 00:00: ``-PT15H`` for 09:00."""
    before = dt.timedelta(days=1) - dt.timedelta(hours=REMINDER_AT.hour, minutes=REMINDER_AT.minute)
    hours, seconds = divmod(int(before.total_seconds()), 3600)
    return f"-PT{hours}H{seconds // 60}M" if seconds else f"-PT{hours}H"


def _event_lines(event: CalendarEvent, stamp: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{_uid(event)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{event.day + dt.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    lines.append("TRANSP:TRANSPARENT")
    if event.reminder:
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"TRIGGER:{_trigger()}",
            f"DESCRIPTION:{escape_text(event.summary)}",
            "END:VALARM",
        ]
    return [*lines, "END:VEVENT"]


def calendar_text(events: Iterable[CalendarEvent], stamp: dt.datetime) -> str:
    """The iCalendar text of ``events`` (by day; one event for each UID), made at ``stamp``.

    A naive ``stamp`` is taken as UTC.

    >>> text = calendar_text([CalendarEvent(dt.date(2026, 12, 10), "Call back")],
    ...                      dt.datetime(2026, 12, 3, 10, tzinfo=dt.UTC))
    >>> [line for line in text.split("\\r\\n") if line.startswith(("DTSTART", "DTEND"))]
    ['DTSTART;VALUE=DATE:20261210', 'DTEND;VALUE=DATE:20261211']
    """
    utc = stamp.astimezone(dt.UTC) if stamp.tzinfo else stamp
    made = f"{utc:%Y%m%dT%H%M%S}Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    seen: set[str] = set()
    for event in sorted(events, key=lambda e: e.day):
        uid = _uid(event)
        if uid not in seen:  # a calendar holds one event for each UID
            seen.add(uid)
            lines += _event_lines(event, made)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)


def follow_up_events(
    entries: Sequence[ContactEntry], lender_name: Callable[[int | None], str], lang: Lang
) -> list[CalendarEvent]:
    """An event on each contact's next follow-up date: with whom, the outcome, what was said.

    ``lender_name`` names a contact's lender by its number ("" when not known).

    >>> entry = ContactEntry(when=dt.datetime(2026, 12, 2, 10), outcome="Offer by email",
    ...                      follow_up=dt.date(2026, 12, 9))
    >>> [(e.day.isoformat(), e.summary) for e in follow_up_events([entry], lambda n: "", "en")]
    [('2026-12-09', 'Follow up with the lender: Offer by email')]
    """
    events = []
    for entry in entries:
        if entry.follow_up is None:
            continue
        lender = one_line(lender_name(entry.lender), SUMMARY_LIMIT) or t(
            "calendar.the_lender", lang
        )
        outcome = one_line(entry.outcome, SUMMARY_LIMIT)
        summary = (
            t("calendar.follow_up_outcome", lang, lender=lender, outcome=outcome)
            if outcome
            else t("calendar.follow_up", lang, lender=lender)
        )
        when = entry.when.strftime("%Y-%m-%d %H:%M")
        who = one_line(entry.who, SUMMARY_LIMIT)
        heading = (
            t("calendar.contact_who", lang, when=when, who=who)
            if who
            else t("calendar.contact", lang, when=when)
        )
        description = "\n".join(part for part in (heading, entry.said.strip()) if part)
        about = f"follow-up {entry.lender} {entry.when.isoformat()}"
        events.append(CalendarEvent(entry.follow_up, summary, description, False, about))
    return events


def payment_events(
    schedule: Schedule,
    *,
    lender: str,
    plan: str,
    lang: Lang,
    money: Callable[[int], str],
    fee_to_lender: bool = True,
) -> list[CalendarEvent]:
    """An event with a reminder the day before on each date ``schedule`` asks a payment.

    The amount is what goes to the lender (``money`` writes it from fen): a fee to someone
    else (``fee_to_lender`` False) is left out of it. ``plan`` names the agreed plan.
    """
    lender = one_line(lender, SUMMARY_LIMIT) or t("calendar.the_lender", lang)
    plan = one_line(plan, SUMMARY_LIMIT)
    months = schedule.months_to_finish
    events = []
    for month, day, payment, fee in zip(
        schedule.month, schedule.due_date, schedule.payment, schedule.fee, strict=True
    ):
        amount = payment if fee_to_lender else payment - fee
        if amount <= 0:
            continue
        summary = t("calendar.pay", lang, lender=lender, amount=money(amount))
        description = (
            t("calendar.pay_month", lang, plan=plan, month=month, months=months)
            if month
            else t("calendar.pay_signing", lang, plan=plan)
        )
        about = f"payment {lender} {month} {amount}"
        events.append(CalendarEvent(day, summary, description, True, about))
    return events
