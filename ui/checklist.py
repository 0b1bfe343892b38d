"""The preparation checklist: items, their groups, and which ones the inputs already answer.

Pure Python (no Streamlit). Each item's text is ``check.<item>`` in the catalogs, with a
short explanation at ``check.<item>.why`` (the page shows it under the box, where a
phone can read it). An item with a rule ticks itself when the borrower's inputs show it
is done.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from core import Comparison, OptionKind
from core.contacts import ContactEntry
from ui.lenders import Lender
from ui.registry import BY_KEY, Key

GROUPS: tuple[str, ...] = ("prepare", "proposal", "conduct", "record", "risks")


@dataclass(frozen=True, slots=True)
class Answers:
    """What the rest of the app knows that can tick an item."""

    values: Mapping[str, Any]
    comparison: Comparison | None
    log: Sequence[ContactEntry]
    lenders: Sequence[Lender] = ()


def _budget_entered(answers: Answers) -> bool:
    values = answers.values
    touched = any(values.get(key) != BY_KEY[key].default for key in (Key.INCOME, Key.EXPENSES))
    return touched and float(values.get(Key.INCOME, 0)) > 0


def _every_lender_listed(answers: Answers) -> bool:
    """Every lender in the list has a name: the borrower has listed them one by one."""
    lenders = answers.lenders
    return bool(lenders) and all(str(x.values.get(Key.NAME) or "").strip() for x in lenders)


def _feasible_proposal(answers: Answers) -> bool:
    result = answers.comparison
    return result is not None and any(o.summary.fits for o in result.proposals)


def _good_faith_payment(answers: Answers) -> bool:
    result = answers.comparison
    return result is not None and any(
        o.kind is OptionKind.PROPOSAL and o.summary.due_at_signing > 0 for o in result.proposals
    )


def _contact_logged(answers: Answers) -> bool:
    return len(answers.log) > 0


def _evidence_kept(answers: Answers) -> bool:
    return any(entry.evidence_kept for entry in answers.log)


@dataclass(frozen=True, slots=True)
class Item:
    key: str
    group: str
    rule: Callable[[Answers], bool] | None = None


ITEMS: tuple[Item, ...] = (
    Item("finances", "prepare", _budget_entered),
    Item("lenders", "prepare", _every_lender_listed),
    Item("documents", "prepare"),
    Item("policy", "prepare"),
    Item("feasible", "proposal", _feasible_proposal),
    Item("good_faith", "proposal", _good_faith_payment),
    Item("in_writing", "proposal"),
    Item("calm", "conduct"),
    Item("no_threats", "conduct"),
    Item("no_promise", "conduct"),
    Item("every_contact", "record", _contact_logged),
    Item("evidence", "record", _evidence_kept),
    Item("fees", "risks"),
    Item("refusal", "risks"),
    Item("collection_rules", "risks"),
    Item("intermediaries", "risks"),
)


def auto_ticked(answers: Answers) -> set[str]:
    """The items the inputs show are done.

    >>> sorted(auto_ticked(Answers(values={"income": 8_000.0, "expenses": 3_000.0},
    ...                            comparison=None, log=())))
    ['finances']
    """
    return {item.key for item in ITEMS if item.rule is not None and item.rule(answers)}


def progress(ticked_by_hand: Mapping[str, bool], answers: Answers) -> tuple[int, int]:
    """(items done, items in all): done by hand or answered by the inputs."""
    automatic = auto_ticked(answers)
    done = sum(1 for item in ITEMS if item.key in automatic or ticked_by_hand.get(item.key))
    return done, len(ITEMS)
