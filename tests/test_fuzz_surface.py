"""Bad input everywhere never breaks a page: Hypothesis drives real script runs (AppTest).

Three doors let input in, and each is fuzzed through the page itself:

- a share link: every parameter with random text, numbers at, next to and beyond their
  bounds, NaN and infinity, very long values, repeated keys, unknown keys and ``lang``,
  opened on any page in either language;
- the widgets: every slider, number input, select box, checkbox and date on the sidebar
  and the proposal tabs set to its minimum, its maximum or a value between, in random
  mixes, plus values beyond the bounds where AppTest can send them;
- an uploaded case file: saved files damaged in every way ``strategies.case_files`` knows
  (cut short, a byte flipped, values replaced, keys added or removed, another version or
  schema, out-of-range values, nesting 100,000 deep, larger than the limit, not UTF-8).

For each: the page renders (no exception, and not the error boundary's message either),
any message is the catalog's text in the page's language, and nothing the borrower had
entered changes unless a good file replaced it. The example counts are the constants
below; the module prints how many inputs of each kind were tried.

What AppTest lets a test do that a browser cannot, and what the app then sees:
- a slider or number input set beyond its bounds (or to NaN or infinity) is reset by
  Streamlit to the widget's default (its minimum, or empty for an optional input), not
  clamped, and a date beyond its bounds is ignored: the browser's widgets never send such
  values (Streamlit's own comment: "the UI enforces bounds"), Streamlit only guards
  against them. The test checks that the page renders and every value stays in bounds;
- a select box cannot be set to a value that is not one of its options (AppTest raises
  before the run), nor a whole-number input to NaN (Streamlit raises in its own
  deserializer): neither is tried;
- a file whose name does not end in ``.json``, or holds a NUL character, is refused by
  Streamlit's own check (an exception on the page) before the app sees it; the browser's
  file picker only offers ``.json`` files and no file system allows a NUL in a name.
  Every file name here ends in ``.json`` (any case) and has no NUL.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlencode

import pytest
from apptest_helpers import LOCALES, open_tab
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_playwright import CreateContextCallback
from strategies import (
    CASE_FILE_DAMAGE,
    case_files,
    checklist_ticks,
    contact_entries,
    link_queries,
    nasty_text,
    widget_values,
)
from streamlit.testing.v1 import AppTest

from core.contacts import ContactEntry
from core.models import EARLIEST_DATE
from core.text import Lang, has_text, t
from ui.casefile import Loaded, Refused, load_case
from ui.casefile_ui import refusal_lines
from ui.format import literal
from ui.link import LinkProblem, parse_value, read_lenders, read_link
from ui.registry import (
    ALL_PARAMS,
    BY_KEY,
    COUNT_PARAM,
    LANG_PARAM,
    Param,
    blank_value,
    bounds,
    default,
)
from ui.results import DETAIL_TABS
from ui.state import SITUATION_DONE

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGES: tuple[str, ...] = (
    "app.py",
    "pages/1_checklist.py",
    "pages/2_contact_log.py",
    "pages/3_letter.py",
    "pages/4_guide.py",
)
OTHER_PAGES = PAGES[1:]
LANGS: tuple[Lang, Lang] = ("zh", "en")

# How many inputs each property tries (the README quotes these).
LINK_EXAMPLES = 120
"""Share links opened on the home page."""
PAGE_LINK_EXAMPLES_EACH = 15
"""Share links opened directly on each of the other four pages."""
PAGE_LINK_EXAMPLES = PAGE_LINK_EXAMPLES_EACH * len(OTHER_PAGES)
WIDGET_EXAMPLES = 50
"""Sessions in which widgets are set to their extremes (several widgets each)."""
CASEFILE_EXAMPLES_EACH = 8
"""Case files uploaded through the sidebar, for each way of damaging one."""
CASEFILE_EXAMPLES = CASEFILE_EXAMPLES_EACH * len(CASE_FILE_DAMAGE)
CASEFILE_READ_EXAMPLES = 1_000
"""Case files read by ``ui.casefile.load_case`` and worded for the page, without a page."""

TRIED: Counter[str] = Counter()
"""What the properties tried, by kind: printed when the module ends."""

FUZZ = settings(
    deadline=None,
    derandomize=True,  # the same examples on every run, so CI is reproducible
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.filter_too_much,
    ],
)


# --- Failures the page may hide -------------------------------------------------------------


class _Recorder(logging.Handler):
    """Keeps what the error boundary logs (it shows a calm message instead of a traceback)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


