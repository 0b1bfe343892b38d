"""The app's own CSS on top of Streamlit's: room for a finger on a phone, and the file
uploader's words in the page's language.

:func:`page_style` puts one ``<style>`` into the page on every run (``ui.shell.start_page``
calls it). Streamlit sends a ``st.html`` that holds only styles to its event container, so
it takes no room on the page.

On a narrow screen or a touch screen every control is at least :data:`TAP_PX` pixels high
(and wide, where it is a small square): buttons, page links, checkboxes and radios with
their labels, pills and segmented controls, tabs, expander headers, select boxes, text and
number fields with their steppers, the help icons and the sidebar's open and close
buttons. On a desktop with a mouse nothing changes.

Streamlit writes the file uploader's button, its limit line and its drop message in
English, and the limit it shows is the server's, not the case file's. Those texts are
hidden and the catalog's are shown instead, through CSS generated content: the catalog's
text goes in as a CSS string in which every character but ASCII letters, digits and
spaces is a hex escape (:func:`css_string`), so nothing in it can end the string, the
rule or the ``<style>`` element. The selectors are the uploader's ``data-testid`` names in
Streamlit 1.67 (``tests/test_browser_phone.py`` checks them in Chromium).
"""

from __future__ import annotations

import streamlit as st

from core.text import Lang, t
from ui.casefile import MAX_BYTES

TAP_PX = 44
"""The smallest side of a tap target on a phone (Apple's and WCAG's 44 CSS pixels)."""

REASON_BLOCK = "lnp-reason-"
"""Key prefix of the checklist's containers that hold a box and its reason."""

NARROW = "@media (max-width: 640px), (pointer: coarse)"
"""Phones (Streamlit's own breakpoint is 640 px) and touch screens of any width."""

_TAP_TARGETS = f"""{NARROW} {{
  [data-testid="stApp"] button {{ min-height: {TAP_PX}px; min-width: {TAP_PX}px; }}
  [data-testid="stExpandSidebarButton"] {{ width: {TAP_PX}px; height: {TAP_PX}px; }}
  [data-testid="stPageLink-NavLink"] {{
    min-height: {TAP_PX}px; display: flex; align-items: center;
  }}
  /* A one-line label centred in the 44 px; a longer one starts level with its box. */
  [data-testid="stCheckbox"] label, [data-testid="stRadio"] label {{
    min-height: {TAP_PX}px; box-sizing: border-box; padding-top: 11px; align-items: flex-start;
  }}
  [data-testid="stTab"] {{ min-height: {TAP_PX}px; min-width: {TAP_PX}px; }}
  [data-testid="stExpander"] summary {{ min-height: {TAP_PX}px; }}
  [data-testid="stApp"] input:not([type="checkbox"], [type="radio"], [type="range"], [type="file"]) {{
    min-height: {TAP_PX}px;
  }}
  /* The help icon: a 44 px square around the 16 px icon, pulled into the label's line. */
  [data-testid="stTooltipHoverTarget"] button {{
    width: {TAP_PX}px; height: {TAP_PX}px; margin: -14px -12px;
  }}
}}
"""

# Tabs that do not fit keep their width and scroll sideways (Streamlit's arrow), rather than
# shrinking until their labels run into each other on a phone.
_TABS = """
[data-testid="stTab"] { flex-shrink: 0; }
"""

# A checklist item's reason: set in under its label, close to its box.
_REASONS = f"""
[class*="st-key-{REASON_BLOCK}"] [data-testid="stCaptionContainer"] {{
  padding-left: 1.5rem;
}}
"""

_UPLOADER = """
[data-testid="stFileUploaderDropzone"] [data-testid^="stBaseButton"] [data-testid="stMarkdownContainer"] p {
  display: none;
}
[data-testid="stFileUploaderDropzone"] [data-testid^="stBaseButton"] [data-testid="stMarkdownContainer"]::after {
  content: %(button)s;
}
[data-testid="stFileUploaderDropzoneInstructions"] span { font-size: 0; white-space: normal; }
[data-testid="stFileUploaderDropzoneInstructions"] span::after {
  content: %(limit)s; font-size: 0.875rem;
}
[data-testid="stFileUploaderDropzoneInput"] + div > span { font-size: 0; }
[data-testid="stFileUploaderDropzoneInput"] + div > span::after {
  content: %(drop)s; font-size: 0.875rem;
}
"""

