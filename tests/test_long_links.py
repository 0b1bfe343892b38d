"""Issue 16, point 10: a link too long for Streamlit to read is said, and leaves the address bar.

Streamlit 1.67 ignores the whole query string of an address with more than 1,000 parameters
or more than 512 Ki characters (``streamlit.runtime.state.query_params.sanitize_query_string``:
it counts the ``&`` signs, plus one, and the characters), when the rerun request arrives and
again when the run parses it. Before this, the page opened at its defaults with no word and
the junk stayed in the address bar. Now the page says so in the visitor's language, as for any
other ignored link value, shows the defaults (or what the visitor had entered), and writes the
address afresh (``page_info_changed``), which takes the junk out of the address bar.

The links are sent as a visitor's browser or a hostile client sends them: through AppTest on
every page, and over Streamlit's own websocket protocol to the real server (``bench/wsclient``).
A link just under each limit is still read. ``ui.inputs`` is imported here before any page
runs, as ``serve.py`` imports it before the server starts (it installs ``ui.long_links``).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

import pytest
from apptest_helpers import LOCALES
from playwright.sync_api import Page, expect
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.Element_pb2 import Element
from streamlit.runtime.state.query_params import (
    CLIENT_STATE_QUERY_STRING_MAX_FIELDS,
    CLIENT_STATE_QUERY_STRING_MAX_LENGTH,
)
from streamlit.testing.v1 import AppTest
from wsclient import Run, Session

import ui.inputs  # noqa: F401  (installs ui.long_links, as serve.py's imports do)
from core.text import Lang, t
from ui import nav
from ui.link import DROPPED_PARAM, dropped_link, dropped_query
from ui.registry import BY_KEY, default
from ui.state import SITUATION_DONE

ROOT = Path(__file__).resolve().parent.parent
PAGES = tuple(path for path, _ in nav.PAGES)
MOST_PARAMETERS = CLIENT_STATE_QUERY_STRING_MAX_FIELDS
MOST_CHARACTERS = CLIENT_STATE_QUERY_STRING_MAX_LENGTH
PRINCIPAL = "45600"
"""A principal the link sets (the default is another), to see whether the link was read."""
FIRST = f"principal={PRINCIPAL}"
T = TypeVar("T")


def test_the_limits_are_those_the_issue_names():
    assert (MOST_PARAMETERS, MOST_CHARACTERS) == (1_000, 512 * 1024)


def parameters(count: int) -> dict[str, str | list[str]]:
    """A link of ``count`` parameters: the principal, then one unknown key repeated."""
    return {"principal": PRINCIPAL, "zz": ["1"] * (count - 1)}


def characters(length: int) -> dict[str, str | list[str]]:
    """A link of ``length`` characters once encoded: the principal, then one long value."""
    return {"principal": PRINCIPAL, "zz": "a" * (length - len(f"{FIRST}&zz="))}


def query_string(link: dict[str, str | list[str]]) -> str:
    from urllib.parse import urlencode

    return urlencode(link, doseq=True)


TOO_MANY = parameters(MOST_PARAMETERS + 1)  # 1,001 parameters
TOO_LONG = characters(600 * 1024)  # 600 Ki characters
JUST_UNDER = {"parameters": parameters(MOST_PARAMETERS), "characters": characters(MOST_CHARACTERS)}


def message(link: dict[str, str | list[str]], lang: Lang) -> str:
    """What the page must say of ``link`` (too many parameters or too many characters)."""
    text = query_string(link)
    _, problem = dropped_link(_query(dropped_query(text, MOST_CHARACTERS, MOST_PARAMETERS)))
    assert problem is not None
    return t("link." + problem.reason, lang, **problem.context)


def _query(text: str) -> dict[str, list[str]]:
    key, _, value = text.partition("=")
    return {key: [value]}


def test_the_links_break_the_limit_they_are_meant_to_break():
    assert query_string(TOO_MANY).count("&") + 1 == 1_001
    assert len(query_string(TOO_MANY)) < MOST_CHARACTERS
    assert len(query_string(TOO_LONG)) == 600 * 1024
    assert query_string(JUST_UNDER["parameters"]).count("&") + 1 == MOST_PARAMETERS
    assert len(query_string(JUST_UNDER["characters"])) == MOST_CHARACTERS
    assert message(TOO_MANY, "en").startswith("This page's address held 1,001 parameters.")
    assert "1,000" in message(TOO_MANY, "zh") and "524,288" in message(TOO_LONG, "zh")


# --- AppTest: what a page does with the link ------------------------------------------------


def open_link(link: dict[str, Any], lang: Lang = "en", page: str = "app.py") -> AppTest:
    """``page`` opened with ``link`` as its address's query, a browser in ``lang``."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.context = {"locale": LOCALES[lang], "timezone": "Asia/Shanghai"}
    at.session_state[SITUATION_DONE] = True
    at.query_params.update(link)
    if page != "app.py":
        at.switch_page(page)  # before the first run: the session starts on that page
    return at.run()


def warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


def said(text: str, alerts: list[str]) -> bool:
    """True when one of the page's warnings says ``text`` (with the other ignored values)."""
    return any(text in alert for alert in alerts)


def principal(at: AppTest) -> float:
    return float(at.session_state["principal"])