RECORDER = _Recorder()


@pytest.fixture(scope="module", autouse=True)
def _record_failures_and_report_counts() -> Iterator[None]:
    logger = logging.getLogger("loan_negotiation_planner")
    logger.addHandler(RECORDER)
    yield
    logger.removeHandler(RECORDER)
    print("\ninputs tried (tests/test_fuzz_surface.py):")
    for kind, count in sorted(TRIED.items()):
        print(f"  {kind}: {count}")


def assert_page_rendered(at: AppTest, context: object = "") -> None:
    """No exception reached the page, and the error boundary had nothing to catch."""
    assert not at.exception, (context, [e.value for e in at.exception])
    logged = [logging.Formatter().format(record) for record in RECORDER.records]
    RECORDER.records.clear()
    assert not logged, (context, logged)
    if has_text("error.unexpected"):
        calm = [t("error.unexpected", lang) for lang in LANGS]
        shown = [e.value for e in at.error]
        assert not any(c in s for c in calm for s in shown), (context, shown)


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def in_language(line: str, lang: Lang) -> bool:
    """A message line of ours (no user text in it) is Chinese or English as asked."""
    return has_cjk(line) if lang == "zh" else not has_cjk(line)


# --- Reading the page -----------------------------------------------------------------------


def new_session(
    lang: Lang,
    page: str = "app.py",
    query: Mapping[str, list[str]] = {},
    *,
    numbers_given: bool = True,
) -> AppTest:
    """A browser in ``lang``'s locale opening ``page`` with ``query`` in its address.

    ``numbers_given``: the borrower has given their numbers already (the example's), so the
    home page shows the proposals and results; False is a first visit (a link decides).
    """
    RECORDER.records.clear()  # what an earlier session logged is not this one's
    at = AppTest.from_file(APP, default_timeout=60)
    at.context = {"locale": LOCALES[lang], "timezone": "Asia/Shanghai"}
    if numbers_given:
        at.session_state[SITUATION_DONE] = True
    for key, items in query.items():
        at.query_params[key] = items[0] if len(items) == 1 else list(items)
    if page != "app.py":
        at.switch_page(page)  # before the first run: the session starts on that page
    return at


def inputs_now(at: AppTest) -> dict[str, Any]:
    """Every input's value as the session holds it."""
    return {param.key: at.session_state[param.key] for param in ALL_PARAMS}


def widgets_now(at: AppTest) -> dict[str, Any]:
    """The input widgets drawn on the page, by key."""
    found: dict[str, Any] = {}
    for kind in (at.slider, at.number_input, at.selectbox, at.checkbox, at.date_input):
        for widget in kind:
            if widget.key in BY_KEY:
                found[widget.key] = widget
    return found


def query_now(at: AppTest) -> dict[str, list[str]]:
    return {k: v if isinstance(v, list) else [v] for k, v in at.query_params.items()}


def active(param: Param, values: Mapping[str, Any]) -> bool:
    """False for the levers of a proposal beyond the number shown (they stay out of links)."""
    if param.group != "proposal" or param is COUNT_PARAM:
        return True
    return int(param.key[1]) <= int(values[COUNT_PARAM.key])


def same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float | int) and not isinstance(b, bool):
        return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-6)
    return bool(a == b)


def assert_in_bounds(values: Mapping[str, Any]) -> None:
    """Every input holds a value its widget accepts."""
    for param in ALL_PARAMS:
        value = values[param.key]
        if param.choices:
            assert value in param.choices, (param.key, value)
        elif param.widget == "checkbox":
            assert isinstance(value, bool), (param.key, value)
        elif param.widget == "date":
            assert EARLIEST_DATE <= value <= dt.date.today(), (param.key, value)
        elif param.widget == "text":
            assert isinstance(value, str) and len(value) <= (param.maximum or 0), param.key
        elif value is None:
            assert param.optional, param.key
        else:
            low, high, _ = bounds(param, values)
            assert low is not None and high is not None
            assert math.isfinite(value) and low <= value <= high, (param.key, value)


