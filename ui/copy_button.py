"""A copy button that a phone shows: visible, labelled in the page's language, easy to tap.

``st.code``'s own copy icon appears only under a hovering mouse and says "Copy to
clipboard" in English. :func:`copy_button` draws a plain button (an ``st.components.v2``
component mounted in the page itself, so ``window.location`` is the app's own address) that
copies a text with ``navigator.clipboard.writeText``. Where the Clipboard API is missing or
refused (a page served over plain http from a LAN address is not a secure context), it
copies through a hidden, read-only text area and ``document.execCommand("copy")``. The
button then says ``done_label`` for a few seconds, or ``failed_label`` when both ways failed.

The text to copy is only ever a text area's value or the Clipboard API's argument, and the
labels are set as ``textContent``: nothing sent to the component is parsed as HTML.
``text=None`` copies the page's current address (a share link).
"""

from __future__ import annotations

import streamlit as st

from ui.style import TAP_PX

_JS = """
export default function (component) {
  const { data, parentElement } = component;
  let button = parentElement.querySelector("button.lnp-copy");
  if (!button) {
    button = document.createElement("button");
    button.type = "button";
    button.className = "lnp-copy";
    const label = document.createElement("span");
    label.setAttribute("aria-live", "polite");
    button.appendChild(label);
    parentElement.appendChild(button);
    const viaTextArea = (text) => {
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.setAttribute("aria-hidden", "true");
      area.style.cssText = "position:fixed;top:0;left:0;width:1px;height:1px;opacity:0;";
      document.body.appendChild(area);
      area.focus();
      area.select();
      area.setSelectionRange(0, text.length);
      let copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (error) {
        copied = false;
      }
      area.remove();
      button.focus();
      return copied;
    };
    const copy = (text) => {
      if (navigator.clipboard && window.isSecureContext) {
        return navigator.clipboard.writeText(text).then(
          () => true,
          () => viaTextArea(text),
        );
      }
      return Promise.resolve(viaTextArea(text));
    };
    button.addEventListener("click", () => {
      const now = button.lnpData;
      const text = now.text === null ? window.location.href : now.text;
      copy(text).then((copied) => {
        label.textContent = copied ? now.done : now.failed;
        button.dataset.state = copied ? "done" : "failed";
        clearTimeout(button.lnpTimer);
        button.lnpTimer = setTimeout(() => {
          label.textContent = button.lnpData.label;
          delete button.dataset.state;
        }, 4000);
      });
    });
  }
  const changed = !button.lnpData || button.lnpData.text !== data.text;
  button.lnpData = data;
  if (changed || !button.dataset.state) {
    clearTimeout(button.lnpTimer);
    delete button.dataset.state;
    button.firstChild.textContent = data.label;
  }
}
"""

_CSS = f"""
button.lnp-copy {{
  min-height: {TAP_PX}px;
  min-width: {TAP_PX}px;
  padding: 0.25rem 1rem;
  border: 1px solid color-mix(in srgb, currentColor 25%, transparent);
  border-radius: 0.5rem;
  background: transparent;
  color: inherit;
  font: inherit;
  cursor: pointer;
}}
button.lnp-copy:hover, button.lnp-copy:focus-visible {{ border-color: currentColor; }}
button.lnp-copy[data-state="failed"] {{ text-align: left; }}
"""

COMPONENT_NAME = "lnp_copy_button"
_COMPONENT = st.components.v2.component(COMPONENT_NAME, css=_CSS, js=_JS, isolate_styles=False)


def copy_button(
    text: str | None,
    label: str,
    done_label: str,
    key: str,
    *,
    failed_label: str = "",
) -> None:
    """A button saying ``label`` that copies ``text`` (the page's address when None), then
    says ``done_label``; ``failed_label`` if the browser refused both ways of copying."""
    _COMPONENT(
        key=key,
        data={"text": text, "label": label, "done": done_label, "failed": failed_label or label},
        width="content",
    )