DEFAULT_PRINCIPAL = float(default(BY_KEY["principal"], {}))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("link", [TOO_MANY, TOO_LONG], ids=["1001-parameters", "600Ki-characters"])
def test_a_link_too_long_to_read_is_said_and_leaves_the_address(link: dict[str, Any], lang: Lang):
    at = open_link(link, lang)
    assert not at.exception
    assert said(message(link, lang), warnings(at))
    assert principal(at) == DEFAULT_PRINCIPAL != float(PRINCIPAL)  # nothing of it was read
    assert t("link.intro", lang) not in "\n".join(warnings(at))  # no value to list
    # The address is written afresh: neither the junk nor the stand-in is left in it.
    assert dict(at.query_params) == {}


@pytest.mark.parametrize("path", PAGES[1:])
def test_every_page_says_so(path: str):
    at = open_link(TOO_MANY, "en", path)
    assert not at.exception
    assert said(message(TOO_MANY, "en"), warnings(at))
    assert DROPPED_PARAM not in at.query_params and "zz" not in at.query_params


@pytest.mark.parametrize("limit", ["parameters", "characters"])
def test_a_link_just_under_each_limit_is_still_read(limit: str):
    at = open_link(JUST_UNDER[limit])
    assert not at.exception
    assert principal(at) == float(PRINCIPAL)
    said = "\n".join(warnings(at))
    assert t("link.intro", "en") in said  # the unknown parameter is listed, as ever
    assert "address held" not in said and "characters long" not in said
    assert at.query_params["principal"] == PRINCIPAL and "zz" not in at.query_params


def test_what_the_visitor_entered_stays_when_a_long_link_arrives_later():
    """A client may send a long query with any rerun: what was entered stays, and is linked."""
    at = open_link({})
    at.sidebar.number_input(key="principal").set_value(float(PRINCIPAL)).run()
    assert at.query_params["principal"] == PRINCIPAL
    at.query_params.update(TOO_MANY)
    at.run()
    assert not at.exception
    assert said(message(TOO_MANY, "en"), warnings(at))
    assert principal(at) == float(PRINCIPAL)
    assert dict(at.query_params) == {"principal": PRINCIPAL}
    at.run()  # said once, however often it came
    assert "\n".join(warnings(at)).count(message(TOO_MANY, "en")) == 1
    at.button(key="_dismiss_link_problems").click().run()
    assert not said(message(TOO_MANY, "en"), warnings(at))


def test_a_parameter_without_a_name_is_still_an_unknown_one_in_the_list():
    """``?=``: a parameter with an empty name is one ignored value, not the whole link."""
    at = open_link({"": ""}, "zh")
    assert not at.exception
    (box,) = warnings(at)
    assert box.startswith(t("link.intro", "zh")) and t("link.unknown", "zh") in box


def test_a_forged_stand_in_is_an_unknown_parameter():
    at = open_link({DROPPED_PARAM: "parameters~x~1"})
    assert not at.exception
    said = "\n".join(warnings(at))
    assert t("link.unknown", "en") in said and DROPPED_PARAM in said


# --- the real server, over Streamlit's own protocol ---------------------------------------


class Reading(Session):
    """A session that also keeps the body of every alert (warning, error, info) it is sent."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.alerts: list[str] = []

    def _element(self, run: Run, element: Element, at: float) -> None:  # type: ignore[override]
        super()._element(run, element, at)
        if element.WhichOneof("type") == "alert" and element.alert.format == Alert.WARNING:
            self.alerts.append(element.alert.body)


def run_alone(scenario: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine in a thread of its own, with its own event loop."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(scenario())).result()


@pytest.mark.parametrize("link", [TOO_MANY, TOO_LONG], ids=["1001-parameters", "600Ki-characters"])
def test_the_server_says_so_and_rewrites_the_address(app_server: str, link: dict[str, Any]):
    async def scenario() -> tuple[Run, Reading]:
        async with Reading(app_server, locale="zh-CN", query_string=query_string(link)) as tab:
            return await tab.load(), tab

    run, tab = run_alone(scenario)
    assert run.error is None and not run.exceptions and not run.errors, run
    assert said(message(link, "zh"), tab.alerts)
    # page_info_changed: the address the browser now shows holds none of the junk.
    assert tab.query_string == ""


def test_the_server_reads_a_link_just_under_the_limits_and_keeps_entries_later(app_server: str):
    async def scenario() -> tuple[str, Reading, Run]:
        link = query_string(JUST_UNDER["parameters"])
        async with Reading(app_server, query_string=link) as tab:
            first = await tab.load()
            assert first.error is None and not first.exceptions
            read = tab.query_string  # the address as the app wrote it back
            tab.query_string = query_string(TOO_LONG)  # then a rerun with a long query
            return read, tab, await tab.rerun()

    read, tab, later = run_alone(scenario)
    assert read == FIRST  # the principal was read; the unknown key left the address
    assert later.error is None and not later.exceptions and not later.errors
    assert said(message(TOO_LONG, "en"), tab.alerts)
    assert tab.query_string == FIRST  # what was entered stays, in the address too


# --- a real browser: the address bar itself ---------------------------------------------------


@pytest.mark.browser
def test_chromium_shows_the_message_and_clears_its_address_bar(app_server: str, page: Page):
    """A browser can open a link of 1,001 parameters (a few kilobytes): the page says so and
    the address bar ends with no query at all. (A 600 Ki address is refused by the web server
    before the page loads, so only a client speaking the protocol can send one: above.)"""
    page.goto(f"{app_server}/?{query_string(TOO_MANY)}")
    expect(page.get_by_text(message(TOO_MANY, "en"))).to_be_visible(timeout=30_000)
    page.wait_for_function("() => window.location.search === ''", timeout=30_000)
    assert "zz=" not in page.url
