"""How money and rates are written on the page, in either language."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from core.money import fen_to_yuan
from core.text import Lang, t

SENTENCE_GAP: Final[Mapping[Lang, str]] = {"zh": "", "en": " "}
"""What goes between two sentences: nothing in Chinese, a space in English."""


def sentences(lang: Lang, *parts: str) -> str:
    """Sentences of one text, joined as the language writes them.

    >>> sentences("en", "One.", "Two."), sentences("zh", "一。", "二。")
    ('One. Two.', '一。二。')
    """
    return SENTENCE_GAP[lang].join(parts)


def money(amount_fen: int) -> str:
    """Yuan with thousands separators and two decimals: ``¥12,345.67``, ``-¥5.00``."""
    sign = "-" if amount_fen < 0 else ""
    return f"{sign}¥{fen_to_yuan(abs(amount_fen)):,.2f}"


def signed_money(amount_fen: int) -> str:
    """A change in money with its sign: ``+¥1.00``, ``-¥1.00``, ``¥0.00``.

    >>> signed_money(100).replace("\u2060", ""), signed_money(-100).replace("\u2060", "")
    ('+¥1.00', '-¥1.00')
    """
    # A word joiner keeps the sign on the same line as the amount in a narrow card.
    if amount_fen > 0:
        return "+\u2060" + money(amount_fen)
    return money(amount_fen).replace("-", "-\u2060", 1)


def percent(fraction: float, lang: Lang, digits: int = 2) -> str:
    """A fraction as a percentage in the language's style: ``13.03 %`` / ``13.03%``."""
    return t("format.percent", lang, value=f"{fraction * 100:,.{digits}f}")


def yuan_number(value: float) -> str:
    """A plain yuan amount from a widget, for messages: ``12,000``."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def literal(text: str) -> str:
    """``text`` as Markdown that shows it character for character: an inline code span.

    Streamlit renders messages as Markdown, so a value from a link or a file could otherwise
    become a link, bold text, a formula or an emoji. A code span's fence is one backtick
    longer than any run of backticks inside, and line breaks become spaces. Empty text is
    shown as a pair of quotation marks.

    >>> literal("[x](http://a)"), literal("a`b"), literal("")
    ('` [x](http://a) `', '`` a`b ``', '“”')
    """
    if not text:
        return "“”"
    runs = "".join(c if c == "`" else " " for c in text).split()
    fence = "`" * (max((len(run) for run in runs), default=0) + 1)
    return f"{fence} {' '.join(text.splitlines())} {fence}"


def spreadsheet_text(text: str) -> str:
    """Text a spreadsheet shows as typed: one starting like a formula gets a quote mark.

    The starting characters are OWASP's for CSV injection (``=``, ``+``, ``-``, ``@``, tab,
    carriage return). Every CSV the app writes applies it to each text cell and header
    (:func:`ui.tables.csv_bytes`); the page shows the text as typed.

    >>> spreadsheet_text("=1+1"), spreadsheet_text("借呗")
    ("'=1+1", '借呗')
    """
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


_ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def plain(text: str) -> str:
    r"""``text`` as Markdown that reads as typed, in the surrounding font (not a code span).

    Every ASCII punctuation mark is escaped (CommonMark lets any of them be), which also
    stops Streamlit's own marks (``:emoji:``, ``:red[…]``, ``$…$``); line breaks become spaces.

    >>> print(plain("**借呗** <b>:x:"))
    \*\*借呗\*\* \<b\>\:x\:
    """
    return _ASCII_PUNCTUATION.sub(r"\\\1", " ".join(text.splitlines()))
