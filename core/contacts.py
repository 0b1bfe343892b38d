"""The contact log: every contact with the lender, and the collection rules it can be held to.

NIFA 互联网金融贷后催收业务指引 (2024-05-15, domain.md §5): no collection between 22:00
and 08:00 unless the borrower agreed, and at most three connected calls a day from the
lender and its agencies together. :func:`rule_flags` marks the entries that break them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

from core.models import EARLIEST_DATE, MAX_LENDER_ID, MAX_PROPOSALS, validation_error

QUIET_HOURS_START = dt.time(22, 0)
QUIET_HOURS_END = dt.time(8, 0)
MAX_CALLS_A_DAY = 3
RULES_SOURCE = "中国互联网金融协会 互联网金融贷后催收业务指引, 2024-05-15"

MAX_TEXT = 2_000
MAX_WHO_LENGTH = 200
MAX_ENTRIES = 1_000
# A log's dates: real contacts, and dates every table and chart can hold (the earliest is
# ``core.models.EARLIEST_DATE``, the same for every date in the case).
LATEST_DATE = dt.date(2100, 12, 31)


class Channel(StrEnum):
    PHONE = "phone"
    CHAT = "chat"
    EMAIL = "email"
    IN_PERSON = "in_person"


class ContactEntry(BaseModel):
    """One contact: who, when, how, what was said and offered, and what comes next."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    when: dt.datetime
    lender: int | None = Field(
        default=None,
        ge=1,
        le=MAX_LENDER_ID,
        description="The lender contacted: the number it is known by in the list of lenders.",
    )
    channel: Channel = Channel.PHONE
    who: str = Field(default="", max_length=MAX_WHO_LENGTH, description="Name or staff number.")
    said: str = Field(default="", max_length=MAX_TEXT, description="What was said and offered.")
    proposal: int | None = Field(
        default=None, ge=1, le=MAX_PROPOSALS, description="Proposal put forward."
    )
    outcome: str = Field(default="", max_length=MAX_TEXT)
    follow_up: dt.date | None = None
    evidence_kept: bool = False
    they_called: bool = Field(default=True, description="True when the lender made contact.")

    @field_validator("when")
    @classmethod
    def _local_time_in_range(cls, when: dt.datetime) -> dt.datetime:
        """A local time (as the borrower's phone shows it) between 1990 and 2100."""
        if when.tzinfo is not None or not EARLIEST_DATE <= when.date() <= LATEST_DATE:
            raise validation_error(
                "contact_when", first=str(EARLIEST_DATE.year), last=str(LATEST_DATE.year)
            )
        return when

    @field_validator("follow_up")
    @classmethod
    def _follow_up_in_range(cls, day: dt.date | None) -> dt.date | None:
        if day is not None and not EARLIEST_DATE <= day <= LATEST_DATE:
            raise validation_error(
                "contact_follow_up", first=str(EARLIEST_DATE.year), last=str(LATEST_DATE.year)
            )
        return day


class Flag(StrEnum):
    QUIET_HOURS = "quiet_hours"
    TOO_MANY_CALLS = "too_many_calls"


def in_quiet_hours(moment: dt.datetime) -> bool:
    """True between 22:00 and 08:00, when collection is not allowed.

    >>> in_quiet_hours(dt.datetime(2026, 12, 1, 22, 0)), in_quiet_hours(dt.datetime(2026, 12, 1, 8, 0))
    (True, False)
    """
    moment_time = moment.time()
    return moment_time >= QUIET_HOURS_START or moment_time < QUIET_HOURS_END


def rule_flags(entries: Sequence[ContactEntry]) -> list[set[Flag]]:
    """For each entry, the collection rules it shows broken (contacts the lender made).

    A phone call from the lender in quiet hours is flagged, and every call from a
    lender on a day with more than three from that same lender (the limit is per lender
    and its agencies; calls from two lenders are not added up).

    >>> calls = [ContactEntry(when=dt.datetime(2026, 12, 1, h)) for h in (9, 11, 13, 23)]
    >>> sorted(flag.value for flag in rule_flags(calls)[-1])
    ['quiet_hours', 'too_many_calls']
    >>> two = [ContactEntry(when=dt.datetime(2026, 12, 1, h), lender=1 + h % 2) for h in (9, 10, 11, 12)]
    >>> [sorted(flags) for flags in rule_flags(two)]
    [[], [], [], []]
    """
    calls_a_day = Counter(
        (e.when.date(), e.lender) for e in entries if e.they_called and e.channel is Channel.PHONE
    )
    flags = []
    for entry in entries:
        found: set[Flag] = set()
        if entry.they_called and in_quiet_hours(entry.when):
            found.add(Flag.QUIET_HOURS)
        lender_call = entry.they_called and entry.channel is Channel.PHONE
        if lender_call and calls_a_day[entry.when.date(), entry.lender] > MAX_CALLS_A_DAY:
            found.add(Flag.TOO_MANY_CALLS)
        flags.append(found)
    return flags


def next_follow_up(entries: Sequence[ContactEntry], today: dt.date) -> ContactEntry | None:
    """The entry with the earliest follow-up date on or after ``today``, if any.

    >>> entries = [ContactEntry(when=dt.datetime(2026, 12, 1, 10), follow_up=dt.date(2026, 12, 9)),
    ...            ContactEntry(when=dt.datetime(2026, 12, 2, 10), follow_up=dt.date(2026, 12, 5))]
    >>> next_follow_up(entries, dt.date(2026, 12, 3)).follow_up
    datetime.date(2026, 12, 5)
    """
    upcoming = [e for e in entries if e.follow_up is not None and e.follow_up >= today]
    return min(upcoming, key=lambda e: (e.follow_up, e.when), default=None)
