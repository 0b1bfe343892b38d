"""Every docstring example in the core holds, and the public functions state one.

That the core stays pure (no Streamlit, no ``ui``, no pages) is checked with the other
layers in ``test_layering.py``.
"""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parent.parent / "core"
MODULES = sorted(CORE.rglob("*.py"))


def module_name(path: Path) -> str:
    parts = path.relative_to(CORE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(CORE.parent)))
def test_docstring_examples(path: Path):
    module = importlib.import_module(module_name(path))
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0


def test_public_functions_state_an_example():
    core = importlib.import_module("core")
    documented = [
        "compare",
        "true_cost",
        "monthly_irr",
        "equal_installment_rows",
        "equal_principal_rows",
        "interest_first_rows",
        "flat_fee_rows",
        "schedule",
        "overdue_position",
        "stay_overdue_path",
        "lpr_on",
        "check_apr",
        "proposal_schedule",
    ]
    for name in documented:
        assert ">>>" in (getattr(core, name).__doc__ or ""), name