def assert_link_mirrors(at: AppTest, values: Mapping[str, Any], lang: Lang | None) -> None:
    """The address bar holds a clean link that reproduces ``values`` (and ``lang`` if set)."""
    query = query_now(at)
    assert query.pop(LANG_PARAM.key, None) == ([lang] if lang else None), at.query_params
    again, problems = read_link(query)
    assert not problems, problems
    for param in ALL_PARAMS:
        if active(param, values):
            value = again.get(param.key, default(param, again))
            assert same(value, values[param.key]), (param.key, value, values[param.key])


def problem_line(problem: LinkProblem, lang: Lang) -> str:
    """How the catalog words one ignored link value (or one bad value in a file)."""
    param = BY_KEY.get(problem.key)
    if param is None:
        name = literal(problem.key)  # the visitor's own text, never Markdown
    else:
        name = t(param.label_key if param.key != "rate" else "input.rate.apr", lang)
    if problem.lender is not None:
        name = t("link.of_lender", lang, name=name, place=problem.lender)
    reason = t("link." + problem.reason, lang, **problem.context)
    return t("link.item", lang, name=name, value=literal(problem.value), reason=reason)


# --- 1. Share links -------------------------------------------------------------------------


def what_the_page_reads(
    query: Mapping[str, list[str]], locale_lang: Lang
) -> tuple[dict[str, Any], list[LinkProblem], Lang, bool]:
    """From the query as the server receives it: the inputs, the problems, the language.

    The link reader (``ui.link.read_link``, tested on its own in ``test_link.py``) is the oracle.
    """
    received = parse_qs(urlencode(query, doseq=True), keep_blank_values=True)
    lang_values = received.pop(LANG_PARAM.key, [])
    values, problems = read_link(received)
    lang, chosen = locale_lang, False
    if lang_values:
        code, problem = parse_value(LANG_PARAM, lang_values[0], {})
        if problem is None:
            lang, chosen = ("zh" if code == "zh" else "en"), True
        else:
            problems.append(LinkProblem(LANG_PARAM.key, problem.value, "lang"))
    expected = {p.key: values.get(p.key, default(p, values)) for p in ALL_PARAMS}
    return expected, problems, lang, chosen


def check_tags(
    expected_usable: Mapping[str, bool | None],
    query: Mapping[str, list[str]],
    problems: list[LinkProblem],
) -> None:
    """Values built to be usable are used; values built to be unusable are reported."""
    reported = {problem.key for problem in problems}
    for key, usable in expected_usable.items():
        TRIED[f"link value {'random' if usable is None else 'good' if usable else 'bad'}"] += 1
        if usable is not None:
            assert (key not in reported) is usable, (key, query[key])
    TRIED["link value repeated"] += sum(1 for items in query.values() if len(items) > 1)
    TRIED["link key unknown"] += sum(1 for key in query if key not in BY_KEY and key != "lang")


def check_link_page(
    at: AppTest,
    query: Mapping[str, list[str]],
    expected: Mapping[str, Any],
    lang: Lang,
    chosen: bool,
) -> None:
    """The page holds what the link said where usable, defaults elsewhere, all in bounds."""
    assert_page_rendered(at, query)
    state = inputs_now(at)
    for key, value in expected.items():
        assert same(state[key], value) and type(state[key]) is type(value), (key, state[key])
    for key, widget in widgets_now(at).items():
        assert same(widget.value, expected[key]), (key, widget.value, expected[key])
    assert_in_bounds(state)
    assert_link_mirrors(at, state, lang if chosen else None)


def check_link_message(at: AppTest, problems: list[LinkProblem], lang: Lang) -> None:
    """One warning lists every ignored value with the catalog's words in the page's language."""
    intro = t("link.intro", lang)
    other = t("link.intro", "en" if lang == "zh" else "zh")
    warnings = [w.value for w in at.warning]
    assert not any(other in w for w in warnings), warnings
    boxes = [w for w in warnings if intro in w]
    if not problems:
        assert not boxes, warnings
        return
    assert len(boxes) == 1, warnings
    for problem in problems:
        assert problem_line(problem, lang) in boxes[0], (problem, boxes[0])


