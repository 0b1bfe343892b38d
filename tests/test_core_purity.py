"""The core stays pure (no Streamlit) and every docstring example in it holds."""

from __future__ import annotations

import ast
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
def test_core_never_imports_streamlit(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        assert not any(name.split(".")[0] == "streamlit" for name in names), path


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
