"""The case file round-trips exactly, and every kind of bad file is refused whole."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from strategies import (
    any_widget_value,
    checklist_ticks,
    contact_entries,
    lender_lists,
    letter_texts,
)

from core.contacts import Channel, ContactEntry, Flag, next_follow_up, rule_flags
from core.models import MAX_LOANS, MAX_NAME_LENGTH
from core.text import CATALOGS, Lang, explain_validation_error, t
from ui.casefile import (
    LETTER_LIMITS,
    MAX_BYTES,
    MIGRATIONS,
    SCHEMA,
    VERSION,
    LetterTexts,
    Loaded,
    Refused,
    dump_case,
    load_case,
    shared_values,
)
from ui.checklist import ITEMS
from ui.lenders import LENDER_KEYS, SHARED_KEYS, Lender
from ui.link import link_params, read_link
from ui.registry import ALL_PARAMS, BY_KEY, COUNT_PARAM, Param, bounds, default

SAVED = dt.datetime(2026, 12, 1, 12, 0)


def full(values: Mapping[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """``keys``' values, defaults filled in, proposals beyond the number shown left out (a
    file keeps them as a link does: not at all)."""
    shown = int(values.get(COUNT_PARAM.key, COUNT_PARAM.default))
    return {
        key: values.get(key, default(BY_KEY[key], values))
        for key in keys
        if (BY_KEY[key].proposal or 0) <= shown
    }


shared_inputs = st.fixed_dictionaries(
    {},
    optional={key: any_widget_value(BY_KEY[key]) for key in SHARED_KEYS},
)


class TestRoundTrip:
    @settings(max_examples=60, deadline=None)
    @given(
        listed=lender_lists(proposals=True),
        shared=shared_inputs,
        checklist=st.dictionaries(st.text(min_size=1, max_size=30), st.booleans(), max_size=20),
        log=st.lists(contact_entries(), max_size=4),
    )
    def test_every_lender_and_its_proposals(
        self,
        listed: tuple[list[Lender], int],
        shared: dict[str, Any],
        checklist: dict[str, bool],
        log: list[ContactEntry],
    ):
        lenders, active = listed
        widgets = shared | dict(lenders[active].values)
        saved = dump_case(widgets, checklist, log, SAVED, lenders=lenders, active=active)
        loaded = load_case(saved)
        assert isinstance(loaded, Loaded), loaded
        assert loaded.active == active
        assert [lender.id for lender in loaded.lenders] == [lender.id for lender in lenders]
        for mine, back in zip(lenders, loaded.lenders, strict=True):
            assert full(back.values, LENDER_KEYS) == full(mine.values, LENDER_KEYS)
        assert full(loaded.values, SHARED_KEYS) == full(shared, SHARED_KEYS)
        assert full(loaded.values, LENDER_KEYS) == full(lenders[active].values, LENDER_KEYS)
        assert loaded.checklist == checklist
        assert loaded.log == tuple(log)

    def test_the_widgets_values_win_over_the_stored_copy_of_the_active_lender(self):
        lenders = [Lender(3, {"principal": 5_000.0, "days": 30}), Lender(7, {"months": 6})]
        widgets = {"principal": 8_000.0, "income": 9_000.0}
        loaded = load_case(dump_case(widgets, {}, [], SAVED, lenders=lenders, active=0))
        assert isinstance(loaded, Loaded)
        assert loaded.lenders == (
            Lender(3, {"principal": 8_000.0, "days": 30}),
            Lender(7, {"months": 6}),
        )
        assert loaded.values == {"income": 9_000.0, "principal": 8_000.0, "days": 30}
        assert shared_values(loaded.values) == {"income": 9_000.0}

    def test_without_a_list_the_case_is_the_one_lender_of_the_values(self):
        loaded = load_case(dump_case({"principal": 8_000.0, "cash": 500.0}, {}, [], SAVED))
        assert isinstance(loaded, Loaded)
        assert loaded.lenders == (Lender(1, {"principal": 8_000.0}),)
        assert loaded.active == 0

    @pytest.mark.parametrize("count, active", [(MAX_LOANS + 1, 0), (2, 2), (2, -1), (0, 1)])
    def test_what_the_pages_cannot_hold_is_not_saved(self, count: int, active: int):
        lenders = [Lender(number) for number in range(1, count + 1)]
        with pytest.raises(ValueError):
            dump_case({}, {}, [], SAVED, lenders=lenders, active=active)

    def test_shared_and_lender_inputs_are_kept_apart(self):
        lenders = [Lender(1, {"principal": 5_000.0}), Lender(2, {"name": "借呗", "income": 1.0})]
        content = json.loads(
            dump_case({"income": 9_000.0, "p1_add": 6}, {}, [], SAVED, lenders=lenders, active=1)
        )
        assert content["inputs"] == {"income": "9000"}
        assert content["lenders"] == [
            {"id": 1, "inputs": {"principal": "5000"}},
            {"id": 2, "inputs": {"name": "借呗", "p1_add": "6"}},
        ]
        assert content["active"] == 1
        assert (content["schema"], content["version"]) == (SCHEMA, VERSION) == (SCHEMA, 2)


# A version-1 file exactly as the app wrote it before lenders were listed (one lender; the
# inputs of every group in one "inputs"), a contact and a tick in it.
VERSION_1_FILE = """{
  "schema": "loan-negotiation-planner/case",
  "version": 1,
  "saved_at": "2026-11-20T21:14:03",
  "inputs": {
    "principal": "30000",
    "unit": "daily",
    "rate": "0.065",
    "months": "24",
    "lender": "private",
    "days": "45",
    "overdue": "2800",
    "penalty": "",
    "income": "7200",
    "expenses": "4100",
    "horizon": "36",
    "np": "3",
    "p1_add": "12",
    "p2_rate": "12",
    "p2_pen": "100",
    "p3_waivepct": "20",
    "p3_stop": "true"
  },
  "checklist": {
    "documents": true
  },
  "log": [
    {
      "when": "2026-11-18T10:30:00",
      "channel": "phone",
      "who": "工号 A-17",
      "said": "同意延期，需要书面申请",
      "proposal": 1,
      "outcome": "",
      "follow_up": "2026-11-25",
      "evidence_kept": true,
      "they_called": false
    }
  ]
}"""


def version_1_file(values: Mapping[str, Any], checklist: Mapping[str, bool]) -> bytes:
    """A version-1 file as that version's ``dump_case`` wrote it: every input in ``inputs``."""
    document = {"schema": SCHEMA, "version": 1, "saved_at": SAVED.isoformat()}
    document |= {"inputs": link_params(values), "checklist": dict(checklist), "log": []}
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


