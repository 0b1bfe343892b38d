"""The contact log's widgets: the add-a-contact form, the editable log, the sorted view,
the complaint about contacts that break the collection rules, and the calendar file.

The rows, their validation and the rule flags are pure (``ui.contact_log``); this module
draws them and keeps the log in the session (``ui.state.CONTACT_LOG``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import streamlit as st
from pydantic import ValidationError

from core import FeePayee, compare
from core.calendar_file import (
    REMINDER_AT,
    CalendarEvent,
    calendar_text,
    follow_up_events,
    payment_events,
)
from core.complaint import Complaint, complaint_letter, complaints
from core.contacts import (
    MAX_ENTRIES,
    MAX_TEXT,
    MAX_WHO_LENGTH,
    RULES_SOURCE,
    Channel,
    ContactEntry,
    Flag,
    next_follow_up,
)
from core.models import MAX_PROPOSALS
from core.text import Lang, explain_validation_error, t
from ui import state
from ui.boundary import guarded
from ui.casefile import log_problem
from ui.contact_log import (
    COLUMNS,
    FLAGS,
    MAX_ADDED_AT_ONCE,
    csv_rows,
    edit_problem,
    entries_to_rows,
    flags_current,
    rows_to_entries,
    timeline,
    with_flags,
)
from ui.copy_button import copy_button
from ui.format import money, sentences
from ui.inputs import all_lenders
from ui.lenders import labels
from ui.options import labelled
from ui.registry import Key
from ui.tables import csv_bytes
from ui.values import case_from_values

_FORM = "_add_contact"
# The add-a-contact form's fields (``ui.state.ADD_PREFIX``).
_DATE, _TIME, _CHANNEL, _LENDER = "_add_date", "_add_time", "_add_channel", "_add_lender"
_WHO, _SAID, _PROPOSAL, _OUTCOME = "_add_who", "_add_said", "_add_proposal", "_add_outcome"
_FOLLOW_UP, _EVIDENCE, _THEY_CALLED = "_add_follow_up", "_add_evidence", "_add_they_called"
# The complaint and the calendar file: widgets this module alone draws and reads.
_COMPLAINT_LENDER, _COMPLAINT_COPY = "_complaint_lender", "_complaint_copy"
_COMPLAINT_DOWNLOAD, _ICS_PLAN, _ICS_DOWNLOAD = "_complaint_download", "_ics_plan", "_ics_download"
NO_LENDER = 0
"""The complaint selectbox's value for contacts with no lender recorded (lenders count from 1)."""
NO_PLAN = 0
"""The agreed-plan selectbox's value for no plan (proposals count from 1)."""
PROPOSAL_NUMBERS: tuple[int | None, ...] = (None, *range(1, MAX_PROPOSALS + 1))
# The first column of the log's tables, in pixels: the mark and a short rule show on a phone,
# and the columns after it still start on screen.
FLAG_WIDTH = 110


def _now() -> dt.time:
    return dt.datetime.now().time().replace(second=0, microsecond=0)


@guarded
def _add_contact() -> None:
    """Form callback: append the new contact to the log, or keep the message for the page."""
    form = st.session_state
    try:
        entry = ContactEntry(
            when=dt.datetime.combine(form[_DATE], form[_TIME]),
            lender=form.get(_LENDER),
            channel=form[_CHANNEL],
            who=form[_WHO],
            said=form[_SAID],
            proposal=form[_PROPOSAL],
            outcome=form[_OUTCOME],
            follow_up=form[_FOLLOW_UP],
            evidence_kept=form[_EVIDENCE],
            they_called=form[_THEY_CALLED],
        )
    except ValidationError as error:
        form[state.ADD_ERROR] = error
        return
    log = (*state.contact_log(), entry)
    full = log_problem(log)
    if full is not None:  # the form keeps what was typed: nothing is lost
        form[state.ADD_ERROR] = full
        return
    form[state.ADD_ERROR] = None
    state.set_contact_log(log)
    state.restart_log_editor(log)  # the editor starts again from the whole log
    # The next contact starts empty and now; the channel and who called stay as they were.
    for key in (_WHO, _SAID, _OUTCOME):
        form[key] = ""
    form[_FOLLOW_UP] = None
    form[_EVIDENCE] = False
    form[_TIME] = _now()