@settings(FUZZ, max_examples=LINK_EXAMPLES)
@given(link=link_queries(), locale_lang=st.sampled_from(LANGS))
def test_any_link_opens_the_home_page_with_what_it_could_use(
    link: tuple[dict[str, list[str]], dict[str, bool | None]], locale_lang: Lang
) -> None:
    query, usable = link
    expected, problems, lang, chosen = what_the_page_reads(query, locale_lang)
    check_tags(usable, query, problems)
    TRIED["link opened on the home page"] += 1
    at = new_session(locale_lang, "app.py", query, numbers_given=False)
    at.run()
    check_link_page(at, query, expected, lang, chosen)
    check_link_message(at, problems, lang)
    # A link with a usable input is the borrower's case: the comparison is shown, or the
    # page says in its language why it waits. A link with none opens as a first visit,
    # with the form of the borrower's own numbers.
    errors = [e.value for e in at.error]
    received = parse_qs(urlencode(query, doseq=True), keep_blank_values=True)
    received.pop(LANG_PARAM.key, None)
    given = bool(read_link(received)[0]) or len(read_lenders(received).places) > 1
    form = [s.value for s in at.subheader if s.value == t("situation.title", lang)]
    if given:
        assert not form
        assert at.metric or any(t("inputs.invalid", lang) in e for e in errors), errors
    else:
        assert form and not at.metric


@pytest.mark.parametrize("page", OTHER_PAGES)
@settings(FUZZ, max_examples=PAGE_LINK_EXAMPLES_EACH)
@given(link=link_queries(), locale_lang=st.sampled_from(LANGS))
def test_any_link_opens_every_other_page_and_home_then_lists_what_was_ignored(
    page: str, link: tuple[dict[str, list[str]], dict[str, bool | None]], locale_lang: Lang
) -> None:
    query, usable = link
    expected, problems, lang, chosen = what_the_page_reads(query, locale_lang)
    check_tags(usable, query, problems)
    TRIED[f"link opened on {page}"] += 1
    at = new_session(locale_lang, page, query, numbers_given=False)
    at.run()
    check_link_page(at, query, expected, lang, chosen)
    at.switch_page("app.py").run()
    check_link_page(at, query, expected, lang, chosen)
    check_link_message(at, problems, lang)


@pytest.mark.parametrize("page", OTHER_PAGES)
def test_a_link_opened_on_another_page_says_there_what_was_ignored(page: str) -> None:
    """The page a link opens shows which values were ignored, not only the home page.

    A link to the letter page with a mistyped principal once showed the letter built on the
    default principal and no word about it until the borrower visited the home page: every
    page now says it under its heading (``ui.shell.start_page``).
    """
    lang: Lang = "zh" if page.endswith(("1_checklist.py", "3_letter.py")) else "en"
    at = new_session(lang, page, {"principal": ["30000abc"], "months": ["24"]})
    at.run()
    assert_page_rendered(at)
    assert at.session_state["months"] == 24
    _, problems = read_link({"principal": ["30000abc"]})
    check_link_message(at, problems, lang)


# --- 2. Widgets at their extremes -----------------------------------------------------------

# Changing these runs a callback that changes other inputs: one at a time, first.
LINKED_SELECTS = ("unit", "method", COUNT_PARAM.key)


def widget_target(widget: Any, param: Param, how: str, data: st.DataObject) -> Any:
    """A value for ``widget`` at its minimum, its maximum, between them, or beyond them."""
    if param.widget == "checkbox":
        return data.draw(st.booleans())
    if param.widget == "select":
        return data.draw(st.sampled_from(param.choices))
    low, high = widget.min, widget.max
    if param.widget == "date":
        if how == "beyond":
            return data.draw(st.sampled_from((low - dt.timedelta(1), high + dt.timedelta(1))))
        return {"min": low, "max": high}.get(how) or data.draw(st.dates(low, high))
    if how in ("min", "max"):
        edge = low if how == "min" else high
        return int(edge) if param.integer else float(edge)
    step = widget.step
    if how == "beyond":
        outside: list[Any] = [low - step, high + step]
        if not param.integer:
            outside += [math.nan, math.inf, -math.inf]
        return data.draw(st.sampled_from(outside))
    if how == "empty":
        return None
    if param.widget == "slider":  # a slider only moves in steps
        steps = data.draw(st.integers(0, round((high - low) / step)))
        value = min(round(low + steps * step, 9), high)
        return int(value) if param.integer else value
    if param.integer:
        return data.draw(st.integers(int(low), int(high)))
    return min(max(round(data.draw(st.floats(low, high)), 2), low), high)


def set_widgets(at: AppTest, changes: dict[str, Any]) -> None:
    """Change widgets in one rerun, as a browser sends them; then hold the whole page again.

    Value changes on the home page rerun only its results fragment, which must draw without
    a failure too; the plain run after it gives AppTest every element a browser still shows.
    """
    present = widgets_now(at)
    for key, value in changes.items():
        present[key].set_value(value)
    at.run()
    assert_page_rendered(at, changes)
    at.run()