class TestVersion1:
    def test_a_saved_file_opens_with_exactly_its_values(self):
        loaded = load_case(VERSION_1_FILE.encode("utf-8"))
        assert isinstance(loaded, Loaded)
        assert loaded.values == {
            "principal": 30_000.0,
            "unit": "daily",
            "rate": 0.065,
            "months": 24,
            "lender": "private",
            "days": 45,
            "overdue": 2_800.0,
            "penalty": None,
            "income": 7_200.0,
            "expenses": 4_100.0,
            "horizon": 36,
            "np": "3",
            "p1_add": 12,
            "p2_rate": 12.0,
            "p2_pen": 100,
            "p3_waivepct": 20.0,
            "p3_stop": True,
        }
        assert loaded.active == 0
        assert loaded.lenders == (
            Lender(1, {k: v for k, v in loaded.values.items() if k in LENDER_KEYS}),
        )
        assert loaded.checklist == {"documents": True}
        assert [entry.who for entry in loaded.log] == ["工号 A-17"]

    @settings(max_examples=100, deadline=None)
    @given(
        values=st.fixed_dictionaries(
            {}, optional={p.key: any_widget_value(p) for p in ALL_PARAMS if p.key != "rate"}
        ),
        checklist=checklist_ticks(),
    )
    def test_any_saved_file_opens_with_the_values_it_held(
        self, values: dict[str, Any], checklist: dict[str, bool]
    ):
        """What version 1 read from a file was ``read_link`` of its inputs: the same now."""
        data = version_1_file(values, checklist)
        inputs = json.loads(data)["inputs"]
        before, problems = read_link({key: [text] for key, text in inputs.items()})
        assert not problems
        loaded = load_case(data)
        assert isinstance(loaded, Loaded), loaded
        assert loaded.values == before
        assert loaded.lenders == (Lender(1, {k: v for k, v in before.items() if k in LENDER_KEYS}),)
        assert (loaded.active, loaded.checklist) == (0, checklist)

    def test_the_migration_splits_the_inputs(self):
        migrated = MIGRATIONS[1]({"inputs": {"principal": "5000", "income": "1", "zzz": "2"}})
        assert migrated["inputs"] == {"income": "1", "zzz": "2"}
        assert migrated["lenders"] == [{"id": 1, "inputs": {"principal": "5000"}}]
        assert migrated["active"] == 0

    @pytest.mark.parametrize(
        "inputs, keys",
        [
            ({"principal": "-5", "months": "24"}, ["principal"]),
            ({"income": "-1", "nonsense": "1"}, ["nonsense", "income"]),
        ],
    )
    def test_a_bad_file_is_still_refused(self, inputs: dict[str, str], keys: list[str]):
        document = json.loads(VERSION_1_FILE) | {"inputs": inputs}
        result = load_case(json.dumps(document).encode())
        assert isinstance(result, Refused) and result.reason == "bad_values"
        assert [p.key for p in result.problems] == keys