def _channel_label(lang: Lang) -> Callable[[Any], str]:
    return lambda code: t(f"channel.{code}", lang)


def add_form(lang: Lang) -> None:
    """The form for one new contact (open while the log is empty), and why it was refused."""
    with (
        st.expander(t("log.add", lang), expanded=not state.contact_log()),
        # No "Press Enter to submit form" hint: Streamlit writes it in English only. The
        # button sends the form; Enter in a field no longer does.
        st.form(_FORM, clear_on_submit=False, enter_to_submit=False),
    ):
        day, moment = st.columns(2)
        day.date_input(t("log.date", lang), value=dt.date.today(), key=_DATE)
        moment.time_input(t("log.time", lang), value=_now(), key=_TIME)
        lenders = lender_names(lang)
        if lenders:  # with one lender, every contact is with it: nothing to choose
            ids = list(lenders)
            st.selectbox(
                t("log.col.lender", lang),
                placeholder=t("select.placeholder", lang),
                options=ids,
                index=ids.index(active_lender_id()),
                format_func=lenders.__getitem__,
                key=_LENDER,
            )
        st.selectbox(
            t("log.col.channel", lang),
            placeholder=t("select.placeholder", lang),
            options=[c.value for c in Channel],
            format_func=_channel_label(lang),
            key=_CHANNEL,
        )
        st.text_input(t("log.col.who", lang), max_chars=MAX_WHO_LENGTH, key=_WHO)
        st.text_area(t("log.col.said", lang), max_chars=MAX_TEXT, key=_SAID)
        st.selectbox(
            t("log.col.proposal", lang),
            placeholder=t("select.placeholder", lang),
            options=PROPOSAL_NUMBERS,
            format_func=lambda n: (
                t("card.none", lang) if n is None else t("option.proposal", lang, number=n)
            ),
            key=_PROPOSAL,
        )
        st.text_input(t("log.col.outcome", lang), max_chars=MAX_TEXT, key=_OUTCOME)
        st.date_input(t("log.col.follow_up", lang), value=None, key=_FOLLOW_UP)
        st.checkbox(t("log.col.evidence_kept", lang), key=_EVIDENCE)
        st.checkbox(t("log.col.they_called", lang), value=True, key=_THEY_CALLED)
        st.form_submit_button(t("log.add_button", lang), on_click=_add_contact)
    error = st.session_state.get(state.ADD_ERROR)
    if isinstance(error, ValidationError):
        for message in explain_validation_error(error, lang):
            st.error(message)
    elif error is not None:  # the log is full
        key, context = error
        st.error(sentences(lang, t(key, lang, **context), t("log.add_kept", lang)))


def next_step(lang: Lang) -> None:
    """The next follow-up comes first: it is what the borrower has to do next."""
    upcoming = next_follow_up(state.contact_log(), dt.date.today())
    if upcoming is not None and upcoming.follow_up is not None:
        st.info(t("log.next", lang, date=upcoming.follow_up.isoformat()))
        st.text(" · ".join(part for part in (upcoming.who, upcoming.said) if part))  # plain


def lender_names(lang: Lang) -> dict[int, str]:
    """Each lender's label by its number, when there is more than one (else nothing)."""
    lenders = all_lenders()
    if len(lenders) < 2:
        return {}
    return {lender.id: name for lender, name in zip(lenders, labels(lenders, lang), strict=True)}


def active_lender_id() -> int:
    lenders = all_lenders()
    return lenders[min(state.active_lender(), len(lenders) - 1)].id


def channel_words(lang: Lang) -> dict[str, str]:
    """Each channel's word in ``lang`` by its code."""
    return {c.value: t(f"channel.{c.value}", lang) for c in Channel}


def short_flag_labels(lang: Lang) -> dict[Flag, str]:
    """Each rule's short name, for the first column of the log's tables."""
    return {flag: t(f"flag.{flag.value}.short", lang) for flag in Flag}


