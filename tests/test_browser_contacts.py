"""In a real browser, a contact whose text holds HTML and a script stays inert text.

The contact is added the way a borrower carries a case between sessions: a case file,
opened with the sidebar's uploader; the contact log page then shows its text. No script
may run, no dialog open, no element be created from it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Dialog, expect
from pytest_playwright import CreateContextCallback

from core.contacts import ContactEntry
from core.text import t
from ui.casefile import dump_case

TIMEOUT_MS = 30_000
HOSTILE = '<script>window.__owned = 1</script><img src=x onerror="window.__owned = 2">'


@pytest.mark.browser
def test_contact_text_with_a_script_tag_is_shown_as_text(
    new_context: CreateContextCallback, app_server: str, tmp_path
) -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    entry = ContactEntry(when=dt.datetime(2026, 12, 1, 10, 0), who=HOSTILE, follow_up=tomorrow)
    case = tmp_path / "case <b>1.json"
    case.write_bytes(dump_case({}, {}, [entry], dt.datetime(2026, 12, 1, 12, 0)))

    page = new_context(locale="en-US").new_page()
    page.set_default_timeout(TIMEOUT_MS)
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    page.goto(f"{app_server}/")
    page.locator('[data-testid="stMetricValue"]').first.wait_for()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(case))
    page.get_by_role("link", name=t("nav.log", "en")).click()
    expect(page.get_by_role("heading", name=t("nav.log", "en"), level=1)).to_be_visible()
    # The follow-up line shows the contact's text, character for character.
    expect(page.get_by_text(HOSTILE, exact=False)).to_be_visible()
    page.wait_for_timeout(1_000)
    assert page.evaluate("() => window.__owned") is None
    assert dialogs == []
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator("script", has_text="__owned").count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0