def good_file(**changes: Any) -> dict[str, Any]:
    lenders = [Lender(1, {"principal": 20_000.0}), Lender(2, {"name": "借呗"})]
    content = json.loads(dump_case({}, {}, [], SAVED, lenders=lenders, active=0))
    content.update(changes)
    return content


def as_bytes(content: Any) -> bytes:
    return json.dumps(content).encode("utf-8")


def lender(number: int, **inputs: str) -> dict[str, Any]:
    return {"id": number, "inputs": inputs}


class TestRefused:
    @pytest.mark.parametrize(
        "data, reason",
        [
            (b"", "not_json"),
            (b"{", "not_json"),
            (b"\xff\xfe\x00", "not_json"),
            (dump_case({}, {}, [], SAVED)[:40], "not_json"),  # truncated
            (b"[" * 50_000 + b"]" * 50_000, "not_json"),  # nested beyond any parser's depth
            (b"[]", "not_a_case"),
            (as_bytes({"schema": "something else", "version": 1}), "not_a_case"),
            (as_bytes(good_file(version="1")), "not_a_case"),
            (as_bytes(good_file(version=0)), "not_a_case"),
            (as_bytes(good_file(version=VERSION + 1)), "newer"),
            (as_bytes(good_file(inputs={"income": "-5"})), "bad_values"),
            (as_bytes(good_file(inputs={"nonsense": "1"})), "bad_values"),
            (as_bytes(good_file(inputs={"principal": 5})), "invalid"),
            (as_bytes(good_file(log=[{"when": "yesterday"}])), "invalid"),
            (as_bytes(good_file(log=[{"when": "2026-12-01T10:00", "proposal": 9}])), "invalid"),
            (as_bytes(good_file(extra="field")), "invalid"),
            (as_bytes(good_file(checklist={"a": "maybe"})), "invalid"),
            # the letter's texts
            (as_bytes(good_file(letter={"name": 5})), "invalid"),
            (as_bytes(good_file(letter={"name": ["张伟"]})), "invalid"),
            (as_bytes(good_file(letter={"phone": "123"})), "invalid"),
            (as_bytes(good_file(letter="张伟")), "invalid"),
            # the lenders
            (as_bytes(good_file(lenders=[lender(n) for n in range(1, 14)])), "too_many_lenders"),
            (as_bytes(good_file(lenders=[lender(1)] * 20_000)), "too_many_lenders"),
            (as_bytes(good_file(lenders=[])), "no_lenders"),
            (as_bytes(good_file(lenders=[lender(1), lender(2), lender(1)])), "same_lender"),
            (as_bytes(good_file(active=2)), "bad_active"),
            (as_bytes(good_file(active=-1)), "bad_active"),
            (as_bytes(good_file(active="0")), "invalid"),
            (as_bytes(good_file(active=True)), "invalid"),
            (as_bytes(good_file(active=0.0)), "invalid"),
            (as_bytes(good_file(lenders=[{"id": "1", "inputs": {}}])), "invalid"),
            (as_bytes(good_file(lenders=[{"id": 0, "inputs": {}}])), "invalid"),
            (as_bytes(good_file(lenders=[{"inputs": {}}])), "invalid"),
            (as_bytes(good_file(lenders=[{"id": 1, "inputs": {}, "x": 1}])), "invalid"),
            (as_bytes(good_file(lenders={"id": 1})), "invalid"),
            (as_bytes(good_file(lenders=[lender(1, principal="-5")])), "bad_values"),
            (as_bytes(good_file(lenders=[lender(1, months="99999")])), "bad_values"),
            (as_bytes(good_file(lenders=[lender(1, name="借" * 41)])), "bad_values"),
            (as_bytes(good_file(lenders=[lender(1, income="6000")])), "bad_values"),
            (as_bytes(good_file(lenders=[lender(1, l2="~~5000")])), "bad_values"),
            (as_bytes(good_file(inputs={"principal": "6000"})), "bad_values"),
            (as_bytes(good_file(inputs={"active": "2"})), "bad_values"),
            (as_bytes({k: v for k, v in good_file().items() if k != "lenders"}), "invalid"),
        ],
    )
    def test_each_kind_of_bad_file(self, data: bytes, reason: str):
        result = load_case(data)
        assert isinstance(result, Refused), result
        assert result.reason == reason

    def test_huge_file(self):
        result = load_case(b" " * (MAX_BYTES + 1))
        assert isinstance(result, Refused)
        assert result.reason == "too_large"

    def test_bad_values_are_named_with_their_lender(self):
        lenders = [lender(4), lender(9, principal="-5", months="24", income="1", zzz="2")]
        result = load_case(as_bytes(good_file(lenders=lenders, inputs={"p1_add": "6"})))
        assert isinstance(result, Refused)
        assert [(p.key, p.reason, p.lender) for p in result.problems] == [
            ("p1_add", "misplaced", None),
            ("income", "misplaced", 2),
            ("zzz", "unknown", 2),
            ("principal", "out_of_range", 2),
        ]

    @pytest.mark.parametrize(
        "changes, context",
        [
            ({"lenders": [lender(n) for n in range(1, 14)]}, {"count": "13", "most": "12"}),
            ({"lenders": [lender(5), lender(5)]}, {"id": "5"}),
            ({"active": 3}, {"number": "4", "count": "2"}),
            ({"lenders": []}, {}),
        ],
    )
    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_each_new_refusal_is_worded_in_both_languages(
        self, changes: dict[str, Any], context: dict[str, str], lang: Lang
    ):
        result = load_case(as_bytes(good_file(**changes)))
        assert isinstance(result, Refused) and result.context == context
        assert f"casefile.{result.reason}" in CATALOGS[lang]
        message = t(f"casefile.{result.reason}", lang, **result.context)
        chinese = any("\u4e00" <= char <= "\u9fff" for char in message)
        assert "{" not in message and chinese is (lang == "zh"), message


