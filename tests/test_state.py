"""The session's declared state: every key once, spelled only in ui/state.py, and the reset."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from core.contacts import ContactEntry
from ui import state
from ui.registry import ALL_PARAMS, LANG_PARAM

ROOT = Path(__file__).resolve().parent.parent
DECLARED = {
    name: value
    for name, value in vars(state).items()
    if name.isupper() and isinstance(value, str) and value.startswith("_")
}
SHELL = [
    ROOT / "app.py",
    *sorted((ROOT / "pages").glob("*.py")),
    *sorted((ROOT / "ui").glob("*.py")),
]


def test_every_key_is_declared_once_with_its_meaning():
    assert len(set(DECLARED.values())) == len(DECLARED)
    source = (ROOT / "ui" / "state.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    body = tree.body
    for index, node in enumerate(body):
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") in DECLARED:
            meaning = body[index + 1]
            assert isinstance(meaning, ast.Expr) and isinstance(meaning.value, ast.Constant), (
                node.targets[0]
            )


def test_no_state_key_is_also_an_input():
    inputs = {param.key for param in ALL_PARAMS} | {LANG_PARAM.key}
    assert not inputs & set(DECLARED.values())


@pytest.mark.parametrize("path", SHELL, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_declared_key_is_spelled_only_in_the_state_module(path: Path):
    if path.name == "state.py":
        return
    keys = set(DECLARED.values())
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            assert node.value not in keys, f"{path.name}:{node.lineno} spells {node.value!r}"


def test_reset_clears_the_inputs_and_what_the_link_left_and_keeps_the_borrowers_work(
    monkeypatch,
):
    entry = ContactEntry(when=dt.datetime(2026, 12, 1, 10, 0), who="A-17")
    session: dict[str, Any] = {
        "principal": 45_600.0,
        "p1_add": 6,
        LANG_PARAM.key: "zh",
        state.SEEDED: True,
        state.LINK_PROBLEMS: ["x"],
        state.CASE_REFUSED: "refused",
        state.PRESET_PREFIX + "1": "longer",
        state.CONTACT_LOG: (entry,),
        state.CHECKLIST: {"calm": True},
        "_letter_name": "张伟",
    }
    monkeypatch.setattr(state, "_state", lambda: session)
    state.reset()
    assert session == {
        LANG_PARAM.key: "zh",
        state.CONTACT_LOG: (entry,),
        state.CHECKLIST: {"calm": True},
        "_letter_name": "张伟",
    }
    assert state.contact_log() == (entry,)
    assert state.checklist() == {"calm": True}
