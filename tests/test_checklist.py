"""The checklist page: ticking, auto-ticks from the inputs, progress, both languages."""

from __future__ import annotations

import pytest
from apptest_helpers import open_page
from streamlit.testing.v1 import AppTest

from core.text import Lang, t
from ui.checklist import ITEMS


def open_checklist(lang: Lang = "en", params: dict[str, str] | None = None) -> AppTest:
    return open_page(lang, params, "pages/1_checklist.py")


def progress_text(at: AppTest) -> str:
    return str(at.get("progress")[0].proto.text)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_item_in_each_language(lang: Lang):
    at = open_checklist(lang)
    assert not at.exception
    labels = [box.label for box in at.checkbox]
    for item in ITEMS:
        assert t(f"check.{item.key}", lang) in labels


def test_ticking_by_hand_moves_the_progress_and_survives_a_page_visit():
    at = open_checklist()
    before = progress_text(at)
    at.checkbox(key="_check_documents").check().run()
    after = progress_text(at)
    assert before != after
    at.switch_page("app.py").run()
    at.switch_page("pages/1_checklist.py").run()
    assert at.checkbox(key="_check_documents").value is True
    assert progress_text(at) == after


def test_inputs_tick_items_themselves():
    # The default proposals fit the default budget; entering income and expenses ticks
    # "know your finances" too.
    at = open_checklist("en", {"income": "8000", "expenses": "3000"})
    auto = [box for box in at.checkbox if box.key and box.key.endswith("_auto")]
    assert {box.key for box in auto} >= {"_check_finances_auto", "_check_feasible_auto"}
    assert all(box.value and box.disabled for box in auto)
    done = len(auto)
    assert progress_text(at) == t("check.progress", "en", done=done, total=len(ITEMS))


def test_a_lump_sum_at_signing_ticks_good_faith():
    at = open_checklist("en", {"cash": "2000", "p1_lump": "1000"})
    keys = {box.key for box in at.checkbox}
    assert "_check_good_faith_auto" in keys


def test_listing_every_lender_by_name_ticks_itself():
    assert "_check_lenders_auto" not in {box.key for box in open_checklist("en").checkbox}
    at = open_checklist("en", {"name": "借呗"})
    assert "_check_lenders_auto" in {box.key for box in at.checkbox}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_reason_is_written_under_its_box_not_hidden_in_a_tooltip(lang: Lang):
    """On a phone a "?" inside the box's label only ticked the box: each reason is a caption
    right after its box, and no box has a help tooltip."""
    at = open_checklist(lang)
    assert not at.exception
    assert all(not box.help for box in at.checkbox)
    # Every checkbox and caption in the main area, in the order drawn (nested ones too).
    order = [
        (node.type, getattr(node, "value" if node.type == "caption" else "label"))
        for node in at.main
        if node.type in ("checkbox", "caption")
    ]
    for item in ITEMS:
        label = t(f"check.{item.key}", lang)
        at_box = order.index(("checkbox", label))
        caption = order[at_box + 1]
        assert caption[0] == "caption"
        assert t(f"check.{item.key}.why", lang) in str(caption[1])


def test_ticking_a_box_keeps_its_reason_and_an_automatic_tick_keeps_its_own():
    at = open_checklist("en", {"income": "8000", "expenses": "3000"})
    at.checkbox(key="_check_calm").check().run()
    captions = [str(c.value) for c in at.caption]
    assert t("check.calm.why", "en") in captions
    auto = t("check.auto", "en") + " · " + t("check.finances.why", "en")
    assert auto in captions