class TestLetter:
    @pytest.mark.parametrize(
        "letter",
        [
            LetterTexts(
                name="张伟",
                account="6222 0210 0123 4567",
                hardship="去年失业。\n现在每月收入 3,000 元。",
            ),
            LetterTexts(
                name="<b>Zhang</b> & co",
                account='"; DROP TABLE',
                hardship="<script>alert(1)</script>\r\nline two\n\n\tindented \\ end ",
            ),
            LetterTexts(**{field: "难" * limit for field, limit in LETTER_LIMITS.items()}),
            LetterTexts(),
        ],
    )
    def test_the_letter_texts_come_back_exactly(self, letter: LetterTexts):
        saved = dump_case({"principal": 8_000.0}, {}, [], SAVED, letter=letter)
        assert json.loads(saved)["letter"] == letter.model_dump()
        loaded = load_case(saved)
        assert isinstance(loaded, Loaded), loaded
        assert loaded.letter == letter
        assert loaded.values == {"principal": 8_000.0}

    @settings(max_examples=60, deadline=None)
    @given(letter=letter_texts())
    def test_any_letter_texts_come_back_exactly(self, letter: LetterTexts):
        loaded = load_case(dump_case({}, {}, [], SAVED, letter=letter))
        assert isinstance(loaded, Loaded), loaded
        assert loaded.letter == letter

    @pytest.mark.parametrize("field, limit", LETTER_LIMITS.items())
    def test_a_text_longer_than_its_box_is_refused(self, field: str, limit: int):
        content = good_file(letter={field: "中" * (limit + 1)})
        result = load_case(as_bytes(content))
        assert isinstance(result, Refused) and result.reason == "invalid"
        assert result.error is not None and result.error.errors()[0]["loc"] == ("letter", field)
        with pytest.raises(ValidationError):
            LetterTexts(**{field: "a" * (limit + 1)})
        assert load_case(as_bytes(good_file(letter={field: "中" * limit}))) == Loaded(
            {"principal": 20_000.0},
            {},
            (),
            (Lender(1, {"principal": 20_000.0}), Lender(2, {"name": "借呗"})),
            0,
            LetterTexts(**{field: "中" * limit}),
        )

    def test_a_file_without_letter_texts_opens_and_says_nothing_of_them(self):
        assert "letter" not in good_file()  # as saved before the texts were kept
        loaded = load_case(as_bytes(good_file()))
        assert isinstance(loaded, Loaded), loaded
        assert loaded.letter is None
        assert loaded.values == {"principal": 20_000.0}
        assert load_case(as_bytes(good_file(letter=None))) == loaded

    def test_a_version_1_file_has_no_letter_texts(self):
        loaded = load_case(VERSION_1_FILE.encode("utf-8"))
        assert isinstance(loaded, Loaded) and loaded.letter is None


