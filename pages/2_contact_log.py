"""Contact log page: every contact in an editable table, sorted view with rule flags, CSV."""

import datetime as dt

import streamlit as st
from pydantic import ValidationError

from core.contacts import RULES_SOURCE, Channel, ContactEntry, Flag, next_follow_up
from core.text import explain_validation_error, t
from ui.boundary import error_boundary, guarded
from ui.contact_log import COLUMNS, csv_rows, entries_to_rows, rows_to_entries, timeline
from ui.results import csv_bytes
from ui.shell import end_page, start_page

with error_boundary():
    lang, values = start_page("nav.log", intro_key="log.intro")

    @guarded
    def add_contact() -> None:
        """Form callback: append the new contact to the log, or keep the message for the page."""
        state = st.session_state
        try:
            entry = ContactEntry(
                when=dt.datetime.combine(state["_add_date"], state["_add_time"]),
                channel=state["_add_channel"],
                who=state["_add_who"],
                said=state["_add_said"],
                proposal=state["_add_proposal"],
                outcome=state["_add_outcome"],
                follow_up=state["_add_follow_up"],
                evidence_kept=state["_add_evidence"],
                they_called=state["_add_they_called"],
            )
        except ValidationError as error:
            state["_add_error"] = error
            return
        state["_add_error"] = None
        log = (*state.get("_contact_log", ()), entry)
        state["_contact_log"] = log
        state["_log_rows"] = entries_to_rows(log)  # the editor starts again from the whole log
        state.pop("_log_editor", None)
        # The next contact starts empty and now; the channel and who called stay as they were.
        for key in ("_add_who", "_add_said", "_add_outcome"):
            state[key] = ""
        state["_add_follow_up"] = None
        state["_add_evidence"] = False
        state["_add_time"] = dt.datetime.now().time().replace(second=0, microsecond=0)

    with (
        st.expander(t("log.add", lang), expanded=not st.session_state.get("_contact_log")),
        st.form("_add_contact", clear_on_submit=False),
    ):
        day, moment = st.columns(2)
        day.date_input(t("log.date", lang), value=dt.date.today(), key="_add_date")
        moment.time_input(
            t("log.time", lang),
            value=dt.datetime.now().time().replace(second=0, microsecond=0),
            key="_add_time",
        )
        st.selectbox(
            t("log.col.channel", lang),
            options=[c.value for c in Channel],
            format_func=lambda code: t(f"channel.{code}", lang),
            key="_add_channel",
        )
        st.text_input(t("log.col.who", lang), max_chars=200, key="_add_who")
        st.text_area(t("log.col.said", lang), max_chars=2_000, key="_add_said")
        st.selectbox(
            t("log.col.proposal", lang),
            options=[None, 1, 2, 3, 4],
            format_func=lambda n: (
                t("card.none", lang) if n is None else t("option.proposal", lang, number=n)
            ),
            key="_add_proposal",
        )
        st.text_input(t("log.col.outcome", lang), max_chars=2_000, key="_add_outcome")
        st.date_input(t("log.col.follow_up", lang), value=None, key="_add_follow_up")
        st.checkbox(t("log.col.evidence_kept", lang), key="_add_evidence")
        st.checkbox(t("log.col.they_called", lang), value=True, key="_add_they_called")
        st.form_submit_button(t("log.add_button", lang), on_click=add_contact)
    if st.session_state.get("_add_error") is not None:
        for message in explain_validation_error(st.session_state["_add_error"], lang):
            st.error(message)

    # The next follow-up comes first: it is what the borrower has to do next.
    upcoming = next_follow_up(st.session_state.get("_contact_log", ()), dt.date.today())
    if upcoming is not None and upcoming.follow_up is not None:
        st.info(t("log.next", lang, date=upcoming.follow_up.isoformat()))
        st.text(
            " · ".join(part for part in (upcoming.who, upcoming.said) if part)
        )  # user text: plain

    # The editor's input stays fixed while the borrower edits (its edits are kept relative to
    # it); the log itself is what the edited rows validate to. On a fresh visit (the editor's
    # state is gone once the page is left) the input is rebuilt from the log.
    if "_log_editor" not in st.session_state or "_log_rows" not in st.session_state:
        st.session_state["_log_rows"] = entries_to_rows(st.session_state.get("_contact_log", ()))
    now = dt.datetime.now().replace(second=0, microsecond=0)
    edited = st.data_editor(
        st.session_state["_log_rows"],
        key="_log_editor",
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_order=COLUMNS,
        column_config={
            "when": st.column_config.DatetimeColumn(
                t("log.col.when", lang), default=now, format="YYYY-MM-DD HH:mm", required=True
            ),
            "channel": st.column_config.SelectboxColumn(
                t("log.col.channel", lang),
                options=[c.value for c in Channel],
                format_func=lambda code: t(f"channel.{code}", lang),
                default=Channel.PHONE.value,
                required=True,
            ),
            "who": st.column_config.TextColumn(t("log.col.who", lang), max_chars=200, default=""),
            "said": st.column_config.TextColumn(
                t("log.col.said", lang), max_chars=2_000, default=""
            ),
            "proposal": st.column_config.NumberColumn(
                t("log.col.proposal", lang), min_value=1, max_value=4, step=1
            ),
            "outcome": st.column_config.TextColumn(
                t("log.col.outcome", lang), max_chars=2_000, default=""
            ),
            "follow_up": st.column_config.DateColumn(
                t("log.col.follow_up", lang), format="YYYY-MM-DD"
            ),
            "evidence_kept": st.column_config.CheckboxColumn(
                t("log.col.evidence_kept", lang), default=False
            ),
            "they_called": st.column_config.CheckboxColumn(
                t("log.col.they_called", lang), default=True
            ),
        },
    )
    entries, errors = rows_to_entries(edited)
    for row, error in errors:
        for message in explain_validation_error(error, lang):
            st.error(t("log.row_error", lang, row=row, message=message))
    log: tuple[ContactEntry, ...] = tuple(entries)
    st.session_state["_contact_log"] = log

    if not log:
        st.caption(t("log.empty", lang))
    else:
        if next_follow_up(log, dt.date.today()) is None:
            st.caption(t("log.no_next", lang))
        ordered = timeline(log)
        flagged = sum(1 for _, flags in ordered if flags)
        if flagged:
            st.warning(t("log.flagged", lang, count=flagged, source=RULES_SOURCE))
        st.subheader(t("log.timeline", lang))
        labels = {
            key: t(key, lang)
            for key in (
                *(f"channel.{c.value}" for c in Channel),
                *(f"log.col.{c}" for c in (*COLUMNS, "flags")),
            )
        }
        flag_labels = {flag: t(f"flag.{flag.value}", lang) for flag in Flag}
        table = csv_rows(log, labels, flag_labels)
        st.dataframe(table, hide_index=True, width="stretch")
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

    end_page(values, lang)
