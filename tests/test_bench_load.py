"""The load benchmark's simulated browsers speak Streamlit's websocket protocol to the real app.

``bench/bench_load.py`` drives many sessions through ``bench/wsclient.py`` and counts a reply as
correct only when ``check`` finds nothing wrong with it. These tests run that client against the
app served on loopback (no browser) for two sessions and a few principals typed into the
sidebar's number input, and show that ``check`` accepts the right page and reports a wrong one.
No timing is asserted here.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import pytest
from bench_load import (
    FAILURE_MESSAGE,
    LINK,
    LINK_PRINCIPAL_YUAN,
    PRINCIPAL_KEY,
    check,
    expected,
)
from streamlit.proto.NumberInput_pb2 import NumberInput
from wsclient import (
    FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
    FINISHED_SUCCESSFULLY,
    Run,
    Session,
    SessionError,
    widget_key,
)

from ui.registry import Key

T = TypeVar("T")


def run_alone(scenario: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine in a thread of its own: it gets its own event loop even when the
    test's thread has one running (Playwright's sync API keeps one in the main thread)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(scenario())).result()


def test_two_sessions_each_see_the_figures_for_their_own_principal(app_server: str) -> None:
    async def scenario() -> None:
        async with (
            Session(app_server, query_string=LINK) as first,
            Session(app_server, query_string=LINK) as second,
        ):
            loads = await asyncio.gather(first.load(), second.load())
            for run in loads:
                assert check(run, expected(LINK_PRINCIPAL_YUAN)) == []
                assert len(run.charts) == 2
                # The principal is a box to type into: a number input, no longer a slider.
                assert PRINCIPAL_KEY in run.number_inputs
                assert PRINCIPAL_KEY not in run.sliders
                assert run.number_inputs[PRINCIPAL_KEY].data_type == NumberInput.FLOAT
            assert first.session_id and second.session_id
            assert first.session_id != second.session_id

            # Both type at once, different values to the fen; each page follows its own box.
            moved = await asyncio.gather(
                first.set_number(PRINCIPAL_KEY, 10_100.55),
                second.set_number(PRINCIPAL_KEY, 12_500.0),
            )
            assert check(moved[0], expected(10_100.55)) == []
            assert check(moved[1], expected(12_500.0)) == []
            assert moved[0].charts[0].spec != moved[1].charts[0].spec
            # The link held the borrower's numbers, so a new principal reruns only the results
            # fragment: the sidebar is not sent again.
            assert {run.status for run in moved} == {FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
            assert not moved[0].number_inputs and not moved[1].number_inputs

            # Another value builds on the first: the session kept its state.
            again = await first.set_number(PRINCIPAL_KEY, 10_200.25)
            assert check(again, expected(10_200.25)) == []
            # The app rewrote the share link, to the fen, and the client sends it back as a
            # browser does.
            assert "principal=10200.25" in first.query_string.split("&")
            assert "principal=12500" in second.query_string.split("&")

    run_alone(scenario)


def test_a_whole_number_input_takes_no_fraction(app_server: str) -> None:
    """``set_number`` refuses what the browser could not send to a box of whole numbers."""

    async def scenario() -> None:
        async with Session(app_server, query_string=LINK) as session:
            await session.load()
            assert session.number_inputs[Key.MONTHS].data_type == NumberInput.INT
            with pytest.raises(SessionError, match="whole numbers"):
                await session.set_number(Key.MONTHS, 12.5)
            with pytest.raises(SessionError, match="no number input"):
                await session.set_number("p1_add", 3)  # a slider, not a box

    run_alone(scenario)


def test_check_reports_a_page_for_another_principal(app_server: str) -> None:
    async def scenario() -> tuple[Run, Run]:
        async with Session(app_server, query_string=LINK) as session:
            load = await session.load()
            return load, await session.set_number(PRINCIPAL_KEY, 10_100.0)

    load, move = run_alone(scenario)
    assert check(move, expected(10_100.0)) == []
    problems = check(move, expected(10_300.0))
    assert "chart 1 does not show principal 10300" in problems
    assert "chart 2 does not show principal 10300" in problems
    assert any(p.startswith("first payment shows ¥") for p in problems)
    # A load draws the whole page, the principal's box too.
    assert "principal input shows 12000.0, sent 10300.00" in check(load, expected(10_300.0))


def test_check_counts_exceptions_and_lost_replies_as_errors() -> None:
    want = expected(LINK_PRINCIPAL_YUAN)
    crashed = Run(sent=0.0, status=FINISHED_SUCCESSFULLY, exceptions=["boom"])
    assert "exception element: boom" in check(crashed, want)
    lost = Run(sent=0.0, error="no reply within 30 s")
    assert check(lost, want) == ["no reply within 30 s"]
    unfinished = Run(sent=0.0, status=1)
    assert "script finished with status 1" in check(unfinished, want)
    caught = Run(sent=0.0, status=FINISHED_SUCCESSFULLY, errors=[FAILURE_MESSAGE])
    assert "the app's failure message" in check(caught, want)


def test_widget_keys_come_from_widget_ids() -> None:
    assert widget_key("$$ID-5a30259e03a6b798efb04205d5d96c59-principal") == "principal"
    assert widget_key("$$ID-5a30259e03a6b798efb04205d5d96c59-p1_add") == "p1_add"
    assert widget_key("$$ID-7aba6471addbfd2b3ce86f95dce9c9da-None") is None
    assert widget_key("plain") is None
