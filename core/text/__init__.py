"""Text catalogs: every user-facing string, in Simplified Chinese and English.

``t(key, lang, **values)`` looks a key up and fills its ``{placeholders}``;
``explain_validation_error(error, lang)`` turns a pydantic ``ValidationError`` from the
models into sentences a borrower understands, one per problem.
"""

from __future__ import annotations

from typing import Final, Literal

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from core.text import en, zh

Lang = Literal["zh", "en"]
LANGS: Final[tuple[Lang, ...]] = ("zh", "en")
CATALOGS: Final[dict[Lang, dict[str, str]]] = {"zh": zh.MESSAGES, "en": en.MESSAGES}

# Where a step of an error's location leads, from a container field to the model it holds.
_MODEL_OF_FIELD: Final[dict[str, str]] = {
    "loans": "loancase",
    "loan": "loan",
    "proposals": "proposal",
    "borrower": "borrower",
    "assumptions": "assumptions",
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{name}`` placeholders filled from ``values``.

    >>> t("option.proposal", "en", number=2), t("option.proposal", "zh", number=2)
    ('Proposal 2', '方案 2')
    """
    template = CATALOGS[lang][key]
    return template.format(**values) if values else template


def has_text(key: str) -> bool:
    """True when every catalog has ``key``."""
    return all(key in catalog for catalog in CATALOGS.values())


def format_number(value: object) -> str:
    """A bound or amount for a message: thousands separators, no needless decimals.

    >>> format_number(50_000_000.0), format_number(0.01), format_number("x")
    ('50,000,000', '0.01', 'x')
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) < 1 else f"{value:,.2f}"


def explain_validation_error(error: ValidationError, lang: Lang) -> list[str]:
    """One message per problem in ``error``, naming the field in the borrower's terms.

    >>> from core.models import Loan
    >>> try:
    ...     Loan(principal_yuan=-5)
    ... except ValidationError as exc:
    ...     print(explain_validation_error(exc, "en")[0])
    Principal still owed (yuan): must be more than 0.
    """
    details = error.errors(include_url=False)
    messages = []
    for detail in details:
        if detail["type"] == "too_short" and _inner_failure(detail["loc"], details):
            continue  # a list whose items failed also reports being too short: say it once
        context = {k: format_number(v) for k, v in (detail.get("ctx") or {}).items()}
        message_key = "error." + detail["type"]
        if not has_text(message_key):
            message_key = "error.generic"
        message = t(message_key, lang, **context) if context else t(message_key, lang)
        custom = detail["msg"].startswith("error.")  # ours: the message names its fields
        label = None if custom else _field_label(error.title, detail["loc"], lang)
        messages.append(
            t("error.with_field", lang, field=label, message=message) if label else message
        )
    return messages


def _inner_failure(location: tuple[int | str, ...], details: list[ErrorDetails]) -> bool:
    size = len(location)
    return any(len(d["loc"]) > size and d["loc"][:size] == location for d in details)


def _field_label(model_title: str, location: tuple[int | str, ...], lang: Lang) -> str | None:
    model = model_title.lower()
    names = [step for step in location if isinstance(step, str)]
    if not names:
        return None
    for step in names[:-1]:
        model = _MODEL_OF_FIELD.get(step, model)
    key = f"field.{model}.{names[-1]}"
    return t(key, lang) if has_text(key) else None