def check_results_or_message(at: AppTest, lang: Lang) -> None:
    """Results are shown, or a translated message says which inputs do not fit together."""
    errors = [e.value for e in at.error]
    ours = (t("inputs.invalid", lang), t("proposal.invalid", lang))
    for error in errors:
        assert any(prefix in error for prefix in ours), error
        assert all(in_language(line, lang) for line in error.splitlines()), error
    assert at.metric or any(ours[0] in e for e in errors), errors


@settings(FUZZ, max_examples=WIDGET_EXAMPLES)
@given(data=st.data(), lang=st.sampled_from(LANGS))
def test_widgets_at_their_extremes_in_any_mix(data: st.DataObject, lang: Lang) -> None:
    at = new_session(lang)
    at.run()
    assert_page_rendered(at)
    # One of the tabs below the charts is open (only it is drawn) through every change.
    tab = data.draw(st.sampled_from(DETAIL_TABS))
    open_tab(at, tab, lang)
    TRIED[f"widget session with {tab} open"] += 1
    assert_page_rendered(at, tab)
    # First the selects that change other inputs, one run each, as a browser sends them.
    for key in data.draw(st.lists(st.sampled_from(LINKED_SELECTS), unique=True, max_size=3)):
        before = inputs_now(at)
        choice = data.draw(st.sampled_from(BY_KEY[key].choices))
        set_widgets(at, {key: choice})
        TRIED["widget select that changes others"] += 1
        assert_page_rendered(at, (key, choice))
        after = inputs_now(at)
        assert after[key] == choice, (key, after[key])
        assert (after["unit"] == "flat_fee") == (after["method"] == "flat_fee"), after
        for other in ALL_PARAMS:
            if other.key not in ("unit", "method", "rate", key):
                assert after[other.key] == before[other.key], (key, other.key)
        check_results_or_message(at, lang)
    # Then any mix of the others, at their extremes, in one or two runs.
    for _ in range(data.draw(st.integers(1, 2))):
        present = {k: w for k, w in widgets_now(at).items() if k not in LINKED_SELECTS}
        keys = data.draw(st.lists(st.sampled_from(sorted(present)), unique=True, max_size=10))
        changes: dict[str, Any] = {}
        beyond: set[str] = set()
        for key in keys:
            param = BY_KEY[key]
            ways = ["min", "max", "between", "between", "beyond"]
            if param.widget in ("select", "checkbox"):
                ways = ["any"]
            if param.optional:
                ways.append("empty")
            how = data.draw(st.sampled_from(ways))
            changes[key] = widget_target(present[key], param, how, data)
            TRIED[f"widget {param.widget} at {how}"] += 1
            if how == "beyond":
                beyond.add(key)
        before = inputs_now(at)
        set_widgets(at, changes)
        assert_page_rendered(at, changes)
        after = inputs_now(at)
        emptied, unsure = one_idea_one_input(changes, beyond)
        for param in ALL_PARAMS:
            if param.key in beyond or param.key in unsure:
                continue  # Streamlit resets it to the widget's default: in bounds, below
            wanted = emptied.get(param.key, changes.get(param.key, before[param.key]))
            assert same(after[param.key], wanted), (param.key, after[param.key], wanted)
        assert_in_bounds(after)
        check_results_or_message(at, lang)
        assert_link_mirrors(at, after, None)
    TRIED["widget sessions"] += 1


def one_idea_one_input(
    changes: Mapping[str, Any], beyond: set[str]
) -> tuple[dict[str, Any], set[str]]:
    """What setting one of two inputs for one idea (a new term, or months added) does to the
    other: it is emptied. Returns the inputs so emptied with their blank values, and the pairs
    whose outcome depends on the order a browser would never send them in (both changed in
    one run, or one reset by Streamlit for being beyond its bounds)."""
    emptied: dict[str, Any] = {}
    unsure: set[str] = set()
    for key, value in changes.items():
        param = BY_KEY[key]
        other = param.alternative_key
        if other is None:
            continue
        if other in changes or key in beyond:
            unsure |= {key, other}
        elif param.model_value(value) is not None:
            emptied[other] = blank_value(BY_KEY[other])
    for key in unsure:
        emptied.pop(key, None)
    return emptied, unsure


