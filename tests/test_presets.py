"""The preset pills: each loads its levers into its proposal and changes that proposal's card."""

from __future__ import annotations

from typing import Any

import pytest
from apptest_helpers import expected, open_app
from streamlit.testing.v1 import AppTest

from core import Proposal
from ui.format import money
from ui.presets import PRESETS


def presets_of(at: AppTest, number: int) -> Any:
    """The preset pills of proposal ``number`` (AppTest has no typed accessor for pills)."""
    return at.get("button_group")[number - 1]


class TestPresets:
    @pytest.mark.parametrize("preset", PRESETS)
    def test_each_preset_loads_into_its_proposal(self, preset: str):
        at = open_app()
        presets_of(at, 1).set_value(preset).run()
        assert not at.exception
        state = at.session_state
        if preset == "longer":
            assert state["p1_add"] == 12
        elif preset == "lower_rate":
            assert state["p1_rate"] == 9.0
        elif preset == "waiver":
            assert state["p1_waivepct"] == 20.0
        elif preset == "partial":
            assert state["p1_lump"] == 1_000.0
        elif preset == "illness":
            # Income halved now and back in month 4: a pause, interest stopped, then a plan.
            assert state["income"] == 3_000.0 and state["later"] == 6_000.0
            assert state["laterm"] == 4
            assert state["p1_hol"] == 3 and state["p1_holint"] is False
        assert state["_preset_1"] is None

    def test_preset_changes_the_proposal_card(self):
        at = open_app()
        presets_of(at, 1).set_value("longer").run()
        presets_of(at, 2).set_value("waiver").run()
        result = expected(
            None,
            Proposal(months_added=12),
            Proposal(principal_waived_share=0.2, overdue_charges_waived_share=1.0),
        )
        assert at.metric[6].value == money(result.proposals[1].summary.first_payment)
        assert at.metric[7].value == money(result.proposals[1].summary.total_paid)
