"""The way through, at the top of every page: your situation → what to ask for → the letter
→ logging each contact, where the borrower is, what is done and what comes next.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from core import Comparison
from core.text import Lang, t
from ui import state
from ui.boundary import guarded
from ui.nav import HOME_PAGE, LENDERS_PAGE, LETTER_PAGE, LOG_PAGE
from ui.results import DETAIL_TAB


@dataclass(frozen=True, slots=True)
class Step:
    """One step: its catalog name and the page that does it (``tab``: a home-page tab)."""

    name_key: str
    page: str
    tab_key: str | None = None


STEPS: tuple[Step, ...] = (
    Step("way.situation", HOME_PAGE),
    Step("way.ask", HOME_PAGE, "ladder.title"),
    Step("way.letter", LETTER_PAGE),
    Step("way.log", LOG_PAGE),
)
"""The four steps, in order (numbered from 1)."""

MARKS = ("①", "②", "③", "④")


def done_steps(entered: bool) -> frozenset[int]:
    """The steps (1–4) the borrower has done: numbers entered, a proposal that fits,
    the letter's texts typed, a contact logged."""
    done: set[int] = set()
    if entered:
        done.add(1)
    if st.session_state.get(state.PROPOSAL_FITS):
        done.add(2)
    letter = st.session_state.get(state.LETTER_TEXTS)
    if letter is not None and any(letter.model_dump().values()):
        done.add(3)
    if state.contact_log():
        done.add(4)
    return frozenset(done)


def next_step(current: int | None, done: frozenset[int]) -> int | None:
    """The step to offer next: the one after ``current``, or (on a page outside the way)
    the first not done; None after the last.

    >>> next_step(1, frozenset()), next_step(4, frozenset({1})), next_step(None, frozenset({1}))
    (2, None, 2)
    """
    if current is not None:
        return current + 1 if current < len(STEPS) else None
    for number in range(1, len(STEPS) + 1):
        if number not in done:
            return number
    return None


def line(current: int | None, done: frozenset[int], lang: Lang) -> str:
    """The steps on one line (it wraps on a phone): the current one marked, done ones ticked."""
    parts = []
    for number, (step, mark) in enumerate(zip(STEPS, MARKS, strict=True), start=1):
        text = f"{mark} {t(step.name_key, lang)}"
        if number in done:
            text += " ✓"
        if number == current:
            text = f":blue-background[**{text}**]"
        parts.append(text)
    return " › ".join(parts)


def way_through(lang: Lang, current: int | None, *, entered: bool, several: bool) -> None:
    """The way through at the top of a page, with a button to the next step.

    ``entered``: the borrower's own numbers are in; ``several``: more than one lender, so
    the situation is the list of debts.
    """
    done = done_steps(entered)
    with st.container(border=True, key="way_through"):
        st.markdown(line(current, done, lang))
        following = next_step(current, done)
        if current == 1 and not entered:
            return  # the situation's own form is the way on
        if following is None:
            st.caption(t("way.last", lang))
            return
        step = STEPS[following - 1]
        st.button(
            t("way.next", lang, step=t(step.name_key, lang)),
            key="_way_next",
            type="primary" if current is not None else "secondary",
            on_click=go_to_step,
            args=(following, several, lang),
        )


@guarded
def go_to_step(number: int, several: bool, lang: Lang) -> None:
    """Open step ``number``'s page (and its tab on the home page) on the next run."""
    step = STEPS[number - 1]
    page = LENDERS_PAGE if number == 1 and several else step.page
    if step.tab_key is not None:
        st.session_state[DETAIL_TAB] = t(step.tab_key, lang)
    st.session_state[state.GO_TO] = page
    # The button under the cards sits in the home page's results fragment: the whole page
    # must run, for ``start_page`` to open the page asked for.
    st.rerun()


def after_cards(result: Comparison, numbers: tuple[int, ...], lang: Lang, *, several: bool) -> None:
    """One sentence under the cards on what to do next, with the button that does it.

    ``numbers`` are the proposals' numbers on the page (``result.proposals`` in order).
    Remembers for the way through whether a proposal fits.
    """
    fitting = [n for n, p in zip(numbers, result.proposals, strict=True) if p.summary.fits]
    st.session_state[state.PROPOSAL_FITS] = bool(fitting)
    if result.disposable <= 0:
        sentence, following = t("next.no_spare", lang), 2
    elif not numbers:
        sentence, following = t("next.no_proposal", lang), 2
    elif fitting:
        sentence, following = t("next.fits", lang, number=fitting[0]), 3
        st.session_state[state.LETTER_PROPOSAL] = numbers.index(fitting[0])
    else:
        sentence, following = t("next.none_fits", lang), 2
    step = STEPS[following - 1]
    with st.container(border=True, key="next_step"):
        st.markdown(sentence)
        st.button(
            t("way.next", lang, step=t(step.name_key, lang)),
            key="_next_after_cards",
            type="primary",
            on_click=go_to_step,
            args=(following, several, lang),
        )
