"""The case file: everything a borrower entered, in one JSON file they keep.

Pure Python (no Streamlit). The inputs are stored as the share link writes them, so a
file is read with the same checks as a link; the checklist and the contact log are
stored beside them. Nothing is ever written on the server: the page hands the bytes to
the browser and reads the bytes of an upload.

Version 2 holds every lender (version 1 held one):

- ``inputs``: the shared inputs (the budget and the assumptions) as link parameters;
- ``lenders``: 1 to 12 lenders in the borrower's order, each ``{"id": <its number, which
  never changes>, "inputs": {<its own inputs and proposals, as link parameters>}}``;
- ``active``: the index in ``lenders`` (from 0) of the lender being worked on;
- ``checklist`` and ``log`` as in version 1;
- ``letter`` (optional): the letter page's texts, ``{"name", "account", "hardship"}``, at
  most 60, 40 and 1,000 characters (:class:`LetterTexts`), as the page's boxes allow.

``letter`` came after version 2 was first written; being optional, it needs no new
version: a version-2 file without it opens as before and leaves the letter page's texts
as they are (empty in a new session), and one with it opens in a version without it as
``invalid`` (an unknown field), never half-read.

A version-1 file is read as a version-2 one whose inputs are split in two: the shared
ones stay in ``inputs``, the others become lender 1, the one being worked on
(:data:`MIGRATIONS`). It opens with exactly the values it held.

A file that cannot be used is refused whole, with reasons a borrower understands
(``casefile.<reason>`` in the catalogs), so that what is on screen stays as it was. The
work done on a file is bounded: at most :data:`MAX_BYTES`, at most 12 lenders and
1,000 contacts (both counted before they are validated) and 200 inputs each.

Whatever the pages let a borrower enter can be saved, and whatever is saved opens again:
the contact log is the one part that can grow large, and the log page keeps it within
:data:`MAX_ENTRIES` contacts and :data:`LOG_MAX_BYTES` (:func:`log_problem`), which leaves
:data:`REST_MOST_BYTES` for everything else, more than the largest case can hold (a test
builds it). A file whose log is over either limit is refused, as the page would refuse it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError

from core.contacts import MAX_ENTRIES, ContactEntry
from core.models import MAX_LENDER_ID, MAX_LOANS
from ui.lenders import LENDER_KEYS, SHARED_KEYS, Lender, own_values
from ui.link import MAX_TEXT_LENGTH, LinkProblem, link_params, read_link
from ui.registry import BY_KEY, LANG_PARAM

SCHEMA = "loan-negotiation-planner/case"
VERSION = 2
MAX_BYTES = 1_000_000
"""The most a case file may be, saved or opened (the server takes uploads of 1 MiB at most)."""
LOG_MAX_BYTES = 900_000
"""The most the contact log may take in the file (:func:`log_bytes`): about 70 contacts
whose three texts are full of Chinese characters, thousands of ordinary ones."""
REST_MOST_BYTES = MAX_BYTES - LOG_MAX_BYTES
"""What is left for the rest of the case: twelve lenders with every input and proposal
filled in, the letter's texts and the checklist take under half of it."""
MAX_INPUTS = 200
"""Most inputs in one part of the file: a lender has 82, the shared part 10."""

_SHARED_FILE_KEYS = frozenset((*SHARED_KEYS, LANG_PARAM.key))  # a version-1 file may hold lang
_LENDER_FILE_KEYS = frozenset(LENDER_KEYS)


def _split_lender_inputs(raw: dict[str, Any]) -> dict[str, Any]:
    """Version 1 → 2: the one lender's inputs move into a list of lenders, as lender 1.

    What is not an input of a lender (a shared input, a key the tool does not know) stays
    in ``inputs``, where it is read or refused as before.
    """
    inputs = raw.get("inputs", {})
    if not isinstance(inputs, dict):
        return raw  # refused as invalid, as in version 1
    own = {key: value for key, value in inputs.items() if key in _LENDER_FILE_KEYS}
    shared = {key: value for key, value in inputs.items() if key not in _LENDER_FILE_KEYS}
    # A version-1 file has no "lenders" or "active": one that does keeps them as they are.
    lenders = raw.get("lenders", [{"id": 1, "inputs": own}])
    return raw | {"inputs": shared, "lenders": lenders, "active": raw.get("active", 0)}


# Migrations from older schema versions: version n → a function that returns the data of
# version n + 1 (it never raises: what it cannot move is refused by the validation).
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _split_lender_inputs}


class LenderInputs(BaseModel):
    """One lender in the file: its number and its own inputs as link parameters."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: StrictInt = Field(ge=1, le=MAX_LENDER_ID)
    inputs: dict[str, str] = Field(default_factory=dict, max_length=MAX_INPUTS)


LETTER_LIMITS: Mapping[str, int] = {"name": 60, "account": 40, "hardship": 1_000}
"""The most characters of each letter text, as the letter page's boxes take them."""