def longest_value(param: Param) -> Any:
    """The value of ``param`` that a file writes longest (numbers to the sixth decimal)."""
    if param.widget == "select":
        return max(param.choices, key=len)
    if param.widget == "checkbox":
        return not param.default
    if param.widget == "date":
        return dt.date(2025, 12, 31)
    _, high, _ = bounds(param, {"unit": "daily"})
    assert high is not None
    return int(high) if param.integer else high - 0.000_001


def largest_lender(number: int) -> Lender:
    """A lender with every input and all four proposals at their longest, and a name of
    the most characters that take the most bytes in JSON (``\\u0001`` each)."""
    values = {key: longest_value(BY_KEY[key]) for key in LENDER_KEYS if key != "name"}
    return Lender(number, values | {"unit": "daily", "np": "4", "name": "\x01" * MAX_NAME_LENGTH})


def test_twelve_of_the_largest_lenders_take_a_small_part_of_the_size_limit():
    """What the pages can hold for twelve lenders, each ticked box with them, comes to a
    few tens of kilobytes: the rest of :data:`MAX_BYTES` is the contact log's."""
    lenders = [largest_lender(number) for number in range(1, MAX_LOANS + 1)]
    shared = {key: longest_value(BY_KEY[key]) for key in SHARED_KEYS}
    ticks = {item.key: True for item in ITEMS}
    saved = dump_case(shared | dict(lenders[0].values), ticks, [], SAVED, lenders=lenders)
    assert len(saved) < MAX_BYTES // 20, len(saved)
    loaded = load_case(saved)
    assert isinstance(loaded, Loaded), loaded
    for mine, back in zip(lenders, loaded.lenders, strict=True):
        assert full(back.values, LENDER_KEYS) == full(mine.values, LENDER_KEYS)


