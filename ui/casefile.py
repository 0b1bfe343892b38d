"""The case file: everything a borrower entered, in one JSON file they keep.

Pure Python (no Streamlit). The inputs are stored as the share link writes them, so a
file is read with the same checks as a link; the checklist and the contact log are
stored beside them. Nothing is ever written on the server: the page hands the bytes to
the browser and reads the bytes of an upload.

A file that cannot be used is refused whole, with reasons a borrower understands
(``casefile.<reason>`` in the catalogs), so that what is on screen stays as it was.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from core.contacts import MAX_ENTRIES, ContactEntry
from ui.link import LinkProblem, link_params, read_link

SCHEMA = "loan-negotiation-planner/case"
VERSION = 1
MAX_BYTES = 1_000_000
"""Far above any real case (a thousand log entries of full text are about 700 kB)."""

# Migrations from older schema versions: version n → a function that returns the data of
# version n + 1. Version 1 is the first; the first change of the format adds an entry.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


class CaseFile(BaseModel):
    """The file's content, validated."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    schema_name: Literal["loan-negotiation-planner/case"] = Field(alias="schema")
    version: int = Field(ge=1)
    saved_at: dt.datetime
    inputs: dict[str, str] = Field(default_factory=dict, max_length=200)
    checklist: dict[str, bool] = Field(default_factory=dict, max_length=200)
    log: tuple[ContactEntry, ...] = Field(default=(), max_length=MAX_ENTRIES)


@dataclass(frozen=True, slots=True)
class Loaded:
    """What a good file holds: widget values, ticked checklist items, the contact log."""

    values: dict[str, Any]
    checklist: dict[str, bool]
    log: tuple[ContactEntry, ...]


@dataclass(frozen=True, slots=True)
class Refused:
    """Why a file was refused: a catalog reason, its context, and any bad input values."""

    reason: str
    context: dict[str, str] = field(default_factory=dict)
    problems: tuple[LinkProblem, ...] = ()
    error: ValidationError | None = None


def dump_case(
    values: Mapping[str, Any],
    checklist: Mapping[str, bool],
    log: Sequence[ContactEntry],
    saved_at: dt.datetime,
) -> bytes:
    """The case file's bytes: UTF-8 JSON, readable by a person and by :func:`load_case`."""
    content = CaseFile(
        schema_name=SCHEMA,
        version=VERSION,
        saved_at=saved_at,
        inputs=link_params(values),
        checklist=dict(checklist),
        log=tuple(log),
    )
    text = content.model_dump_json(by_alias=True, indent=2)
    return text.encode("utf-8")


def load_case(data: bytes) -> Loaded | Refused:
    """Read a case file, or say why it cannot be used (it is then used not at all).

    >>> load_case(b"not json").reason
    'not_json'
    """
    if len(data) > MAX_BYTES:
        return Refused("too_large", {"limit": f"{MAX_BYTES // 1_000:,} kB"})
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
    try:
        content = CaseFile.model_validate(raw)
    except (ValidationError, RecursionError) as error:
        return Refused("invalid", error=error if isinstance(error, ValidationError) else None)
    values, problems = read_link({key: [value] for key, value in content.inputs.items()})
    if problems:
        return Refused("bad_values", problems=tuple(problems))
    return Loaded(values, dict(content.checklist), content.log)