# --- 3. Case files --------------------------------------------------------------------------

# A name as a file system allows it (no "/" and no NUL: Streamlit refuses a NUL itself).
file_names = st.builds(
    lambda stem, ending: stem.replace("/", "_").replace("\0", "") + ending,
    nasty_text(max_size=30).filter(lambda stem: len(stem) < 200),
    st.sampled_from((".json", ".JSON", ".Json")),
)
mime_types = st.sampled_from(("application/json", "text/plain", "application/octet-stream", ""))


def ticked(checklist: Mapping[str, bool]) -> set[str]:
    """The items ticked (the checklist page writes False for every box it draws)."""
    return {key for key, done in checklist.items() if done}


def snapshot(at: AppTest) -> dict[str, Any]:
    """Everything the borrower entered: inputs, link, checklist ticks, contact log."""
    return {
        "inputs": inputs_now(at),
        "link": query_now(at),
        "checklist": ticked(at.session_state["_checklist"]),
        "log": tuple(at.session_state["_contact_log"]),
    }


def check_refused(at: AppTest, refused: Refused, lang: Lang) -> None:
    """A sidebar error in the page's language says why, and that nothing changed."""
    messages = [e.value for e in at.sidebar.error]
    kept = t("casefile.kept", lang)
    boxes = [m for m in messages if kept in m]
    assert len(boxes) == 1, messages
    box = boxes[0]
    assert box.startswith(t(f"casefile.{refused.reason}", lang, **refused.context)), box
    if refused.reason == "invalid":
        details = box.splitlines()[1:-1]
        assert details, box
        assert all(in_language(line, lang) for line in details), box
    for problem in refused.problems[:5]:
        assert problem_line(problem, lang) in box, (problem, box)
    assert box == "\n".join(refusal_lines(refused, lang))


def check_loaded(at: AppTest, loaded: Loaded) -> None:
    """Every input, the checklist and the log are the file's (defaults where it is silent)."""
    state = inputs_now(at)
    for param in ALL_PARAMS:
        wanted = loaded.values.get(param.key, default(param, loaded.values))
        assert same(state[param.key], wanted), (param.key, state[param.key], wanted)
    assert ticked(at.session_state["_checklist"]) == ticked(loaded.checklist)
    assert tuple(at.session_state["_contact_log"]) == loaded.log
    kept = {t("casefile.kept", lang) for lang in LANGS}
    assert not any(k in e.value for k in kept for e in at.sidebar.error)
    assert_link_mirrors(at, state, None)


@pytest.mark.parametrize("damage", CASE_FILE_DAMAGE)
@settings(FUZZ, max_examples=CASEFILE_EXAMPLES_EACH)
@given(
    data=st.data(),
    name=file_names,
    mime=mime_types,
    lang=st.sampled_from(LANGS),
    page=st.sampled_from(PAGES),
    principal=widget_values(BY_KEY["principal"]),
    lever=widget_values(BY_KEY["p1_add"]),
    boxes=checklist_ticks(),
    log=st.lists(contact_entries(), max_size=2),
)
def test_any_uploaded_file_is_used_whole_or_refused_with_nothing_changed(
    damage: str,
    data: st.DataObject,
    name: str,
    mime: str,
    lang: Lang,
    page: str,
    principal: float,
    lever: int,
    boxes: dict[str, bool],
    log: list[ContactEntry],
) -> None:
    contents = data.draw(case_files(damage))[1]
    at = new_session(lang)
    at.session_state["_checklist"] = dict(boxes)
    at.session_state["_contact_log"] = tuple(log)
    at.run()
    at.sidebar.number_input(key="principal").set_value(principal)
    at.slider(key="p1_add").set_value(lever)
    at.run()
    at.run()  # the whole page again: the change reran only the home page's results
    if page != "app.py":
        at.switch_page(page).run()
    assert_page_rendered(at)
    before = snapshot(at)
    assert before["inputs"]["principal"] == principal and before["inputs"]["p1_add"] == lever
    assert before["checklist"] == ticked(boxes) and before["log"] == tuple(log)

    at.sidebar.file_uploader[0].set_value((name, contents, mime))
    at.run()
    result = load_case(contents)  # the oracle: ui.casefile, tested on its own in test_casefile.py
    outcome = "accepted" if isinstance(result, Loaded) else f"refused ({result.reason})"
    TRIED[f"case file {damage}: {outcome}"] += 1
    assert_page_rendered(at, (damage, name, contents[:200]))
    if isinstance(result, Refused):
        check_refused(at, result, lang)
        assert snapshot(at) == before
        return
    check_loaded(at, result)
    for other in PAGES:  # what the file brought shows on every page
        at.switch_page(other).run()
        assert_page_rendered(at, (other, damage, contents[:200]))
        check_loaded(at, result)