class TestCollectionRules:
    def test_quiet_hours_are_flagged_only_for_the_lenders_contacts(self):
        late = dt.datetime(2026, 12, 1, 23, 30)
        flags = rule_flags([ContactEntry(when=late), ContactEntry(when=late, they_called=False)])
        assert flags == [{Flag.QUIET_HOURS}, set()]

    @pytest.mark.parametrize("hour, flagged", [(7, True), (8, False), (21, False), (22, True)])
    def test_quiet_hours_boundaries(self, hour: int, flagged: bool):
        flags = rule_flags([ContactEntry(when=dt.datetime(2026, 12, 1, hour, 0))])
        assert (Flag.QUIET_HOURS in flags[0]) is flagged

    def test_more_than_three_calls_a_day(self):
        calls = [ContactEntry(when=dt.datetime(2026, 12, 1, h)) for h in (9, 10, 11)]
        assert all(Flag.TOO_MANY_CALLS not in f for f in rule_flags(calls))
        fourth = [*calls, ContactEntry(when=dt.datetime(2026, 12, 1, 15))]
        assert all(Flag.TOO_MANY_CALLS in f for f in rule_flags(fourth))
        chat = [*calls, ContactEntry(when=dt.datetime(2026, 12, 1, 15), channel=Channel.CHAT)]
        assert all(Flag.TOO_MANY_CALLS not in f for f in rule_flags(chat))

    def test_the_call_limit_is_per_lender(self):
        # NIFA: three connected calls a day from the lender and its agencies together;
        # four calls from two lenders, two each, break nothing.
        hours = (9, 10, 11, 12)
        two_lenders = [
            ContactEntry(when=dt.datetime(2026, 12, 1, h), lender=h % 2 + 1) for h in hours
        ]
        assert all(Flag.TOO_MANY_CALLS not in f for f in rule_flags(two_lenders))
        one_lender = [e.model_copy(update={"lender": 1}) for e in two_lenders]
        assert all(Flag.TOO_MANY_CALLS in f for f in rule_flags(one_lender))

    def test_next_follow_up(self):
        log = [
            ContactEntry(when=dt.datetime(2026, 12, 1, 10), follow_up=dt.date(2026, 11, 30)),
            ContactEntry(when=dt.datetime(2026, 12, 1, 11), follow_up=dt.date(2026, 12, 8)),
        ]
        found = next_follow_up(log, dt.date(2026, 12, 2))
        assert found is not None and found.follow_up == dt.date(2026, 12, 8)
        assert next_follow_up(log, dt.date(2026, 12, 9)) is None


@pytest.mark.parametrize(
    "changes, key",
    [
        ({"when": dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)}, "error.contact_when"),
        ({"when": dt.datetime(1989, 12, 31, 23, 59)}, "error.contact_when"),
        ({"when": dt.datetime(2101, 1, 1, 0, 0)}, "error.contact_when"),
        ({"follow_up": dt.date(1989, 12, 31)}, "error.contact_follow_up"),
        ({"follow_up": dt.date(2101, 1, 1)}, "error.contact_follow_up"),
    ],
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_contact_times_are_local_and_between_1990_and_2100(changes, key: str, lang):
    fields = {"when": dt.datetime(2026, 12, 1, 9, 30)} | changes
    with pytest.raises(ValidationError) as caught:
        ContactEntry(**fields)
    assert explain_validation_error(caught.value, lang) == [t(key, lang, first="1990", last="2100")]


@pytest.mark.parametrize(
    "when, follow_up",
    [
        (dt.datetime(1990, 1, 1, 0, 0), dt.date(1990, 1, 1)),
        (dt.datetime(2100, 12, 31, 23, 59), dt.date(2100, 12, 31)),
    ],
)
def test_contact_times_at_the_edges_are_kept(when: dt.datetime, follow_up: dt.date):
    entry = ContactEntry(when=when, follow_up=follow_up)
    assert (entry.when, entry.follow_up) == (when, follow_up)