def _column_config(lang: Lang) -> dict[str, Any]:
    """The editor's columns: labels in the borrower's language, the entry's own limits."""
    now = dt.datetime.now().replace(second=0, microsecond=0)
    config = st.column_config
    lenders = lender_names(lang)
    return {
        FLAGS: config.TextColumn(t("log.col.flags", lang), disabled=True, width=FLAG_WIDTH),
        "lender": config.SelectboxColumn(
            t("log.col.lender", lang),
            options=list(lenders),
            format_func=lambda number: lenders.get(int(number), ""),
        ),
        "when": config.DatetimeColumn(
            t("log.col.when", lang), default=now, format="YYYY-MM-DD HH:mm", required=True
        ),
        "channel": config.SelectboxColumn(  # the cells hold the words (see log_editor)
            t("log.col.channel", lang),
            options=list(channel_words(lang).values()),
            default=t(f"channel.{Channel.PHONE.value}", lang),
            required=True,
        ),
        "who": config.TextColumn(t("log.col.who", lang), max_chars=MAX_WHO_LENGTH, default=""),
        "said": config.TextColumn(t("log.col.said", lang), max_chars=MAX_TEXT, default=""),
        "proposal": config.NumberColumn(
            t("log.col.proposal", lang), min_value=1, max_value=MAX_PROPOSALS, step=1
        ),
        "outcome": config.TextColumn(t("log.col.outcome", lang), max_chars=MAX_TEXT, default=""),
        "follow_up": config.DateColumn(t("log.col.follow_up", lang), format="YYYY-MM-DD"),
        "evidence_kept": config.CheckboxColumn(t("log.col.evidence_kept", lang), default=False),
        "they_called": config.CheckboxColumn(t("log.col.they_called", lang), default=True),
    }


def log_editor(lang: Lang) -> tuple[ContactEntry, ...]:
    """The log as an editable table; the log becomes what the edited rows validate to.

    The editor's input stays fixed while the borrower edits (its edits are kept relative to
    it). On a fresh visit (the editor's state is gone once the page is left) the input is
    rebuilt from the log.
    """
    session = st.session_state
    if state.log_editor_key() not in session or state.LOG_ROWS not in session:
        session[state.LOG_ROWS] = entries_to_rows(state.contact_log())
    # What the browser sent is checked before Streamlit applies it (its size, its shape).
    problem = edit_problem(_sent_edits(), len(session[state.LOG_ROWS]))
    if problem is not None:
        _refuse_edit(*EDIT_REFUSALS[problem])
    note = session.pop(state.LOG_NOTE, None)
    if note is not None:
        key, context = note
        st.warning(sentences(lang, t(key, lang, **context), t("log.edit_kept", lang)))
    labels = short_flag_labels(lang)
    columns = [c for c in COLUMNS if c != "lender" or lender_names(lang)]
    # The rules each row breaks come first: a phone shows them without scrolling sideways.
    shown = with_flags(st.session_state[state.LOG_ROWS], labels)
    # The channel as a word in the cell itself (a screen reader reads the cell's value).
    words = channel_words(lang)
    codes = {word: code for code, word in words.items()}
    shown["channel"] = shown["channel"].map(lambda code: words.get(code, code))
    edited = st.data_editor(
        shown,
        key=state.log_editor_key(),
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_order=[FLAGS, *columns],
        column_config=_column_config(lang),
        placeholder="",  # an empty cell shows empty, not "None"
    )
    edited = edited.assign(channel=edited["channel"].map(lambda word: codes.get(word, word)))
    entries, errors = rows_to_entries(edited)
    # Only a changed log is measured (a dump of it): most runs of this page change nothing.
    full = None if tuple(entries) == state.contact_log() else log_problem(entries)
    if full is not None:  # the log stays as it was, and the table shows it again
        _refuse_edit(*full)
        st.rerun()
    for row, error in errors:
        for message in explain_validation_error(error, lang):
            st.error(t("log.row_error", lang, row=row, message=message))
    state.set_contact_log(entries)
    if not errors and not flags_current(edited, entries, labels):
        # A row added, removed or changed so that the rules it breaks changed: the editor
        # starts again from the log (nothing is lost: every row is in it) with fresh flags.
        state.restart_log_editor(entries)
        st.rerun()
    return state.contact_log()