class LetterTexts(BaseModel):
    """What the borrower typed on the letter page, kept as plain text (any characters)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(default="", max_length=LETTER_LIMITS["name"])
    account: str = Field(default="", max_length=LETTER_LIMITS["account"])
    hardship: str = Field(default="", max_length=LETTER_LIMITS["hardship"])


class CaseFile(BaseModel):
    """The file's content, validated."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    schema_name: Literal["loan-negotiation-planner/case"] = Field(alias="schema")
    version: int = Field(ge=1)
    saved_at: dt.datetime
    inputs: dict[str, str] = Field(default_factory=dict, max_length=MAX_INPUTS)
    lenders: tuple[LenderInputs, ...] = Field(min_length=1, max_length=MAX_LOANS)
    active: StrictInt = 0
    checklist: dict[str, bool] = Field(default_factory=dict, max_length=200)
    log: tuple[ContactEntry, ...] = Field(default=(), max_length=MAX_ENTRIES)
    letter: LetterTexts | None = None


@dataclass(frozen=True, slots=True)
class Loaded:
    """What a good file holds.

    ``values`` are what the widgets take: the shared inputs and the own inputs of the
    lender being worked on (``lenders[active]``); ``lenders`` is every lender, that one
    included, each with its own values only (:func:`shared_values` of ``values`` gives the
    shared ones). Values a file does not set are left out (their defaults apply).
    ``letter`` is None when the file holds no letter texts (they are then left as they are).
    """

    values: dict[str, Any]
    checklist: dict[str, bool]
    log: tuple[ContactEntry, ...]
    lenders: tuple[Lender, ...]
    active: int
    letter: LetterTexts | None = None


@dataclass(frozen=True, slots=True)
class Refused:
    """Why a file was refused: a catalog reason, its context, and any bad input values."""

    reason: str
    context: dict[str, str] = field(default_factory=dict)
    problems: tuple[LinkProblem, ...] = ()
    error: ValidationError | None = None


def shared_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """The values of ``values`` that every lender shares (the budget, the assumptions).

    >>> shared_values({"principal": 5_000.0, "income": 6_000.0})
    {'income': 6000.0}
    """
    return {key: values[key] for key in SHARED_KEYS if key in values}


def dump_case(
    values: Mapping[str, Any],
    checklist: Mapping[str, bool],
    log: Sequence[ContactEntry],
    saved_at: dt.datetime,
    *,
    lenders: Sequence[Lender] = (),
    active: int = 0,
    letter: LetterTexts | None = None,
) -> bytes:
    """The case file's bytes: UTF-8 JSON, readable by a person and by :func:`load_case`.

    ``values`` are the widgets' values as they are now: the shared inputs and the own
    inputs of the lender being worked on, ``lenders[active]``, whose own values here win
    over its copy in ``lenders`` (which may be older). The other lenders are saved as
    ``lenders`` holds them. Without ``lenders`` the case is the one lender of ``values``
    (numbered 1). Raises ValueError for more than 12 lenders or an ``active`` that is not
    an index of the list. Without ``letter`` the file says nothing of the letter's texts.

    >>> values = {"principal": 8_000.0, "income": 9_000.0}
    >>> content = json.loads(dump_case(values, {}, [], dt.datetime(2026, 12, 1)))
    >>> content["inputs"], content["lenders"], content["active"]
    ({'income': '9000'}, [{'id': 1, 'inputs': {'principal': '8000'}}], 0)
    """
    listed = tuple(lenders) or (Lender(1),)
    if len(listed) > MAX_LOANS or not 0 <= active < len(listed):
        raise ValueError(f"{len(listed)} lenders, active {active}")
    current = listed[active]
    listed = (
        *listed[:active],
        Lender(current.id, own_values(current.values) | own_values(values)),
        *listed[active + 1 :],
    )
    content = CaseFile(
        schema_name=SCHEMA,
        version=VERSION,
        saved_at=saved_at,
        inputs=link_params(shared_values(values)),
        lenders=tuple(
            LenderInputs(id=lender.id, inputs=link_params(own_values(lender.values)))
            for lender in listed
        ),
        active=active,
        checklist=dict(checklist),
        log=tuple(log),
        letter=letter,
    )
    left_out = {"letter"} if letter is None else None
    text = content.model_dump_json(by_alias=True, indent=2, exclude=left_out)
    return text.encode("utf-8")


