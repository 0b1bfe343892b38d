"""Widget values and the core's models: the case the widgets describe, and back."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_registry import widget_value_of

from core import Case, Method, Proposal
from core.models import MAX_MONEY_YUAN, Loan
from core.overdue import overdue_position
from core.plans import owed_after_waivers
from ui.link import read_link
from ui.registry import PROPOSAL_PARAMS, blank_value
from ui.values import case_from_values, nominal_apr, proposal_values


class TestCaseFromValues:
    def test_defaults_give_the_default_loan_and_two_empty_proposals(self):
        built = case_from_values({})
        assert built.case is not None
        assert built.case.loans[0].loan == Case().loans[0].loan
        assert built.proposal_numbers == (1, 2)
        assert not built.errors

    def test_percent_inputs_become_fractions(self):
        built = case_from_values(
            {"rate": 24.0, "p1_rate": 12.0, "p1_pen": 50, "afford": 80, "np": "1"}
        )
        assert built.case is not None
        loan_case = built.case.loans[0]
        assert loan_case.loan.rate == pytest.approx(0.24)
        assert loan_case.proposals[0].new_apr == pytest.approx(0.12)
        assert loan_case.proposals[0].overdue_charges_waived_share == pytest.approx(0.5)
        assert built.case.assumptions.affordable_share == pytest.approx(0.8)

    def test_invalid_proposal_is_left_out_and_reported(self):
        built = case_from_values({"np": "3", "p2_waive": 50_000.0, "p3_add": 6})
        assert built.proposal_numbers == (1, 3)
        assert set(built.errors) == {"p2"}

    def test_flat_fee_unit_with_another_method_is_an_error_not_a_crash(self):
        built = case_from_values({"unit": "flat_fee", "method": Method.EQUAL_INSTALLMENT.value})
        assert built.case is None
        assert "loan" in built.errors


def test_flat_fee_link_picks_the_flat_fee_method():
    values, problems = read_link({"unit": ["flat_fee"], "rate": ["0.6"]})
    assert not problems
    built = case_from_values(values)
    assert built.case is not None
    assert built.case.loans[0].loan.method is Method.FLAT_FEE


def lever_values(number: int) -> st.SearchStrategy[dict[str, Any]]:
    """Widget values of every lever of proposal ``number`` that make a valid proposal.

    Each either/or pair (a new term or months added, the waiver as an amount or a share,
    the fee as an amount or a share) keeps one side blank.
    """
    levers = {p.name: p for p in PROPOSAL_PARAMS[number - 1]}
    drawn = {name: widget_value_of(param) for name, param in levers.items()}
    for first, second in (("term", "add"), ("waive", "waivepct"), ("fee", "feepct")):
        blank = st.just(blank_value(levers[second]))
        drawn[first] = st.one_of(
            st.tuples(drawn[first], blank), st.tuples(st.just(None), drawn[second])
        )
        del drawn[second]

    def spread(picked: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, value in picked.items():
            pair = {"term": "add", "waive": "waivepct", "fee": "feepct"}.get(name)
            if pair is None:
                out[levers[name].key] = value
            else:
                out[levers[name].key], out[levers[pair].key] = value
        return out

    return st.fixed_dictionaries(drawn).map(spread)


class TestProposalValues:
    @pytest.mark.parametrize("number", [1, 2, 3, 4])
    @settings(max_examples=60, deadline=None)
    @given(data=st.data())
    def test_a_proposal_read_from_the_widgets_writes_back_the_same_values(self, number, data):
        values = data.draw(lever_values(number))
        levers = PROPOSAL_PARAMS[number - 1]
        proposal = Proposal(**{p.field: p.model_value(values[p.key]) for p in levers})
        assert proposal_values(proposal, number) == values

    @settings(max_examples=60, deadline=None)
    @given(data=st.data())
    def test_the_case_built_from_loaded_values_holds_the_loaded_proposal(self, data):
        values = data.draw(lever_values(3))
        proposal = Proposal(**{p.field: p.model_value(values[p.key]) for p in PROPOSAL_PARAMS[2]})
        # The largest debt a loan can hold; a lump sum is at most what the waivers leave owed.
        owed = owed_after_waivers(proposal, overdue_position(Loan(principal_yuan=MAX_MONEY_YUAN)))
        lump = min(proposal.lump_sum_yuan, owed / 100)
        proposal = proposal.model_copy(update={"lump_sum_yuan": lump})
        loaded = proposal_values(proposal, 3) | {"np": "3", "principal": MAX_MONEY_YUAN}
        built = case_from_values(loaded)
        assert built.case is not None
        assert built.proposal_numbers[-1] == 3
        assert built.case.loans[0].proposals[-1] == proposal

    def test_a_ladder_offer_fills_every_lever(self):
        offer = Proposal(
            term_months=50, new_apr=0.0912, overdue_charges_waived_share=1.0, lump_sum_yuan=800.0
        )
        values = proposal_values(offer, 2)
        assert values["p2_term"] == 50 and values["p2_add"] == 0
        assert values["p2_rate"] == 9.12 and values["p2_pen"] == 100
        assert values["p2_lump"] == 800.0 and values["p2_waive"] is None
        assert values["p2_method"] == "same" and values["p2_feeto"] == "intermediary"


class TestNominalApr:
    @pytest.mark.parametrize(
        "values, apr",
        [
            ({}, 0.18),
            ({"unit": "monthly", "rate": 1.5}, 0.18),
            ({"unit": "daily", "rate": 0.05}, 0.18),
            ({"unit": "daily", "rate": 0.05, "basis": "365"}, 0.1825),
            ({"unit": "flat_fee", "rate": 0.6}, 0.072),
        ],
    )
    def test_any_unit(self, values, apr):
        assert nominal_apr(values) == pytest.approx(apr)