@settings(FUZZ, max_examples=CASEFILE_READ_EXAMPLES)
@given(upload=case_files())
def test_any_file_is_read_or_refused_with_a_message_in_both_languages(
    upload: tuple[str, bytes],
) -> None:
    """The reader alone, at scale: never raises, and a refusal is worded in both languages."""
    damage, data = upload
    result = load_case(data)
    if isinstance(result, Loaded):
        TRIED[f"case file read (no page) {damage}: accepted"] += 1
        values = result.values
        assert_in_bounds({p.key: values.get(p.key, default(p, values)) for p in ALL_PARAMS})
        return
    TRIED[f"case file read (no page) {damage}: refused ({result.reason})"] += 1
    for lang in LANGS:
        lines = refusal_lines(result, lang)
        assert lines[0] == t(f"casefile.{result.reason}", lang, **result.context)
        assert lines[-1] == t("casefile.kept", lang)
        if result.reason == "invalid":
            assert len(lines) > 2 and all(in_language(line, lang) for line in lines[1:-1]), lines
        for problem, line in zip(result.problems, lines[1:-1], strict=False):
            assert line == "- " + problem_line(problem, lang)


@pytest.mark.parametrize(
    "field, value",
    [
        ("when", "2026-12-01T09:30:00+08:00"),  # a time with its UTC offset
        ("when", "9999-12-31T23:59:59"),  # later than pandas' nanosecond dates reach (2262)
        ("when", "1000-01-01T00:00:00"),  # earlier than they reach (1677)
        ("follow_up", "9999-12-31"),
        ("follow_up", "0001-01-01"),
    ],
)
def test_a_contact_log_the_reader_accepts_shows_on_the_contact_page(field: str, value: str) -> None:
    """A file ``load_case`` accepts must also be one the contact-log page can draw.

    These times once passed the reader and then broke the page (its table holds
    nanosecond times without a time zone, 1677-2262): the model now refuses a time zone
    and dates outside 1990-2100, so the whole file is refused, with that reason, and
    nothing changes. Any file the reader does accept must draw on the contact-log page.
    """
    entry = {"when": "2026-12-01T09:30:00", "who": "A-17", field: value}
    document = {"schema": "loan-negotiation-planner/case", "version": 1}
    document |= {"saved_at": "2026-12-01T10:00:00", "inputs": {}, "log": [entry]}
    data = json.dumps(document).encode()
    loaded = load_case(data)
    at = new_session("en")
    at.run()
    at.sidebar.file_uploader[0].set_value(("case.json", data, "application/json"))
    at.run()
    at.switch_page("pages/2_contact_log.py").run()
    assert_page_rendered(at, (field, value))
    if isinstance(loaded, Loaded):
        assert tuple(at.session_state["_contact_log"]) == loaded.log
    else:
        assert loaded.reason == "invalid"
        key = "error.contact_when" if field == "when" else "error.contact_follow_up"
        reason = t(key, "en", first="1990", last="2100")
        assert any(reason in error.value for error in at.sidebar.error)
        assert tuple(at.session_state.get("_contact_log", ())) == ()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_a_link_value_is_shown_as_text_not_as_markdown(
    new_context: CreateContextCallback, app_server: str, lang: Lang
) -> None:
    """What a link carries is quoted as the sender wrote it, never turned into a live link.

    ``?principal=[点这里联系客服](https://example.invalid)`` once showed a clickable
    "contact customer service" link inside the app's own warning: the values are now shown
    as code (``ui.format.literal``), in the link warning and in a refused case file's.
    """
    trap = "[点这里联系客服](https://example.invalid)"
    page = new_context(locale=LOCALES[lang]).new_page()
    page.goto(f"{app_server}/?principal={quote(trap)}", timeout=30_000)
    warning = page.locator('[data-testid="stAlert"]', has_text=t("link.intro", lang))
    warning.wait_for(timeout=30_000)
    assert warning.locator("a").count() == 0, warning.inner_html()
    assert trap in warning.inner_text()
