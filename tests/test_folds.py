"""Folded groups draw their widgets only while open, and keep their values meanwhile.

The sidebar's overdue, assumptions and real-bill groups, each proposal's further levers and
the home page's "your numbers" form are expanders with ``on_change="rerun"``: folded, none
of their widgets is drawn (a page load or a language switch draws some forty-four fewer),
yet what was set in
them still counts, stays in the link and comes back when the group is opened again.
"""

from __future__ import annotations

import datetime as dt

from apptest_helpers import open_page
from streamlit.testing.v1 import AppTest

from core.text import t
from ui import state
from ui.inputs import MAIN_LEVERS
from ui.registry import ASSUMPTION_PARAMS, BY_KEY, OVERDUE_PARAMS, PROPOSAL_PARAMS
from ui.situation import SITUATION_KEYS

FOLDED_KEYS = {
    *(p.key for p in ASSUMPTION_PARAMS),
    *(p.key for p in OVERDUE_PARAMS),
    "orig",
    "recv",
    "origterm",
    *(p.key for params in PROPOSAL_PARAMS[:2] for p in params if p.name not in MAIN_LEVERS),
    *(f"_situation_{key}" for key in SITUATION_KEYS),  # the "your numbers" form
}


def link_value(at: AppTest, key: str) -> str:
    value = at.query_params[key]
    return value[0] if isinstance(value, list) else value


def budget_line(at: AppTest) -> str:
    """The line that says what plans are checked against (it names the share kept)."""
    start = t("budget.line", "en", amount="\0", share="\0", spare="\0", margin="\0")
    start = start.split("\0")[0]
    return next(c.value for c in [*at.caption, *at.markdown] if c.value.startswith(start))


def drawn_keys(at: AppTest) -> set[str]:
    kinds = ("number_input", "slider", "selectbox", "checkbox", "toggle", "date_input")
    return {str(w.key) for kind in kinds for w in at.get(kind) if getattr(w, "key", None)}


def test_folded_groups_draw_none_of_their_widgets():
    folded = open_page("en", folded=True)
    opened = open_page("en")
    assert not folded.exception and not opened.exception
    assert FOLDED_KEYS <= drawn_keys(opened)
    assert not FOLDED_KEYS & drawn_keys(folded)
    assert len(drawn_keys(opened)) - len(drawn_keys(folded)) == len(FOLDED_KEYS) >= 40
    # The same figures either way: nothing set in a folded group is lost by folding it.
    assert [m.value for m in folded.metric] == [m.value for m in opened.metric]


def test_a_value_set_in_a_group_counts_and_stays_while_it_is_folded():
    at = open_page("en", folded=True)
    before = budget_line(at)
    at.session_state[state.FOLD_ASSUMPTIONS] = True  # opened
    at.run()
    at.slider(key="afford").set_value(70).run()
    at.run()
    changed = budget_line(at)
    assert changed != before and "70" in changed
    at.session_state[state.FOLD_ASSUMPTIONS] = False  # folded again
    at.run()
    assert "afford" not in drawn_keys(at)
    assert link_value(at, "afford") == "70"  # still in the share link
    assert budget_line(at) == changed
    at.session_state[state.FOLD_ASSUMPTIONS] = True
    at.run()
    assert at.slider(key="afford").value == 70


def test_a_proposals_further_lever_stays_set_while_folded():
    at = open_page("en", folded=True)
    key = f"{state.FOLD_MORE_PREFIX}1"
    at.session_state[key] = True
    at.run()
    lever = BY_KEY["p1_hol"]
    at.slider(key=lever.key).set_value(3).run()
    at.run()
    shown = [m.value for m in at.metric]
    at.session_state[key] = False
    at.run()
    assert lever.key not in drawn_keys(at)
    assert link_value(at, lever.key) == "3"
    assert [m.value for m in at.metric] == shown


def test_a_link_with_overdue_figures_opens_the_overdue_group():
    at = open_page("en", {"days": "40", "overdue": "1200"}, folded=True)
    assert not at.exception
    assert at.number_input(key="days").value == 40
    assert at.number_input(key="overdue").value == 1200


def test_the_contract_date_is_asked_only_for_a_private_lender():
    """Only the private-lending line depends on the contract date (the LPR on that day)."""
    at = open_page("en", folded=True)
    assert "signed" not in drawn_keys(at)
    at.sidebar.selectbox(key="lender").set_value("private").run()
    assert not at.exception
    assert at.sidebar.date_input(key="signed").value == dt.date(2024, 1, 1)  # the whole page ran
    at.sidebar.date_input(key="signed").set_value(dt.date(2025, 6, 1)).run()
    at.run()  # the date reran the results only; AppTest holds the sidebar after a whole run
    at.sidebar.selectbox(key="lender").set_value("licensed").run()
    assert "signed" not in drawn_keys(at)
    assert link_value(at, "signed") == "2025-06-01"  # kept, and back when it matters again
    at.sidebar.selectbox(key="lender").set_value("private").run()
    assert at.sidebar.date_input(key="signed").value == dt.date(2025, 6, 1)


def test_a_link_to_a_private_loan_shows_its_contract_date():
    at = open_page("en", {"lender": "private", "rate": "18", "signed": "2025-06-01"}, folded=True)
    assert at.sidebar.date_input(key="signed").value == dt.date(2025, 6, 1)