# Streamlit's own English where the page has no other way to say it: the skip link (shown
# when a keyboard user presses Tab) gets the catalog's words; an empty date box's mask
# ("yyyy / mm / dd", whatever the browser's language) is written in the page's language;
# the uploader's "add icon" label of its add button is not shown; a box's "Press Enter to
# apply" while typing is said in the page's language (a counter beside it is kept).
_STREAMLITS_WORDS = """
a[data-testid="stSkipToContent"] { font-size: 0; }
a[data-testid="stSkipToContent"]::after { content: %(skip)s; font-size: 1rem; }
[data-testid="stDateInput"] input::placeholder { color: transparent; }
[data-testid="stDateInput"] [role="spinbutton"][data-placeholder="true"] { font-size: 0; }
[data-testid="stDateInput"] [role="spinbutton"][data-placeholder="true"]::after {
  font-size: 1rem;
}
[data-testid="stDateInput"] [data-type="year"][data-placeholder="true"]::after {
  content: %(year)s;
}
[data-testid="stDateInput"] [data-type="month"][data-placeholder="true"]::after {
  content: %(month)s;
}
[data-testid="stDateInput"] [data-type="day"][data-placeholder="true"]::after {
  content: %(day)s;
}
[data-testid="stFileUploader"] [data-has-shortcut] > span:first-child { font-size: 0; }
[data-testid="stNumberInput"] [data-testid="InputInstructions"] > span,
[data-testid="stTextInput"] [data-testid="InputInstructions"] > span:not(:last-child),
[data-testid="stTextArea"] [data-testid="InputInstructions"] > span:not(:last-child) {
  font-size: 0;
}
[data-testid="stNumberInput"] [data-testid="InputInstructions"] > span::after,
[data-testid="stTextInput"] [data-testid="InputInstructions"] > span:not(:last-child)::after {
  content: %(enter)s; font-size: 0.75rem;
}
[data-testid="stTextArea"] [data-testid="InputInstructions"] > span:not(:last-child)::after {
  content: %(ctrl_enter)s; font-size: 0.75rem;
}
"""


def css_string(text: str) -> str:
    r"""``text`` as a quoted CSS string that cannot end early: every character but ASCII
    letters, digits and spaces becomes a hex escape (ended by a space, which CSS drops).

    >>> css_string("Up to 1 MB")
    '"Up to 1 MB"'
    >>> css_string('a"</style>')
    '"a\\22 \\3c \\2f style\\3e "'
    >>> css_string("选择")
    '"\\9009 \\62e9 "'
    """
    kept = (c if (c.isascii() and c.isalnum()) or c == " " else f"\\{ord(c):x} " for c in text)
    return '"' + "".join(kept) + '"'


def upload_limit() -> str:
    """The case file's size limit in words (``1 MB``): the one the uploader shows."""
    return f"{MAX_BYTES / 1_000_000:g} MB"


def page_css(lang: Lang) -> str:
    """The whole style sheet for a page in ``lang``."""
    uploader = _UPLOADER % {
        "button": css_string(t("upload.button", lang)),
        "limit": css_string(t("upload.limit", lang, limit=upload_limit())),
        "drop": css_string(t("upload.drop", lang)),
    }
    words = _STREAMLITS_WORDS % {
        "skip": css_string(t("page.skip", lang)),
        "year": css_string(t("date.year", lang)),
        "month": css_string(t("date.month", lang)),
        "day": css_string(t("date.day", lang)),
        "enter": css_string(t("input.press_enter", lang)),
        "ctrl_enter": css_string(t("input.press_ctrl_enter", lang)),
    }
    return _TAP_TARGETS + _TABS + _REASONS + uploader + words


def page_style(lang: Lang) -> None:
    """Put the app's style sheet into the page (once per run, from ``start_page``)."""
    st.html(f"<style>{page_css(lang)}</style>")