EDIT_REFUSALS: dict[str, tuple[str, dict[str, str]]] = {
    "shape": ("log.limit.shape", {}),
    "too_long": ("log.limit.too_long", {"most": f"{MAX_TEXT:,}"}),
    "at_once": ("log.limit.at_once", {"most": str(MAX_ADDED_AT_ONCE)}),
    "count": ("log.limit.count", {"most": f"{MAX_ENTRIES:,}"}),
}
"""Each of ``ui.contact_log.edit_problem``'s reasons: its message and the message's context."""


def _sent_edits() -> Any:
    """The table's edits as the browser sent them (None when there are none to apply).

    A value Streamlit cannot even read counts as one of the wrong shape.
    """
    try:
        return st.session_state.get(state.log_editor_key())
    except Exception:  # noqa: BLE001 - whatever was sent, the page goes on
        return ["unreadable"]


def _refuse_edit(key: str, context: dict[str, str]) -> None:
    """Drop the table's edits: it starts again from the log, which stays as it was, and
    the page says why (once)."""
    st.session_state[state.LOG_NOTE] = (key, context)
    state.restart_log_editor(state.contact_log())


def by_time(log: tuple[ContactEntry, ...], lang: Lang) -> None:
    """The log sorted by time with the rules each contact broke, and its CSV."""
    if not log:
        st.caption(t("log.empty", lang))
        return
    if next_follow_up(log, dt.date.today()) is None:
        st.caption(t("log.no_next", lang))
    flagged = sum(1 for _, flags in timeline(log) if flags)
    if flagged:
        st.warning(t("log.flagged", lang, count=flagged, source=RULES_SOURCE))
    st.subheader(t("log.timeline", lang))
    column_labels = {
        key: t(key, lang)
        for key in (
            *(f"channel.{c.value}" for c in Channel),
            *(f"log.col.{c}" for c in (*COLUMNS, "flags")),
            "log.yes",
            "log.no",
        )
    }
    lenders = lender_names(lang)  # as typed: the CSV quotes what a spreadsheet would run
    table = csv_rows(log, column_labels, short_flag_labels(lang), lenders or None)
    flag_column = {table.columns[0]: st.column_config.TextColumn(width=FLAG_WIDTH)}
    st.dataframe(table, hide_index=True, width="stretch", placeholder="", column_config=flag_column)
    st.download_button(
        t("log.download", lang),
        # Made now, not on click: the log is small, and a file made from its content
        # keeps its address across reruns (a click during a rerun still downloads).
        data=csv_bytes(table.set_index(table.columns[0])),
        file_name="contact-log.csv",
        mime="text/csv",
        on_click="ignore",
        key="download_log",
    )


def lender_called(lang: Lang) -> Callable[[int | None], str]:
    """Each contact's lender by its number, as a letter or a reminder names it ("" unknown).

    With one lender every contact is with it: its own name, if the borrower gave one.
    """
    names = lender_names(lang)
    if names:
        return lambda number: names.get(number or NO_LENDER, "")
    only = " ".join(str(all_lenders()[0].values.get(Key.NAME) or "").split())
    return lambda _number: only


def _addressee(chosen: Complaint) -> str:
    """The lender's own name, as the borrower typed it, for the complaint ("" if none)."""
    lenders = all_lenders()
    typed = {lender.id: str(lender.values.get(Key.NAME) or "") for lender in lenders}
    if len(lenders) == 1:  # every contact is with the one lender
        return typed[lenders[0].id]
    return typed.get(chosen.lender or NO_LENDER, "")


def _borrower_name() -> str:
    """The name typed in the letter page's box (kept across pages), or ""."""
    return str(st.session_state.get(state.LETTER_NAME) or "")


