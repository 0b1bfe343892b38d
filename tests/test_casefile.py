"""The case file round-trips exactly, and every kind of bad file is refused whole."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from strategies import contact_entries, widget_values

from core.contacts import Channel, ContactEntry, Flag, next_follow_up, rule_flags
from core.text import explain_validation_error, t
from ui.casefile import MAX_BYTES, SCHEMA, VERSION, Loaded, Refused, dump_case, load_case
from ui.registry import BY_KEY, default

SAVED = dt.datetime(2026, 12, 1, 12, 0)

values = st.fixed_dictionaries(
    {
        "principal": widget_values(BY_KEY["principal"]),
        "months": widget_values(BY_KEY["months"]),
        "unit": st.sampled_from(["apr", "monthly", "daily"]),
        "p1_rate": st.none() | st.integers(0, 10_000).map(lambda r: r / 100),
        "p2_stop": st.booleans(),
        # Proposals beyond the number shown are not kept (as in a share link): show both.
        "np": st.sampled_from(["2", "3", "4"]),
    }
)


@settings(max_examples=100, deadline=None)
@given(
    values=values,
    checklist=st.dictionaries(st.text(min_size=1, max_size=30), st.booleans(), max_size=20),
    log=st.lists(contact_entries(), max_size=8),
)
def test_round_trip(values: dict[str, Any], checklist: dict[str, bool], log: list[ContactEntry]):
    loaded = load_case(dump_case(values, checklist, log, SAVED))
    assert isinstance(loaded, Loaded)
    full = {key: loaded.values.get(key, default(BY_KEY[key], loaded.values)) for key in values}
    assert full == values
    assert loaded.checklist == checklist
    assert loaded.log == tuple(log)


def good_file(**changes: Any) -> dict[str, Any]:
    content = json.loads(dump_case({"principal": 20_000.0}, {}, [], SAVED))
    content.update(changes)
    return content


def as_bytes(content: Any) -> bytes:
    return json.dumps(content).encode("utf-8")


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
            (as_bytes(good_file(inputs={"principal": "-5"})), "bad_values"),
            (as_bytes(good_file(inputs={"months": "99999"})), "bad_values"),
            (as_bytes(good_file(inputs={"nonsense": "1"})), "bad_values"),
            (as_bytes(good_file(inputs={"principal": 5})), "invalid"),
            (as_bytes(good_file(log=[{"when": "yesterday"}])), "invalid"),
            (as_bytes(good_file(log=[{"when": "2026-12-01T10:00", "proposal": 9}])), "invalid"),
            (as_bytes(good_file(extra="field")), "invalid"),
            (as_bytes(good_file(checklist={"a": "maybe"})), "invalid"),
        ],
    )
    def test_each_kind_of_bad_file(self, data: bytes, reason: str):
        result = load_case(data)
        assert isinstance(result, Refused)
        assert result.reason == reason

    def test_huge_file(self):
        result = load_case(b" " * (MAX_BYTES + 1))
        assert isinstance(result, Refused)
        assert result.reason == "too_large"

    def test_bad_values_are_named(self):
        result = load_case(as_bytes(good_file(inputs={"principal": "-5", "months": "24"})))
        assert isinstance(result, Refused)
        assert [p.key for p in result.problems] == ["principal"]

    def test_a_file_names_its_schema_and_version(self):
        content = json.loads(dump_case({}, {}, [], SAVED))
        assert content["schema"] == SCHEMA
        assert content["version"] == VERSION


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