def load_case(data: bytes) -> Loaded | Refused:
    """Read a case file, or say why it cannot be used (it is then used not at all).

    >>> load_case(b"not json").reason
    'not_json'
    """
    if len(data) > MAX_BYTES:
        return Refused("too_large", {"limit": kilobytes(MAX_BYTES)})
    try:
        raw = json.loads(data.decode("utf-8-sig"))  # a byte-order mark is allowed
    except (UnicodeDecodeError, ValueError, RecursionError):
        return Refused("not_json")
    if not isinstance(raw, dict) or raw.get("schema") != SCHEMA:
        return Refused("not_a_case")
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return Refused("not_a_case")
    if version > VERSION:
        return Refused("newer", {"version": str(version), "supported": str(VERSION)})
    while version < VERSION:
        raw = MIGRATIONS[version](raw)
        version += 1
        raw["version"] = version
    log = raw.get("log")
    if isinstance(log, list) and len(log) > MAX_ENTRIES:  # before any is validated
        return Refused("too_many_contacts", {"count": f"{len(log):,}", "most": f"{MAX_ENTRIES:,}"})
    listed = raw.get("lenders")
    if isinstance(listed, list) and len(listed) > MAX_LOANS:  # before any is validated
        return Refused("too_many_lenders", {"count": str(len(listed)), "most": str(MAX_LOANS)})
    if listed == []:
        return Refused("no_lenders")
    try:
        content = CaseFile.model_validate(raw)
    except (ValidationError, RecursionError) as error:
        return Refused("invalid", error=error if isinstance(error, ValidationError) else None)
    if log_bytes(content.log) > LOG_MAX_BYTES:
        return Refused("log_too_large", {"limit": kilobytes(LOG_MAX_BYTES)})
    return _read_content(content)


def kilobytes(size: int) -> str:
    """A size limit as the messages give it.

    >>> kilobytes(MAX_BYTES), kilobytes(LOG_MAX_BYTES)
    ('1,000 kB', '900 kB')
    """
    return f"{size // 1_000:,} kB"


_SIZED_AT = dt.datetime(2000, 1, 1)  # any time: the log's size does not depend on it


def log_bytes(log: Sequence[ContactEntry]) -> int:
    """The bytes the contact log takes in a case file, as :func:`dump_case` writes it.

    Linear in the log's length (one dump of the log).

    >>> log_bytes(())
    0
    >>> log_bytes([ContactEntry(when=dt.datetime(2026, 12, 1, 9), said="已还款")]) > 200
    True
    """
    if not log:
        return 0
    return len(dump_case({}, {}, log, _SIZED_AT)) - len(dump_case({}, {}, (), _SIZED_AT))


def log_problem(log: Sequence[ContactEntry]) -> tuple[str, dict[str, str]] | None:
    """Why a contact log cannot be kept (a catalog key and its context), or None.

    The same limits hold for the page's form, its table and an opened file, so whatever
    is kept can be saved and whatever is saved opens again.

    >>> log_problem([ContactEntry(when=dt.datetime(2026, 12, 1, 9))] * 1_001)[0]
    'log.limit.count'
    """
    if len(log) > MAX_ENTRIES:
        return "log.limit.count", {"most": f"{MAX_ENTRIES:,}"}
    if log_bytes(log) > LOG_MAX_BYTES:
        return "log.limit.bytes", {"size": kilobytes(LOG_MAX_BYTES), "limit": kilobytes(MAX_BYTES)}
    return None


def _read_content(content: CaseFile) -> Loaded | Refused:
    """The values of a valid file, or why they cannot be used."""
    ids = [lender.id for lender in content.lenders]
    repeated = next((number for number in ids if ids.count(number) > 1), None)
    if repeated is not None:
        return Refused("same_lender", {"id": str(repeated)})
    if not 0 <= content.active < len(content.lenders):
        context = {"number": str(content.active + 1), "count": str(len(content.lenders))}
        return Refused("bad_active", context)
    shared, problems = _read_inputs(content.inputs, _SHARED_FILE_KEYS, None)
    lenders = []
    for place, listed in enumerate(content.lenders, start=1):
        own, found = _read_inputs(listed.inputs, _LENDER_FILE_KEYS, place)
        lenders.append(Lender(listed.id, own))
        problems += found
    if problems:
        return Refused("bad_values", problems=tuple(problems))
    values = shared | dict(lenders[content.active].values)
    checklist = dict(content.checklist)
    return Loaded(values, checklist, content.log, tuple(lenders), content.active, content.letter)


def _read_inputs(
    inputs: Mapping[str, str], belong: Collection[str], lender: int | None
) -> tuple[dict[str, Any], list[LinkProblem]]:
    """One part of the file's inputs read as a link is: a key that belongs in another part
    is ``misplaced``, one the tool does not know ``unknown``."""
    problems = []
    for key, text in inputs.items():
        if key not in belong:
            reason = "misplaced" if key in BY_KEY or key == LANG_PARAM.key else "unknown"
            cut = key[:MAX_TEXT_LENGTH], text[:MAX_TEXT_LENGTH]
            problems.append(LinkProblem(*cut, reason, lender=lender))
    query = {key: [text] for key, text in inputs.items() if key in belong}
    values, found = read_link(query)
    problems += [replace(problem, lender=lender) for problem in found]
    return values, problems