def _chosen_complaint(found: tuple[Complaint, ...], lang: Lang) -> Complaint:
    """The lender to complain to, chosen when several lenders' contacts break the rules."""
    if len(found) == 1:
        return found[0]
    named = lender_called(lang)
    by_value = {each.lender or NO_LENDER: each for each in found}
    chosen = st.selectbox(
        t("complaint.lender", lang),
        placeholder=t("select.placeholder", lang),
        options=list(by_value),
        format_func=lambda value: named(value) or t("complaint.no_lender", lang),
        key=_COMPLAINT_LENDER,
    )
    return by_value.get(chosen, found[0])


def complaint_section(log: tuple[ContactEntry, ...], lang: Lang) -> None:
    """The complaint to the lender whose contacts break the collection rules: shown as
    plain text, with a copy button and a download; a caption while nothing breaks them."""
    st.subheader(t("complaint.title", lang))
    found = complaints(log, by_lender=bool(lender_names(lang)))
    if not found:
        st.caption(t("complaint.none", lang))
        return
    st.caption(t("complaint.intro", lang))
    chosen = _chosen_complaint(found, lang)
    text = complaint_letter(
        chosen,
        lang,
        today=dt.date.today(),
        lender=_addressee(chosen),
        name=_borrower_name(),
    )
    # Plain text, as the letter page shows its letter: whatever the borrower typed stays text.
    with st.container(border=True):
        st.text(text)
    copy_button(
        text,
        t("complaint.copy", lang),
        t("copy.done", lang),
        key=_COMPLAINT_COPY,
        failed_label=t("copy.failed", lang),
    )
    st.download_button(
        t("complaint.download", lang),
        data=text.encode("utf-8", "replace"),
        file_name="complaint.txt",
        mime="text/plain",
        on_click="ignore",
        key=_COMPLAINT_DOWNLOAD,
    )


def _plan_events(values: dict[str, Any], lang: Lang) -> list[CalendarEvent]:
    """The payment dates of the agreed plan the borrower chooses among this lender's
    proposals (none chosen, or none to choose from: no events)."""
    built = case_from_values(values)
    if built.case is None or not built.proposal_numbers:
        return []
    result = compare(built.case)
    proposals = labelled(result, built.proposal_numbers, lang).proposals
    by_number = {p.number: (index, p) for index, p in enumerate(proposals)}
    chosen = st.selectbox(
        t("calendar.plan", lang),
        placeholder=t("select.placeholder", lang),
        options=[NO_PLAN, *by_number],
        format_func=lambda n: t("calendar.no_plan", lang) if n == NO_PLAN else by_number[n][1].name,
        help=t("calendar.plan_help", lang),
        key=_ICS_PLAN,
    )
    if chosen is None or chosen not in by_number:
        return []
    index, plan = by_number[chosen]
    proposal = built.case.loans[0].proposals[index]
    return payment_events(
        plan.option.schedule,
        lender=lender_called(lang)(active_lender_id()),
        plan=plan.name,
        lang=lang,
        money=money,
        fee_to_lender=proposal.fee_payee is FeePayee.LENDER,
    )


def calendar_section(log: tuple[ContactEntry, ...], values: dict[str, Any], lang: Lang) -> None:
    """A calendar file of every follow-up and, if chosen, an agreed plan's payment dates."""
    st.subheader(t("calendar.title", lang))
    follow_ups = follow_up_events(log, lender_called(lang), lang)
    payments = _plan_events(values, lang)
    if not follow_ups and not payments:
        st.caption(t("calendar.empty", lang))
        return
    # Made when the hour began: the same log gives the same file (and the same download
    # address) across reruns, as the CSV above.
    stamp = dt.datetime.now(dt.UTC).replace(minute=0, second=0, microsecond=0)
    text = calendar_text([*follow_ups, *payments], stamp)
    st.download_button(
        t("calendar.download", lang),
        data=text.encode("utf-8"),
        file_name="negotiation.ics",
        mime="text/calendar",
        on_click="ignore",
        key=_ICS_DOWNLOAD,
    )
    holds = []
    if follow_ups:
        holds.append(t("calendar.holds_follow_ups", lang, follow_ups=len(follow_ups)))
    if payments:
        at = REMINDER_AT.strftime("%H:%M")
        holds.append(t("calendar.holds_payments", lang, payments=len(payments), time=at))
    st.caption(sentences(lang, *holds, t("calendar.open", lang)))
